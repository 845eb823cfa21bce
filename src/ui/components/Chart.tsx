import { Box } from 'ink';
import { barChart } from '../format/sparkline.js';
import { fit } from '../format/fit.js';
import { human } from '../format/units.js';
import { useTheme } from '../hooks/use-theme.js';
import { Line } from './Line.js';

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
          <Line
            key={index}
            segments={[
              { text: `${fit(label, AXIS, 'right')}│`, dimColor: true },
              { text: row, color: theme.accent },
            ]}
          />
        );
      })}
    </Box>
  );
}
