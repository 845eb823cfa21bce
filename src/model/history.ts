// History of every service and real server, for sparklines and the detail chart.
//
// Two tiers per entry, each a ring in ONE Float32Array holding all metrics interleaved
// (sample-major: [sample * METRIC_COUNT + metric]), so an entry costs three typed arrays and a
// reading allocates nothing:
//   fine   — one sample per reading: 600 samples = 10 min at the default 1 s interval;
//   coarse — the average of every `coarseEvery` readings: 360 x 10 = 1 h at 1 s.
// Buckets close on the same reading for every entry, so coarse samples line up in time.
// NaN means "unknown" (a rate on an entity's first reading); averages skip it.
//
// Memory per entry with the defaults (7 metrics, float32):
//   fine   600 x 7 x 4 B = 16,800 B
//   coarse 360 x 7 x 4 B = 10,080 B
//   bucket  14 x 8 B     =    112 B (running sums and counts)
//   ~660 B of entry object, typed-array headers and Map slot (measured)
//   = about 27.7 KB per entry.
// 5000 services x 5 real servers = 30,000 entries -> about 830 MB (806 MB of samples, MB = 10^6 B;
// test/bench/history-memory.ts measures 27,655 B/entry).
// That is too much for a director, so tiers are chosen from the table size when the first
// reading arrives (`historyOptionsFor`, default budget 256 MiB): at that size each entry keeps
// 182 fine samples (3 min at 1 s) and 109 coarse ones of 34 readings each (still 1 h),
// about 8.9 KB per entry, 268 MB for the 30,000.

export const HISTORY_METRICS = [
  'cps',
  'activeConns',
  'inactiveConns',
  'inPps',
  'outPps',
  'inBps',
  'outBps',
] as const;
export type HistoryMetric = (typeof HISTORY_METRICS)[number];
export const METRIC_COUNT = HISTORY_METRICS.length;

export const METRIC_INDEX: Readonly<Record<HistoryMetric, number>> = {
  cps: 0,
  activeConns: 1,
  inactiveConns: 2,
  inPps: 3,
  outPps: 4,
  inBps: 5,
  outBps: 6,
};

export type HistoryTier = 'fine' | 'coarse';

export interface HistoryOptions {
  /** Samples kept at one per reading. */
  fineCapacity: number;
  /** Averaged samples kept. */
  coarseCapacity: number;
  /** Readings averaged into one coarse sample. */
  coarseEvery: number;
}

export const DEFAULT_HISTORY_OPTIONS: Readonly<HistoryOptions> = {
  fineCapacity: 600,
  coarseCapacity: 360,
  coarseEvery: 10,
};

// Measured V8 overhead of an entry besides its samples (see test/bench/history-memory.ts).
const ENTRY_OVERHEAD_BYTES = 660;

/** Bytes one entry costs with these options, samples and overhead. */
export function historyBytesPerEntry(options: HistoryOptions = DEFAULT_HISTORY_OPTIONS): number {
  const samples = (options.fineCapacity + options.coarseCapacity) * METRIC_COUNT * 4;
  return samples + METRIC_COUNT * 2 * 8 + ENTRY_OVERHEAD_BYTES;
}

interface Entry {
  fine: Float32Array;
  fineNext: number;
  fineCount: number;
  coarse: Float32Array;
  coarseNext: number;
  coarseCount: number;
  /** Sums of the open coarse bucket in [0, METRIC_COUNT), counts of finite values after. */
  bucket: Float64Array;
  seenInReading: number;
}

export class History {
  readonly options: Readonly<HistoryOptions>;
  private readonly entries = new Map<string, Entry>();
  private reading = 0;

  constructor(options: Partial<HistoryOptions> = {}) {
    this.options = { ...DEFAULT_HISTORY_OPTIONS, ...options };
    const { fineCapacity, coarseCapacity, coarseEvery } = this.options;
    if (!(fineCapacity >= 1 && coarseCapacity >= 1 && coarseEvery >= 1)) {
      throw new RangeError('History capacities and coarseEvery must be at least 1');
    }
  }

  /** Readings recorded so far; changes on every reading, so a UI can subscribe to it. */
  get readings(): number {
    return this.reading;
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  beginReading(): void {
    this.reading++;
  }

  /** Append one sample: `values[i]` is HISTORY_METRICS[i]. Call once per id per reading. */
  record(id: string, values: ArrayLike<number>): void {
    let entry = this.entries.get(id);
    if (entry === undefined) {
      entry = this.allocate();
      this.entries.set(id, entry);
    }
    entry.seenInReading = this.reading;
    const base = entry.fineNext * METRIC_COUNT;
    const { fine, bucket } = entry;
    for (let m = 0; m < METRIC_COUNT; m++) {
      const value = values[m] ?? Number.NaN;
      fine[base + m] = value;
      if (Number.isFinite(value)) {
        bucket[m] = (bucket[m] ?? 0) + value;
        bucket[METRIC_COUNT + m] = (bucket[METRIC_COUNT + m] ?? 0) + 1;
      }
    }
    entry.fineNext = (entry.fineNext + 1) % this.options.fineCapacity;
    if (entry.fineCount < this.options.fineCapacity) entry.fineCount++;
  }

  /** Free the entries not recorded in this reading; close the coarse bucket when it is due. */
  endReading(): void {
    const closeBucket = this.reading % this.options.coarseEvery === 0;
    for (const [id, entry] of this.entries) {
      if (entry.seenInReading !== this.reading) {
        this.entries.delete(id);
      } else if (closeBucket) {
        this.closeBucket(entry);
      }
    }
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /** How many samples a tier holds for this id (0 if unknown). */
  count(id: string, tier: HistoryTier = 'fine'): number {
    const entry = this.entries.get(id);
    if (entry === undefined) return 0;
    return tier === 'fine' ? entry.fineCount : entry.coarseCount;
  }

  /**
   * The last `count` samples of one metric, oldest first (fewer if fewer are held; NaN where
   * unknown). Pass `out` to reuse a buffer; the result is then a view of it.
   */
  last(id: string, metric: HistoryMetric, count: number, tier: HistoryTier = 'fine', out?: Float32Array): Float32Array {
    const entry = this.entries.get(id);
    const held = entry === undefined ? 0 : tier === 'fine' ? entry.fineCount : entry.coarseCount;
    const n = Math.max(0, Math.min(count, held, out?.length ?? Number.POSITIVE_INFINITY));
    const result = out === undefined ? new Float32Array(n) : out.subarray(0, n);
    if (entry === undefined || n === 0) return result;
    const ring = tier === 'fine' ? entry.fine : entry.coarse;
    const capacity = tier === 'fine' ? this.options.fineCapacity : this.options.coarseCapacity;
    const next = tier === 'fine' ? entry.fineNext : entry.coarseNext;
    const m = METRIC_INDEX[metric];
    let sample = (next - n + capacity) % capacity;
    for (let i = 0; i < n; i++) {
      result[i] = ring[sample * METRIC_COUNT + m] ?? Number.NaN;
      sample = sample + 1 === capacity ? 0 : sample + 1;
    }
    return result;
  }

  /** The newest fine sample of one metric, or NaN. */
  latest(id: string, metric: HistoryMetric): number {
    const entry = this.entries.get(id);
    if (entry === undefined || entry.fineCount === 0) return Number.NaN;
    const sample = (entry.fineNext - 1 + this.options.fineCapacity) % this.options.fineCapacity;
    return entry.fine[sample * METRIC_COUNT + METRIC_INDEX[metric]] ?? Number.NaN;
  }

  /** Bytes held in sample buffers (the overhead of objects is not counted). */
  sampleBytes(): number {
    let bytes = 0;
    for (const entry of this.entries.values()) {
      bytes += entry.fine.byteLength + entry.coarse.byteLength + entry.bucket.byteLength;
    }
    return bytes;
  }

  private allocate(): Entry {
    return {
      fine: new Float32Array(this.options.fineCapacity * METRIC_COUNT),
      fineNext: 0,
      fineCount: 0,
      coarse: new Float32Array(this.options.coarseCapacity * METRIC_COUNT),
      coarseNext: 0,
      coarseCount: 0,
      bucket: new Float64Array(METRIC_COUNT * 2),
      seenInReading: this.reading,
    };
  }

  private closeBucket(entry: Entry): void {
    const { bucket, coarse } = entry;
    const base = entry.coarseNext * METRIC_COUNT;
    for (let m = 0; m < METRIC_COUNT; m++) {
      const finite = bucket[METRIC_COUNT + m] ?? 0;
      coarse[base + m] = finite > 0 ? (bucket[m] ?? 0) / finite : Number.NaN;
    }
    bucket.fill(0);
    entry.coarseNext = (entry.coarseNext + 1) % this.options.coarseCapacity;
    if (entry.coarseCount < this.options.coarseCapacity) entry.coarseCount++;
  }
}

export const DEFAULT_HISTORY_BUDGET_BYTES = 256 * 1024 * 1024;
// Never shrink below these: a sparkline wants a minute of points, a chart an hour.
const MIN_FINE = 60;
const MIN_COARSE = 60;
// The span the coarse tier keeps, in readings (1 h at 1 s).
const COARSE_SPAN_READINGS = DEFAULT_HISTORY_OPTIONS.coarseCapacity * DEFAULT_HISTORY_OPTIONS.coarseEvery;

/**
 * Tiers that keep `entries` within `budgetBytes`: the defaults when they fit; otherwise fewer
 * samples in both tiers, in the defaults' proportion, with coarser coarse buckets so the coarse
 * tier still spans an hour. Never below 60 samples per tier, so a huge table may exceed it.
 */
export function historyOptionsFor(entries: number, budgetBytes = DEFAULT_HISTORY_BUDGET_BYTES): HistoryOptions {
  if (entries <= 0 || entries * historyBytesPerEntry() <= budgetBytes) return { ...DEFAULT_HISTORY_OPTIONS };
  const fixedBytes = historyBytesPerEntry({ fineCapacity: 0, coarseCapacity: 0, coarseEvery: 1 });
  const samples = Math.floor((budgetBytes / entries - fixedBytes) / (METRIC_COUNT * 4));
  const defaultSamples = DEFAULT_HISTORY_OPTIONS.fineCapacity + DEFAULT_HISTORY_OPTIONS.coarseCapacity;
  const fineCapacity = Math.max(MIN_FINE, Math.round((samples * DEFAULT_HISTORY_OPTIONS.fineCapacity) / defaultSamples));
  const coarseCapacity = Math.max(MIN_COARSE, samples - fineCapacity);
  return { fineCapacity, coarseCapacity, coarseEvery: Math.ceil(COARSE_SPAN_READINGS / coarseCapacity) };
}
