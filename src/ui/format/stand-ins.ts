// Ink measures every text node's width on every frame with string-width, and a line holding
// any non-ASCII character takes its slow path (grapheme segmentation, emoji tests) over the
// whole line: ~50x the ASCII cost, most of a frame at 200 columns. So a line is handed to Ink
// with ASCII stand-ins for its glyphs (blocks, box drawing, arrows: all one column wide), and
// the glyphs are put back as the line is written out, after measuring.

/** The glyphs lvstop draws, each exactly one column wide (see the test). */
export const NARROW_GLYPHS: ReadonlySet<string> = new Set('▁▂▃▄▅▆▇█▏▸▾├└─│›‹…·↑↓←→↕▲✓✗⏎⚠—');

// Printable ASCII that no colour escape (ESC [ digits ; : m) contains, so putting glyphs back
// never touches the escapes Ink adds around coloured parts.
const STAND_INS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).filter((c) => !/[0-9;:[m]/.test(c));

export interface StandInLine {
  /** The parts with stand-ins in place of glyphs. */
  parts: string[];
  /** Puts the glyphs back into a written line; null when the parts are ASCII already, or cannot be stood in for. */
  restore: ((line: string) => string) | null;
}

export function withStandIns(parts: readonly string[]): StandInLine {
  const unchanged: StandInLine = { parts: [...parts], restore: null };
  const used = new Set<string>();
  const glyphs: string[] = [];
  for (const part of parts) {
    for (const char of part) {
      if (char <= '~') used.add(char);
      else if (!NARROW_GLYPHS.has(char)) return unchanged; // of unknown width: Ink must measure it
      else if (!glyphs.includes(char)) glyphs.push(char);
    }
  }
  if (glyphs.length === 0) return unchanged;
  const free = STAND_INS.filter((c) => !used.has(c));
  if (free.length < glyphs.length) return unchanged;
  const standIn = new Map(glyphs.map((glyph, i) => [glyph, free[i]!]));
  const glyphOf = new Map(glyphs.map((glyph, i) => [free[i]!, glyph]));
  const standIns = new RegExp(`[${glyphs.map((_, i) => `\\x${free[i]!.charCodeAt(0).toString(16)}`).join('')}]`, 'g');
  return {
    parts: parts.map((part) => part.replace(/[^\x00-\x7e]/g, (char) => standIn.get(char) ?? char)),
    restore: (line) => line.replace(standIns, (char) => glyphOf.get(char) ?? char),
  };
}
