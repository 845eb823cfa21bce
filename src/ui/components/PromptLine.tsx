import { Text } from 'ink';
import { enterCommandLine } from '../commands/command-line.js';
import { fit } from '../format/fit.js';
import { useCommandContext } from '../hooks/use-command-context.js';
import { useKeypress } from '../hooks/use-keypress.js';
import { PRIORITY } from '../keys/dispatcher.js';
import { NO_WALK, walkHistory } from '../../model/command-history.js';
import { editLine, lineView, type LineEdit } from '../state/line-edit.js';
import type { Prompt } from '../state/ui-store.js';

const LEADERS = { filter: '/', command: ':' } as const;
const OLDER = new Set(['up', 'ctrl+p']);
const NEWER = new Set(['down', 'ctrl+n']);

const lineOf = (prompt: Prompt): LineEdit => ({ text: prompt.text, cursor: prompt.cursor ?? prompt.text.length });

/**
 * The filter (/) or command (:) line being typed, edited as a shell's line is. The filter
 * applies as it is typed (Enter keeps it, Esc clears it); the command runs on Enter (Esc
 * drops it), and ↑/↓ walk the commands entered before.
 */
export function PromptLine({ prompt: shownPrompt, width }: { prompt: Prompt; width: number }) {
  const ctx = useCommandContext();
  useKeypress(
    ({ input, key, name }) => {
      // The store's prompt, not the rendered one: keys may come faster than frames.
      const prompt = ctx.ui.getState().prompt ?? shownPrompt;
      const ui = ctx.ui.getState().actions;
      const store = ctx.store.getState().actions;
      if (name === 'escape') {
        ui.setPrompt(null);
        if (prompt.kind === 'filter') store.setFilter('');
      } else if (name === 'enter') {
        ui.setPrompt(null);
        if (prompt.kind === 'command') void enterCommandLine(ctx, prompt.text);
      } else if (prompt.kind === 'command' && (OLDER.has(name) || NEWER.has(name))) {
        const step = walkHistory(ctx.ui.getState().commandHistory, prompt.walk ?? NO_WALK, prompt.text, OLDER.has(name));
        if (step !== null) ui.setPrompt({ ...prompt, text: step.text, cursor: step.text.length, walk: step.walk });
      } else {
        const edited = editLine(lineOf(prompt), name, input, !key.ctrl && !key.meta);
        if (edited !== null) {
          ui.setPrompt({ ...prompt, text: edited.text, cursor: edited.cursor });
          if (prompt.kind === 'filter' && edited.text !== prompt.text) store.setFilter(edited.text);
        }
      }
      // Every key belongs to the prompt while it is open.
      return true;
    },
    { priority: PRIORITY.PROMPT },
  );
  const hint = shownPrompt.kind === 'filter' ? '  (Enter keeps, Esc clears)' : '  (ipvsadm syntax; ↑↓ history, Enter runs, Esc cancels)';
  const shown = lineView(LEADERS[shownPrompt.kind], lineOf(shownPrompt), width);
  return <Text>{fit(shown.length + hint.length <= width ? shown + hint : shown, width)}</Text>;
}
