// Rates from the kernel's 64-bit counters: the difference between two readings divided by the
// REAL time between them (the poller's timestamps), so a late or skipped poll still gives the
// right rate. The kernel's own estimates (stats.cps...) are kept beside ours: they smooth over
// about 2 s and the operator may want either.
//
// Counter resets: a counter that goes backwards (counters zeroed with -Z, a server deleted
// and re-added between two readings, a module reload) cannot give a meaningful difference,
// and we do not know when within the interval the reset happened, so `new / elapsed` could be
// anything from right to far too low. That sample's rate is null (unknown) and the new
// values become the baseline: one blank point beats a wrong spike.

import type { Stats } from '../ipvs/types.js';
import { EntitySlots } from './entity-slots.js';

export interface Rates {
  cps: number;
  inPps: number;
  outPps: number;
  inBps: number;
  outBps: number;
}

export interface RatePair {
  /** From counter differences; null on an entity's first reading and after a reset. */
  ours: Rates | null;
  /** The kernel's estimates, as reported. */
  kernel: Rates;
}

export type Counters = Pick<Stats, 'conns' | 'inPackets' | 'outPackets' | 'inBytes' | 'outBytes'>;

/** Rates between two readings of the same counters, or null if any counter went backwards. */
export function ratesBetween(before: Counters, beforeAt: number, after: Counters, afterAt: number): Rates | null {
  const seconds = (afterAt - beforeAt) / 1000;
  if (!(seconds > 0)) return null;
  const conns = after.conns - before.conns;
  const inPackets = after.inPackets - before.inPackets;
  const outPackets = after.outPackets - before.outPackets;
  const inBytes = after.inBytes - before.inBytes;
  const outBytes = after.outBytes - before.outBytes;
  if (conns < 0 || inPackets < 0 || outPackets < 0 || inBytes < 0 || outBytes < 0) return null;
  return {
    cps: conns / seconds,
    inPps: inPackets / seconds,
    outPps: outPackets / seconds,
    inBps: inBytes / seconds,
    outBps: outBytes / seconds,
  };
}

/** The kernel's estimates: the Stats object itself (it has every field of Rates), not a copy per entity. */
export function kernelRates(stats: Stats): Rates {
  return stats;
}

// Per slot in `baselines`: the last counters seen and when (poller clock).
const CONNS = 0;
const IN_PACKETS = 1;
const OUT_PACKETS = 2;
const IN_BYTES = 3;
const OUT_BYTES = 4;
const AT = 5;
const FIELDS = 6;

// Per slot in `oursValues`: our rates, at these offsets.
const RATE_OFFSET: Readonly<Record<keyof Rates, number>> = { cps: 0, inPps: 1, outPps: 2, inBps: 3, outBps: 4 };
const RATE_FIELDS = 5;

/** Rates by id as of the latest reading: a read-only view onto a RateTracker. */
export interface RateTable extends ReadonlyMap<string, RatePair> {
  /** What the table shows for `key` (ours, else the kernel's estimate) without building a pair; null for an unknown id. */
  shown(id: string, key: keyof Rates): number | null;
}

/**
 * Rates for every service and real server, reading after reading. Call `beginReading`, then
 * `observe` (fresh counters) or `carry` (counters not re-read this time) for every entity
 * present, then `endReading` to forget the ones that vanished. An unchanged result keeps the
 * identity of the previous RatePair, so selectors see no change.
 *
 * Everything lives in typed arrays indexed by entity slot, mutated in place: at 30,000
 * entities an object each, its counters boxed as heap numbers, cost about 150 B apiece, and a
 * reading that moved every counter made 30,000 new ones. A RatePair is built only when asked
 * for (`table.get`: the rows on screen), and kept until its figures change.
 * Given `slots` shared with other trackers, the owner of those drives their readings.
 */
export class RateTracker {
  private readonly slots: EntitySlots;
  private readonly ownsSlots: boolean;
  private baselines = new Float64Array(0);
  private oursValues = new Float64Array(0);
  private oursKnown = new Uint8Array(0);
  // The kernel's estimates: the Stats object of the last reading whose estimates differed.
  // Undefined for a free slot.
  private readonly kernel: (Stats | undefined)[] = [];
  // Built on demand, dropped when their figures change.
  private readonly oursObjects: (Rates | undefined)[] = [];
  private readonly pairs: (RatePair | undefined)[] = [];
  private tracked = 0;
  /** The latest reading's rates by id. */
  readonly table: RateTable;

  constructor(slots?: EntitySlots) {
    this.ownsSlots = slots === undefined;
    this.slots = slots ?? new EntitySlots();
    this.slots.onFree((slot) => {
      if (this.kernel[slot] === undefined) return;
      this.kernel[slot] = undefined;
      this.oursObjects[slot] = undefined;
      this.pairs[slot] = undefined;
      this.tracked--;
    });
    this.table = new RateTableView(this, this.slots);
  }

  beginReading(): void {
    if (this.ownsSlots) this.slots.beginReading();
  }

  observe(id: string, stats: Stats, at: number): RatePair {
    return this.pairAt(this.observeSlot(id, stats, at));
  }

  /** `observe` that builds no pair: returns the entity's slot. */
  observeSlot(id: string, stats: Stats, at: number): number {
    const slot = this.slots.take(id);
    const kernel = this.kernel[slot];
    if (kernel === undefined) {
      this.add(slot, stats, at);
      return slot;
    }
    const base = slot * FIELDS;
    const b = this.baselines;
    const since = b[base + AT] ?? 0;
    // No time has passed (a clock that stood still): nothing new can be said.
    if (!(at > since)) return slot;
    const seconds = (at - since) / 1000;
    const conns = stats.conns - (b[base + CONNS] ?? 0);
    const inPackets = stats.inPackets - (b[base + IN_PACKETS] ?? 0);
    const outPackets = stats.outPackets - (b[base + OUT_PACKETS] ?? 0);
    const inBytes = stats.inBytes - (b[base + IN_BYTES] ?? 0);
    const outBytes = stats.outBytes - (b[base + OUT_BYTES] ?? 0);
    // As ratesBetween: any counter going backwards is a reset, the rate unknown.
    const known = conns >= 0 && inPackets >= 0 && outPackets >= 0 && inBytes >= 0 && outBytes >= 0;
    const changedOurs = known
      ? this.setOurs(slot, conns / seconds, inPackets / seconds, outPackets / seconds, inBytes / seconds, outBytes / seconds)
      : this.forgetOurs(slot);
    const changedKernel = !sameRates(kernel, stats);
    if (changedKernel) this.kernel[slot] = stats;
    if (changedOurs || changedKernel) this.pairs[slot] = undefined;
    this.setBaseline(slot, stats, at);
    return slot;
  }

  /**
   * The entity is still there but its counters were not read this time: keep its last rates
   * and baseline, so the next real reading measures over the whole gap.
   */
  carry(id: string, stats: Stats, at: number): RatePair {
    return this.pairAt(this.carrySlot(id, stats, at));
  }

  /** `carry` that builds no pair: returns the entity's slot. */
  carrySlot(id: string, stats: Stats, at: number): number {
    const slot = this.slots.take(id);
    if (this.kernel[slot] === undefined) this.add(slot, stats, at);
    return slot;
  }

  /** Forget every id not observed or carried since `beginReading`. */
  endReading(): void {
    if (this.ownsSlots) this.slots.endReading();
  }

  get size(): number {
    return this.tracked;
  }

  /** Whether the entity in `slot` has rates of ours (not on its first reading, nor after a reset). */
  hasOurs(slot: number): boolean {
    return this.oursKnown[slot] === 1;
  }

  /** One of our rates for the entity in `slot`; meaningful only when `hasOurs`. */
  ours(slot: number, key: keyof Rates): number {
    return this.oursValues[slot * RATE_FIELDS + RATE_OFFSET[key]] ?? Number.NaN;
  }

  /** What the table shows for the entity in `slot`: ours, else the kernel's estimate. */
  shown(slot: number, key: keyof Rates): number | null {
    const kernel = this.kernel[slot];
    if (kernel === undefined) return null;
    return this.hasOurs(slot) ? this.ours(slot, key) : kernel[key];
  }

  /** The pair of the entity in `slot`, the previous object while its figures are unchanged. */
  pairAt(slot: number): RatePair {
    let pair = this.pairs[slot];
    if (pair === undefined) {
      const kernel = this.kernel[slot];
      if (kernel === undefined) throw new RangeError(`no rates in slot ${slot}`);
      pair = { ours: this.oursAt(slot), kernel: kernelRates(kernel) };
      this.pairs[slot] = pair;
    }
    return pair;
  }

  /** Whether `slot` holds an entity. */
  holds(slot: number): boolean {
    return this.kernel[slot] !== undefined;
  }

  private oursAt(slot: number): Rates | null {
    if (!this.hasOurs(slot)) return null;
    let ours = this.oursObjects[slot];
    if (ours === undefined) {
      const v = this.oursValues;
      const base = slot * RATE_FIELDS;
      ours = { cps: v[base] ?? 0, inPps: v[base + 1] ?? 0, outPps: v[base + 2] ?? 0, inBps: v[base + 3] ?? 0, outBps: v[base + 4] ?? 0 };
      this.oursObjects[slot] = ours;
    }
    return ours;
  }

  // Returns whether they changed.
  private setOurs(slot: number, cps: number, inPps: number, outPps: number, inBps: number, outBps: number): boolean {
    const v = this.oursValues;
    const base = slot * RATE_FIELDS;
    if (this.oursKnown[slot] === 1 && v[base] === cps && v[base + 1] === inPps && v[base + 2] === outPps && v[base + 3] === inBps && v[base + 4] === outBps) {
      return false;
    }
    v[base] = cps;
    v[base + 1] = inPps;
    v[base + 2] = outPps;
    v[base + 3] = inBps;
    v[base + 4] = outBps;
    this.oursKnown[slot] = 1;
    this.oursObjects[slot] = undefined;
    return true;
  }

  // Returns whether they changed.
  private forgetOurs(slot: number): boolean {
    if (this.oursKnown[slot] === 0) return false;
    this.oursKnown[slot] = 0;
    this.oursObjects[slot] = undefined;
    return true;
  }

  private add(slot: number, stats: Stats, at: number): void {
    if ((slot + 1) * FIELDS > this.baselines.length) this.grow(Math.max(64, Math.ceil((slot + 1) * 1.5)));
    this.setBaseline(slot, stats, at);
    this.oursKnown[slot] = 0;
    this.oursObjects[slot] = undefined;
    this.kernel[slot] = stats;
    this.pairs[slot] = undefined;
    this.tracked++;
  }

  private grow(capacity: number): void {
    const baselines = new Float64Array(capacity * FIELDS);
    baselines.set(this.baselines);
    this.baselines = baselines;
    const ours = new Float64Array(capacity * RATE_FIELDS);
    ours.set(this.oursValues);
    this.oursValues = ours;
    const known = new Uint8Array(capacity);
    known.set(this.oursKnown);
    this.oursKnown = known;
  }

  private setBaseline(slot: number, stats: Counters, at: number): void {
    const base = slot * FIELDS;
    const b = this.baselines;
    b[base + CONNS] = stats.conns;
    b[base + IN_PACKETS] = stats.inPackets;
    b[base + OUT_PACKETS] = stats.outPackets;
    b[base + IN_BYTES] = stats.inBytes;
    b[base + OUT_BYTES] = stats.outBytes;
    b[base + AT] = at;
  }
}

function sameRates(a: Rates, b: Rates): boolean {
  return a.cps === b.cps && a.inPps === b.inPps && a.outPps === b.outPps && a.inBps === b.inBps && a.outBps === b.outBps;
}

// One object for the tracker's lifetime: it always reads the latest reading.
class RateTableView implements RateTable {
  constructor(
    private readonly tracker: RateTracker,
    private readonly slots: EntitySlots,
  ) {}

  get size(): number {
    return this.tracker.size;
  }

  get(id: string): RatePair | undefined {
    const slot = this.slots.slotOf(id);
    return slot !== undefined && this.tracker.holds(slot) ? this.tracker.pairAt(slot) : undefined;
  }

  has(id: string): boolean {
    const slot = this.slots.slotOf(id);
    return slot !== undefined && this.tracker.holds(slot);
  }

  shown(id: string, key: keyof Rates): number | null {
    const slot = this.slots.slotOf(id);
    return slot === undefined ? null : this.tracker.shown(slot, key);
  }

  forEach(callback: (value: RatePair, key: string, map: ReadonlyMap<string, RatePair>) => void, thisArg?: unknown): void {
    for (const [id, pair] of this.entries()) callback.call(thisArg, pair, id, this);
  }

  *entries(): MapIterator<[string, RatePair]> {
    for (const [id, slot] of this.slots.entries()) if (this.tracker.holds(slot)) yield [id, this.tracker.pairAt(slot)];
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<RatePair> {
    for (const [, pair] of this.entries()) yield pair;
  }

  [Symbol.iterator](): MapIterator<[string, RatePair]> {
    return this.entries();
  }
}
