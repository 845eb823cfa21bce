// A backend whose table is `services` services x `servers` real servers with EVERY counter
// moving and every rate changing from reading to reading (the worst case for memory: nothing
// can be shared with the last reading). Like the kernel backend it builds new objects on
// every call and leaves out the real servers of services the poller did not ask for.

import type { Backend, SnapshotOptions } from '../../src/backend/backend.js';
import type { ServiceWithDestinations, Snapshot, Stats } from '../../src/ipvs/types.js';
import { benchServer, benchService, benchServiceAddress } from './synthetic.js';

const COUNTERS = 5;

export function movingTable(services: number, servers: number): Pick<Backend, 'snapshot'> {
  const counters = new Float64Array(services * (servers + 1) * COUNTERS);
  let reading = 0;

  // Rates wander around a level that differs per entity; counters add them up, every reading,
  // whether the real servers are read or not (as the kernel's do).
  const packetRate = (entity: number): number =>
    1000 * (1 + (entity % 17)) * (1 + 0.5 * Math.sin((reading + entity) / 23) + 0.1 * Math.sin(reading * 1.7 + entity));
  const tick = (): void => {
    for (let entity = 0; entity < counters.length / COUNTERS; entity++) {
      const pps = packetRate(entity);
      const at = entity * COUNTERS;
      counters[at] = (counters[at] ?? 0) + pps / 100;
      counters[at + 1] = (counters[at + 1] ?? 0) + pps;
      counters[at + 2] = (counters[at + 2] ?? 0) + pps * 0.9;
      counters[at + 3] = (counters[at + 3] ?? 0) + pps * 800;
      counters[at + 4] = (counters[at + 4] ?? 0) + pps * 1260;
    }
  };
  const stats = (entity: number): Stats => {
    const pps = packetRate(entity);
    const total = (c: number) => Math.round(counters[entity * COUNTERS + c] ?? 0);
    return {
      conns: total(0),
      inPackets: total(1),
      outPackets: total(2),
      inBytes: total(3),
      outBytes: total(4),
      cps: Math.round(pps / 100),
      inPps: Math.round(pps),
      outPps: Math.round(pps * 0.9),
      inBps: Math.round(pps * 800 * 8),
      outBps: Math.round(pps * 1260 * 8),
    };
  };

  return {
    async snapshot(options?: SnapshotOptions): Promise<Snapshot> {
      reading++;
      tick();
      const list: ServiceWithDestinations[] = [];
      for (let s = 0; s < services; s++) {
        const address = benchServiceAddress(s);
        const read = options?.readDestinationsOf?.({ family: 'inet', protocol: 'tcp', address, port: 80, fwmark: null }) ?? true;
        const entity = s * (servers + 1);
        const destinations = read
          ? Array.from({ length: servers }, (_, d) =>
              benchServer(s, d, servers, {
                activeConns: 100 + ((reading * 7 + s + d) % 13),
                inactiveConns: 50 + ((reading + d) % 7),
                stats: stats(entity + d + 1),
              }),
            )
          : [];
        list.push(benchService(s, stats(entity), destinations));
      }
      return { ipvs: { version: '1.2.1', connTableSize: 4096 }, services: list };
    },
  };
}

/** The moving table as a whole Backend for the app: it reads the table and refuses the rest. */
export function movingBackend(table: Pick<Backend, 'snapshot'>): Backend {
  return new Proxy(table, {
    get: (target, key) =>
      key === 'kind' ? 'kernel' : key === 'snapshot' ? target.snapshot : () => Promise.reject(new Error('not in this bench')),
  }) as Backend;
}
