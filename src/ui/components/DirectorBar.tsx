import { Box } from 'ink';
import { directorLines } from '../director/director-lines.js';
import { useHostStats } from '../hooks/use-host-stats.js';
import { useLvs } from '../hooks/use-lvs.js';
import { useTheme } from '../hooks/use-theme.js';
import { Line } from './Line.js';

export function DirectorBar({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const host = useHostStats();
  const live = useLvs((state) => state.live);
  const lines = directorLines(host, live, width, height);
  return (
    <Box flexDirection="column" height={height}>
      {lines.map((line, index) => (
        <Line key={index} segments={[{ text: line.text, bold: index === 0, color: line.tone === 'warning' ? theme.warning : undefined }]} />
      ))}
    </Box>
  );
}
