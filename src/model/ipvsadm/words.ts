import { Refusal } from './errors.js';

/**
 * Splits one line of ipvsadm syntax into words. `ipvsadm -R` splits on spaces, tabs and
 * carriage returns only, and so does this; on top of that (for lines typed into lvstop) it
 * takes '...' and "..." quotes and backslash escapes as a shell would, and drops a comment
 * from a word starting with "#" (ipvsadm -R itself refuses comments). A leading "ipvsadm"
 * word is dropped, as ipvsadm -R drops it.
 */
export function splitLine(line: string): string[] {
  const words: string[] = [];
  let current: string | null = null;
  let quote: '"' | "'" | null = null;

  for (let index = 0; index < line.length; index += 1) {
    const char = line[index] as string;
    if (quote !== null) {
      if (char === quote) {
        quote = null;
      } else if (char === '\\' && quote === '"' && index + 1 < line.length) {
        index += 1;
        current += line[index] as string;
      } else {
        current += char;
      }
    } else if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      if (current !== null) words.push(current);
      current = null;
    } else if (char === '#' && current === null) {
      break;
    } else if (char === "'" || char === '"') {
      quote = char;
      current ??= '';
    } else if (char === '\\' && index + 1 < line.length) {
      index += 1;
      current = (current ?? '') + (line[index] as string);
    } else {
      current = (current ?? '') + char;
    }
  }
  if (quote !== null) throw new Refusal(line.trim(), `the ${quote} quote is not closed`);
  if (current !== null) words.push(current);

  const first = words[0];
  if (first === 'ipvsadm' || first?.endsWith('/ipvsadm')) words.shift();
  return words;
}
