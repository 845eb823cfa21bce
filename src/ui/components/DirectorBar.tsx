import { Box, Text } from 'ink';
import { directorLines } from '../director/director-lines.js';
import { useHostStats } from '../hooks/use-host-stats.js';
import { useLvs } from '../hooks/use-lvs.js';
import { useTheme } from '../hooks/use-theme.js';

export function DirectorBar({ width, height }: { width: number; height: number }) {
  const theme = useTheme();
  const host = useHostStats();
  const live = useLvs((state) => state.live);
  const lines = directorLines(host, live, width, height);
  return (
    <Box flexDirection="column" height={height}>
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate" bold={index === 0} color={line.tone === 'warning' ? theme.warning : undefined}>
          {line.text}
        </Text>
      ))}
    </Box>
  );
}
