// The `:` line's history, as a shell keeps it: every line entered, newest last, a repeated
// line moved to the end rather than kept twice, and a bound on how many are kept. Walking it
// with ↑/↓ keeps what was being typed (and edits to recalled lines) until the line is entered.

/** How many lines are kept, in memory and on disk. */
export const HISTORY_LIMIT = 200;
/** Longer lines (a stray paste) are not worth keeping. */
export const MAX_LINE_LENGTH = 1000;

/** The history with `line` added as the newest. */
export function remember(entries: readonly string[], line: string, limit = HISTORY_LIMIT): string[] {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > MAX_LINE_LENGTH) return [...entries];
  return [...entries.filter((entry) => entry !== trimmed), trimmed].slice(-limit);
}

export interface HistoryWalk {
  /** The entry shown; null while on the line being typed. */
  at: number | null;
  /** The line being typed before the walk started. */
  draft: string;
  /** Recalled entries as edited meanwhile, by index (the history itself is not changed). */
  edits: Readonly<Record<number, string>>;
}

export const NO_WALK: HistoryWalk = { at: null, draft: '', edits: {} };

/** One step older (↑) or newer (↓) from `text`; null when there is nothing further that way. */
export function walkHistory(entries: readonly string[], walk: HistoryWalk, text: string, older: boolean): { walk: HistoryWalk; text: string } | null {
  const from = walk.at ?? entries.length;
  const to = older ? from - 1 : from + 1;
  if (to < 0 || to > entries.length || entries.length === 0) return null;
  const kept = walk.at === null ? { ...walk, draft: text } : { ...walk, edits: { ...walk.edits, [walk.at]: text } };
  if (to === entries.length) return { walk: { ...kept, at: null }, text: kept.draft };
  return { walk: { ...kept, at: to }, text: kept.edits[to] ?? entries[to] ?? '' };
}
