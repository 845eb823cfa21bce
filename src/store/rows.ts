// The rows of the services table: services (filtered, sorted), each followed by its real
// servers when expanded. Rows carry only ids; a row component reads its own data through a
// narrow selector, so a reading re-renders only the rows whose data changed.

import { describeDestination, describeService } from '../ipvs/describe.js';
import type { Destination, ServiceWithDestinations } from '../ipvs/types.js';
import { serverId } from '../model/identity.js';
import type { LiveData } from '../model/live.js';
import type { RateTable } from '../model/rates.js';
import { destinationAddressKey, isRateColumn, serviceAddressKey, trimServiceKeys, type Sort } from './sort.js';

export interface Row {
  kind: 'service' | 'server';
  /** Service id or server id: the React key. */
  id: string;
  /** The service this row is or belongs to. */
  serviceId: string;
}

export interface RowInputs {
  live: LiveData | null;
  expanded: ReadonlySet<string>;
  filter: string;
  sort: Sort;
}

// Search text per service object (unchanged services keep their object between readings).
const searchTexts = new WeakMap<ServiceWithDestinations, string>();

/** Address, port, protocol, scheduler and the service's real servers, lower case. */
function searchText(service: ServiceWithDestinations): string {
  let text = searchTexts.get(service);
  if (text === undefined) {
    const servers = service.destinations.map((d) => describeDestination(d)).join(' ');
    text = `${describeService(service)} ${service.scheduler} ${servers}`.toLowerCase();
    searchTexts.set(service, text);
  }
  return text;
}

export function matchesFilter(service: ServiceWithDestinations, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  return needle === '' || searchText(service).includes(needle);
}

type SortKey = number | string;

function compareKeys(a: SortKey, b: SortKey): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function serviceSortKey(id: string, service: ServiceWithDestinations, rates: RateTable, sort: Sort): SortKey {
  const { column } = sort;
  if (column === 'address') return serviceAddressKey(id, service);
  if (column === 'scheduler') return service.scheduler;
  if (column === 'active' || column === 'inactive') {
    let sum = 0;
    for (const d of service.destinations) sum += column === 'active' ? d.activeConns : d.inactiveConns;
    return sum;
  }
  // Ours, else the kernel's estimate, as the table shows them.
  return isRateColumn(column) ? (rates.shown(id, column) ?? 0) : 0;
}

function serverSortKey(id: string, destination: Destination, rates: RateTable, sort: Sort): SortKey {
  const { column } = sort;
  if (column === 'active') return destination.activeConns;
  if (column === 'inactive') return destination.inactiveConns;
  if (isRateColumn(column)) return rates.shown(id, column) ?? 0;
  return destinationAddressKey(destination);
}

interface Keyed<T> {
  item: T;
  id: string;
  key: SortKey;
}

function sortKeyed<T>(items: Keyed<T>[], sort: Sort): Keyed<T>[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Ties by id, so equal rows keep a fixed order from reading to reading.
  return items.sort((a, b) => sign * compareKeys(a.key, b.key) || compareKeys(a.id, b.id));
}

/** The rows for these inputs (no memo). */
export function buildRows(inputs: RowInputs): Row[] {
  const { live, expanded, filter, sort } = inputs;
  if (live === null) return [];
  trimServiceKeys(live.services.size);
  const services: Keyed<ServiceWithDestinations>[] = [];
  for (const [id, service] of live.services) {
    if (matchesFilter(service, filter)) services.push({ item: service, id, key: serviceSortKey(id, service, live.rates, sort) });
  }
  const rows: Row[] = [];
  for (const { item: service, id } of sortKeyed(services, sort)) {
    rows.push({ kind: 'service', id, serviceId: id });
    if (!expanded.has(id)) continue;
    const servers = service.destinations.map((destination) => {
      const sid = serverId(id, destination);
      return { item: destination, id: sid, key: serverSortKey(sid, destination, live.rates, sort) };
    });
    for (const { id: sid } of sortKeyed(servers, sort)) rows.push({ kind: 'server', id: sid, serviceId: id });
  }
  return rows;
}

/**
 * Whether `next` gives the same rows as `previous` by address order: the same services in
 * the same order and, for the expanded ones, the same real servers. Address keys depend on
 * identity alone, so a reading that only moved counters and rates changes nothing.
 */
function sameAddressRows(previous: LiveData, next: LiveData, expanded: ReadonlySet<string>): boolean {
  if (previous.services.size !== next.services.size) return false;
  let same = true;
  const ids = previous.services.keys();
  next.services.forEach((_, id) => {
    if (same && ids.next().value !== id) same = false;
  });
  if (!same) return false;
  for (const id of expanded) {
    const before = previous.services.get(id)?.destinations;
    const after = next.services.get(id)?.destinations;
    if (before === after) continue;
    if (before === undefined || after === undefined || before.length !== after.length) return false;
    for (let d = 0; d < after.length; d++) {
      const a = before[d];
      const b = after[d];
      if (a === undefined || b === undefined || a.address !== b.address || a.port !== b.port) return false;
    }
  }
  return true;
}

/**
 * A memoised rows selector: same inputs give the same array, and rows equal to the previous
 * result (same ids, same order) give the previous array and row objects back. Sorted by
 * address with no filter (lvstop's start), a new reading of the same table is not sorted
 * again: at 5000 services that was a megabyte of garbage per reading.
 */
export function createVisibleRowsSelector(): (inputs: RowInputs) => readonly Row[] {
  let lastInputs: RowInputs | null = null;
  let lastRows: readonly Row[] = [];
  let lastById = new Map<string, Row>();
  return (inputs) => {
    if (
      lastInputs !== null &&
      lastInputs.expanded === inputs.expanded &&
      lastInputs.filter === inputs.filter &&
      lastInputs.sort === inputs.sort &&
      (lastInputs.live === inputs.live ||
        (inputs.sort.column === 'address' &&
          inputs.filter === '' &&
          lastInputs.live !== null &&
          inputs.live !== null &&
          sameAddressRows(lastInputs.live, inputs.live, inputs.expanded)))
    ) {
      lastInputs = { live: inputs.live, expanded: inputs.expanded, filter: inputs.filter, sort: inputs.sort };
      return lastRows;
    }
    lastInputs = { live: inputs.live, expanded: inputs.expanded, filter: inputs.filter, sort: inputs.sort };
    const fresh = buildRows(inputs);
    const unchanged = fresh.length === lastRows.length && fresh.every((row, i) => row.id === lastRows[i]?.id);
    if (unchanged) return lastRows;
    const byId = new Map<string, Row>();
    lastRows = fresh.map((row) => {
      const kept = lastById.get(row.id) ?? row;
      byId.set(row.id, kept);
      return kept;
    });
    lastById = byId;
    return lastRows;
  };
}

/** Row id -> position, for the rows given. */
export function indexRows(rows: readonly Row[]): Map<string, number> {
  return new Map(rows.map((row, index) => [row.id, index]));
}
