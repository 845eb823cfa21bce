// Inside the lab guest: lvstop's full snapshot (a warm process, as the TUI polls) against
// `ipvsadm -Ln --stats` (a whole process, as `watch` runs it) on the same tables of 100, 1000
// and 5000 services x 5 servers, timed side by side in one run. Prints a markdown table and
// writes the figures to $LVSTOP_LAB_OUT/kernel-snapshot.json.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { IpvsClient } from '../../src/ipvs/client.js';

const SIZES = (process.env.LVSTOP_BENCH_SIZES ?? '100,1000,5000').split(',').map(Number);
const SERVERS = 5;
const RUNS = Number(process.env.LVSTOP_BENCH_RUNS ?? 7);

function tableRules(services: number): string {
  const lines: string[] = [];
  for (let n = 0; n < services; n += 1) {
    const vip = `10.${100 + (n >> 8)}.${n & 255}.1:80`;
    lines.push(`-A -t ${vip} -s wrr`);
    for (let s = 1; s <= SERVERS; s += 1) lines.push(`-a -t ${vip} -r 172.16.${n & 255}.${s}:8080 -m -w ${s}`);
  }
  return `${lines.join('\n')}\n`;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function time(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const results: Array<{ services: number; lvstopMs: number; ipvsadmMs: number; ratio: number; peakInFlight: number }> = [];
const client = await IpvsClient.open();
try {
  for (const services of SIZES) {
    execFileSync('ipvsadm', ['-C']);
    execFileSync('ipvsadm', ['-R'], { input: tableRules(services) });
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
    const row = { services, lvstopMs: median(lvstop), ipvsadmMs: median(ipvsadm), ratio: median(lvstop) / median(ipvsadm), peakInFlight: client.peakInFlight };
    results.push(row);
    console.log(`${services} services x ${SERVERS}: lvstop ${row.lvstopMs.toFixed(1)} ms, ipvsadm ${row.ipvsadmMs.toFixed(1)} ms, ratio ${row.ratio.toFixed(2)}`);
  }
} finally {
  client.close();
  execFileSync('ipvsadm', ['-C']);
}

console.log('\n| services x 5 | lvstop snapshot (warm, median) | ipvsadm -Ln --stats (process, median) | ratio |');
console.log('|---|---|---|---|');
for (const row of results) {
  console.log(`| ${row.services} | ${row.lvstopMs.toFixed(1)} ms | ${row.ipvsadmMs.toFixed(1)} ms | ${row.ratio.toFixed(2)} |`);
}
if (process.env.LVSTOP_LAB_OUT) writeFileSync(join(process.env.LVSTOP_LAB_OUT, 'kernel-snapshot.json'), `${JSON.stringify(results, null, 2)}\n`);
