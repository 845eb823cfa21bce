import { Text, Transform } from 'ink';
import { columnsOf } from '../format/narrow-glyphs.js';
import { paintCut, paintLine, type LineStyle, type Segment } from '../format/paint.js';

export type { Segment };

interface Props extends LineStyle {
  segments: readonly Segment[];
}

// Ink 6.8 keeps every distinct text it measures in a Map it never clears (ink#986), and a live
// table's lines change every second: a screen left open would grow without end. So Ink is given
// blanks as wide as the line to measure and lay out (one string per width: a bounded set), and
// the line itself replaces them as it is written out. Measuring blanks is also string-width's
// fast path, where any glyph in a line would send the whole line down its slow one.

/** The columns of the line; null when a character's width is unknown. */
function columnsOfLine(segments: readonly Segment[]): number | null {
  let columns = 0;
  for (const segment of segments) {
    const width = columnsOf(segment.text);
    if (width === null) return null;
    columns += width;
  }
  return columns;
}

const plain = (segment: Segment) => segment.color === undefined && !segment.bold && !segment.dimColor && !segment.strikethrough;

/** One screen line, already fitted to the width, in styled segments. */
export function Line({ segments, ...style }: Props) {
  const columns = columnsOfLine(segments);
  if (columns === null) {
    // A character of unknown width: Ink must measure the line itself.
    return (
      <Text wrap="truncate" {...style}>
        {segments.map((segment, index) =>
          plain(segment) ? (
            segment.text
          ) : (
            <Text key={index} color={segment.color} bold={segment.bold} dimColor={segment.dimColor} strikethrough={segment.strikethrough}>
              {segment.text}
            </Text>
          ),
        )}
      </Text>
    );
  }
  const painted = paintLine(segments, style);
  // Ink hands over fewer blanks only where a box is narrower than the line, which callers do
  // not let happen (test/unit/ui/text-fits.test.tsx checks every screen): the line would then
  // show cut as wrap="truncate" cuts it, and the rows Ink wrapped the other blanks onto empty.
  const paint = (row: string, index: number) => (row.length >= columns ? painted : index === 0 ? paintCut(segments, style, row.length) : '');
  // A screen reader is given the text itself (Ink then measures it, as before).
  return (
    <Transform transform={paint} accessibilityLabel={segments.map((segment) => segment.text).join('')}>
      {' '.repeat(columns)}
    </Transform>
  );
}
