// Synthetic tables for the benches: `services` services with `servers` real servers each,
// counters that grow from reading to reading (every 5th service idle), a few servers draining.

import type { Destination, ServiceWithDestinations, Snapshot, Stats } from '../../src/ipvs/types.js';

function stats(n: number): Stats {
  return {
    conns: n * 10,
    inPackets: n * 1000,
    outPackets: n * 900,
    inBytes: n * 1_000_000,
    outBytes: n * 9_000_000,
    cps: 10,
    inPps: 1000,
    outPps: 900,
    inBps: 1_000_000,
    outBps: 9_000_000,
  };
}

/** The address of service `s` in a bench table (TCP, port 80). */
export const benchServiceAddress = (s: number): string => `10.${(s >> 8) & 255}.${s & 255}.1`;

/** Service `s` of a bench table: TCP wlc on port 80, with these counters and real servers. */
export function benchService(s: number, counters: Stats, destinations: Destination[]): ServiceWithDestinations {
  // A literal, not a spread of a key: V8 makes `{ ...key, more }` a 560 B object.
  return {
    family: 'inet',
    protocol: 'tcp',
    address: benchServiceAddress(s),
    port: 80,
    fwmark: null,
    scheduler: 'wlc',
    flags: [],
    persistence: null,
    pe: null,
    stats: counters,
    destinations,
  };
}

/** Real server `d` of `servers` of service `s`; the last server of every 50th service is draining. */
export function benchServer(s: number, d: number, servers: number, load: Pick<Destination, 'activeConns' | 'inactiveConns' | 'stats'>): Destination {
  return {
    family: 'inet',
    address: `192.168.${s & 255}.${d + 1}`,
    port: 8080 + (s >> 8),
    forward: 'masq',
    weight: s % 50 === 0 && d === servers - 1 ? 0 : 1,
    upperThreshold: 0,
    lowerThreshold: 0,
    tunnel: null,
    activeConns: load.activeConns,
    inactiveConns: load.inactiveConns,
    persistentConns: 0,
    stats: load.stats,
  };
}

export function syntheticSnapshot(services: number, servers: number, reading: number): Snapshot {
  const list: ServiceWithDestinations[] = [];
  for (let s = 0; s < services; s++) {
    const busy = s % 5 !== 0;
    const n = busy ? reading : 1;
    const destinations = Array.from({ length: servers }, (_, d) =>
      benchServer(s, d, servers, { activeConns: busy ? 100 + ((reading * 7 + d) % 13) : 0, inactiveConns: busy ? 50 : 0, stats: stats(n) }),
    );
    list.push(benchService(s, stats(n * servers), destinations));
  }
  return { ipvs: { version: '1.2.1', connTableSize: 4096 }, services: list };
}
