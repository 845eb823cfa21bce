// Inside the lab guest: lvstop's full snapshot (a warm process, as the TUI polls) against
// `ipvsadm -Ln --stats` (a whole process, as `watch` runs it) on the same tables of 100, 1000
// and 5000 services x 5 servers, timed side by side in one run, with two parts of lvstop's
// time (the service list, and the server dumps not decoded, on one thread and shared with the
// helper thread) timed alone in the same runs.
// Prints markdown tables and writes the figures to $LVSTOP_LAB_OUT/kernel-snapshot.json.
// lvstop's reads run in a process of their own that starts no other
// (kernel-snapshot-reader.ts says why); this one starts ipvsadm.

import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchTableRules } from './bench-table.js';
import type { ReaderAnswer, ReaderRequest } from './kernel-snapshot-reader.js';

const SIZES = (process.env.LVSTOP_BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const SERVERS = 5;
const RUNS = Number(process.env.LVSTOP_BENCH_RUNS ?? 7);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

function startReader(): Promise<{ ask: (request: ReaderRequest) => Promise<{ ms: number[]; peakInFlight: number }>; child: ChildProcess }> {
  const child = fork(new URL('./kernel-snapshot-reader.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  const next = (): Promise<{ ms: number[]; peakInFlight: number }> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the reader process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (answer: ReaderAnswer) => {
        child.off('exit', onExit);
        if ('error' in answer) reject(new Error(`the reader failed: ${answer.error}`));
        else resolve(answer);
      });
    });
  const ask = (request: ReaderRequest) => {
    const answer = next();
    child.send(request);
    return answer;
  };
  return next().then(() => ({ ask, child }));
}

let peakInFlight = 0;
const results: Array<{
  services: number;
  lvstopMs: number;
  tickMs: number;
  ipvsadmMs: number;
  ratio: number;
  tickRatio: number;
  peakInFlight: number;
  /**
   * The full snapshot's parts, timed alone: the service list, the server dumps undecoded on one
   * thread and, where a full snapshot shares them with the helper thread, shared (else null).
   */
  serviceListMs: number;
  bareDumpsMs: number;
  sharedBareDumpsMs: number | null;
}> = [];
const reader = await startReader();
try {
  for (const services of SIZES) {
    execFileSync('ipvsadm', ['-C']);
    execFileSync('ipvsadm', ['-R'], { input: benchTableRules(services, SERVERS) });
    await reader.ask({ kind: 'warm-up', services });
    const lvstop: number[] = [];
    const ipvsadm: number[] = [];
    const serviceList: number[] = [];
    const bareDumps: number[] = [];
    const sharedBareDumps: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      // Alternate the two so a slow moment of the emulator hits both alike.
      const { ms, peakInFlight: peak } = await reader.ask({ kind: 'snapshot', services });
      lvstop.push(...ms);
      peakInFlight = peak;
      const { ms: [listMs, dumpsMs, sharedMs] } = await reader.ask({ kind: 'parts' });
      serviceList.push(listMs!);
      bareDumps.push(dumpsMs!);
      if (sharedMs !== undefined) sharedBareDumps.push(sharedMs);
      const start = performance.now();
      execFileSync('ipvsadm', ['-Ln', '--stats'], { maxBuffer: 256 * 1024 * 1024 });
      ipvsadm.push(performance.now() - start);
    }
    const { ms: ticks } = await reader.ask({ kind: 'ticks', runs: RUNS });
    const ipvsadmMs = median(ipvsadm);
    const row = {
      services,
      lvstopMs: median(lvstop),
      tickMs: median(ticks),
      ipvsadmMs,
      ratio: median(lvstop) / ipvsadmMs,
      tickRatio: median(ticks) / ipvsadmMs,
      peakInFlight,
      serviceListMs: median(serviceList),
      bareDumpsMs: median(bareDumps),
      sharedBareDumpsMs: sharedBareDumps.length > 0 ? median(sharedBareDumps) : null,
    };
    results.push(row);
    console.log(`${services} services x ${SERVERS}: lvstop ${row.lvstopMs.toFixed(1)} ms, TUI tick ${row.tickMs.toFixed(1)} ms, ipvsadm ${ipvsadmMs.toFixed(1)} ms, ratios ${row.ratio.toFixed(2)} / ${row.tickRatio.toFixed(2)}`);
  }
} finally {
  await reader.ask({ kind: 'close' }).catch(() => reader.child.kill());
  execFileSync('ipvsadm', ['-C']);
}

console.log('\n| services x 5 | ipvsadm -Ln --stats (process) | lvstop full snapshot (warm) | ratio | lvstop TUI tick | ratio |');
console.log('|---|---|---|---|---|---|');
for (const row of results) {
  console.log(`| ${row.services} | ${row.ipvsadmMs.toFixed(1)} ms | ${row.lvstopMs.toFixed(1)} ms | ${row.ratio.toFixed(2)} | ${row.tickMs.toFixed(1)} ms | ${row.tickRatio.toFixed(2)} |`);
}
console.log('(medians; the TUI tick reads real servers of the 50 visible services, plus a rotating tenth of the rest above 1000 services or when whole readings take over 100 ms)');
console.log('\nWhere the full snapshot goes, each part timed alone in the same runs (fraction of ipvsadm -Ln --stats):');
console.log('\n| services x 5 | full snapshot | service list | server dumps, not decoded, one thread | the same shared with the helper thread | the rest: decoding, building, torn-dump checks |');
console.log('|---|---|---|---|---|---|');
for (const row of results) {
  const part = (ms: number) => `${ms.toFixed(1)} ms (${(ms / row.ipvsadmMs).toFixed(2)})`;
  // The rest is beyond the dumps as the full snapshot makes them: shared at this size or not.
  const dumpsMs = row.sharedBareDumpsMs ?? row.bareDumpsMs;
  const shared = row.sharedBareDumpsMs === null ? 'not shared at this size' : part(row.sharedBareDumpsMs);
  console.log(`| ${row.services} | ${part(row.lvstopMs)} | ${part(row.serviceListMs)} | ${part(row.bareDumpsMs)} | ${shared} | ${part(row.lvstopMs - row.serviceListMs - dumpsMs)} |`);
}
if (process.env.LVSTOP_LAB_OUT) writeFileSync(join(process.env.LVSTOP_LAB_OUT, 'kernel-snapshot.json'), `${JSON.stringify(results, null, 2)}\n`);
