// Fixed-width cells. Every line lvstop draws is built to the exact terminal width from these,
// so nothing wraps: a wrapped line would push the screen down and break the redraw. The UI
// only uses characters one column wide, so a string's length is its width.

export type Align = 'left' | 'right';

/** `text` cut or padded to exactly `width` columns; a cut shows "…" in the last column. */
export function fit(text: string, width: number, align: Align = 'left'): string {
  if (width <= 0) return '';
  if (text.length > width) return width === 1 ? '…' : `${text.slice(0, width - 1)}…`;
  return align === 'left' ? text.padEnd(width) : text.padStart(width);
}

/**
 * Parts joined with `separator` while they fit in `width`; the parts that do not fit are left
 * out (not cut), so a bar of facts degrades by dropping the least important ones at the end.
 */
export function joinWithin(parts: readonly string[], width: number, separator = '  '): string {
  let line = '';
  for (const part of parts) {
    if (part === '') continue;
    const next = line === '' ? part : `${line}${separator}${part}`;
    if (next.length > width) break;
    line = next;
  }
  return line;
}
