// One measurement for history-memory.ts, in a process of its own: what the tui command runs
// (its heap settings, the poller, the store and, with "ui", the Ink app drawing to a 200x60
// terminal) against a moving table; 600 readings (10 minutes of 1 s history) as fast as they
// go, each with its frame, then readings paced at the real 1 s interval, RSS sampled
// meanwhile. Prints one JSON line.
//   arguments: history|none  ui|no-ui
// "none" cuts the history to one coarse reading per entry: what all the rest costs.

import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { keepYoungGenerationSmall, tuneHeapForLargeTables } from '../../src/cli/heap.js';
import { Poller, type PollerTimers } from '../../src/poller.js';
import { createLvsStore, pollerCallbacks, type LvsStore } from '../../src/store/index.js';
import { movingTable } from './moving-table.js';

const SERVICES = 5000;
const SERVERS = 5;
const FILL = 600;
const PACED = 30;
// Ink draws at most 15 frames a second: a reading's frame is out this long after it.
const FRAME_MS = 70;

const withHistory = process.argv[2] === 'history';
const withUi = process.argv[3] === 'ui';
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
// As the tui command starts.
keepYoungGenerationSmall();
// After the modules it needs, as lvstop has them before its first reading.
const ui = withUi ? await import('./history-memory-ui.js') : null;
gc();
const startRss = process.memoryUsage.rss();

let clock = 0;
// The poller's timers never fire: this loop polls by hand, on the clock it moves.
const timers: PollerTimers = { setTimeout: () => null, clearTimeout: () => undefined };
const store: LvsStore = createLvsStore({ now: () => clock, live: withHistory ? {} : { history: { fineCapacity: 1, maxFineEntries: 0 } } });
tuneHeapForLargeTables(store);
const table = movingTable(SERVICES, SERVERS);
const poller = new Poller(table, { intervalMs: 1000, ...pollerCallbacks(store), now: () => clock, timers });
// Without the app, the store sees what a 60-row terminal shows.
const app = ui?.renderApp(store, table, () => poller.pollNow()) ?? null;
if (app === null) store.getState().actions.setPageSize(55);
poller.start();

async function reading(): Promise<number> {
  clock += 1000;
  const started = performance.now();
  await poller.pollNow();
  const took = performance.now() - started;
  if (app !== null) await sleep(FRAME_MS);
  return took;
}

const cpuBefore = process.cpuUsage();
let fillMs = 0;
for (let r = 0; r < FILL; r++) {
  fillMs += await reading();
  // One service expanded: its servers are read every time, as the visible rows' are.
  if (r === 0) {
    if (app === null) store.getState().actions.navigate({ type: 'expand' });
    else app.expand();
  }
}
const cpu = process.cpuUsage(cpuBefore);

// Paced: RSS sampled every 50 ms while readings come a second apart, as lvstop polls.
let peak = 0;
let sum = 0;
let samples = 0;
const sampler = setInterval(() => {
  const rss = process.memoryUsage.rss();
  peak = Math.max(peak, rss);
  sum += rss;
  samples++;
}, 50);
const times: number[] = [];
for (let r = 0; r < PACED; r++) {
  await sleep(1000 - (app === null ? 0 : FRAME_MS));
  times.push(await reading());
}
clearInterval(sampler);
await poller.stop();
app?.unmount();

const state = store.getState();
const history = state.history;
gc();
const after = process.memoryUsage();
// LVSTOP_MEMORY_HEAP_SNAPSHOT=file: the heap as it is now, for Chrome's memory tools.
if (process.env.LVSTOP_MEMORY_HEAP_SNAPSHOT) writeHeapSnapshot(process.env.LVSTOP_MEMORY_HEAP_SNAPSHOT);
// What of the RSS is the process's own memory and what is mapped files (node's own code).
const status = readFileSync('/proc/self/status', 'utf8');
const statusBytes = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
times.sort((a, b) => a - b);
console.log(
  JSON.stringify({
    history: withHistory,
    ui: withUi,
    entries: state.live?.rates.size ?? 0,
    fineEntries: history?.fineEntries ?? 0,
    historyBytes: history?.bytes ?? 0,
    held: history?.count(state.selection ?? '') ?? 0,
    startRss,
    peakRss: peak,
    meanRss: sum / Math.max(1, samples),
    rssAfterGc: after.rss,
    anonAfterGc: statusBytes('RssAnon'),
    fileAfterGc: statusBytes('RssFile'),
    heapUsed: after.heapUsed,
    heapCommitted: after.heapTotal,
    // Off the V8 heap: ArrayBuffers (the history's typed arrays among them) and other external memory.
    arrayBuffers: after.arrayBuffers,
    external: after.external,
    heapSpaces: Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, Math.round(space.physical_space_size / 1e5) / 10])),
    // CPU of the whole process (garbage collection and frames included), per reading.
    fillCpuMsPerReading: (cpu.user + cpu.system) / 1000 / FILL,
    // The reading alone: the poll and the store's update.
    fillMsPerReading: fillMs / FILL,
    pacedMedianMs: times[Math.floor(times.length / 2)] ?? 0,
  }),
);
