// u: put back what the last change altered, with the undo ChangeRunner returned for it.

import { plainError, refuse, type CommandContext } from './context.js';

export async function undoLast(ctx: CommandContext): Promise<void> {
  const entry = ctx.ui.getState().actions.popUndo();
  if (entry === undefined) {
    refuse(ctx, 'Nothing to undo: no change was made in this session.');
    return;
  }
  if (entry.undo === null) {
    refuse(ctx, `${entry.ipvsadm} cannot be undone: zeroed counters are gone.`);
    return;
  }
  const { actions } = ctx.store.getState();
  const operation = actions.beginOperation(null, `undo ${entry.ipvsadm}`);
  try {
    const applied = await ctx.runner.applyAll(entry.undo, (index) => `undo step ${index + 1}`);
    actions.endOperation(operation, { ok: true, action: `undid ${entry.ipvsadm}: ${applied.map((a) => a.ipvsadm).join('; ')}` });
    actions.clearError('action');
  } catch (error) {
    actions.endOperation(operation, { ok: false, error: `Undoing ${entry.ipvsadm} failed: ${plainError(error)}` });
  }
  await ctx.refresh().catch(() => undefined);
}
