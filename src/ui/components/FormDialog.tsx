import type { ReactElement } from 'react';
import { Box, Text } from 'ink';
import { submitForm } from '../commands/forms.js';
import { serially } from '../commands/serially.js';
import { fit } from '../format/fit.js';
import { choicesOf, formReducer, hintOf, isShown, visibleError, type FormAction, type FormSpec, type FormState } from '../forms/form-model.js';
import { useCommandContext } from '../hooks/use-command-context.js';
import { useKeypress } from '../hooks/use-keypress.js';
import { useTheme } from '../hooks/use-theme.js';
import { PRIORITY } from '../keys/dispatcher.js';
import type { KeyEvent } from '../keys/key-name.js';
import type { Modal } from '../state/ui-store.js';

type Form = Extract<Modal, { kind: 'form' }>;

const LABEL_WIDTH = 22;

/** Border, title and key help around the field lines. */
const FRAME_LINES = 4;

/** Lines the dialog wants: border, title, one per shown field and one per shown reason, key help. */
export function formHeight(spec: FormSpec, state: FormState): number {
  const check = spec.check(state.values);
  const shown = spec.fields.filter((field) => isShown(field, state.values));
  const reasons = shown.filter((field) => visibleError(state, check, field.id) !== null).length;
  return FRAME_LINES + shown.length + reasons;
}

/** The first of `total` lines to show in `room` so the focused field's lines stay in view. */
function firstShownLine(total: number, room: number, focusFirst: number, focusLines: number): number {
  if (total <= room) return 0;
  const centred = focusFirst - Math.floor((room - focusLines) / 2);
  return Math.max(0, Math.min(total - room, centred));
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

/** `height`: the lines there are; when the fields do not fit they scroll with the focus. */
export function FormDialog({ modal, width, height }: { modal: Form; width: number; height: number }) {
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
  const rows: ReactElement[] = [];
  let focusFirst = 0;
  let focusLines = 1;
  spec.fields.forEach((field, index) => {
    if (!isShown(field, state.values)) return;
    const focused = index === state.focus && !field.fixed;
    const typed = state.values[field.id] ?? '';
    const value = typed === '' && field.emptyText !== undefined ? field.emptyText : typed;
    const shown = choicesOf(field, state.values) !== undefined && !field.fixed ? `‹ ${value} ›` : value;
    const cursor = focused && !field.choicesOnly ? '▏' : '';
    const fieldHint = focused ? hintOf(field, state.values) : undefined;
    const hint = fieldHint === undefined ? '' : `  ${fieldHint}`;
    const error = visibleError(state, check, field.id);
    if (focused) [focusFirst, focusLines] = [rows.length, error === null ? 1 : 2];
    rows.push(
      <Text key={field.id} wrap="truncate">
        <Text inverse={focused}>{`${focused ? '›' : ' '} ${fit(field.label, LABEL_WIDTH)}`}</Text>
        <Text dimColor={field.fixed}>{fit(` ${shown}${cursor}${hint}`, valueWidth)}</Text>
      </Text>,
    );
    if (error !== null) {
      rows.push(
        <Text key={`${field.id}-error`} color={theme.error} wrap="truncate">
          {fit(`  ✗ ${error}`, inner)}
        </Text>,
      );
    }
  });
  const boxHeight = Math.min(formHeight(spec, state), Math.max(height, FRAME_LINES + 1));
  const room = boxHeight - FRAME_LINES;
  const first = firstShownLine(rows.length, room, focusFirst, focusLines);
  const scrolled = rows.length > room ? '↕ more fields · ' : '';
  const help = busy ? 'Applying…' : `${scrolled}Enter apply · Tab/↑↓ field · ←→ choose · Esc cancel`;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.accent} paddingX={1} width={width} height={boxHeight}>
      <Text bold wrap="truncate">
        {fit(spec.title, inner)}
      </Text>
      {rows.slice(first, first + room)}
      <Text dimColor wrap="truncate">
        {fit(help, inner)}
      </Text>
    </Box>
  );
}
