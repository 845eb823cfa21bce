import { useState } from 'react';
import { Box, Text } from 'ink';
import { fit } from '../format/fit.js';
import { helpLines } from '../help/help-lines.js';
import { useKeypress } from '../hooks/use-keypress.js';
import { useServices } from '../hooks/use-services.js';
import { PRIORITY } from '../keys/dispatcher.js';

const KEY_WIDTH = 11;

/** Every key of the key table, then the row markers; Esc, ? or q closes, ↑↓ scroll when it does not fit. */
export function HelpOverlay({ width, height }: { width: number; height: number }) {
  const { ui, readOnly } = useServices();
  const [scroll, setScroll] = useState(0);
  const lines = helpLines(readOnly);
  const room = Math.max(1, height - 1);
  const maxScroll = Math.max(0, lines.length - room);
  useKeypress(
    ({ name }) => {
      if (name === 'escape' || name === '?' || name === 'q' || name === 'enter') ui.getState().actions.closeModal();
      else if (name === 'down' || name === 'j') setScroll((s) => Math.min(maxScroll, s + 1));
      else if (name === 'up' || name === 'k') setScroll((s) => Math.max(0, s - 1));
      else if (name === 'pagedown') setScroll((s) => Math.min(maxScroll, s + room));
      else if (name === 'pageup') setScroll((s) => Math.max(0, s - room));
      else if (name === 'ctrl+c') ui.getState().actions.closeModal();
      return true;
    },
    { priority: PRIORITY.MODAL },
  );
  const title = `Keys${readOnly ? ' (read-only: the dimmed ones are disabled)' : ''} — Esc, ? or q closes${maxScroll > 0 ? ', ↑↓ scroll' : ''}`;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold inverse wrap="truncate">
        {fit(` ${title}`, width)}
      </Text>
      {lines.slice(scroll, scroll + room).map((line) => (
        <Text key={`${line.kind} ${line.key}`} dimColor={line.disabled} bold={line.kind === 'heading'} wrap="truncate">
          {fit(line.kind === 'heading' ? ` ${line.key}: ${line.description}` : `  ${fit(line.key, KEY_WIDTH)} ${line.description}`, width)}
        </Text>
      ))}
    </Box>
  );
}
