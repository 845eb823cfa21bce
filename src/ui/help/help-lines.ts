// The help overlay's lines, generated from the key table.

import { KEY_TABLE } from '../keys/key-table.js';

export interface HelpLine {
  key: string;
  description: string;
  disabled: boolean;
}

export function helpLines(readOnly: boolean): HelpLine[] {
  return KEY_TABLE.map((binding) => ({
    key: binding.label,
    description: binding.dangerous && readOnly ? `${binding.description} (disabled: --read-only)` : binding.description,
    disabled: binding.dangerous && readOnly,
  }));
}
