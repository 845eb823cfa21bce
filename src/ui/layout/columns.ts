// The services table's columns for a given width: the most useful ones first, so 80 columns
// keep address, weight, share, connections, CPS and a sparkline, and a wide terminal gains the
// packet and byte rates and flags. Left-over width goes to the name, then to the sparkline.

import type { Align } from '../format/fit.js';

export type ColumnId =
  | 'name'
  | 'mode'
  | 'flags'
  | 'weight'
  | 'share'
  | 'active'
  | 'inactive'
  | 'cps'
  | 'inPps'
  | 'outPps'
  | 'inBps'
  | 'outBps'
  | 'spark';

export interface Column {
  id: ColumnId;
  header: string;
  width: number;
  align: Align;
  /** Lower comes first when space is short. */
  priority: number;
}

// In display order.
const SPECS: readonly Column[] = [
  { id: 'name', header: 'SERVICE / SERVER', width: 22, align: 'left', priority: 0 },
  { id: 'mode', header: 'MODE', width: 5, align: 'left', priority: 5 },
  { id: 'flags', header: 'FLAGS', width: 6, align: 'left', priority: 12 },
  { id: 'weight', header: 'WGT', width: 5, align: 'right', priority: 1 },
  { id: 'share', header: 'W%/C%', width: 7, align: 'right', priority: 6 },
  { id: 'active', header: 'ACT', width: 6, align: 'right', priority: 2 },
  { id: 'inactive', header: 'INACT', width: 6, align: 'right', priority: 7 },
  { id: 'cps', header: 'CPS', width: 5, align: 'right', priority: 3 },
  { id: 'inPps', header: 'INPPS', width: 6, align: 'right', priority: 10 },
  { id: 'outPps', header: 'OUTPPS', width: 6, align: 'right', priority: 11 },
  { id: 'inBps', header: 'IN B/s', width: 6, align: 'right', priority: 8 },
  { id: 'outBps', header: 'OUTB/s', width: 6, align: 'right', priority: 9 },
  { id: 'spark', header: 'HISTORY', width: 8, align: 'left', priority: 4 },
];

const NAME_MAX = 44;
/** The marker column (draining, down ...) before the name. */
export const MARKER_WIDTH = 2;

/** Columns that fit in `width` (one space between columns), each with its final width. */
export function columnsFor(width: number): Column[] {
  const chosen = new Set<ColumnId>();
  let used = MARKER_WIDTH;
  for (const spec of [...SPECS].sort((a, b) => a.priority - b.priority)) {
    const cost = spec.width + (chosen.size === 0 ? 0 : 1);
    if (used + cost > width) continue;
    chosen.add(spec.id);
    used += cost;
  }
  const columns = SPECS.filter((spec) => chosen.has(spec.id)).map((spec) => ({ ...spec }));
  let spare = Math.max(0, width - used);
  const name = columns.find((c) => c.id === 'name');
  if (name !== undefined) {
    // A name narrower than the terminal allows would be cut: squeeze it to fit.
    if (used > width) name.width = Math.max(4, name.width - (used - width));
    const grow = Math.min(spare, NAME_MAX - name.width);
    name.width += Math.max(0, grow);
    spare -= Math.max(0, grow);
  }
  const spark = columns.find((c) => c.id === 'spark');
  if (spark !== undefined) spark.width += spare;
  else if (name !== undefined) name.width += spare;
  return columns;
}
