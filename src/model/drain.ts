// Drain tracking: a real server at weight 0 gets no new connections; the operator waits for
// its existing ones to end before removing it, and later restores it at its old weight.
//
// A server is tracked while its weight is 0. Its previous weight comes from lvstop itself
// (`markDrained`, when lvstop made the change) or from the last reading that showed it above 0;
// a server already at 0 when first seen is tracked with previousWeight null. Weight back above
// 0 (restored) ends tracking, and so does the server vanishing.
//
// The estimate is a least-squares line through the last minute of active (and persistent)
// connection counts: time left = count now / rate of fall. Drains usually decay faster at
// first, so the estimate is re-made every reading over a sliding window rather than fitted once.
// Null while a count is not falling or there are fewer than 3 points.

import type { Destination } from '../ipvs/types.js';
import { EntitySlots } from './entity-slots.js';

export type DrainOrigin = 'lvstop' | 'observed' | 'found-drained';

export interface DrainStatus {
  /** Weight to restore; null when the server was already at 0 when first seen. */
  previousWeight: number | null;
  /** 'lvstop' drained it here, 'observed' someone else did, 'found-drained' it was at 0. */
  origin: DrainOrigin;
  /** Reading time (poller clock, ms) tracking began. */
  since: number;
  /** Reading time of the latest counts. */
  at: number;
  activeConns: number;
  inactiveConns: number;
  persistentConns: number;
  /** Change of active connections per second over the window (negative while draining). */
  activeTrend: number | null;
  /** When active and persistent connections are expected to reach 0; null if not falling. */
  emptyAt: number | null;
  /** No active and no persistent connections: the server can be removed. */
  safeToRemove: boolean;
}

export interface DrainOptions {
  /** Points older than this (ms before the latest) are left out of the estimate. */
  windowMs: number;
  /** Points kept per server at most. */
  maxPoints: number;
}

export const DEFAULT_DRAIN_OPTIONS: Readonly<DrainOptions> = { windowMs: 60_000, maxPoints: 120 };

type ServerCounts = Pick<Destination, 'weight' | 'activeConns' | 'inactiveConns' | 'persistentConns'>;

// Points as [at, active, persistent] triples in a ring.
const FIELDS = 3;

interface Tracked {
  previousWeight: number | null;
  origin: DrainOrigin;
  since: number;
  points: Float64Array;
  next: number;
  count: number;
  /** Null only between creation and the first status computed in the same call. */
  status: DrainStatus | null;
}

interface Mark {
  previousWeight: number;
  at: number;
}

const NO_WEIGHT = -1;

/**
 * Drain state of every real server, by entity slot: the last weight seen above 0 in a typed
 * array (an object per server cost ~100 B at 25,000 servers), lvstop's marks and the drains
 * being tracked in Maps that hold only the few that have one. Given `slots` shared with other
 * trackers, their owner drives their readings.
 */
export class DrainTracker {
  readonly options: Readonly<DrainOptions>;
  private readonly slots: EntitySlots;
  private readonly ownsSlots: boolean;
  private lastWeight = new Int32Array(0);
  private readonly marks = new Map<number, Mark>();
  private readonly drains = new Map<number, Tracked>();

  constructor(options: Partial<DrainOptions> = {}, slots?: EntitySlots) {
    this.options = { ...DEFAULT_DRAIN_OPTIONS, ...options };
    this.ownsSlots = slots === undefined;
    this.slots = slots ?? new EntitySlots();
    this.slots.onFree((slot) => {
      if (slot < this.lastWeight.length) this.lastWeight[slot] = NO_WEIGHT;
      this.marks.delete(slot);
      this.drains.delete(slot);
    });
  }

  /**
   * lvstop set this server's weight to 0 at `at` (poller clock), replacing `previousWeight`.
   * A reading that began before `at` cannot show the change, so it does not undo the mark.
   * A mark alone does not keep a server the next reading does not show.
   */
  markDrained(id: string, previousWeight: number, at: number): void {
    const slot = this.slotFor(id);
    this.marks.set(slot, { previousWeight, at });
    const tracked = this.drains.get(slot);
    if (tracked !== undefined && previousWeight > 0) {
      tracked.previousWeight = previousWeight;
      tracked.origin = 'lvstop';
      if (tracked.status !== null) tracked.status = { ...tracked.status, previousWeight, origin: 'lvstop' };
    }
  }

  /** lvstop's drain of this server did not happen after all (the change failed). */
  unmarkDrained(id: string): void {
    const slot = this.slots.slotOf(id);
    if (slot !== undefined) this.marks.delete(slot);
  }

  beginReading(): void {
    if (this.ownsSlots) this.slots.beginReading();
  }

  /**
   * One reading of a server. `fresh` is false when its counts were carried over from an older
   * reading (large tables): tracking continues but no point is added.
   * Returns its drain status, or null when it is not draining.
   */
  observe(id: string, server: ServerCounts, reading: { at: number; startedAt: number }, fresh = true): DrainStatus | null {
    const slot = this.slotFor(id);
    const mark = this.marks.get(slot);
    let tracked = this.drains.get(slot);
    if (server.weight > 0) {
      // A reading taken before lvstop's own change cannot end that drain.
      if (mark !== undefined && reading.startedAt < mark.at) return tracked?.status ?? null;
      this.marks.delete(slot);
      this.drains.delete(slot);
      this.lastWeight[slot] = server.weight;
      return null;
    }
    if (tracked === undefined) {
      const lastWeight = this.lastWeight[slot] ?? NO_WEIGHT;
      const before = lastWeight > 0 ? lastWeight : null;
      const origin: DrainOrigin = mark !== undefined ? 'lvstop' : before !== null ? 'observed' : 'found-drained';
      tracked = {
        previousWeight: mark?.previousWeight ?? before,
        origin,
        since: reading.at,
        points: new Float64Array(this.options.maxPoints * FIELDS),
        next: 0,
        count: 0,
        status: null,
      };
      this.drains.set(slot, tracked);
      this.addPoint(tracked, reading.at, server);
    } else if (fresh) {
      this.addPoint(tracked, reading.at, server);
    } else if (tracked.status !== null) {
      return tracked.status;
    }
    this.marks.delete(slot);
    tracked.status = this.statusOf(tracked, reading.at, server);
    return tracked.status;
  }

  /** Forget servers that were not in this reading. */
  endReading(): void {
    if (this.ownsSlots) this.slots.endReading();
  }

  status(id: string): DrainStatus | null {
    const slot = this.slots.slotOf(id);
    return slot === undefined ? null : (this.drains.get(slot)?.status ?? null);
  }

  /** The weight to restore a server to: its drain's previous weight, or a pending mark's. */
  rememberedWeight(id: string): number | null {
    const slot = this.slots.slotOf(id);
    if (slot === undefined) return null;
    return this.drains.get(slot)?.previousWeight ?? this.marks.get(slot)?.previousWeight ?? null;
  }

  /** Servers being tracked as draining. */
  get size(): number {
    return this.drains.size;
  }

  private slotFor(id: string): number {
    const slot = this.slots.take(id);
    if (slot >= this.lastWeight.length) {
      const grown = new Int32Array(Math.max(64, Math.ceil((slot + 1) * 1.5))).fill(NO_WEIGHT);
      grown.set(this.lastWeight);
      this.lastWeight = grown;
    }
    return slot;
  }

  private addPoint(tracked: Tracked, at: number, server: ServerCounts): void {
    const base = tracked.next * FIELDS;
    tracked.points[base] = at;
    tracked.points[base + 1] = server.activeConns;
    tracked.points[base + 2] = server.persistentConns;
    tracked.next = (tracked.next + 1) % this.options.maxPoints;
    if (tracked.count < this.options.maxPoints) tracked.count++;
  }

  private statusOf(tracked: Tracked, at: number, server: ServerCounts): DrainStatus {
    const safeToRemove = server.activeConns === 0 && server.persistentConns === 0;
    const activeSlope = this.slope(tracked, at, 1);
    let emptyAt: number | null = safeToRemove ? at : null;
    if (!safeToRemove) {
      const activeEmpty = timeToEmpty(server.activeConns, activeSlope, at);
      const persistentEmpty = timeToEmpty(server.persistentConns, this.slope(tracked, at, 2), at);
      emptyAt = activeEmpty === null || persistentEmpty === null ? null : Math.max(activeEmpty, persistentEmpty);
    }
    return {
      previousWeight: tracked.previousWeight,
      origin: tracked.origin,
      since: tracked.since,
      at,
      activeConns: server.activeConns,
      inactiveConns: server.inactiveConns,
      persistentConns: server.persistentConns,
      activeTrend: activeSlope === null ? null : activeSlope * 1000,
      emptyAt,
      safeToRemove,
    };
  }

  /** Least-squares slope (count per ms) of one field over the window, or null. */
  private slope(tracked: Tracked, now: number, field: 1 | 2): number | null {
    const { points, count } = tracked;
    const capacity = this.options.maxPoints;
    const from = now - this.options.windowMs;
    let n = 0;
    let sumT = 0;
    let sumY = 0;
    let sumTT = 0;
    let sumTY = 0;
    for (let i = 0; i < count; i++) {
      const base = ((tracked.next - 1 - i + capacity) % capacity) * FIELDS;
      const at = points[base] ?? 0;
      if (at < from) break;
      // Relative to now, so the sums stay small and precise.
      const t = at - now;
      const y = points[base + field] ?? 0;
      n++;
      sumT += t;
      sumY += y;
      sumTT += t * t;
      sumTY += t * y;
    }
    if (n < 3) return null;
    const denominator = n * sumTT - sumT * sumT;
    if (denominator === 0) return null;
    return (n * sumTY - sumT * sumY) / denominator;
  }
}

function timeToEmpty(count: number, slopePerMs: number | null, at: number): number | null {
  if (count === 0) return at;
  if (slopePerMs === null || !(slopePerMs < 0)) return null;
  return at + count / -slopePerMs;
}
