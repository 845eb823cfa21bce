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

/** The state marker and the selection pointer before the name: meaning without colour. */
export function markerOf(facts: RowFacts, pending: boolean, selected: boolean): string {
  return `${stateMarker(facts, pending)}${selected ? '›' : ' '}`;
}

function stateMarker(facts: RowFacts, pending: boolean): string {
  if (pending) return '…';
  switch (facts.health) {
    case 'draining':
      return '↓';
    case 'down':
      return '✗';
    case 'over':
      return '▲';
    default:
      return ' ';
  }
}
