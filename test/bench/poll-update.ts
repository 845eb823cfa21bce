// Time to apply one reading to the store (structural sharing, rates, history, drain tracking,
// rows and selection) for 100, 1000 and 5000 services of 5 real servers each, every counter
// moving (the worst case). "5000 rotating" is what the poller does above 1000 services: real
// servers re-read for a tenth of the services per reading, the rest carried over.
//   node --import tsx --expose-gc test/bench/poll-update.ts

import type { Snapshot } from '../../src/ipvs/types.js';
import { serviceId } from '../../src/model/identity.js';
import { syntheticSnapshot } from './synthetic.js';
import { createLvsStore, selectVisibleRows } from '../../src/store/index.js';

const SERVERS = 5;
const WARMUP = 30;
const TIMED = 200;
const ROTATE_EVERY = 10;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Like the poller: servers of services not in this reading's slice come from the last one. */
function rotate(fresh: Snapshot, previous: Snapshot | null, reading: number): { snapshot: Snapshot; stale: Map<string, number> } {
  const stale = new Map<string, number>();
  if (previous === null) return { snapshot: fresh, stale };
  const services = fresh.services.map((service, index) => {
    const age = (reading - index) % ROTATE_EVERY;
    const before = previous.services[index];
    if (age === 0 || before === undefined) return service;
    stale.set(serviceId(service), age);
    return { ...service, destinations: before.destinations };
  });
  return { snapshot: { ...fresh, services }, stale };
}

for (const [services, rotating] of [[100, false], [1000, false], [5000, false], [5000, true]] as const) {
  const store = createLvsStore({ now: () => 0 });
  const { actions } = store.getState();
  const times: number[] = [];
  let at = 0;
  let previous: Snapshot | null = null;
  for (let r = 1; r <= WARMUP + TIMED; r++) {
    // The backend builds new objects every reading; that is not ours to time.
    const built = syntheticSnapshot(services, SERVERS, r);
    const { snapshot, stale }: { snapshot: Snapshot; stale: Map<string, number> } = rotating
      ? rotate(built, previous, r)
      : { snapshot: built, stale: new Map<string, number>() };
    previous = snapshot;
    at += 1000;
    const started = performance.now();
    actions.applyReading({ snapshot, startedAt: at - 5, at, staleServices: stale, inTurns: rotating });
    selectVisibleRows(store.getState());
    const took = performance.now() - started;
    if (r > WARMUP) times.push(took);
  }
  times.sort((a, b) => a - b);
  const state = store.getState();
  console.log(
    `${String(services).padStart(5)} services x ${SERVERS}${rotating ? ' rotating' : '         '}: ` +
      `p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms, ` +
      `max ${(times.at(-1) ?? 0).toFixed(2)} ms ` +
      `(${state.live?.rates.size} rated, ${state.live?.drains.size} draining, ` +
      `history ${state.history?.fineEntries} of ${state.history?.size} at 1 s)`,
  );
}
