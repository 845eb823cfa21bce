// The simulator's own memory and per-tick cost at the frame bench's table (5000 services x 5
// servers, 2 new connections per second per service, 30 s of pre-roll): how many connection
// entries it holds, the heap they take, and what one poll tick costs (the model advanced one
// second, then a full snapshot), with the garbage collections that land in it.
// With --listing, the connection listing (`ipvsadm -Lnc`) is timed too; with --heap-snapshot
// FILE a heap snapshot is written at the end (use a smaller table for that: 500 services).
//   node --import tsx --expose-gc test/bench/sim-memory.ts [services] [--ticks N] [--listing] [--heap-snapshot FILE]

import { performance, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import { createDemoBackend } from '../../src/backend/demo/index.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const SERVICES = Number(args.find((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 5000);
// The frame bench makes 200 readings of history and 220 actions (44 of them polls) before it
// measures its last frame: by then connections have lived their whole life (about 124 s).
const TICKS = Number(option('--ticks') ?? 260);
const TIMED = 60;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

let clock = 1_000_000;
const started = performance.now();
const backend = createDemoBackend({ generate: { services: SERVICES, serversPerService: 5, cps: 2, preRollSeconds: 30 }, now: () => clock, seed: 7 });
const built = performance.now() - started;

const pauses: Array<{ start: number; end: number; kind: number }> = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration, kind: (entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0 });
  }
}).observe({ entryTypes: ['gc'] });
const gcWithin = (start: number, end: number) =>
  pauses.reduce((sum, pause) => sum + Math.max(0, Math.min(end, pause.end) - Math.max(start, pause.start)), 0);

const advances: number[] = [];
const advanceCpu: number[] = [];
const snapshots: number[] = [];
const spans: Array<[number, number, number]> = [];
let peakHeap = 0;
let entries = 0;
for (let tick = 1; tick <= TICKS; tick++) {
  clock += 1000;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  backend.advance(0);
  const t1 = performance.now();
  const cpu = process.cpuUsage(c0);
  const snapshot = await backend.snapshot();
  const t2 = performance.now();
  peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  if (tick > TICKS - TIMED) {
    advances.push(t1 - t0);
    advanceCpu.push((cpu.user + cpu.system) / 1000);
    snapshots.push(t2 - t1);
    spans.push([t0, t1, t2]);
  }
  if (tick === TICKS) {
    entries = 0;
    for (const service of snapshot.services) for (const dest of service.destinations) entries += dest.activeConns + dest.inactiveConns;
  }
}

// Observer entries arrive as a task, after the loop: the pauses are matched to ticks now.
await new Promise((resolve) => setTimeout(resolve, 50));
const gcsAdvance = spans.map(([start, middle]) => gcWithin(start, middle));
const gcsSnapshot = spans.map(([, middle, end]) => gcWithin(middle, end));
const counted = pauses.length;
gc();
gc();
const heap = getHeapStatistics();
const memory = process.memoryUsage();
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
};
const pair = (values: number[]) => `${percentile(values, 50).toFixed(1)} / ${percentile(values, 95).toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const whole = advances.map((a, i) => a + snapshots[i]!);

console.log(`${SERVICES} services x 5, 2 new conns/s each; ${TICKS} ticks of 1 s after 30 s of pre-roll (built in ${(built / 1000).toFixed(1)} s).`);
console.log(`connection entries (active + inactive): ${entries}`);
console.log(`heap used after full GC: ${mb(heap.used_heap_size)} (peak during ticks ${mb(peakHeap)}); array buffers ${mb(memory.arrayBuffers)}; RSS ${mb(memory.rss)}`);
console.log(`bytes per entry (heap + array buffers): ${((heap.used_heap_size + memory.arrayBuffers) / Math.max(1, entries)).toFixed(0)}`);
console.log(`last ${TIMED} ticks, p50 / p95: model advance ${pair(advances)} (CPU ${pair(advanceCpu)}), snapshot ${pair(snapshots)}, whole tick ${pair(whole)}; GC within the advance ${pair(gcsAdvance)}, within the snapshot ${pair(gcsSnapshot)}`);
const inTicks = pauses.slice(0, counted);
const byKind = new Map<number, { count: number; ms: number }>();
for (const pause of inTicks) {
  const seen = byKind.get(pause.kind) ?? { count: 0, ms: 0 };
  seen.count += 1;
  seen.ms += pause.end - pause.start;
  byKind.set(pause.kind, seen);
}
// perf_hooks gc kinds: 1 scavenge (minor), 2 mark-compact (major), 4 incremental marking, 8 weak callbacks.
console.log(`GC over the run: ${[...byKind].map(([kind, seen]) => `kind ${kind}: ${seen.count} pauses, ${seen.ms.toFixed(0)} ms`).join('; ')}`);

if (args.includes('--listing')) {
  const t0 = performance.now();
  const listed = (await backend.connections()).rows;
  const t1 = performance.now();
  console.log(`connection listing: ${listed.length} entries in ${(t1 - t0).toFixed(0)} ms`);
}
const snapshotFile = option('--heap-snapshot');
if (snapshotFile !== undefined) console.log(`heap snapshot: ${writeHeapSnapshot(snapshotFile)}`);
await backend.close();
