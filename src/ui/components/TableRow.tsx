import { memo } from 'react';
import { Text } from 'ink';
import type { Row } from '../../store/rows.js';
import { useRow } from '../hooks/use-row.js';
import { useTheme } from '../hooks/use-theme.js';
import type { Column } from '../layout/columns.js';
import { markGlyph, rowMark, SELECTION_POINTER } from '../table/cells.js';
import { rowParts } from '../table/row-parts.js';
import { Line, type Segment } from './Line.js';
import type { Colour, Theme } from '../theme.js';
import type { Health } from '../health/server-health.js';

function healthColor(theme: Theme, health: Health, pending: boolean): Colour {
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

/** Memoised: scrolling re-renders only the rows that come into view. */
export const TableRow = memo(function TableRow({ row, last, columns }: Props) {
  const theme = useTheme();
  const sparkWidth = columns.find((c) => c.id === 'spark')?.width ?? 0;
  const { facts, selected, pending, stale, spark } = useRow(row, last, sparkWidth);
  if (facts === null) return <Text> </Text>;
  const color = healthColor(theme, facts.health, pending);
  const mark = rowMark(facts, pending, stale);
  const segments: Segment[] = [
    // Old figures are a caveat, not an alarm: the `~` is dim.
    { text: markGlyph(mark), color, dimColor: mark === 'stale' },
    { text: selected ? SELECTION_POINTER : ' ', color },
  ];
  for (const part of rowParts(columns, facts, spark)) {
    if (part.kind === 'name') segments.push({ text: part.text, color, bold: row.kind === 'service' });
    else if (part.kind === 'spark') segments.push({ text: part.text, color: theme.accent });
    else segments.push({ text: part.text });
  }
  return <Line segments={segments} inverse={selected} />;
});
