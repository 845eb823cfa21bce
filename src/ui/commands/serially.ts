// Changes run one at a time, each reading the table as the previous one left it: pressing +
// three times gives +3, not three edits from the same stale weight.

import type { CommandContext } from './context.js';

const queues = new WeakMap<object, Promise<unknown>>();

export function serially(ctx: CommandContext, work: () => Promise<unknown> | unknown): Promise<void> {
  const previous = queues.get(ctx.store) ?? Promise.resolve();
  const next = previous.then(work, work).then(
    () => undefined,
    () => undefined,
  );
  queues.set(ctx.store, next);
  return next;
}

/** Resolves when every queued change has finished (tests, quitting). */
export function idle(ctx: Pick<CommandContext, 'store'>): Promise<unknown> {
  return queues.get(ctx.store) ?? Promise.resolve();
}
