// The footer, generated from the key table: the keys that apply to the selected row, in the
// table's order, as many as fit.

import { KEY_TABLE, type KeyBinding } from '../keys/key-table.js';

export interface Hint {
  text: string;
  disabled: boolean;
}

// Always shown, at the end: how to learn the rest and how to leave.
const ALWAYS = new Set(['help', 'quit']);

export function footerHints(onServer: boolean, hasRow: boolean, readOnly: boolean, width: number): Hint[] {
  const applies = (binding: KeyBinding) => binding.context === 'any' || (binding.context === 'row' ? hasRow : onServer);
  const hintOf = (binding: KeyBinding): Hint => ({ text: `${binding.hintLabel ?? binding.label} ${binding.hint}`, disabled: binding.dangerous && readOnly });
  const last = KEY_TABLE.filter((b) => b.hint !== undefined && ALWAYS.has(b.action)).map(hintOf);
  const hints: Hint[] = [];
  let used = last.reduce((sum, hint) => sum + hint.text.length + 2, 0);
  for (const binding of KEY_TABLE) {
    if (binding.hint === undefined || ALWAYS.has(binding.action) || !applies(binding)) continue;
    const hint = hintOf(binding);
    if (used + hint.text.length + 2 > width) continue;
    hints.push(hint);
    used += hint.text.length + 2;
  }
  const all = [...hints, ...last];
  // Too narrow even for the two: keep what fits.
  while (all.map((h) => h.text).join('  ').length > width && all.length > 0) all.shift();
  return all;
}
