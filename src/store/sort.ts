// Orders for the services table. Addresses sort numerically (10.0.0.9 before 10.0.0.10),
// IPv4 before IPv6 before firewall marks; rates fall back to the kernel's estimate while ours
// is unknown (first reading), so a table sorted by CPS is sorted from the start.

import type { Destination, ServiceKey } from '../ipvs/types.js';
import type { Rates } from '../model/rates.js';

export const SORT_COLUMNS = ['address', 'scheduler', 'active', 'inactive', 'cps', 'inPps', 'outPps', 'inBps', 'outBps'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

export interface Sort {
  column: SortColumn;
  direction: SortDirection;
}

/** The direction a column starts in when chosen: names ascending, numbers biggest first. */
export function defaultDirection(column: SortColumn): SortDirection {
  return column === 'address' || column === 'scheduler' ? 'asc' : 'desc';
}

// Address keys depend only on identity, so they are cached by id (the live model reuses id
// strings, so these lookups are cheap); servers' by object, as few are sorted at a time.
const serviceKeys = new Map<string, string>();
const destinationKeys = new WeakMap<Destination, string>();

export function serviceAddressKey(id: string, service: ServiceKey): string {
  let key = serviceKeys.get(id);
  if (key === undefined) {
    key =
      service.fwmark !== null
        ? `3${hex(service.fwmark, 8)}${service.family === 'inet' ? 0 : 1}`
        : `${addressKey(service.address ?? '')}${hex(service.port ?? 0, 4)}${service.protocol ?? ''}`;
    serviceKeys.set(id, key);
  }
  return key;
}

/** Bound the id cache: drop it when it holds far more ids than the table has services. */
export function trimServiceKeys(services: number): void {
  if (serviceKeys.size > 2 * services + 1024) serviceKeys.clear();
}

export function destinationAddressKey(destination: Destination): string {
  let key = destinationKeys.get(destination);
  if (key === undefined) {
    key = `${addressKey(destination.address)}${hex(destination.port, 4)}`;
    destinationKeys.set(destination, key);
  }
  return key;
}

/** A string that sorts like the address: "1" + 8 hex digits for IPv4, "2" + 32 for IPv6. */
export function addressKey(address: string): string {
  if (!address.includes(':')) {
    return `1${address
      .split('.')
      .map((part) => hex(Number(part), 2))
      .join('')}`;
  }
  return `2${ipv6Groups(address)
    .map((group) => hex(group, 4))
    .join('')}`;
}

function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('::');
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16) || 0];
          // An embedded IPv4 tail (::ffff:10.0.0.1) is two groups.
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [a * 256 + b, c * 256 + d];
        });
  const first = parse(head);
  const last = tail === undefined ? [] : parse(tail);
  const zeros = new Array<number>(Math.max(0, 8 - first.length - last.length)).fill(0);
  return [...first, ...zeros, ...last];
}

function hex(value: number, width: number): string {
  return Math.max(0, Math.trunc(value) || 0)
    .toString(16)
    .padStart(width, '0');
}

export function isRateColumn(column: SortColumn): column is keyof Rates & SortColumn {
  return column === 'cps' || column === 'inPps' || column === 'outPps' || column === 'inBps' || column === 'outBps';
}
