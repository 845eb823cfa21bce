import { useEffect } from 'react';
import { Box, Text } from 'ink';
import { selectVisibleRows } from '../../store/selectors.js';
import { useLvs } from '../hooks/use-lvs.js';
import { useServices } from '../hooks/use-services.js';
import type { Column } from '../layout/columns.js';
import { TableHeader } from './TableHeader.js';
import { TableRow } from './TableRow.js';

interface Props {
  columns: readonly Column[];
  /** Rows shown below the header. */
  height: number;
}

/** The header and the rows on screen only (windowed from the store's scrollTop). */
export function ServicesTable({ columns, height }: Props) {
  const { store } = useServices();
  const rows = useLvs(selectVisibleRows);
  const scrollTop = useLvs((state) => state.scrollTop);
  const filter = useLvs((state) => state.filter);
  const hasReading = useLvs((state) => state.live !== null);

  // Paging and the poller's choice of services follow what is on screen.
  useEffect(() => {
    store.getState().actions.setPageSize(height);
  }, [store, height]);

  const shown = rows.slice(scrollTop, scrollTop + height);
  const empty = !hasReading ? 'Reading IPVS…' : filter !== '' ? `No service matches "${filter}" (Esc in / clears the filter).` : 'No virtual services. A adds one.';
  return (
    <Box flexDirection="column" height={height + 1}>
      <TableHeader columns={columns} />
      {shown.length === 0 ? <Text wrap="truncate">{`  ${empty}`}</Text> : null}
      {shown.map((row, index) => {
        const next = shown[index + 1] ?? rows[scrollTop + index + 1];
        const last = row.kind === 'server' && (next === undefined || next.kind !== 'server' || next.serviceId !== row.serviceId);
        return <TableRow key={row.id} row={row} last={last} columns={columns} />;
      })}
    </Box>
  );
}
