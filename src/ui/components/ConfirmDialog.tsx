import { Box, Text } from 'ink';
import { fit } from '../format/fit.js';
import { useKeypress } from '../hooks/use-keypress.js';
import { useServices } from '../hooks/use-services.js';
import { useTheme } from '../hooks/use-theme.js';
import { PRIORITY } from '../keys/dispatcher.js';
import type { Modal } from '../state/ui-store.js';

type Confirm = Extract<Modal, { kind: 'confirm' }>;

/** Lines the dialog takes, border included. */
export function confirmHeight(modal: Confirm): number {
  return modal.lines.length + 4;
}

/** y confirms; n, N, Esc (or anything else) keeps things as they are. */
export function ConfirmDialog({ modal, width }: { modal: Confirm; width: number }) {
  const theme = useTheme();
  const { ui, store } = useServices();
  useKeypress(
    ({ name }) => {
      const actions = ui.getState().actions;
      actions.closeModal();
      if (name === 'y' || name === 'Y') modal.onConfirm();
      else store.getState().actions.reportAction('Nothing was changed.');
      return true;
    },
    { priority: PRIORITY.MODAL },
  );
  const inner = Math.max(0, width - 4);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={theme.warning} paddingX={1} width={width} height={confirmHeight(modal)}>
      <Text bold wrap="truncate">
        {fit(modal.title, inner)}
      </Text>
      {modal.lines.map((line, index) => (
        <Text key={index} wrap="truncate" dimColor={index === modal.lines.length - 1}>
          {fit(line, inner)}
        </Text>
      ))}
      <Text wrap="truncate">{fit(`y ${modal.confirmLabel} · n or Esc: keep it`, inner)}</Text>
    </Box>
  );
}
