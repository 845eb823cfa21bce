// The help overlay's lines: the keys, generated from the key table, then what the markers
// before a row say, from the table of marks.

import { KEY_TABLE } from '../keys/key-table.js';
import { ROW_MARKS, SELECTION_POINTER } from '../table/cells.js';

export interface HelpLine {
  kind: 'key' | 'heading' | 'mark';
  /** The key or the marker; unique among the lines. */
  key: string;
  description: string;
  disabled: boolean;
}

export function helpLines(readOnly: boolean): HelpLine[] {
  const keys = KEY_TABLE.map((binding): HelpLine => ({
    kind: 'key',
    key: binding.label,
    description: binding.dangerous && readOnly ? `${binding.description} (disabled: --read-only)` : binding.description,
    disabled: binding.dangerous && readOnly,
  }));
  const marks = [...Object.values(ROW_MARKS), { glyph: SELECTION_POINTER, meaning: 'the selection' }].map(
    ({ glyph, meaning }): HelpLine => ({ kind: 'mark', key: glyph, description: meaning, disabled: false }),
  );
  return [...keys, { kind: 'heading', key: 'Row markers', description: 'what the colour says, in a glyph', disabled: false }, ...marks];
}
