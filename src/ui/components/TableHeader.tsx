import type { SortColumn, SortDirection } from '../../store/sort.js';
import { fit } from '../format/fit.js';
import { MARKER_WIDTH, type Column, type ColumnId } from '../layout/columns.js';
import { shortMetricName } from '../detail/metric-names.js';
import { useLvs } from '../hooks/use-lvs.js';
import { Line } from './Line.js';

// Which column shows which sort key (the sort can be on a column the width left out).
const SORTED_BY: Partial<Record<SortColumn, ColumnId>> = {
  address: 'name',
  scheduler: 'mode',
  active: 'active',
  inactive: 'inactive',
  cps: 'cps',
  inPps: 'inPps',
  outPps: 'outPps',
  inBps: 'inBps',
  outBps: 'outBps',
};

function headerText(column: Column, sortColumn: SortColumn, direction: SortDirection, metric: string): string {
  const arrow = direction === 'asc' ? '↑' : '↓';
  const base = column.id === 'spark' ? metric : column.header;
  const sorted = SORTED_BY[sortColumn] === column.id;
  return fit(sorted ? (column.align === 'right' ? `${arrow}${base}` : `${base}${arrow}`) : base, column.width, column.align);
}

export function TableHeader({ columns }: { columns: readonly Column[] }) {
  const sort = useLvs((state) => state.sort);
  const metric = useLvs((state) => state.metric);
  const line = ' '.repeat(MARKER_WIDTH) + columns.map((c) => headerText(c, sort.column, sort.direction, `▁▃▇ ${shortMetricName(metric)}`)).join(' ');
  return <Line segments={[{ text: line }]} bold underline />;
}
