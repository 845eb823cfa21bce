// Every change made from the TUI goes through here and then ChangeRunner: shown as pending on
// its row, echoed as its ipvsadm command (or its failure in plain words) in the status line,
// pushed on the undo stack, followed by an immediate re-read.

import type { Applied, ApplyOptions } from '../../actions/runner.js';
import type { Change } from '../../actions/change.js';
import { errors } from '../../ipvs/errors.js';
import { formatCommand } from '../../model/ipvsadm/index.js';
import { plainError, refuse, type CommandContext } from './context.js';

export interface RunChangeOptions extends ApplyOptions {
  /** The row it acts on, shown as pending meanwhile. */
  targetId?: string | null;
  /** After the kernel took it (e.g. remember a drained weight); its failure is reported, the change stands. */
  onApplied?(applied: Applied): Promise<void> | void;
}

/** Applies one change; true when it was applied. Never throws. */
export async function runChange(ctx: CommandContext, change: Change, options: RunChangeOptions = {}): Promise<boolean> {
  const { actions } = ctx.store.getState();
  if (ctx.readOnly) {
    refuse(ctx, errors.readOnly().message);
    return false;
  }
  const operation = actions.beginOperation(options.targetId ?? null, formatCommand(change));
  let applied: Applied;
  try {
    applied = await ctx.runner.apply(change, options.expect === undefined ? {} : { expect: options.expect });
  } catch (error) {
    actions.endOperation(operation, { ok: false, error: plainError(error) });
    return false;
  }
  ctx.ui.getState().actions.pushUndo({ ipvsadm: applied.ipvsadm, undo: applied.undo });
  let warning: string | null = null;
  try {
    await options.onApplied?.(applied);
  } catch (error) {
    warning = plainError(error);
  }
  actions.clearError('action');
  actions.endOperation(operation, { ok: true, action: applied.ipvsadm });
  if (warning !== null) actions.reportError(`${applied.ipvsadm} was applied, but: ${warning}`);
  await ctx.refresh().catch(() => undefined);
  return true;
}
