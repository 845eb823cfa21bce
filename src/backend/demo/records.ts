// Fresh records for callers, built from the simulator's state on every read: callers may
// change what they get without touching the simulator.

import type { Destination, Service, ServiceKey, ServiceWithDestinations } from '../../ipvs/types.js';
import { flagNames } from './flags.js';
import type { SimDestination, SimService } from './model.js';

export function serviceKeyRecord(service: SimService): ServiceKey {
  const { family, protocol, address, port, fwmark } = service.key;
  return { family, protocol, address, port, fwmark };
}

export function serviceRecord(service: SimService, now: number): Service {
  return {
    ...serviceKeyRecord(service),
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

export function serviceWithDestinations(service: SimService, now: number, withDestinations: boolean): ServiceWithDestinations {
  return {
    ...serviceRecord(service, now),
    destinations: withDestinations ? service.destinations.map((dest) => destinationRecord(dest, now)) : [],
  };
}
