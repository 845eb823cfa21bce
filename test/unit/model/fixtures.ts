// Small builders for snapshots and readings, shared by the model, poller and store tests.

import type { Destination, ServiceWithDestinations, Snapshot, Stats } from '../../../src/ipvs/types.js';
import type { Reading } from '../../../src/model/reading.js';

export function stats(partial: Partial<Stats> = {}): Stats {
  return {
    conns: 0,
    inPackets: 0,
    outPackets: 0,
    inBytes: 0,
    outBytes: 0,
    cps: 0,
    inPps: 0,
    outPps: 0,
    inBps: 0,
    outBps: 0,
    ...partial,
  };
}

export function server(address: string, port: number, partial: Partial<Destination> = {}): Destination {
  return {
    family: address.includes(':') ? 'inet6' : 'inet',
    address,
    port,
    forward: 'masq',
    weight: 1,
    upperThreshold: 0,
    lowerThreshold: 0,
    tunnel: null,
    activeConns: 0,
    inactiveConns: 0,
    persistentConns: 0,
    stats: stats(),
    ...partial,
  };
}

export function service(
  address: string,
  port: number,
  destinations: Destination[] = [],
  partial: Partial<ServiceWithDestinations> = {},
): ServiceWithDestinations {
  return {
    family: address.includes(':') ? 'inet6' : 'inet',
    protocol: 'tcp',
    address,
    port,
    fwmark: null,
    scheduler: 'wlc',
    flags: [],
    persistence: null,
    pe: null,
    stats: stats(),
    destinations,
    ...partial,
  };
}

export function snapshot(services: ServiceWithDestinations[]): Snapshot {
  return { ipvs: { version: '1.2.1', connTableSize: 4096 }, services };
}

export function reading(snap: Snapshot, at: number, staleServices: ReadonlyMap<string, number> = new Map()): Reading {
  return { snapshot: snap, startedAt: at, at, staleServices, inTurns: staleServices.size > 0 };
}
