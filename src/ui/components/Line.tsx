import { Text, Transform } from 'ink';
import { withStandIns } from '../format/stand-ins.js';

export interface Segment {
  text: string;
  color?: string | undefined;
  bold?: boolean;
  dimColor?: boolean;
  strikethrough?: boolean;
}

interface Props {
  segments: readonly Segment[];
  inverse?: boolean;
  bold?: boolean;
  underline?: boolean;
  dimColor?: boolean;
}

const plain = (segment: Segment) => segment.color === undefined && !segment.bold && !segment.dimColor && !segment.strikethrough;

/**
 * One screen line, already fitted to the width, in styled segments. Ink measures it as ASCII
 * and gets its glyphs back when it writes the line out (see format/stand-ins.ts).
 */
export function Line({ segments, ...style }: Props) {
  const { parts, restore } = withStandIns(segments.map((segment) => segment.text));
  const text = (
    <Text wrap="truncate" {...style}>
      {segments.map((segment, index) =>
        plain(segment) ? (
          parts[index]
        ) : (
          <Text key={index} color={segment.color} bold={segment.bold} dimColor={segment.dimColor} strikethrough={segment.strikethrough}>
            {parts[index]}
          </Text>
        ),
      )}
    </Text>
  );
  return restore === null ? text : <Transform transform={restore}>{text}</Transform>;
}
