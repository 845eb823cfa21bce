// Applying one reading: share unchanged objects with the previous reading, then rates,
// history and drain tracking for every service and real server, in one pass.

import type { Destination, ServiceWithDestinations, Snapshot } from '../ipvs/types.js';
import { DrainTracker, type DrainOptions, type DrainStatus } from './drain.js';
import { EntitySlots } from './entity-slots.js';
import { History, historyOptionsFor, METRIC_COUNT, METRIC_INDEX, type HistoryOptions } from './history.js';
import { IdCache } from './id-cache.js';
import { isServerId, serverKey, serviceIdOf } from './identity.js';
import { RateTracker, type RateTable } from './rates.js';
import type { Reading } from './reading.js';
import { shareService } from './share.js';

/** Everything derived from the latest reading. Unchanged entries keep their identity. */
export interface LiveData {
  snapshot: Snapshot;
  /** The reading's `at`. */
  at: number;
  services: ReadonlyMap<string, ServiceWithDestinations>;
  /**
   * By service id and by server id. A view of the latest reading, shared by every LiveData
   * (a Map of 30,000 pairs built on every reading was most of a reading's garbage): the
   * pairs themselves keep their identity while unchanged, which is what selectors compare.
   */
  rates: RateTable;
  /** By server id, only servers at weight 0. */
  drains: ReadonlyMap<string, DrainStatus>;
  /** Service id -> readings since its real servers were read (absent when read this time). */
  staleServices: ReadonlyMap<string, number>;
  /** The reading's `inTurns`: real servers are being read in turns. */
  inTurns: boolean;
  /** Sums over the whole table, for the director bar. */
  totals: Totals;
}

export interface Totals {
  services: number;
  servers: number;
  active: number;
  inactive: number;
  /** Rates of services as the table shows them (ours, else the kernel's estimates). */
  cps: number;
  inBps: number;
  outBps: number;
}

export interface LiveModelOptions {
  /** Fixed history tiers; otherwise chosen from the table size at the first reading. */
  history?: Partial<HistoryOptions>;
  historyBudgetBytes?: number;
  drain?: Partial<DrainOptions>;
}

export class LiveModel {
  // One id -> slot map for the trackers that keep per-entity state in typed arrays.
  private readonly slots = new EntitySlots();
  readonly rates = new RateTracker(this.slots);
  private readonly ids = new IdCache();
  readonly drain: DrainTracker;
  private historyRings: History | null = null;
  // One scratch row for history, so recording allocates nothing.
  private readonly sample = new Float64Array(METRIC_COUNT);

  constructor(private readonly options: LiveModelOptions = {}) {
    this.drain = new DrainTracker(options.drain, this.slots);
  }

  /** Null until the first reading (its size picks the tiers). */
  get history(): History | null {
    return this.historyRings;
  }

  apply(reading: Reading, previous: LiveData | null): LiveData {
    const { at, staleServices, inTurns } = reading;
    const incoming = reading.snapshot.services;
    const history = this.historyFor(reading.snapshot);
    const services = new Map<string, ServiceWithDestinations>();
    const drains = new Map<string, DrainStatus>();
    const shared: ServiceWithDestinations[] = new Array(incoming.length);
    let allShared = previous !== null && previous.snapshot.services.length === incoming.length;
    // Summed here, where every entity's slot is at hand: a pass of its own over the table took
    // a few ms of every frame that followed a reading.
    const totals: Totals = { services: incoming.length, servers: 0, active: 0, inactive: 0, cps: 0, inBps: 0, outBps: 0 };
    this.slots.beginReading();
    this.rates.beginReading();
    this.drain.beginReading();
    history.beginReading();

    for (let s = 0; s < incoming.length; s++) {
      const fromBackend = incoming[s] as ServiceWithDestinations;
      const sid = this.ids.service(s, fromBackend);
      // Unchanged services and servers keep last reading's objects (structural sharing).
      const old = previous?.services.get(sid);
      const service = old === undefined ? fromBackend : shareService(old, fromBackend);
      shared[s] = service;
      if (allShared && service !== previous?.snapshot.services[s]) allShared = false;
      services.set(sid, service);
      const serviceSlot = this.rates.observeSlot(sid, service.stats, at);
      const fresh = !staleServices.has(sid);
      let active = 0;
      const destinations = service.destinations;
      for (let d = 0; d < destinations.length; d++) {
        const destination = destinations[d] as Destination;
        const did = this.ids.server(s, d, destination);
        const slot = fresh ? this.rates.observeSlot(did, destination.stats, at) : this.rates.carrySlot(did, destination.stats, at);
        const drain = this.drain.observe(did, destination, reading, fresh);
        if (drain !== null) drains.set(did, drain);
        this.record(history, did, slot, destination.activeConns, fresh);
        active += destination.activeConns;
        totals.inactive += destination.inactiveConns;
      }
      totals.servers += destinations.length;
      totals.active += active;
      totals.cps += this.rates.shown(serviceSlot, 'cps') ?? 0;
      totals.inBps += this.rates.shown(serviceSlot, 'inBps') ?? 0;
      totals.outBps += this.rates.shown(serviceSlot, 'outBps') ?? 0;
      this.record(history, sid, serviceSlot, active, true);
    }

    this.ids.trim(incoming.length);
    this.rates.endReading();
    this.drain.endReading();
    this.slots.endReading();
    history.endReading();
    const snapshot =
      previous !== null && allShared && sameIpvs(previous.snapshot, reading.snapshot)
        ? previous.snapshot
        : { ipvs: reading.snapshot.ipvs, services: shared };
    return { snapshot, at, services, rates: this.rates.table, drains, staleServices, inTurns, totals };
  }

  // `fresh`: read this time, not carried over (services always are; see history.ts).
  private record(history: History, id: string, slot: number, active: number, fresh: boolean): void {
    const sample = this.sample;
    const rates = this.rates;
    const known = rates.hasOurs(slot);
    sample[METRIC_INDEX.cps] = known ? rates.ours(slot, 'cps') : Number.NaN;
    sample[METRIC_INDEX.activeConns] = active;
    sample[METRIC_INDEX.inBps] = known ? rates.ours(slot, 'inBps') : Number.NaN;
    sample[METRIC_INDEX.outBps] = known ? rates.ours(slot, 'outBps') : Number.NaN;
    sample[METRIC_INDEX.inPps] = known ? rates.ours(slot, 'inPps') : Number.NaN;
    history.record(id, sample, fresh);
  }

  private historyFor(snapshot: Snapshot): History {
    if (this.historyRings === null) {
      let entries = snapshot.services.length;
      for (const service of snapshot.services) entries += service.destinations.length;
      const tiers = this.options.history ?? historyOptionsFor(entries, this.options.historyBudgetBytes);
      this.historyRings = new History(tiers, entries, this.slots);
    }
    return this.historyRings;
  }
}

function sameIpvs(a: Snapshot, b: Snapshot): boolean {
  return a.ipvs.version === b.ipvs.version && a.ipvs.connTableSize === b.ipvs.connTableSize;
}

// Servers by "address|port", per service object: built on first lookup, and kept across
// readings for as long as the service is unchanged (it keeps its object).
const serverIndexes = new WeakMap<ServiceWithDestinations, Map<string, Destination>>();

/** The real server with this server id, if its service and it are in the reading. */
export function findServer(services: ReadonlyMap<string, ServiceWithDestinations>, id: string): Destination | undefined {
  if (!isServerId(id)) return undefined;
  const ofService = serviceIdOf(id);
  const service = services.get(ofService);
  if (service === undefined) return undefined;
  let byKey = serverIndexes.get(service);
  if (byKey === undefined) {
    byKey = new Map(service.destinations.map((d) => [serverKey(d), d]));
    serverIndexes.set(service, byKey);
  }
  // The id is "<service id>><server key>".
  return byKey.get(id.slice(ofService.length + 1));
}
