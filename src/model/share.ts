// Structural sharing between two readings: every service and real server that did not change
// keeps the object of the previous reading, so a selector of one row sees a change only when
// that row's data changed, and the UI re-renders only those rows. (LiveModel.apply matches
// services by id and shares the snapshot itself.)

import type { Destination, ServiceWithDestinations, Stats, Tunnel } from '../ipvs/types.js';
import { serverKey } from './identity.js';

/** `next`, or `old` if equal; a changed service still shares its unchanged servers. */
export function shareService(old: ServiceWithDestinations, next: ServiceWithDestinations): ServiceWithDestinations {
  const destinations = shareDestinations(old.destinations, next.destinations);
  if (destinations === old.destinations && sameServiceFields(old, next)) return old;
  return destinations === next.destinations ? next : { ...next, destinations };
}

function shareDestinations(old: Destination[], next: Destination[]): Destination[] {
  // The poller carried the last reading's servers over: nothing to compare.
  if (old === next) return old;
  // Usually the same servers in the same order: compare pairwise, fall back to a lookup.
  // Loops, not map and closures: this runs for every service on every reading.
  let byKey: Map<string, Destination> | null = null;
  let allShared = old.length === next.length;
  let result: Destination[] | null = null;
  for (let index = 0; index < next.length; index++) {
    const destination = next[index] as Destination;
    let match = old[index];
    if (match === undefined || match.address !== destination.address || match.port !== destination.port) {
      byKey ??= new Map(old.map((d) => [serverKey(d), d]));
      match = byKey.get(serverKey(destination));
    }
    const shared = match !== undefined && sameDestination(match, destination) ? match : destination;
    if (shared !== old[index]) allShared = false;
    if (shared !== destination && result === null) result = next.slice(0, index);
    result?.push(shared);
  }
  // All new: keep `next`'s own array, so its service object needs no copy either.
  return allShared ? old : (result ?? next);
}

function sameServiceFields(a: ServiceWithDestinations, b: ServiceWithDestinations): boolean {
  return (
    a.family === b.family &&
    a.protocol === b.protocol &&
    a.address === b.address &&
    a.port === b.port &&
    a.fwmark === b.fwmark &&
    a.scheduler === b.scheduler &&
    a.pe === b.pe &&
    sameList(a.flags, b.flags) &&
    (a.persistence === b.persistence ||
      (a.persistence !== null &&
        b.persistence !== null &&
        a.persistence.timeout === b.persistence.timeout &&
        a.persistence.netmask === b.persistence.netmask)) &&
    sameStats(a.stats, b.stats)
  );
}

function sameDestination(a: Destination, b: Destination): boolean {
  return (
    a.family === b.family &&
    a.address === b.address &&
    a.port === b.port &&
    a.forward === b.forward &&
    a.weight === b.weight &&
    a.upperThreshold === b.upperThreshold &&
    a.lowerThreshold === b.lowerThreshold &&
    a.activeConns === b.activeConns &&
    a.inactiveConns === b.inactiveConns &&
    a.persistentConns === b.persistentConns &&
    sameTunnel(a.tunnel, b.tunnel) &&
    sameStats(a.stats, b.stats)
  );
}

function sameTunnel(a: Tunnel | null, b: Tunnel | null): boolean {
  if (a === null || b === null) return a === b;
  return a.type === b.type && a.port === b.port && sameList(a.flags, b.flags);
}

export function sameStats(a: Stats, b: Stats): boolean {
  return (
    a.conns === b.conns &&
    a.inPackets === b.inPackets &&
    a.outPackets === b.outPackets &&
    a.inBytes === b.inBytes &&
    a.outBytes === b.outBytes &&
    a.cps === b.cps &&
    a.inPps === b.inPps &&
    a.outPps === b.outPps &&
    a.inBps === b.inBps &&
    a.outBps === b.outBps
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}
