// Inside the lab guest: lvstop's full snapshot (a warm process, as the TUI polls) against
// `ipvsadm -Ln --stats` (a whole process, as `watch` runs it) on the same tables of 100, 1000
// and 5000 services x 5 servers, timed side by side in one run. Prints a markdown table and
// writes the figures to $LVSTOP_LAB_OUT/kernel-snapshot.json. It times the built client in
// dist/ (what bin/lvstop runs), not the TypeScript source through tsx, whose transform wraps
// every function made at run time in a naming helper.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchTableRules } from './bench-table.js';

const built = <T>(path: string): Promise<T> => import(new URL(`../../dist/${path}`, import.meta.url).href) as Promise<T>;
const { IpvsClient } = await built<typeof import('../../src/ipvs/client.js')>('ipvs/client.js');
const { NetlinkBackend } = await built<typeof import('../../src/backend/kernel/netlink-backend.js')>('backend/kernel/netlink-backend.js');
const { Poller } = await built<typeof import('../../src/poller.js')>('poller.js');
const { serviceId } = await built<typeof import('../../src/model/identity.js')>('model/identity.js');

/** Rows a 200x60 screen shows: the services whose real servers the TUI wants on every tick. */
const VISIBLE_SERVICES = 50;

const SIZES = (process.env.LVSTOP_BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const SERVERS = 5;
const RUNS = Number(process.env.LVSTOP_BENCH_RUNS ?? 7);


const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function time(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * The TUI's tick: a Poller on the kernel backend as the TUI runs it (1 s interval), polled by
 * hand (paused: its own timer does not fire). Above 1000 services, or when a whole reading
 * takes more than a tenth of the interval, it reads real servers for the visible services plus
 * the stalest others, so every service is read within 10 ticks.
 */
async function timeTicks(runs: number): Promise<number[]> {
  const backend = await NetlinkBackend.open();
  const first = (await backend.snapshot()).services.slice(0, VISIBLE_SERVICES).map((service) => serviceId(service));
  const poller = new Poller(backend, { intervalMs: 1000, onSnapshot: () => {}, onError: (error) => { throw error; }, wantedServices: () => first });
  const ticks: number[] = [];
  try {
    poller.start();
    poller.pause();
    await poller.pollNow();
    for (let run = 0; run < runs; run += 1) ticks.push(await time(() => poller.pollNow()));
  } finally {
    await poller.stop();
    await backend.close();
  }
  return ticks;
}

const results: Array<{ services: number; lvstopMs: number; tickMs: number; ipvsadmMs: number; ratio: number; tickRatio: number; peakInFlight: number }> = [];
const client = await IpvsClient.open();
try {
  for (const services of SIZES) {
    execFileSync('ipvsadm', ['-C']);
    execFileSync('ipvsadm', ['-R'], { input: benchTableRules(services, SERVERS) });
    await client.snapshot(); // warm up: JIT, sockets
    const lvstop: number[] = [];
    const ipvsadm: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      // Alternate the two so a slow moment of the emulator hits both alike.
      lvstop.push(await time(async () => {
        const snapshot = await client.snapshot();
        if (snapshot.services.length !== services) throw new Error(`read ${snapshot.services.length} services, expected ${services}`);
      }));
      ipvsadm.push(await time(() => execFileSync('ipvsadm', ['-Ln', '--stats'], { maxBuffer: 256 * 1024 * 1024 })));
    }
    const ticks = await timeTicks(RUNS);
    const ipvsadmMs = median(ipvsadm);
    const row = {
      services,
      lvstopMs: median(lvstop),
      tickMs: median(ticks),
      ipvsadmMs,
      ratio: median(lvstop) / ipvsadmMs,
      tickRatio: median(ticks) / ipvsadmMs,
      peakInFlight: client.peakInFlight,
    };
    results.push(row);
    console.log(`${services} services x ${SERVERS}: lvstop ${row.lvstopMs.toFixed(1)} ms, TUI tick ${row.tickMs.toFixed(1)} ms, ipvsadm ${ipvsadmMs.toFixed(1)} ms, ratios ${row.ratio.toFixed(2)} / ${row.tickRatio.toFixed(2)}`);
  }
} finally {
  client.close();
  execFileSync('ipvsadm', ['-C']);
}

console.log('\n| services x 5 | ipvsadm -Ln --stats (process) | lvstop full snapshot (warm) | ratio | lvstop TUI tick | ratio |');
console.log('|---|---|---|---|---|---|');
for (const row of results) {
  console.log(`| ${row.services} | ${row.ipvsadmMs.toFixed(1)} ms | ${row.lvstopMs.toFixed(1)} ms | ${row.ratio.toFixed(2)} | ${row.tickMs.toFixed(1)} ms | ${row.tickRatio.toFixed(2)} |`);
}
console.log('(medians; the TUI tick reads real servers of the 50 visible services, plus a rotating tenth of the rest above 1000 services or when whole readings take over 100 ms)');
if (process.env.LVSTOP_LAB_OUT) writeFileSync(join(process.env.LVSTOP_LAB_OUT, 'kernel-snapshot.json'), `${JSON.stringify(results, null, 2)}\n`);
