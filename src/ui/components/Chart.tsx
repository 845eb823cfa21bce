import { Box, Text } from 'ink';
import { barChart } from '../format/sparkline.js';
import { fit } from '../format/fit.js';
import { human } from '../format/units.js';
import { useTheme } from '../hooks/use-theme.js';

const AXIS = 6;

/** A bar chart with its scale on the left: the maximum at the top, 0 at the bottom. */
export function Chart({ samples, width, height }: { samples: ArrayLike<number>; width: number; height: number }) {
  const theme = useTheme();
  if (height <= 0) return null;
  const { rows, max } = barChart(samples, Math.max(0, width - AXIS - 1), height);
  return (
    <Box flexDirection="column">
      {rows.map((row, index) => {
        const label = index === 0 ? human(max) : index === rows.length - 1 ? '0' : '';
        return (
          <Text key={index} wrap="truncate">
            <Text dimColor>{`${fit(label, AXIS, 'right')}│`}</Text>
            <Text color={theme.accent}>{row}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
