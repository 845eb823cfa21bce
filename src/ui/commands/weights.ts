// d, r, +, -, w: weight changes of the selected real server. Draining remembers the old weight
// (in the store's drain tracker for the detail pane, and in the drain memory file so
// `lvstop undrain` and later runs can restore it); bringing a server back forgets it.

import { destinationConfigOf } from '../../actions/before.js';
import type { Applied } from '../../actions/runner.js';
import { describeDestination } from '../../ipvs/describe.js';
import { MAX_WEIGHT } from '../../ipvs/validate.js';
import { serviceKeyOf, weightForm } from '../forms/server-form.js';
import { openForm } from './open-form.js';
import { refuse, selectedServer, type CommandContext, type SelectedServer } from './context.js';
import { runChange } from './run-change.js';

/** Keeps the drain bookkeeping in step with a weight change that was applied. */
export async function afterWeightChange(ctx: CommandContext, selected: SelectedServer, before: number, after: number): Promise<void> {
  const memory = ctx.drainMemory;
  const key = serviceKeyOf(selected.service);
  if (after === 0 && before > 0) {
    ctx.store.getState().actions.markDrained(selected.serverId, before);
    await memory?.remember(key, selected.server, before);
  } else if (after > 0 && before === 0) {
    await memory?.forget(key, selected.server);
  }
}

function weightOf(applied: Applied): number | null {
  return applied.change.kind === 'edit-destination' ? applied.change.destination.weight : null;
}

/** Bookkeeping for a form that edits a server (w, e). */
export function weightFollowUp(ctx: CommandContext, selected: SelectedServer) {
  return async (applied: Applied) => {
    const weight = weightOf(applied);
    if (weight !== null) await afterWeightChange(ctx, selected, selected.server.weight, weight);
  };
}

export async function setWeight(ctx: CommandContext, selected: SelectedServer, weight: number): Promise<boolean> {
  const { actions } = ctx.store.getState();
  const draining = weight === 0 && selected.server.weight > 0 && !ctx.readOnly;
  // Marked before the change goes out: a reading that lands while it is still running must
  // not take lvstop's own drain for someone else's.
  if (draining) actions.markDrained(selected.serverId, selected.server.weight, true);
  const applied = await runChange(
    ctx,
    { kind: 'edit-destination', service: serviceKeyOf(selected.service), destination: { ...destinationConfigOf(selected.server), weight } },
    {
      expect: destinationConfigOf(selected.server),
      targetId: selected.serverId,
      onApplied: () => afterWeightChange(ctx, selected, selected.server.weight, weight),
    },
  );
  if (draining && !applied) actions.unmarkDrained(selected.serverId);
  return applied;
}

export async function drain(ctx: CommandContext): Promise<void> {
  const selected = selectedServer(ctx);
  if (selected === null) return;
  if (selected.server.weight === 0) {
    refuse(ctx, `${describeDestination(selected.server)} already has weight 0: it is drained.`);
    return;
  }
  await setWeight(ctx, selected, 0);
}

export async function restore(ctx: CommandContext): Promise<void> {
  const selected = selectedServer(ctx);
  if (selected === null) return;
  const name = describeDestination(selected.server);
  if (selected.server.weight > 0) {
    refuse(ctx, `${name} is not drained: its weight is ${selected.server.weight}.`);
    return;
  }
  let weight = ctx.store.getState().actions.rememberedWeight(selected.serverId);
  if (weight === null && ctx.drainMemory !== null) {
    try {
      weight = await ctx.drainMemory.recall(serviceKeyOf(selected.service), selected.server);
    } catch {
      weight = null;
    }
  }
  if (weight === null || weight <= 0) {
    refuse(ctx, `No remembered weight for ${name} (it was already at 0 when lvstop first saw it); set one with w.`);
    return;
  }
  await setWeight(ctx, selected, weight);
}

export async function stepWeight(ctx: CommandContext, step: 1 | -1): Promise<void> {
  const selected = selectedServer(ctx);
  if (selected === null) return;
  const weight = selected.server.weight + step;
  if (weight < 0) {
    refuse(ctx, `${describeDestination(selected.server)} already has weight 0.`);
    return;
  }
  if (weight > MAX_WEIGHT) {
    refuse(ctx, `The weight cannot go above ${MAX_WEIGHT}.`);
    return;
  }
  await setWeight(ctx, selected, weight);
}

export function openWeightForm(ctx: CommandContext): void {
  const selected = selectedServer(ctx);
  if (selected === null) return;
  openForm(ctx, { ...weightForm(selected.service, selected.server, selected.serverId), onApplied: weightFollowUp(ctx, selected) });
}
