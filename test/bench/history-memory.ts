// Memory of lvstop for 5000 services x 5 real servers (30,000 entries), every counter moving,
// once it holds 10 minutes of 1 s history. Target: RSS <= 150 MB (MB = 10^6 bytes) for the
// whole process. history-memory-run.ts measures, each run in a fresh process: lvstop as it
// runs (with its Ink app), the same without the app, and that without history, so the
// history's own cost is the difference of the last two.
// The runs use plain node, as lvstop does: this file bundles them with esbuild as lvstop's
// build does (bin/bundle.ts) first, because tsx's loader thread alone adds ~40 MB of RSS that
// lvstop does not have.
//   node --import tsx --expose-gc test/bench/history-memory.ts

import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleOptions } from '../../bin/bundle.js';

const TARGET_RSS = 150e6;
const MB = 1e6;

interface Result {
  history: boolean;
  ui: boolean;
  entries: number;
  fineEntries: number;
  historyBytes: number;
  held: number;
  startRss: number;
  peakRss: number;
  meanRss: number;
  rssAfterGc: number;
  anonAfterGc: number;
  fileAfterGc: number;
  heapUsed: number;
  heapCommitted: number;
  arrayBuffers: number;
  external: number;
  heapSpaces: Record<string, number>;
  fillCpuMsPerReading: number;
  fillMsPerReading: number;
  pacedMedianMs: number;
}

const here = dirname(fileURLToPath(import.meta.url));
// One directory per run (removed at the end), so two checkouts sharing node_modules can run
// this bench at once. Under node_modules, so the bundle's packages resolve as lvstop's do.
const outdir = join(here, `../../node_modules/.cache/lvstop-history-memory-${process.pid}`);
mkdirSync(outdir, { recursive: true });
process.on('exit', () => rmSync(outdir, { recursive: true, force: true }));
// Bundled as lvstop is (Ink in the bundle, the other packages from node_modules), split so the
// app's modules load only in the runs that render it.
await build(bundleOptions(join(here, 'history-memory-run.ts'), outdir));

function run(history: boolean, ui: boolean): Result {
  // LVSTOP_MEMORY_NODE_ARGS: node and V8 flags to try on the runs (space-separated).
  const tried = (process.env.LVSTOP_MEMORY_NODE_ARGS ?? '').split(' ').filter((flag) => flag !== '');
  const args = [...tried, '--expose-gc', join(outdir, 'history-memory-run.js'), history ? 'history' : 'none', ui ? 'ui' : 'no-ui'];
  // As bin/lvstop starts node: two malloc arenas unless MALLOC_ARENA_MAX says otherwise (16 is
  // glibc's own limit on 2 cores). The bundle has React's production build, as lvstop's has.
  const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };
  // Its stderr is kept out of the way (Ink restores a cursor there) unless the run fails.
  const output = execFileSync(process.execPath, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Result;
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
// LVSTOP_MEMORY_RUNS=app (or no-app, no-history, comma-separated) makes only those runs, to
// compare settings (LVSTOP_MEMORY_NODE_ARGS, MALLOC_* reach the runs) one at a time.
const chosen = (process.env.LVSTOP_MEMORY_RUNS ?? 'app,no-app,no-history').split(',');
const runs: [string, Result][] = (
  [
    ['app', 'lvstop (Ink app, 200x60)', true, true],
    ['no-app', 'without the app', true, false],
    ['no-history', 'without the app or history', false, false],
  ] as const
)
  .filter(([key]) => chosen.includes(key))
  .map(([, name, history, ui]) => [name, run(history, ui)]);
for (const [name, r] of runs) {
  console.log(
    `${name}: RSS peak ${mb(r.peakRss)}, mean ${mb(r.meanRss)}, after GC ${mb(r.rssAfterGc)} ` +
      `(${mb(r.anonAfterGc)} anonymous, ${mb(r.fileAfterGc)} mapped files; ${mb(r.startRss)} before the first reading); ` +
      `heap used ${mb(r.heapUsed)} of ${mb(r.heapCommitted)}, external ${mb(r.external)} (ArrayBuffers ${mb(r.arrayBuffers)}); ` +
      `per reading ${r.fillMsPerReading.toFixed(0)} ms (paced ${r.pacedMedianMs.toFixed(0)} ms), CPU ${r.fillCpuMsPerReading.toFixed(0)} ms`,
  );
}
const full = runs.find(([name]) => name === 'without the app')?.[1];
const none = runs.find(([name]) => name === 'without the app or history')?.[1];
if (full !== undefined && none !== undefined) {
  const added = full.rssAfterGc - none.rssAfterGc;
  console.log(
    `history: ${full.entries} entries, ${full.fineEntries} at 1 s, the rest at 10 s; the selected row holds ${full.held} readings; ` +
      `typed arrays ${mb(full.historyBytes)} (${(full.historyBytes / full.entries).toFixed(0)} B/entry); ` +
      `RSS added ${mb(added)} (${(added / full.entries).toFixed(0)} B/entry)`,
  );
}
for (const [name, r] of runs) console.log(`${name}: V8 heap spaces resident (MB): ${JSON.stringify(r.heapSpaces)}`);
for (const [name, r] of runs.filter(([, r]) => r.history)) {
  console.log(`target RSS <= ${mb(TARGET_RSS)}, ${name}: peak ${mb(r.peakRss)}, ${r.peakRss <= TARGET_RSS ? 'met' : 'NOT met'}`);
}
