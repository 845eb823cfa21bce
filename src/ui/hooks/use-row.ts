import { useMemo } from 'react';
import type { Row } from '../../store/rows.js';
import { selectRowView, type RowView } from '../table/row-view.js';
import { useLvs } from './use-lvs.js';

/** One row's view through one narrow selector: it re-renders when what it shows changed. */
export function useRow(row: Row, last: boolean, sparkWidth: number): RowView {
  const selector = useMemo(() => selectRowView(row, last, sparkWidth), [row.id, row.serviceId, row.kind, last, sparkWidth]);
  return useLvs(selector);
}
