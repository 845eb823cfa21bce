// One poll tick end to end on the simulator: the backend's snapshot (with its traffic model
// advanced one second) plus applying the reading to the store (rates, history, drain, rows),
// for 100, 1000 and 5000 services x 5 servers. The backend's share is shown apart, since the
// kernel's read (kernel-snapshot.ts) replaces it in real use.
//   node --import tsx --expose-gc test/bench/poll-simulator.ts

import { performance } from 'node:perf_hooks';
import { createDemoBackend } from '../../src/backend/demo/index.js';
import { createLvsStore, selectVisibleRows } from '../../src/store/index.js';

const SERVERS = 5;
const WARMUP = 10;
const TIMED = 60;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

console.log('| services x 5 | snapshot p50 / p95 | store update p50 / p95 | whole tick p50 / p95 |');
console.log('|---|---|---|---|');
for (const services of [100, 1000, 5000]) {
  let clock = 0;
  const backend = createDemoBackend({ generate: { services, serversPerService: SERVERS, preRollSeconds: 30 }, now: () => clock, seed: 7 });
  const store = createLvsStore({ now: () => clock });
  const reads: number[] = [];
  const updates: number[] = [];
  for (let tick = 1; tick <= WARMUP + TIMED; tick += 1) {
    clock += 1000;
    const started = performance.now();
    const snapshot = await backend.snapshot();
    const read = performance.now();
    store.getState().actions.applyReading({ snapshot, startedAt: clock - 1, at: clock, staleServices: new Map(), inTurns: false });
    selectVisibleRows(store.getState());
    const done = performance.now();
    if (tick > WARMUP) {
      reads.push(read - started);
      updates.push(done - read);
    }
  }
  await backend.close();
  const whole = reads.map((r, i) => r + (updates[i] ?? 0)).sort((a, b) => a - b);
  reads.sort((a, b) => a - b);
  updates.sort((a, b) => a - b);
  const pair = (values: number[]) => `${percentile(values, 50).toFixed(1)} / ${percentile(values, 95).toFixed(1)} ms`;
  console.log(`| ${services} | ${pair(reads)} | ${pair(updates)} | ${pair(whole)} |`);
}
