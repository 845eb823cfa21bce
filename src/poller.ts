// Polls the backend outside React and hands each reading on through callbacks.
//
// - Never overlaps: the next poll is scheduled only when the previous one has settled. A slow
//   backend skips ticks (the next poll starts on the next interval boundary) rather than
//   stacking them.
// - Backs off on errors: interval x 2, x 4 ... up to 30 s, back to the interval after a
//   success. Each distinct error sentence is reported once, not on every retry.
// - Large tables (more services than `largeTableThreshold`), or reads that cost more than
//   `readBudget` of the interval (a slow or busy machine): real servers are read only for
//   the services the view wants (visible or expanded) plus a slice of the others, the ones
//   read longest ago, sized so that every service is read within `refreshWithinPolls` polls.
//   The others keep the real servers of their last read, and the reading says how stale.
//   lvstop watches a director that has packets to move: its own reading stays a small share
//   of each interval, and whole reads come back once they are cheap again.

import type { Backend, SnapshotOptions } from './backend/backend.js';
import { IpvsError, isIpvsError } from './ipvs/errors.js';
import type { ServiceKey, ServiceWithDestinations, Snapshot } from './ipvs/types.js';
import { IdCache } from './model/id-cache.js';
import { Listing, StaleAges } from './model/stale-ages.js';
import type { Reading } from './model/reading.js';

export interface PollerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PollErrorInfo {
  /** Consecutive failed polls, this one included. */
  failures: number;
  /** When the next attempt is made. */
  retryInMs: number;
}

export interface PollerOptions {
  intervalMs: number;
  /**
   * May return the snapshot it keeps for the reading: the same services in the same order,
   * with objects of earlier readings where nothing changed. The poller then holds that one
   * instead of the backend's, so the two hold one copy of the table, not two (on an idle
   * table of 5000 x 5, 14 MB of heap).
   */
  onSnapshot(reading: Reading): Snapshot | void;
  /** Called once per distinct error sentence while failures go on. */
  onError(error: IpvsError, info: PollErrorInfo): void;
  /** The first success after an error. */
  onRecovered?(): void;
  /** Ids of services whose real servers the view shows now (visible rows, expanded). */
  wantedServices?(): Iterable<string>;
  /** Above this many services, real servers are read in rotation. Default LARGE_TABLE_SERVICES. */
  largeTableThreshold?: number;
  /** In rotation, every service's real servers are read at least once per this many polls. Default 10. */
  refreshWithinPolls?: number;
  /**
   * Share of the interval a whole reading may take; above it real servers are read in
   * rotation, and whole readings resume when one would take under half of it. Default 0.1.
   */
  readBudget?: number;
  /** Default 30 s. */
  maxBackoffMs?: number;
  /** Monotonic ms; default performance.now. */
  now?: () => number;
  timers?: PollerTimers;
}

export type PollerState = 'stopped' | 'running' | 'paused';

interface ReadPlan {
  /** Numbers each plan, so marks left by a poll that failed never count for a later one. */
  number: number;
  options: SnapshotOptions | undefined;
  /** How many services' real servers were left out, once the backend has answered. */
  notRead: () => number;
  /** Real servers are read in turns this time. */
  inTurns: boolean;
}

/** Above this many services, real servers are read in rotation (unless told otherwise). */
export const LARGE_TABLE_SERVICES = 1000;

const realTimers: PollerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Poller {
  private current: PollerState = 'stopped';
  private timer: unknown = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private reportedSentence: string | null = null;
  private previous: Snapshot | null = null;
  // What the poller keeps per service id, updated in place (new Maps and Sets of every
  // service on every reading were most of the poller's garbage at 5000 services).
  private readonly known = new Map<string, KnownService>();
  // Service id -> number of the reading its real servers were last read in. Kept in that
  // order (re-inserted on every read), so the first entries are the stalest.
  private readonly lastRead = new Map<string, number>();
  // Ids reused by position: the backend lists services in a stable order, and a fresh id
  // string per service, twice per reading, was most of the rest.
  private readonly ids = new IdCache();
  private listing = new Listing([]);
  // Numbers each plan, so marks left by a poll that failed never count for a later one.
  private plans = 0;
  private readings = 0;
  private skipped = 0;
  // Reading real servers in rotation because whole readings cost more than the budget.
  private overBudget = false;
  private readonly now: () => number;
  private readonly timers: PollerTimers;

  constructor(
    private readonly backend: Pick<Backend, 'snapshot'>,
    private readonly options: PollerOptions,
  ) {
    if (!(options.intervalMs > 0)) throw new RangeError('Poller intervalMs must be positive');
    this.now = options.now ?? (() => performance.now());
    this.timers = options.timers ?? realTimers;
  }

  get state(): PollerState {
    return this.current;
  }

  /** Whether a poll is under way. */
  get polling(): boolean {
    return this.inFlight !== null;
  }

  /** Consecutive failures so far (0 after a success). */
  get failureCount(): number {
    return this.failures;
  }

  /** Whether real servers are read in rotation (a large table, or reads over the budget). */
  get rotating(): boolean {
    return this.previous !== null && (this.overBudget || this.previous.services.length > (this.options.largeTableThreshold ?? LARGE_TABLE_SERVICES));
  }

  /** Interval ticks skipped because a poll took longer than the interval. */
  get skippedTicks(): number {
    return this.skipped;
  }

  /** Poll now, then every interval. */
  start(): void {
    if (this.current !== 'stopped') return;
    this.current = 'running';
    this.schedule(0);
  }

  /** No more polls; a poll under way is awaited and its result dropped. */
  async stop(): Promise<void> {
    this.current = 'stopped';
    this.cancelTimer();
    await this.inFlight;
  }

  /** Hold still: no polls until resume (a poll already under way still delivers). */
  pause(): void {
    if (this.current !== 'running') return;
    this.current = 'paused';
    this.cancelTimer();
  }

  resume(): void {
    if (this.current !== 'paused') return;
    this.current = 'running';
    if (this.inFlight === null) this.schedule(0);
  }

  /** Poll at once (also while paused); joins the poll under way if there is one. */
  pollNow(): Promise<void> {
    if (this.current === 'stopped') return Promise.resolve();
    if (this.inFlight !== null) return this.inFlight;
    this.cancelTimer();
    return this.poll();
  }

  private schedule(delayMs: number): void {
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.current === 'running' && this.inFlight === null) void this.poll();
    }, Math.max(0, delayMs));
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private poll(): Promise<void> {
    const run = this.pollOnce().finally(() => {
      this.inFlight = null;
    });
    this.inFlight = run;
    return run;
  }

  private async pollOnce(): Promise<void> {
    const startedAt = this.now();
    const plan = this.plan();
    let snapshot: Snapshot;
    try {
      snapshot = await this.backend.snapshot(plan.options);
    } catch (error) {
      if (this.current === 'stopped') return;
      this.failures++;
      const ipvsError = asIpvsError(error);
      // A table that changed under every read is busy, not broken: try again at the next tick.
      const retryInMs =
        ipvsError.kind === 'changing'
          ? this.options.intervalMs
          : Math.min(this.options.intervalMs * 2 ** this.failures, this.options.maxBackoffMs ?? 30_000);
      if (ipvsError.message !== this.reportedSentence) {
        this.reportedSentence = ipvsError.message;
        this.options.onError(ipvsError, { failures: this.failures, retryInMs });
      }
      if (this.current === 'running') this.schedule(retryInMs);
      return;
    }
    if (this.current === 'stopped') return;
    const at = this.now();
    this.failures = 0;
    this.weighCost(at - startedAt, snapshot.services.length, plan.notRead());
    const reading = this.merge(snapshot, plan, startedAt, at);
    if (this.reportedSentence !== null) {
      this.reportedSentence = null;
      this.options.onRecovered?.();
    }
    try {
      const kept = this.options.onSnapshot(reading);
      if (kept) this.adopt(kept, snapshot);
    } catch (error) {
      // A fault in whoever consumes readings is not the backend's: report it, keep polling.
      this.options.onError(asIpvsError(error, 'Applying a reading failed'), { failures: 0, retryInMs: this.options.intervalMs });
    }
    if (this.current === 'running') this.schedule(this.delayToNextTick(startedAt));
  }

  // The next interval boundary after now, counted from when this poll began.
  private delayToNextTick(startedAt: number): number {
    const interval = this.options.intervalMs;
    const elapsed = this.now() - startedAt;
    const ticks = Math.max(1, Math.ceil(elapsed / interval));
    this.skipped += ticks - 1;
    return startedAt + ticks * interval - this.now();
  }

  /**
   * What a whole reading would cost, from this one: a dump of the services, then one of real
   * servers per service read. Over the budget: rotate; under half of it: read whole again.
   */
  private weighCost(elapsedMs: number, services: number, notRead: number): void {
    const budgetMs = this.options.intervalMs * (this.options.readBudget ?? 0.1);
    const wholeMs = (elapsedMs / (services - notRead + 1)) * (services + 1);
    if (wholeMs > budgetMs) this.overBudget = true;
    else if (wholeMs < budgetMs / 2) this.overBudget = false;
  }

  /**
   * Which services get their real servers read this time. The others are marked `skippedIn`
   * this plan's number; `notRead()` counts them once the backend has answered.
   */
  private plan(): ReadPlan {
    const number = ++this.plans;
    let skipped = 0;
    const notRead = () => skipped;
    if (this.previous === null || !this.rotating) return { number, options: undefined, notRead, inTurns: false };
    const read = new Set<string>(this.options.wantedServices?.() ?? []);
    const sliceSize = Math.ceil(this.previous.services.length / (this.options.refreshWithinPolls ?? 10));
    let taken = 0;
    for (const id of this.lastRead.keys()) {
      if (taken >= sliceSize) break;
      if (read.has(id)) continue;
      read.add(id);
      taken++;
    }
    // Backends ask in listing order, so the position finds last reading's id.
    let position = 0;
    const readDestinationsOf = (key: ServiceKey): boolean => {
      const id = this.ids.service(position++, key);
      const known = this.known.get(id);
      // A service new since the last reading has nothing to fall back on: read it.
      if (read.has(id) || known === undefined) return true;
      known.skippedIn = number;
      skipped++;
      return false;
    };
    return { number, options: { readDestinationsOf }, notRead, inTurns: true };
  }

  /**
   * Put back the real servers of services not read this time, and note how stale they are.
   * The snapshot's objects are ours (backends build new ones on every call), so the servers
   * are put back in place rather than in a copy of each service.
   */
  private merge(snapshot: Snapshot, { number: plan, inTurns }: ReadPlan, startedAt: number, at: number): Reading {
    const reading = ++this.readings;
    const services = snapshot.services;
    const ages = new Uint32Array(services.length);
    let stale = 0;
    let sameListing = this.listing.ids.length === services.length;
    for (let s = 0; s < services.length; s++) {
      const service = services[s] as ServiceWithDestinations;
      const id = this.ids.service(s, service);
      if (sameListing && this.listing.ids[s] !== id) sameListing = false;
      let known = this.known.get(id);
      if (known !== undefined && known.skippedIn === plan) {
        service.destinations = known.service.destinations;
        ages[s] = reading - (this.lastRead.get(id) ?? 0);
        stale++;
      } else {
        this.lastRead.delete(id);
        this.lastRead.set(id, reading);
      }
      if (known === undefined) {
        known = { service, listedIn: reading, skippedIn: 0 };
        this.known.set(id, known);
      }
      known.service = service;
      known.listedIn = reading;
    }
    this.ids.trim(services.length);
    if (!sameListing) this.listing = new Listing(services.map((service, s) => this.ids.service(s, service)));
    if (this.known.size > services.length) this.forgetUnlisted(reading);
    this.previous = snapshot;
    const staleServices = stale === 0 ? new Map<string, number>() : new StaleAges(this.listing, ages, stale);
    return { snapshot, startedAt, at, staleServices, inTurns };
  }

  /** Holds the consumer's copy of the table `read` in place of it (see onSnapshot). */
  private adopt(kept: Snapshot, read: Snapshot): void {
    if (kept === read || kept.services.length !== read.services.length) return;
    // The listing has this reading's ids by position, as merge just made them.
    const ids = this.listing.ids;
    for (let s = 0; s < kept.services.length; s++) {
      const service = kept.services[s] as ServiceWithDestinations;
      const known = this.known.get(ids[s]!);
      // Not the same table after all: what was adopted so far is equal to what it replaced.
      if (known === undefined || known.service !== read.services[s]) return;
      known.service = service;
    }
    this.previous = kept;
  }

  private forgetUnlisted(reading: number): void {
    this.known.forEach((known, id) => {
      if (known.listedIn === reading) return;
      this.known.delete(id);
      this.lastRead.delete(id);
    });
  }
}

interface KnownService {
  /** As in the last reading that listed it. */
  service: ServiceWithDestinations;
  listedIn: number;
  /** The plan that last left its real servers out. */
  skippedIn: number;
}

function asIpvsError(error: unknown, context = 'Reading IPVS failed'): IpvsError {
  if (isIpvsError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new IpvsError('kernel', `${context}: ${detail}`);
}
