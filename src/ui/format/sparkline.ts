// Sparklines and the detail chart from history samples. NaN (unknown: an entity's first
// reading, a counter reset) is drawn as a gap rather than as zero.

const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;
// Partial blocks for the chart's top cell, by eighths (index 0 = empty).
const EIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

function maxOf(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? Number.NaN;
    if (Number.isFinite(value) && value > max) max = value;
  }
  return max;
}

/**
 * One character per sample, newest on the right, right-aligned in `width` (fewer samples than
 * columns leave blanks on the left). Scaled to the largest sample shown; all zero is all ▁.
 */
export function sparkline(values: ArrayLike<number>, width: number): string {
  if (width <= 0) return '';
  const count = Math.min(values.length, width);
  const start = values.length - count;
  const max = maxOf(Array.prototype.slice.call(values, start) as number[]);
  let line = ' '.repeat(width - count);
  for (let i = start; i < values.length; i++) {
    const value = values[i] ?? Number.NaN;
    if (!Number.isFinite(value)) {
      line += ' ';
      continue;
    }
    const level = max <= 0 ? 0 : Math.round((Math.max(0, value) / max) * (LEVELS.length - 1));
    line += LEVELS[level] ?? '▁';
  }
  return line;
}

/**
 * A bar chart `height` rows tall, one column per sample (newest on the right), in eighth-block
 * resolution. Returns the rows top first, each exactly `width` long, and the scale's maximum.
 */
export function barChart(values: ArrayLike<number>, width: number, height: number): { rows: string[]; max: number } {
  const count = Math.max(0, Math.min(values.length, width));
  const start = values.length - count;
  const shown = Array.prototype.slice.call(values, start) as number[];
  const max = maxOf(shown);
  const rows: string[] = [];
  for (let row = 0; row < height; row++) {
    // Eighths below this row's bottom edge.
    const floor = (height - 1 - row) * 8;
    let line = ' '.repeat(Math.max(0, width - count));
    for (const value of shown) {
      if (!Number.isFinite(value) || max <= 0) {
        line += row === height - 1 && Number.isFinite(value) ? '▁' : ' ';
        continue;
      }
      const eighths = Math.max(value > 0 ? 1 : 0, Math.round((value / max) * height * 8));
      const here = Math.min(8, Math.max(0, eighths - floor));
      line += EIGHTHS[here] ?? ' ';
    }
    rows.push(line);
  }
  return { rows, max };
}
