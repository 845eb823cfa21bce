import { Box, Text } from 'ink';
import { submitForm } from '../commands/forms.js';
import { serially } from '../commands/serially.js';
import { fit } from '../format/fit.js';
import { formReducer, visibleError, type FormAction, type FormSpec, type FormState } from '../forms/form-model.js';
import { useCommandContext } from '../hooks/use-command-context.js';
import { useKeypress } from '../hooks/use-keypress.js';
import { useTheme } from '../hooks/use-theme.js';
import { PRIORITY } from '../keys/dispatcher.js';
import type { KeyEvent } from '../keys/key-name.js';
import type { Modal } from '../state/ui-store.js';

type Form = Extract<Modal, { kind: 'form' }>;

const LABEL_WIDTH = 22;

/** Lines the dialog takes: border, title, one per field and one per shown reason, key help. */
export function formHeight(spec: FormSpec, state: FormState): number {
  const check = spec.check(state.values);
  const reasons = spec.fields.filter((field) => visibleError(state, check, field.id) !== null).length;
  return 2 + 1 + spec.fields.length + reasons + 1;
}

function actionFor({ input, key, name }: KeyEvent): FormAction | 'submit' | 'cancel' | null {
  switch (name) {
    case 'escape':
    case 'ctrl+c':
      return 'cancel';
    case 'enter':
      return 'submit';
    case 'tab':
    case 'down':
      return { type: 'next' };
    case 'shift+tab':
    case 'up':
      return { type: 'previous' };
    case 'left':
      return { type: 'cycle', step: -1 };
    case 'right':
      return { type: 'cycle', step: 1 };
    case 'backspace':
      return { type: 'backspace' };
    case 'ctrl+u':
      return { type: 'clear' };
    default:
      return input !== '' && !key.ctrl && !key.meta ? { type: 'type', text: input } : null;
  }
}

export function FormDialog({ modal, width }: { modal: Form; width: number }) {
  const theme = useTheme();
  const ctx = useCommandContext();
  const { spec, state, busy } = modal;
  useKeypress(
    (event) => {
      if (busy) return true;
      const action = actionFor(event);
      const ui = ctx.ui.getState().actions;
      if (action === 'cancel') {
        ui.closeModal();
        ctx.store.getState().actions.reportAction('Nothing was changed.');
      } else if (action === 'submit') {
        void serially(ctx, () => submitForm(ctx));
      } else if (action !== null) {
        ui.updateModal('form', (form) => ({ ...form, state: formReducer(form.spec, form.state, action) }));
      }
      return true;
    },
    { priority: PRIORITY.MODAL },
  );
  const check = spec.check(state.values);
  const inner = Math.max(0, width - 4);
  // The label part is the focus mark, a space and the label.
  const valueWidth = Math.max(0, inner - LABEL_WIDTH - 2);
  const rows = spec.fields.flatMap((field, index) => {
    const focused = index === state.focus && !field.fixed;
    const value = state.values[field.id] ?? '';
    const shown = field.choices !== undefined && !field.fixed ? `‹ ${value} ›` : value;
    const cursor = focused && !field.choicesOnly ? '▏' : '';
    const hint = focused && field.hint !== undefined ? `  ${field.hint}` : '';
    const error = visibleError(state, check, field.id);
    const line = (
      <Text key={field.id} wrap="truncate">
        <Text inverse={focused}>{`${focused ? '›' : ' '} ${fit(field.label, LABEL_WIDTH)}`}</Text>
        <Text dimColor={field.fixed}>{fit(` ${shown}${cursor}${hint}`, valueWidth)}</Text>
      </Text>
    );
    if (error === null) return [line];
    return [
      line,
      <Text key={`${field.id}-error`} color={theme.error} wrap="truncate">
        {fit(`  ✗ ${error}`, inner)}
      </Text>,
    ];
  });
  const help = busy ? 'Applying…' : 'Enter apply · Tab/↑↓ field · ←→ choose · Esc cancel';
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={width} height={formHeight(spec, state)}>
      <Text bold wrap="truncate">
        {fit(spec.title, inner)}
      </Text>
      {rows}
      <Text dimColor wrap="truncate">
        {fit(help, inner)}
      </Text>
    </Box>
  );
}
