// A row's facts as fixed-width cell strings, one per column.

import { fit } from '../format/fit.js';
import { human } from '../format/units.js';
import type { Column } from '../layout/columns.js';
import type { RowFacts } from './row-facts.js';

function shareText(facts: RowFacts): string {
  if (facts.share === null) return '';
  const weight = facts.share.weight === null ? '-' : Math.round(facts.share.weight).toString();
  const conns = facts.share.connections === null ? '-' : Math.round(facts.share.connections).toString();
  return `${weight}/${conns}`;
}

function rate(facts: RowFacts, key: 'cps' | 'inPps' | 'outPps' | 'inBps' | 'outBps'): string {
  return facts.rates === null ? '-' : human(facts.rates[key]);
}

/** The cell of one column (the sparkline column is drawn by the caller). */
export function cellText(column: Column, facts: RowFacts): string {
  const text = (() => {
    switch (column.id) {
      case 'name':
        return facts.name;
      case 'mode':
        return facts.mode;
      case 'flags':
        return facts.flags;
      case 'weight':
        return human(facts.weight);
      case 'share':
        return shareText(facts);
      case 'active':
        return human(facts.active);
      case 'inactive':
        return human(facts.inactive);
      case 'cps':
      case 'inPps':
      case 'outPps':
      case 'inBps':
      case 'outBps':
        return rate(facts, column.id);
      case 'spark':
        return '';
    }
  })();
  return fit(text, column.width, column.align);
}

/** What the marker before a row's name can say; one at a time, the first that applies. */
export type RowMark = 'pending' | 'draining' | 'down' | 'over' | 'stale';

/** Each mark's glyph and meaning (the help lists them from here). */
export const ROW_MARKS: Readonly<Record<RowMark, { glyph: string; meaning: string }>> = {
  pending: { glyph: '…', meaning: 'a change to it is on its way' },
  draining: { glyph: '↓', meaning: 'draining: weight 0, its connections ending' },
  down: { glyph: '✗', meaning: "down: weight but no new connections while its siblings get them" },
  over: { glyph: '▲', meaning: "taking more than its weight's share of new connections" },
  stale: { glyph: '~', meaning: 'real server figures from an earlier reading (servers read in turns)' },
};

/** The selection pointer, after the mark. */
export const SELECTION_POINTER = '›';

/**
 * The row's mark, if any. A change on its way and a server's health say more than the age of
 * its figures; a stale server still shows its service's `~` on the row above it.
 */
export function rowMark(facts: RowFacts, pending: boolean, stale: boolean): RowMark | null {
  if (pending) return 'pending';
  if (facts.health !== 'ok') return facts.health;
  return stale ? 'stale' : null;
}

/** The mark's glyph, or a blank: meaning without colour. */
export function markGlyph(mark: RowMark | null): string {
  return mark === null ? ' ' : ROW_MARKS[mark].glyph;
}
