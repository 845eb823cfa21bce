// Frame render time of the real app at 200x60 on a table of 5000 services x 5 servers (the
// simulator). The component tree is lvstop's own (App), fed as in `lvstop`: the simulator, the
// Poller, the store; Ink renders with the frame options of `lvstop` to a fake 200x60 terminal.
//
// A frame is timed from the store's change (its first subscriber, registered before the app's)
// to the last write on stdout it causes: React render + commit, Yoga layout, Ink's output and
// the write. Actions are a poll tick (every visible counter moves), cursor down, page down,
// expand and collapse a service, each on a fresh throttle window (Ink caps frames at 15/s).
// The history is filled first (200 readings), so sparklines and chart are drawn in full.
// CPU is this process's CPU time from the change until the frame has settled (it is otherwise
// idle), garbage collection included; Ink's output stage is timed apart (wall clock).
// With --moving the table is moving-table.ts's instead of the simulator (every counter moving,
// new objects on every read, as the kernel backend builds them, and none of the simulator's own
// heap, which is 0.7-1.5 GB of connection records at 5000 services). With --heap-settings the
// heap is tuned as lvstop tunes it for a table this size.
//   node --import tsx --expose-gc test/bench/frame-render.ts [services] [--moving] [--heap-settings]

import { performance, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { FRAME_INTERVAL_MS, renderBenchApp } from './bench-app.js';
import { HOST } from '../support/host-stats.js';
import { createDemoBackend } from '../../src/backend/demo/index.js';
import { movingBackend, movingTable } from './moving-table.js';
import { Poller, type PollerTimers } from '../../src/poller.js';
import { keepYoungGenerationSmall, tuneHeapForLargeTables } from '../../src/cli/heap.js';
import { createLvsStore, pollerCallbacks } from '../../src/store/index.js';

const SERVICES = Number(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 5000);
const COLUMNS = 200;
const ROWS = 60;
const WARMUP = 20;
const TIMED = 200;
const HISTORY_READINGS = COLUMNS;
// Past Ink's throttle window, so every action starts a frame at once rather than trailing.
const SETTLE_MS = FRAME_INTERVAL_MS + 20;
// How long an action that changed neither store is given to draw before it counts as drawing
// nothing (key frames take a few ms; a store change is waited for however long it takes).
const NO_CHANGE_WAIT_MS = 1000;

type ActionKind = 'poll tick' | 'down' | 'page down' | 'expand' | 'collapse' | 'up';
const CYCLE: ActionKind[] = ['poll tick', 'down', 'down', 'page down', 'expand', 'down', 'poll tick', 'collapse', 'page down', 'up'];
const KEY: Record<Exclude<ActionKind, 'poll tick'>, string> = {
  down: '\u001b[B',
  up: '\u001b[A',
  'page down': '\u001b[6~',
  expand: '\u001b[C',
  collapse: '\u001b[D',
};

// The poller's own timer never fires: the bench decides when a poll happens.
const inertTimers: PollerTimers = { setTimeout: () => null, clearTimeout: () => {} };

let clock = 1_000_000;
// 2 new connections per second per service: every service's counters and rates move each tick.
const moving = process.argv.includes('--moving');
const backend = moving
  ? movingBackend(movingTable(SERVICES, 5))
  : createDemoBackend({ generate: { services: SERVICES, serversPerService: 5, cps: 2, preRollSeconds: 30 }, now: () => clock, seed: 7 });
const store = createLvsStore({ now: () => clock });
// Not by default: with the simulator's heap, its collections, not lvstop's, would make most of
// every frame.
if (process.argv.includes('--heap-settings')) {
  keepYoungGenerationSmall();
  tuneHeapForLargeTables(store);
}
const poller = new Poller(backend, { intervalMs: 1000, ...pollerCallbacks(store), timers: inertTimers, now: () => clock });
const tick = async () => {
  clock += 1000;
  await poller.pollNow();
};
poller.start();
// Readings enough to fill the sparklines and the detail chart, as after a few minutes' use.
for (let i = 0; i < HISTORY_READINGS; i++) await tick();

let changedAt: number | null = null;
let changedCpu: NodeJS.CpuUsage | null = null;
// Subscribed before the app mounts, so it hears of each change before any component does.
store.subscribe(() => {
  if (changedAt !== null) return;
  changedAt = performance.now();
  changedCpu = process.cpuUsage();
});

// Ink's own output stage (its tree walked to a grid of styled characters, then to text).
let inkOutputMs = 0;
let inkRenders = 0;
const { stdout, stdin, unmount } = renderBenchApp({
  store,
  backend,
  refresh: () => poller.pollNow(),
  host: HOST,
  columns: COLUMNS,
  rows: ROWS,
  onRender: ({ renderTime }) => {
    inkOutputMs += renderTime;
    inkRenders += 1;
  },
});
await tick();
await sleep(SETTLE_MS);
// The writer's first frame is the whole screen.
const firstScreen = stdout.lastFrame;

// Garbage collection pauses, to tell how much of a slow frame was the collector.
const gcPauses: Array<{ start: number; end: number }> = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcPauses.push({ start: entry.startTime, end: entry.startTime + entry.duration });
}).observe({ entryTypes: ['gc'] });
const gcWithin = (start: number, end: number) =>
  gcPauses.reduce((sum, pause) => sum + Math.max(0, Math.min(end, pause.end) - Math.max(start, pause.start)), 0);

interface Sample {
  kind: ActionKind;
  frameMs: number;
  cpuMs: number;
  inkOutputMs: number;
  gcMs: number;
  /** Poll ticks: the simulator's snapshot and the store update, before the change is seen. */
  pollMs: number;
  /** Characters written to the terminal for the frame. */
  written: number;
}

async function act(kind: ActionKind): Promise<Sample | null> {
  changedAt = null;
  inkOutputMs = 0;
  const writes = stdout.writes;
  const written = stdout.written;
  const renders = inkRenders;
  const started = performance.now();
  if (kind === 'poll tick') await tick();
  else stdin.press(KEY[kind]);
  // Wait for the frame however long it takes, then for Ink's throttle window to pass. An
  // action may draw nothing: Ink drew a frame the same as the one on screen (nothing to
  // write), or neither store changed.
  for (;;) {
    const waited = performance.now() - started;
    if (stdout.writes !== writes || waited > 10_000) break;
    if (inkRenders !== renders && waited > SETTLE_MS) break;
    if (changedAt === null && waited > NO_CHANGE_WAIT_MS) break;
    await sleep(2);
  }
  await sleep(SETTLE_MS);
  const cpuAfter = process.cpuUsage(changedCpu ?? undefined);
  if (changedAt === null || stdout.writes === writes) return null;
  return {
    kind,
    frameMs: stdout.lastWriteAt - changedAt,
    cpuMs: (cpuAfter.user + cpuAfter.system) / 1000,
    inkOutputMs,
    gcMs: gcWithin(changedAt, stdout.lastWriteAt),
    pollMs: kind === 'poll tick' ? changedAt - started : 0,
    written: stdout.written - written,
  };
}

const samples: Sample[] = [];
let missed = 0;
for (let i = 0; i < WARMUP + TIMED; i++) {
  const sample = await act(CYCLE[i % CYCLE.length]!);
  if (i < WARMUP) continue;
  if (sample === null) missed += 1;
  else samples.push(sample);
}
// The screen drawn was the table, not an error.
const drawnTable = firstScreen.includes(`${SERVICES} svc ${SERVICES * 5} srv`);
unmount();
await poller.stop();
if (!moving) await backend.close();

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const row = (label: string, chosen: Sample[]) => {
  const frames = chosen.map((s) => s.frameMs).sort((a, b) => a - b);
  const cpu = chosen.map((s) => s.cpuMs).sort((a, b) => a - b);
  const ink = chosen.map((s) => s.inkOutputMs).sort((a, b) => a - b);
  const gc = chosen.map((s) => s.gcMs).sort((a, b) => a - b);
  const f = (v: number) => v.toFixed(1);
  const triple = (v: number[]) => `${f(percentile(v, 50))} / ${f(percentile(v, 95))} / ${f(v.at(-1) ?? NaN)} ms`;
  const written = chosen.map((s) => s.written).sort((a, b) => a - b);
  return `| ${label} | ${chosen.length} | ${triple(frames)} | ${f(percentile(cpu, 50))} / ${f(percentile(cpu, 95))} ms | ${f(percentile(ink, 50))} ms | ${f(percentile(gc, 95))} / ${f(gc.at(-1) ?? NaN)} ms | ${(percentile(written, 50) / 1000).toFixed(1)} KB |`;
};

console.log(`${SERVICES} services x 5 at ${COLUMNS}x${ROWS}, ${HISTORY_READINGS} readings of history; ${samples.length} frames timed after ${WARMUP}.`);
console.log('| action | frames | frame p50 / p95 / max | CPU p50 / p95 | Ink output stage p50 | GC pauses in the frame p95 / max | written p50 |');
console.log('|---|---|---|---|---|---|---|');
console.log(row('all', samples));
for (const kind of new Set(CYCLE)) console.log(row(kind, samples.filter((s) => s.kind === kind)));
const polls = samples.filter((s) => s.kind === 'poll tick').map((s) => s.pollMs).sort((a, b) => a - b);
console.log(`Not in the frame: the poll before it (simulator snapshot + store update) p50 ${percentile(polls, 50).toFixed(1)} ms, p95 ${percentile(polls, 95).toFixed(1)} ms.`);
if (missed > 0 || !drawnTable) {
  console.log(missed > 0 ? `${missed} actions drew no frame.` : 'The last frame is not the services table.');
  process.exitCode = 1;
}
