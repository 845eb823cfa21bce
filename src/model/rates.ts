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

export function kernelRates(stats: Stats): Rates {
  return { cps: stats.cps, inPps: stats.inPps, outPps: stats.outPps, inBps: stats.inBps, outBps: stats.outBps };
}

function sameRates(a: Rates | null, b: Rates | null): boolean {
  if (a === null || b === null) return a === b;
  return a.cps === b.cps && a.inPps === b.inPps && a.outPps === b.outPps && a.inBps === b.inBps && a.outBps === b.outBps;
}

// The last counters seen for one id, mutated in place so a reading allocates nothing here
// for an idle entity. A class with every field set in the constructor keeps one hidden
// class for all baselines (a spread literal made lookups ten times slower).
class Baseline {
  conns: number;
  inPackets: number;
  outPackets: number;
  inBytes: number;
  outBytes: number;

  constructor(
    stats: Counters,
    public at: number,
    public pair: RatePair,
    public seenInReading: number,
  ) {
    this.conns = stats.conns;
    this.inPackets = stats.inPackets;
    this.outPackets = stats.outPackets;
    this.inBytes = stats.inBytes;
    this.outBytes = stats.outBytes;
  }
}

/**
 * Rates for every service and real server, reading after reading. Call `beginReading`, then
 * `observe` (fresh counters) or `carry` (counters not re-read this time) for every entity
 * present, then `endReading` to forget the ones that vanished. An unchanged result keeps the
 * identity of the previous RatePair, so selectors see no change.
 */
export class RateTracker {
  private readonly baselines = new Map<string, Baseline>();
  private reading = 0;

  beginReading(): void {
    this.reading++;
  }

  observe(id: string, stats: Stats, at: number): RatePair {
    const baseline = this.baselines.get(id);
    if (baseline === undefined) {
      const pair: RatePair = { ours: null, kernel: kernelRates(stats) };
      this.baselines.set(id, new Baseline(stats, at, pair, this.reading));
      return pair;
    }
    baseline.seenInReading = this.reading;
    // No time has passed (a clock that stood still): nothing new can be said.
    if (!(at > baseline.at)) return baseline.pair;
    const ours = ratesBetween(baseline, baseline.at, stats, at);
    const previous = baseline.pair;
    const oursSame = sameRates(previous.ours, ours);
    const kernelSame = sameRates(previous.kernel, stats);
    if (!oursSame || !kernelSame) {
      baseline.pair = {
        ours: oursSame ? previous.ours : ours,
        kernel: kernelSame ? previous.kernel : kernelRates(stats),
      };
    }
    baseline.conns = stats.conns;
    baseline.inPackets = stats.inPackets;
    baseline.outPackets = stats.outPackets;
    baseline.inBytes = stats.inBytes;
    baseline.outBytes = stats.outBytes;
    baseline.at = at;
    return baseline.pair;
  }

  /**
   * The entity is still there but its counters were not read this time: keep its last rates
   * and baseline, so the next real reading measures over the whole gap.
   */
  carry(id: string, stats: Stats, at: number): RatePair {
    const baseline = this.baselines.get(id);
    if (baseline === undefined) return this.observe(id, stats, at);
    baseline.seenInReading = this.reading;
    return baseline.pair;
  }

  /** Forget every id not observed or carried since `beginReading`. */
  endReading(): void {
    for (const [id, baseline] of this.baselines) {
      if (baseline.seenInReading !== this.reading) this.baselines.delete(id);
    }
  }

  get size(): number {
    return this.baselines.size;
  }
}
