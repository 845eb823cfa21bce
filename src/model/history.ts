// History of every service and real server, for sparklines and the detail chart: the last
// `fineCapacity` readings (600 = 10 minutes at the default 1 s) of the metrics the operator can
// draw, as 8-bit samples with a scale per block (block-rings.ts: within 1% of the block's
// largest value, finer than a sparkline's 8 levels or a chart's eighth-rows show).
//
// Two resolutions, because data is not equally fine everywhere. Above 1000 services the poller
// reads the real servers of a service only when it is on screen or expanded, and the others
// in rotation, about once every 10 readings; in between their readings are carried over, so
// their history holds one new value per ~10 s whatever we store. So each entry has one ring:
//   fine   — one sample per reading, for entries read afresh twice running (every service,
//            every server of a small table, the servers on screen of a large one), up to
//            `maxFineEntries`;
//   coarse — for the others: the average of every `coarseEvery` readings over the same 10
//            minutes (60 samples), plus the open bucket's sums.
// Every entry also keeps its two newest samples. An entry carried over trades its fine ring
// for a coarse one made from it; one read afresh again gets a fine ring seeded from its coarse
// samples, so a row that comes into view shows its last 10 minutes at once, at 10 s steps,
// then at 1 s. At 5000 services x 5 servers that is ~5,200 fine rings (3.2 KB) and ~25,000
// coarse ones (420 B), about 30 MB in all, where 600 float32 samples of 7 metrics took 830 MB.
// Everything is in typed arrays indexed by entity slot (entity-slots.ts): no object per entry.
// NaN means "unknown" (a rate on an entity's first reading); averages skip it.

import type { BlockRings } from './block-rings.js';
import { EntitySlots } from './entity-slots.js';
import {
  coarseRings,
  DEFAULT_HISTORY_OPTIONS,
  fineRings,
  METRIC_COUNT,
  METRIC_INDEX,
  type HistoryMetric,
  type HistoryOptions,
} from './history-options.js';

export * from './history-options.js';

const NO_SLOT = -1;
// `first` of a slot no entry holds; readings count from 1.
const FREE = 0;

export class History {
  readonly options: Readonly<HistoryOptions>;
  private readonly slots: EntitySlots;
  private readonly ownsSlots: boolean;
  private readonly fine: BlockRings;
  private readonly coarse: BlockRings;
  private entries = 0;
  // Per entity slot.
  private first = new Int32Array(0);
  private lastRecorded = new Int32Array(0);
  private carried = new Int32Array(0);
  private fineSlot = new Int32Array(0);
  private coarseSlot = new Int32Array(0);
  // The open coarse bucket: sums and counts of known values.
  private sums = new Float32Array(0);
  private counts = new Uint8Array(0);
  // The two newest samples, by the parity of their reading.
  private recent = new Float32Array(0);
  private reading = 0;
  private closedBuckets = 0;

  /**
   * `expectedEntries`: room to make at once (the table's size) rather than growing to it.
   * Given `slots` shared with other trackers, their owner drives their readings.
   */
  constructor(options: Partial<HistoryOptions> = {}, expectedEntries = 0, slots?: EntitySlots) {
    this.options = { ...DEFAULT_HISTORY_OPTIONS, ...options };
    const { fineCapacity, coarseEvery, maxFineEntries } = this.options;
    if (!(fineCapacity >= 1 && coarseEvery >= 1 && coarseEvery <= 255 && maxFineEntries >= 0)) {
      throw new RangeError('History capacity and coarseEvery must be at least 1, coarseEvery at most 255');
    }
    this.fine = fineRings(this.options);
    this.coarse = coarseRings(this.options);
    this.ownsSlots = slots === undefined;
    this.slots = slots ?? new EntitySlots();
    this.slots.onFree((slot) => this.forget(slot));
    this.growSlots(expectedEntries);
  }

  /** Readings recorded so far; changes on every reading, so a UI can subscribe to it. */
  get readings(): number {
    return this.reading;
  }

  get size(): number {
    return this.entries;
  }

  /** Entries held at one sample per reading. */
  get fineEntries(): number {
    return this.fine.used;
  }

  /** Bytes of the typed arrays, allocated whether used or not; the id Map is not counted. */
  get bytes(): number {
    const perSlot = [this.first, this.lastRecorded, this.carried, this.fineSlot, this.coarseSlot, this.sums, this.counts, this.recent];
    return this.fine.bytes + this.coarse.bytes + perSlot.reduce((sum, array) => sum + array.byteLength, 0);
  }

  has(id: string): boolean {
    return this.slotOf(id) !== undefined;
  }

  beginReading(): void {
    if (this.ownsSlots) this.slots.beginReading();
    this.reading++;
  }

  /**
   * Append one sample: `values[i]` is HISTORY_METRICS[i]. Call once per id per reading;
   * `fresh` false when the values were carried over from an earlier reading.
   */
  record(id: string, values: ArrayLike<number>, fresh = true): void {
    const slot = this.slots.take(id);
    if (slot >= this.first.length) this.growSlots(Math.ceil((slot + 1) * 1.125));
    const reading = this.reading;
    if (this.first[slot] === FREE) {
      this.add(slot);
    } else if (this.fineSlot[slot] === NO_SLOT) {
      // Fresh now and last time, and that was not its first reading (the poller's first reads
      // everything): worth a fine ring. A service of the rotation is read afresh once, then
      // carried, and should not churn one.
      const wanted = fresh && (this.carried[slot] ?? 0) < reading - 1 && (this.first[slot] ?? 0) < reading - 1;
      if (wanted && this.fine.used < this.options.maxFineEntries) this.promote(slot);
    } else if (!fresh) {
      this.demote(slot);
    }
    this.lastRecorded[slot] = reading;
    if (!fresh) this.carried[slot] = reading;
    const fineSlot = this.fineSlot[slot] ?? NO_SLOT;
    const position = reading % this.fine.length;
    const base = slot * METRIC_COUNT;
    for (let m = 0; m < METRIC_COUNT; m++) {
      const value = values[m] ?? Number.NaN;
      if (fineSlot !== NO_SLOT) this.fine.write(fineSlot, m, position, value);
      this.recent[(base + m) * 2 + (reading & 1)] = value;
      if (!Number.isNaN(value)) {
        this.sums[base + m] = (this.sums[base + m] ?? 0) + value;
        this.counts[base + m] = (this.counts[base + m] ?? 0) + 1;
      }
    }
  }

  /** Free the entries not recorded in this reading; close the coarse buckets when due. */
  endReading(): void {
    if (this.ownsSlots) this.slots.endReading();
    if (this.reading % this.options.coarseEvery !== 0) return;
    for (let slot = 0; slot < this.first.length; slot++) {
      if (this.first[slot] !== FREE) this.closeBucket(slot);
    }
    this.closedBuckets++;
  }

  /** How many readings the history of this id covers (0 if unknown). */
  count(id: string): number {
    const slot = this.slotOf(id);
    return slot === undefined ? 0 : this.held(slot);
  }

  /**
   * The last `count` samples of one metric, one per reading, oldest first (fewer if fewer are
   * held; NaN where unknown). Pass `out` to reuse a buffer; the result is then a view of it.
   */
  last(id: string, metric: HistoryMetric, count: number, out?: Float32Array): Float32Array {
    const slot = this.slotOf(id);
    const held = slot === undefined ? 0 : this.held(slot);
    const n = Math.max(0, Math.min(count, held, out?.length ?? Number.POSITIVE_INFINITY));
    const result = out === undefined ? new Float32Array(n) : out.subarray(0, n);
    if (slot === undefined || n === 0) return result;
    const m = METRIC_INDEX[metric];
    const newest = this.lastRecorded[slot] ?? 0;
    for (let i = 0; i < n; i++) result[i] = this.value(slot, m, newest - n + 1 + i);
    return result;
  }

  /** The newest sample of one metric as recorded, or NaN. */
  latest(id: string, metric: HistoryMetric): number {
    const slot = this.slotOf(id);
    if (slot === undefined) return Number.NaN;
    const at = slot * METRIC_COUNT + METRIC_INDEX[metric];
    return this.recent[at * 2 + ((this.lastRecorded[slot] ?? 0) & 1)] ?? Number.NaN;
  }

  private slotOf(id: string): number | undefined {
    const slot = this.slots.slotOf(id);
    return slot !== undefined && (this.first[slot] ?? FREE) !== FREE ? slot : undefined;
  }

  private held(slot: number): number {
    return Math.min(this.options.fineCapacity, (this.lastRecorded[slot] ?? 0) - (this.first[slot] ?? 0) + 1);
  }

  /** One held reading's sample, from whichever ring the entry has. */
  private value(slot: number, metric: number, reading: number): number {
    const fineSlot = this.fineSlot[slot] ?? NO_SLOT;
    if (fineSlot !== NO_SLOT) return this.fine.read(fineSlot, metric, reading % this.fine.length);
    return this.coarseValue(slot, metric, reading);
  }

  /** What a coarse entry knows of a past reading: one of the two newest, or its bucket's average. */
  private coarseValue(slot: number, metric: number, reading: number): number {
    const at = slot * METRIC_COUNT + metric;
    if (reading >= (this.lastRecorded[slot] ?? 0) - 1) return this.recent[at * 2 + (reading & 1)] ?? Number.NaN;
    const bucket = Math.floor((reading - 1) / this.options.coarseEvery);
    const coarseSlot = this.coarseSlot[slot] ?? NO_SLOT;
    if (bucket < this.closedBuckets) {
      return coarseSlot === NO_SLOT ? Number.NaN : this.coarse.read(coarseSlot, metric, bucket % this.coarse.length);
    }
    const count = this.counts[at] ?? 0;
    return count > 0 ? (this.sums[at] ?? 0) / count : Number.NaN;
  }

  private add(slot: number): void {
    this.entries++;
    this.first[slot] = this.reading;
    this.carried[slot] = 0;
    this.fineSlot[slot] = NO_SLOT;
    this.coarseSlot[slot] = NO_SLOT;
    this.sums.fill(0, slot * METRIC_COUNT, (slot + 1) * METRIC_COUNT);
    this.counts.fill(0, slot * METRIC_COUNT, (slot + 1) * METRIC_COUNT);
  }

  private forget(slot: number): void {
    if (slot >= this.first.length || this.first[slot] === FREE) return;
    this.entries--;
    this.first[slot] = FREE;
    this.releaseFine(slot);
    this.releaseCoarse(slot);
  }

  private growSlots(slots: number): void {
    if (slots <= this.first.length) return;
    const grow = <T extends Int32Array | Float32Array | Uint8Array>(array: T, make: (n: number) => T, per = 1): T => {
      const grown = make(slots * per);
      grown.set(array);
      return grown;
    };
    this.first = grow(this.first, (n) => new Int32Array(n));
    this.lastRecorded = grow(this.lastRecorded, (n) => new Int32Array(n));
    this.carried = grow(this.carried, (n) => new Int32Array(n));
    this.fineSlot = grow(this.fineSlot, (n) => new Int32Array(n));
    this.coarseSlot = grow(this.coarseSlot, (n) => new Int32Array(n));
    this.sums = grow(this.sums, (n) => new Float32Array(n), METRIC_COUNT);
    this.counts = grow(this.counts, (n) => new Uint8Array(n), METRIC_COUNT);
    this.recent = grow(this.recent, (n) => new Float32Array(n), METRIC_COUNT * 2);
  }

  /** Trade the coarse ring for a fine one, filled back to the entry's first reading. */
  private promote(slot: number): void {
    const fineSlot = this.fine.take();
    const from = Math.max(this.first[slot] ?? 0, this.reading - this.options.fineCapacity + 1);
    for (let reading = from; reading < this.reading; reading++) {
      for (let m = 0; m < METRIC_COUNT; m++) {
        this.fine.write(fineSlot, m, reading % this.fine.length, this.coarseValue(slot, m, reading));
      }
    }
    this.fineSlot[slot] = fineSlot;
    this.releaseCoarse(slot);
  }

  /** Trade the fine ring for a coarse one: the average of its samples in each closed bucket. */
  private demote(slot: number): void {
    const fineSlot = this.fineSlot[slot] ?? NO_SLOT;
    if (fineSlot === NO_SLOT) return;
    const every = this.options.coarseEvery;
    const oldest = (this.lastRecorded[slot] ?? 0) - this.held(slot) + 1;
    const coarseSlot = this.coarse.take();
    for (let bucket = Math.floor((oldest - 1) / every); bucket < this.closedBuckets; bucket++) {
      const from = Math.max(oldest, bucket * every + 1);
      for (let m = 0; m < METRIC_COUNT; m++) {
        let sum = 0;
        let known = 0;
        for (let reading = from; reading <= (bucket + 1) * every; reading++) {
          const value = this.fine.read(fineSlot, m, reading % this.fine.length);
          if (!Number.isNaN(value)) {
            sum += value;
            known++;
          }
        }
        this.coarse.write(coarseSlot, m, bucket % this.coarse.length, known > 0 ? sum / known : Number.NaN);
      }
    }
    this.coarseSlot[slot] = coarseSlot;
    this.releaseFine(slot);
  }

  private releaseFine(slot: number): void {
    const fineSlot = this.fineSlot[slot] ?? NO_SLOT;
    if (fineSlot !== NO_SLOT) this.fine.release(fineSlot);
    this.fineSlot[slot] = NO_SLOT;
  }

  private releaseCoarse(slot: number): void {
    const coarseSlot = this.coarseSlot[slot] ?? NO_SLOT;
    if (coarseSlot !== NO_SLOT) this.coarse.release(coarseSlot);
    this.coarseSlot[slot] = NO_SLOT;
  }

  /** Close the open bucket: into the coarse ring of a coarse entry (a fine one holds its samples). */
  private closeBucket(slot: number): void {
    const base = slot * METRIC_COUNT;
    if (this.fineSlot[slot] === NO_SLOT) {
      let coarseSlot = this.coarseSlot[slot] ?? NO_SLOT;
      if (coarseSlot === NO_SLOT) {
        coarseSlot = this.coarse.take();
        this.coarseSlot[slot] = coarseSlot;
      }
      const position = this.closedBuckets % this.coarse.length;
      for (let m = 0; m < METRIC_COUNT; m++) {
        const count = this.counts[base + m] ?? 0;
        this.coarse.write(coarseSlot, m, position, count > 0 ? (this.sums[base + m] ?? 0) / count : Number.NaN);
      }
    }
    this.sums.fill(0, base, base + METRIC_COUNT);
    this.counts.fill(0, base, base + METRIC_COUNT);
  }
}
