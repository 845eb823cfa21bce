// What the history keeps, and how many entries get one sample per reading (see history.ts).

import { BlockRings } from './block-rings.js';

/** What the sparklines and the chart can show (the store's SPARK_METRICS), nothing more. */
export const HISTORY_METRICS = ['cps', 'activeConns', 'inBps', 'outBps', 'inPps'] as const;
export type HistoryMetric = (typeof HISTORY_METRICS)[number];
export const METRIC_COUNT = HISTORY_METRICS.length;

export const METRIC_INDEX: Readonly<Record<HistoryMetric, number>> = {
  cps: 0,
  activeConns: 1,
  inBps: 2,
  outBps: 3,
  inPps: 4,
};

export interface HistoryOptions {
  /** Readings kept. */
  fineCapacity: number;
  /** Readings averaged into one coarse sample (the poller's rotation period). */
  coarseEvery: number;
  /** Most entries kept at one sample per reading at once; the others keep coarse samples. */
  maxFineEntries: number;
}

export const DEFAULT_HISTORY_OPTIONS: Readonly<HistoryOptions> = {
  fineCapacity: 600,
  coarseEvery: 10,
  maxFineEntries: Number.POSITIVE_INFINITY,
};

export function fineRings(options: HistoryOptions): BlockRings {
  return new BlockRings(options.fineCapacity, METRIC_COUNT);
}

// Enough closed buckets to cover fineCapacity readings back from any open bucket. Fewer, larger
// blocks than the fine rings: 4 of 15 samples (2.5 min) cost 84 B per metric, 10 of 6 cost 108.
export function coarseRings(options: HistoryOptions): BlockRings {
  return new BlockRings(Math.ceil(options.fineCapacity / options.coarseEvery), METRIC_COUNT, 4);
}

/** Bytes in typed arrays per entry: its ring (one or the other), and what every entry has. */
export function historyBytesPerEntry(options: HistoryOptions = DEFAULT_HISTORY_OPTIONS): {
  coarse: number;
  fine: number;
  each: number;
} {
  // first, last recorded, carried, fine and coarse slots; sums, counts, the two newest.
  const each = 5 * 4 + METRIC_COUNT * (4 + 1 + 8);
  return { coarse: coarseRings(options).slotBytes, fine: fineRings(options).slotBytes, each };
}

export const DEFAULT_HISTORY_BUDGET_BYTES = 48 * 1024 * 1024;

/**
 * The defaults, with as many fine rings as `budgetBytes` allows once every entry has its
 * coarse one. In a large table only the rows read every time want a fine ring (history.ts),
 * so the cap matters only for a wide table that the poller reads whole.
 */
export function historyOptionsFor(entries: number, budgetBytes = DEFAULT_HISTORY_BUDGET_BYTES): HistoryOptions {
  const { coarse, fine, each } = historyBytesPerEntry();
  const maxFineEntries = Math.max(0, Math.floor((budgetBytes - Math.max(0, entries) * (coarse + each)) / (fine - coarse)));
  return { ...DEFAULT_HISTORY_OPTIONS, maxFineEntries };
}
