// Fresh records for callers, built from the simulator's state on every read: callers may
// change what they get without touching the simulator.

import type { Destination, Service, ServiceKey, ServiceWithDestinations } from '../../ipvs/types.js';
import { flagNames } from './flags.js';
import type { SimDestination, SimService } from './model.js';

export function serviceRecord(service: SimService, now: number): Service {
  const { family, protocol, address, port, fwmark } = service.key;
  return {
    family,
    protocol,
    address,
    port,
    fwmark,
    scheduler: service.scheduler,
    flags: flagNames(service.flagBits, service.scheduler),
    persistence: service.persistence === null ? null : { ...service.persistence },
    pe: service.pe,
    stats: service.counters.read(now),
  };
}

export function destinationRecord(dest: SimDestination, now: number): Destination {
  const { config } = dest;
  return {
    family: config.family,
    address: config.address,
    port: config.port,
    forward: config.forward,
    weight: config.weight,
    upperThreshold: config.upperThreshold,
    lowerThreshold: config.lowerThreshold,
    tunnel: config.tunnel === null ? null : { ...config.tunnel, flags: [...config.tunnel.flags] },
    activeConns: dest.activeConns,
    inactiveConns: dest.inactiveConns,
    persistentConns: dest.persistentConns,
    stats: dest.counters.read(now),
  };
}

/**
 * A service with its servers, or with none when `wanted` (given the record, as the kernel
 * client gives its decoded service) says they are not to be read. One object per service:
 * no key record for `wanted`, no copy of the service record to add the servers to.
 */
export function serviceWithDestinations(service: SimService, now: number, wanted: ((key: ServiceKey) => boolean) | undefined): ServiceWithDestinations {
  // The record takes its servers in place, as the kernel client's decoded services do.
  const record = serviceRecord(service, now) as ServiceWithDestinations;
  record.destinations = [];
  if (wanted === undefined || wanted(record)) {
    const dests = service.destinations;
    for (let i = 0; i < dests.length; i++) record.destinations.push(destinationRecord(dests[i]!, now));
  }
  return record;
}
