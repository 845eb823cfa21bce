// Opening forms and submitting them. A form's change goes through runChange with the values
// the form opened with as `expect`; while it runs the form stays open (busy), and it closes
// only when the change was applied, so a refusal can be corrected in place.

import { describeService } from '../../ipvs/describe.js';
import { formReducer } from '../forms/form-model.js';
import { serverForm } from '../forms/server-form.js';
import { serviceForm } from '../forms/service-form.js';
import { plainError, refuse, selectedServer, selectedService, type CommandContext } from './context.js';
import { runChange } from './run-change.js';
import { openForm } from './open-form.js';
import { weightFollowUp } from './weights.js';

export async function submitForm(ctx: CommandContext): Promise<void> {
  const modal = ctx.ui.getState().modal;
  if (modal?.kind !== 'form' || modal.busy) return;
  const { spec } = modal;
  const check = spec.check(modal.state.values);
  const ui = ctx.ui.getState().actions;
  if (check.change === null) {
    ui.updateModal('form', (form) => ({ ...form, state: formReducer(spec, form.state, { type: 'submit' }) }));
    return;
  }
  ui.updateModal('form', (form) => ({ ...form, busy: true }));
  const applied = await runChange(ctx, check.change, {
    ...(spec.expect === undefined ? {} : { expect: spec.expect }),
    targetId: spec.targetId,
    ...(spec.onApplied === undefined ? {} : { onApplied: spec.onApplied }),
  });
  if (applied) ui.closeModal();
  else ui.updateModal('form', (form) => ({ ...form, busy: false }));
}

export function openAddServer(ctx: CommandContext): void {
  const selected = selectedService(ctx);
  if (selected === null) return;
  openForm(ctx, serverForm({ service: selected.service, serviceId: selected.id, targetId: selected.id }));
}

async function schedulersOf(ctx: CommandContext): Promise<string[] | null> {
  try {
    return await ctx.backend.schedulers();
  } catch (error) {
    refuse(ctx, `Cannot list the schedulers: ${plainError(error)}`);
    return null;
  }
}

export async function openAddService(ctx: CommandContext): Promise<void> {
  const schedulers = await schedulersOf(ctx);
  if (schedulers === null) return;
  const existing = new Set(ctx.store.getState().live?.services.keys() ?? []);
  openForm(ctx, serviceForm({ schedulers, existing }));
}

export async function openEdit(ctx: CommandContext): Promise<void> {
  const server = selectedServer(ctx);
  if (server !== null) {
    const spec = serverForm({ service: server.service, serviceId: server.id, current: server.server, targetId: server.serverId });
    openForm(ctx, { ...spec, onApplied: weightFollowUp(ctx, server) });
    return;
  }
  const selected = selectedService(ctx);
  if (selected === null) return;
  const schedulers = await schedulersOf(ctx);
  if (schedulers === null) return;
  // Keep the scheduler the service has even if the list lacks it, so opening does not refuse.
  const choices = schedulers.includes(selected.service.scheduler) ? schedulers : [...schedulers, selected.service.scheduler];
  const spec = serviceForm({ schedulers: choices, existing: new Set(), current: selected.service, currentId: selected.id });
  openForm(ctx, { ...spec, title: `Edit service ${describeService(selected.service)}` });
}
