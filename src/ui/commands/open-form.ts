import { initialFormState, type FormSpec } from '../forms/form-model.js';
import type { CommandContext } from './context.js';

export function openForm(ctx: CommandContext, spec: FormSpec): void {
  ctx.ui.getState().actions.openModal({ kind: 'form', spec, state: initialFormState(spec), busy: false });
}
