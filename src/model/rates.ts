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

function sameRates(a: Rates | null, b: Rates | null): boolean {
  if (a === null || b === null) return a === b;
  return a.cps === b.cps && a.inPps === b.inPps && a.outPps === b.outPps && a.inBps === b.inBps && a.outBps === b.outBps;
}

// Per slot in `baselines`: the last counters seen and when (poller clock).
const CONNS = 0;
const IN_PACKETS = 1;
const OUT_PACKETS = 2;
const IN_BYTES = 3;
const OUT_BYTES = 4;
const AT = 5;
const FIELDS = 6;

/**
 * Rates for every service and real server, reading after reading. Call `beginReading`, then
 * `observe` (fresh counters) or `carry` (counters not re-read this time) for every entity
 * present, then `endReading` to forget the ones that vanished. An unchanged result keeps the
 * identity of the previous RatePair, so selectors see no change.
 *
 * Baselines live in a typed array indexed by entity slot, mutated in place: at 30,000
 * entities an object each, its counters boxed as heap numbers, cost about 150 B apiece.
 * Given `slots` shared with other trackers, the owner of those drives their readings.
 */
export class RateTracker {
  private readonly slots: EntitySlots;
  private readonly ownsSlots: boolean;
  private baselines = new Float64Array(0);
  // Undefined for a free slot.
  private readonly pairs: (RatePair | undefined)[] = [];
  private tracked = 0;
  // Scratch counters for ratesBetween, so observing allocates nothing but a changed pair.
  private readonly before: Counters = { conns: 0, inPackets: 0, outPackets: 0, inBytes: 0, outBytes: 0 };

  constructor(slots?: EntitySlots) {
    this.ownsSlots = slots === undefined;
    this.slots = slots ?? new EntitySlots();
    this.slots.onFree((slot) => {
      if (this.pairs[slot] === undefined) return;
      this.pairs[slot] = undefined;
      this.tracked--;
    });
  }

  beginReading(): void {
    if (this.ownsSlots) this.slots.beginReading();
  }

  observe(id: string, stats: Stats, at: number): RatePair {
    const slot = this.slots.take(id);
    const previous = this.pairs[slot];
    if (previous === undefined) return this.add(slot, stats, at);
    const base = slot * FIELDS;
    const b = this.baselines;
    const since = b[base + AT] ?? 0;
    // No time has passed (a clock that stood still): nothing new can be said.
    if (!(at > since)) return previous;
    const before = this.before;
    before.conns = b[base + CONNS] ?? 0;
    before.inPackets = b[base + IN_PACKETS] ?? 0;
    before.outPackets = b[base + OUT_PACKETS] ?? 0;
    before.inBytes = b[base + IN_BYTES] ?? 0;
    before.outBytes = b[base + OUT_BYTES] ?? 0;
    const ours = ratesBetween(before, since, stats, at);
    const oursSame = sameRates(previous.ours, ours);
    const kernelSame = sameRates(previous.kernel, stats);
    let pair = previous;
    if (!oursSame || !kernelSame) {
      pair = { ours: oursSame ? previous.ours : ours, kernel: kernelSame ? previous.kernel : kernelRates(stats) };
      this.pairs[slot] = pair;
    }
    this.setBaseline(slot, stats, at);
    return pair;
  }

  /**
   * The entity is still there but its counters were not read this time: keep its last rates
   * and baseline, so the next real reading measures over the whole gap.
   */
  carry(id: string, stats: Stats, at: number): RatePair {
    const slot = this.slots.take(id);
    return this.pairs[slot] ?? this.add(slot, stats, at);
  }

  /** Forget every id not observed or carried since `beginReading`. */
  endReading(): void {
    if (this.ownsSlots) this.slots.endReading();
  }

  get size(): number {
    return this.tracked;
  }

  private add(slot: number, stats: Stats, at: number): RatePair {
    if ((slot + 1) * FIELDS > this.baselines.length) {
      const grown = new Float64Array(Math.max(64, Math.ceil((slot + 1) * 1.5)) * FIELDS);
      grown.set(this.baselines);
      this.baselines = grown;
    }
    this.setBaseline(slot, stats, at);
    const pair: RatePair = { ours: null, kernel: kernelRates(stats) };
    this.pairs[slot] = pair;
    this.tracked++;
    return pair;
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
