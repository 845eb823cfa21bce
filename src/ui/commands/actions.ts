// What each key of the key table does, and the checks every key passes first: dangerous keys
// are refused under --read-only, and keys that act on a row need the right row selected.

import { isServerId } from '../../model/identity.js';
import type { ActionId, KeyBinding } from '../keys/key-table.js';
import { openConnections } from './connections.js';
import { refuse, report, type CommandContext } from './context.js';
import { askDelete, askZeroAll, zeroSelected } from './delete.js';
import { openAddServer, openAddService, openEdit } from './forms.js';
import { serially } from './serially.js';
import { undoLast } from './undo.js';
import { drain, openWeightForm, restore, stepWeight } from './weights.js';

type Command = (ctx: CommandContext) => unknown;

const navigate =
  (type: 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom' | 'expand' | 'collapse' | 'toggle'): Command =>
  (ctx) =>
    ctx.store.getState().actions.navigate({ type });

export const COMMANDS: Readonly<Record<ActionId, Command>> = {
  up: navigate('up'),
  down: navigate('down'),
  pageUp: navigate('pageUp'),
  pageDown: navigate('pageDown'),
  top: navigate('top'),
  bottom: navigate('bottom'),
  toggle: navigate('toggle'),
  expand: navigate('expand'),
  collapse: navigate('collapse'),
  filter: (ctx) => ctx.ui.getState().actions.setPrompt({ kind: 'filter', text: ctx.store.getState().filter }),
  sortNext: (ctx) => ctx.store.getState().actions.nextSort(),
  sortReverse: (ctx) => ctx.store.getState().actions.reverseSort(),
  metric: (ctx) => ctx.store.getState().actions.nextMetric(),
  drain,
  restore,
  weightUp: (ctx) => stepWeight(ctx, 1),
  weightDown: (ctx) => stepWeight(ctx, -1),
  weightExact: openWeightForm,
  addServer: openAddServer,
  addService: openAddService,
  edit: openEdit,
  delete: askDelete,
  zero: zeroSelected,
  zeroAll: askZeroAll,
  undo: undoLast,
  connections: openConnections,
  command: (ctx) => ctx.ui.getState().actions.setPrompt({ kind: 'command', text: '' }),
  pause: (ctx) => {
    const { paused, actions } = ctx.store.getState();
    actions.setPaused(!paused);
    report(ctx, paused ? 'Polling resumed.' : 'Polling paused: the table holds still; p resumes.');
  },
  help: (ctx) => ctx.ui.getState().actions.openModal({ kind: 'help', scroll: 0 }),
  quit: (ctx) => ctx.quit(),
};

/** Why this key cannot act now, or null when it can. */
export function refusalFor(ctx: CommandContext, binding: KeyBinding): string | null {
  if (binding.dangerous && ctx.readOnly) {
    return `${binding.label} (${binding.hint ?? binding.description}) is disabled: lvstop is running with --read-only, so nothing can be changed.`;
  }
  const { selection } = ctx.store.getState();
  if (binding.context === 'row' && selection === null) return `${binding.label} needs a selected row, and the table is empty.`;
  if (binding.context === 'server' && (selection === null || !isServerId(selection))) {
    return `${binding.label} works on a real server: expand a service with Enter and select one of its servers.`;
  }
  return null;
}

/** Runs a key's command; changes run one at a time (see serially). */
export function runAction(ctx: CommandContext, binding: KeyBinding): Promise<void> {
  const refusal = refusalFor(ctx, binding);
  if (refusal !== null) {
    refuse(ctx, refusal);
    return Promise.resolve();
  }
  const command = COMMANDS[binding.action];
  if (binding.dangerous) return serially(ctx, () => command(ctx));
  return Promise.resolve(command(ctx)).then(() => undefined);
}
