// Editing one line of text with a cursor, with the keys a shell's line editor has: ←/→,
// Home/End (Ctrl-A/E), Backspace, Ctrl-U/K (delete to the start/end), Ctrl-W (delete a word).

export interface LineEdit {
  text: string;
  cursor: number;
}

/** The line after the key, or null when the key does not edit lines. */
export function editLine(line: LineEdit, name: string, input: string, plain: boolean): LineEdit | null {
  const { text, cursor } = line;
  const before = text.slice(0, cursor);
  const after = text.slice(cursor);
  switch (name) {
    case 'left':
      return { text, cursor: Math.max(0, cursor - 1) };
    case 'right':
      return { text, cursor: Math.min(text.length, cursor + 1) };
    case 'home':
    case 'ctrl+a':
      return { text, cursor: 0 };
    case 'end':
    case 'ctrl+e':
      return { text, cursor: text.length };
    case 'backspace':
      return cursor === 0 ? line : { text: before.slice(0, -1) + after, cursor: cursor - 1 };
    case 'ctrl+u':
      return { text: after, cursor: 0 };
    case 'ctrl+k':
      return { text: before, cursor };
    case 'ctrl+w': {
      const kept = before.replace(/\S*\s*$/, '');
      return { text: kept + after, cursor: kept.length };
    }
    default: {
      if (!plain || input === '') return null;
      const typed = input.replace(/[\r\n\t]/g, '');
      return { text: before + typed + after, cursor: cursor + typed.length };
    }
  }
}

/**
 * The line as drawn in `width` columns, the cursor a bar: cut ends are marked with … and the
 * cut moves so the cursor stays in view.
 */
export function lineView(leader: string, line: LineEdit, width: number): string {
  const full = `${leader}${line.text.slice(0, line.cursor)}▏${line.text.slice(line.cursor)}`;
  if (full.length <= width) return full;
  const at = leader.length + line.cursor;
  // Room for the character after the cursor before the cut mark.
  const start = Math.max(0, Math.min(at - width + 3, full.length - width));
  let shown = full.slice(start, start + width);
  if (start > 0) shown = `…${shown.slice(1)}`;
  if (start + width < full.length) shown = `${shown.slice(0, -1)}…`;
  return shown;
}
