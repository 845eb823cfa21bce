// A line styled the way Ink's <Text> styles it, for lines whose text Ink never sees (see
// components/Line.tsx): the same chalk (Ink's own copy, so the same colour level, --no-color
// and FORCE_COLOR included) and the styles in the same order, so the same escapes reach the
// terminal.

import chalk, { type ForegroundColorName } from 'chalk';

/** A run of a line in one style. */
export interface Segment {
  text: string;
  color?: ForegroundColorName | undefined;
  bold?: boolean;
  dimColor?: boolean;
  strikethrough?: boolean;
}

/** Styles of a whole line, over those of its segments. */
export interface LineStyle {
  inverse?: boolean;
  bold?: boolean;
  underline?: boolean;
  dimColor?: boolean;
}

type Style = Omit<Segment, 'text'> & LineStyle;

// In the order of Ink 6.8's Text: dim, colour, bold, underline, strikethrough, inverse.
function styled(text: string, style: Style): string {
  let out = text;
  if (style.dimColor) out = chalk.dim(out);
  if (style.color !== undefined) out = chalk[style.color](out);
  if (style.bold) out = chalk.bold(out);
  if (style.underline) out = chalk.underline(out);
  if (style.strikethrough) out = chalk.strikethrough(out);
  if (style.inverse) out = chalk.inverse(out);
  return out;
}

/** The line as Ink writes <Text {...style}> holding a <Text> per styled segment. */
export function paintLine(segments: readonly Segment[], style: LineStyle): string {
  return styled(segments.map((segment) => styled(segment.text, segment)).join(''), style);
}

/**
 * The line cut to `width` columns as Ink's wrap="truncate" cuts it: the last column kept
 * becomes "…", in the style of the character before it. Every character counts one column
 * (format/narrow-glyphs.ts).
 */
export function paintCut(segments: readonly Segment[], style: LineStyle, width: number): string {
  if (width <= 0) return '';
  let room = width - 1;
  const kept: Segment[] = [];
  for (const segment of segments) {
    if (room <= 0) break;
    if (segment.text === '') continue;
    kept.push({ ...segment, text: segment.text.slice(0, room) });
    room -= segment.text.length;
  }
  const last = kept.pop();
  kept.push(last === undefined ? { text: '…' } : { ...last, text: `${last.text}…` });
  return paintLine(kept, style);
}
