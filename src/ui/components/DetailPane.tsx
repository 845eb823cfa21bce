import { useMemo } from 'react';
import { Box, Text } from 'ink';
import { isServerId, serviceIdOf } from '../../model/identity.js';
import { selectDrain, selectServer, selectService } from '../../store/selectors.js';
import type { LvsState } from '../../store/state.js';
import { serverLines, serviceLines, type DetailLine } from '../detail/detail-lines.js';
import { metricName } from '../detail/metric-names.js';
import { fit } from '../format/fit.js';
import { healthIn, type Health } from '../health/server-health.js';
import { useHistory } from '../hooks/use-history.js';
import { useLvs } from '../hooks/use-lvs.js';
import { useTheme } from '../hooks/use-theme.js';
import type { Colour, Theme } from '../theme.js';
import { Chart } from './Chart.js';
import { Line } from './Line.js';

function toneColor(theme: Theme, tone: DetailLine['tone']): Colour {
  switch (tone) {
    case 'draining':
      return theme.draining;
    case 'down':
      return theme.down;
    case 'over':
      return theme.over;
    case 'ok':
      return theme.ok;
    default:
      return undefined;
  }
}

const AXIS_AND_GAP = 7;

/** A title followed by a line to the full width. */
function rule(title: string, width: number): string {
  return title.length >= width ? fit(title, width) : title + '─'.repeat(width - title.length);
}

/** The selected row: what it is, its state or drain progress, and a chart of the metric. */
export function DetailPane({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const selection = useLvs((state) => state.selection);
  const serviceId = selection === null ? null : serviceIdOf(selection);
  const selectors = useMemo(
    () => ({
      service: serviceId === null ? () => undefined : selectService(serviceId),
      server: selection === null || !isServerId(selection) ? () => undefined : selectServer(selection),
      drain: selection === null || !isServerId(selection) ? () => null : selectDrain(selection),
      health: (state: LvsState) => (state.live === null || serviceId === null ? null : healthIn(state.live, serviceId)),
    }),
    [selection, serviceId],
  );
  const service = useLvs(selectors.service);
  const server = useLvs(selectors.server);
  const drain = useLvs(selectors.drain);
  const health = useLvs(selectors.health);
  const { samples, metric } = useHistory(selection, Math.max(0, width - AXIS_AND_GAP));

  let lines: DetailLine[] = [];
  if (service !== undefined && selection !== null) {
    if (server !== undefined) {
      lines = serverLines(service, server, health?.shares.get(selection) ?? null, health?.health.get(selection) ?? 'ok', drain);
    } else {
      const counts = new Map<Health, number>();
      for (const h of health?.health.values() ?? []) counts.set(h, (counts.get(h) ?? 0) + 1);
      lines = serviceLines(service, counts);
    }
  }
  const chartHeight = Math.max(0, height - 1 - lines.length);
  return (
    <Box flexDirection="column" height={height}>
      <Line segments={[{ text: rule(`─ ${metricName(metric)}, last ${samples.length} readings `, width), dimColor: true }]} />
      {lines.map((line, index) => (
        <Line key={index} segments={[{ text: fit(line.text, width).trimEnd(), bold: line.tone === 'title', color: toneColor(theme, line.tone) }]} />
      ))}
      {selection === null ? <Text> Nothing selected.</Text> : <Chart samples={samples} width={width} height={chartHeight} />}
    </Box>
  );
}
