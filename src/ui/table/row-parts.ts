// A table row as a few strings, one per style: the name (coloured by health), the plain
// columns run together, and the sparkline. Few parts mean few Ink text nodes to lay out and
// draw on every frame, rather than one per column.

import type { Column } from '../layout/columns.js';
import { cellText } from './cells.js';
import type { RowFacts } from './row-facts.js';

export interface RowPart {
  kind: 'name' | 'plain' | 'spark';
  text: string;
}

/**
 * The row's columns in order, adjacent plain columns merged; one space between columns. The
 * sparkline comes drawn (see row-view.ts), as wide as its column.
 */
export function rowParts(columns: readonly Column[], facts: RowFacts, spark: string): RowPart[] {
  const parts: RowPart[] = [];
  columns.forEach((column, index) => {
    const gap = index === 0 ? '' : ' ';
    const kind = column.id === 'name' ? 'name' : column.id === 'spark' ? 'spark' : 'plain';
    const text = gap + (kind === 'spark' ? spark : cellText(column, facts));
    const previous = parts.at(-1);
    if (kind === 'plain' && previous?.kind === 'plain') previous.text += text;
    else parts.push({ kind, text });
  });
  return parts;
}
