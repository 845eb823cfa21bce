// Synthetic tables for the benches: `services` services with `servers` real servers each,
// counters that grow from reading to reading (every 5th service idle), a few servers draining.

import type { ServiceWithDestinations, Snapshot, Stats } from '../../src/ipvs/types.js';

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

export function syntheticSnapshot(services: number, servers: number, reading: number): Snapshot {
  const list: ServiceWithDestinations[] = [];
  for (let s = 0; s < services; s++) {
    const busy = s % 5 !== 0;
    const n = busy ? reading : 1;
    list.push({
      family: 'inet',
      protocol: 'tcp',
      address: `10.${(s >> 8) & 255}.${s & 255}.1`,
      port: 80,
      fwmark: null,
      scheduler: 'wlc',
      flags: [],
      persistence: null,
      pe: null,
      stats: stats(n * servers),
      destinations: Array.from({ length: servers }, (_, d) => ({
        family: 'inet' as const,
        address: `192.168.${s & 255}.${d + 1}`,
        port: 8080 + (s >> 8),
        forward: 'masq' as const,
        // The last server of every 50th service is draining.
        weight: s % 50 === 0 && d === servers - 1 ? 0 : 1,
        upperThreshold: 0,
        lowerThreshold: 0,
        tunnel: null,
        activeConns: busy ? 100 + ((reading * 7 + d) % 13) : 0,
        inactiveConns: busy ? 50 : 0,
        persistentConns: 0,
        stats: stats(n),
      })),
    });
  }
  return { ipvs: { version: '1.2.1', connTableSize: 4096 }, services: list };
}
