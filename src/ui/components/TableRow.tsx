import { Text } from 'ink';
import type { Row } from '../../store/rows.js';
import { useHistory } from '../hooks/use-history.js';
import { useRow } from '../hooks/use-row.js';
import { useTheme } from '../hooks/use-theme.js';
import type { Column } from '../layout/columns.js';
import { sparkline } from '../format/sparkline.js';
import { cellText, markerOf } from '../table/cells.js';
import type { Theme } from '../theme.js';
import type { Health } from '../health/server-health.js';

function healthColor(theme: Theme, health: Health, pending: boolean): string | undefined {
  if (pending) return theme.pending;
  if (health === 'draining') return theme.draining;
  if (health === 'down') return theme.down;
  if (health === 'over') return theme.over;
  return undefined;
}

interface Props {
  row: Row;
  /** Last server of its service (drawn with └). */
  last: boolean;
  columns: readonly Column[];
}

export function TableRow({ row, last, columns }: Props) {
  const theme = useTheme();
  const { facts, selected, pending } = useRow(row, last);
  const sparkWidth = columns.find((c) => c.id === 'spark')?.width ?? 0;
  const { samples } = useHistory(row.id, sparkWidth);
  if (facts === null) return <Text> </Text>;
  const color = healthColor(theme, facts.health, pending);
  return (
    <Text inverse={selected} wrap="truncate">
      <Text color={color}>{markerOf(facts, pending, selected)}</Text>
      {columns.map((column, index) => {
        const gap = index === 0 ? '' : ' ';
        if (column.id === 'spark') {
          return (
            <Text key={column.id} color={theme.accent}>
              {gap}
              {sparkline(samples, column.width)}
            </Text>
          );
        }
        const isName = column.id === 'name';
        return (
          <Text key={column.id} color={isName ? color : undefined} bold={isName && row.kind === 'service'}>
            {gap}
            {cellText(column, facts)}
          </Text>
        );
      })}
    </Text>
  );
}
