import { Text } from 'ink';
import { runCommandLine } from '../commands/command-line.js';
import { serially } from '../commands/serially.js';
import { fit } from '../format/fit.js';
import { useCommandContext } from '../hooks/use-command-context.js';
import { useKeypress } from '../hooks/use-keypress.js';
import { PRIORITY } from '../keys/dispatcher.js';
import type { Prompt } from '../state/ui-store.js';

const LEADERS = { filter: '/', command: ':' } as const;

/**
 * The filter (/) or command (:) line being typed. The filter applies as it is typed (Enter
 * keeps it, Esc clears it); the command runs on Enter (Esc drops it).
 */
export function PromptLine({ prompt, width }: { prompt: Prompt; width: number }) {
  const ctx = useCommandContext();
  useKeypress(
    ({ input, key, name }) => {
      const ui = ctx.ui.getState().actions;
      const store = ctx.store.getState().actions;
      const setText = (text: string) => {
        ui.setPrompt({ ...prompt, text });
        if (prompt.kind === 'filter') store.setFilter(text);
      };
      if (name === 'escape') {
        ui.setPrompt(null);
        if (prompt.kind === 'filter') store.setFilter('');
      } else if (name === 'enter') {
        ui.setPrompt(null);
        if (prompt.kind === 'command') void serially(ctx, () => runCommandLine(ctx, prompt.text));
      } else if (name === 'backspace') {
        setText(prompt.text.slice(0, -1));
      } else if (name === 'ctrl+u') {
        setText('');
      } else if (input !== '' && !key.ctrl && !key.meta) {
        setText(prompt.text + input.replace(/[\r\n\t]/g, ''));
      }
      // Every key belongs to the prompt while it is open.
      return true;
    },
    { priority: PRIORITY.PROMPT },
  );
  const hint = prompt.kind === 'filter' ? '  (Enter keeps, Esc clears)' : '  (ipvsadm syntax; Enter runs, Esc cancels)';
  const line = `${LEADERS[prompt.kind]}${prompt.text}▏`;
  return <Text>{fit(line.length + hint.length <= width ? line + hint : line.length <= width ? line : `…${line.slice(line.length - width + 1)}`, width)}</Text>;
}
