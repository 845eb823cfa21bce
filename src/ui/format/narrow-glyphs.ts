// Every character lvstop draws is printable ASCII or one of a few glyphs one column wide, so a
// line of them is as wide as it is long and lvstop knows its width without measuring it (see
// components/Line.tsx). Text that holds anything else (a host or service name, say) may hold a
// wide or zero-width character: only Ink can measure that.

/** The glyphs lvstop draws, each one UTF-16 unit and exactly one column wide (see the test). */
export const NARROW_GLYPHS: ReadonlySet<string> = new Set('▁▂▃▄▅▆▇█▏▸▾├└─│›‹…·↑↓←→↕▲✓✗⏎⚠—');

const escaped = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
const NARROW_TEXT = new RegExp(`^[\\x20-\\x7e${[...NARROW_GLYPHS].map(escaped).join('')}]*$`);

/** The columns `text` takes; null when it holds a character of unknown width (or a control). */
export function columnsOf(text: string): number | null {
  return NARROW_TEXT.test(text) ? text.length : null;
}
