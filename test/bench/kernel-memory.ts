// Inside the lab guest: the memory of lvstop as an operator runs it, on a real IPVS table of
// 5000 services x 5 servers, over 10 minutes of 1 s readings (its history full): the built
// bin/lvstop polls every 1 s in a 200x60 tmux pane while the RSS of its process is sampled
// every second. Beside what history-memory.ts measures on the host (the store, history and app
// on a simulated table), this has the kernel client and its channels (the TUI keeps the dump
// helper thread out of tables it reads in rotation; the thread count shows whether one ran).
// The table carries no traffic: its counters stand still, so the store keeps the first
// reading's objects throughout.
// Target: RSS <= 150 MB (MB = 10^6 bytes).
//   LVSTOP_BENCH_MEMORY_MINUTES (default 10) shortens the run for trying it out.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { benchTableRules } from './bench-table.js';
import { processTree } from './idle-cpu.js';
import { terminalEnvironment, TmuxTerminal } from '../support/tmux.js';

const SERVICES = 5000;
const SERVERS = 5;
const MINUTES = Number(process.env.LVSTOP_BENCH_MEMORY_MINUTES ?? 10);
const TARGET_RSS = 150e6;
const MB = 1e6;
/** Under emulation lvstop takes a minute or two to load Ink and read the table. */
const READY_TIMEOUT_MS = 15 * 60_000;

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface Sample {
  /** Seconds since the table first showed. */
  at: number;
  rss: number;
  /** The process's own memory, without mapped files (node's code). */
  anon: number;
  threads: number;
}

/** RSS and thread count of a process, from /proc/<pid>/status; null when it is gone. */
function sampleOf(pid: number): Omit<Sample, 'at'> | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: field('VmRSS') * 1024, anon: field('RssAnon') * 1024, threads: field('Threads') };
}

/** The node process running lvstop's bundle under the pane's shell. */
function lvstopPid(shell: number): number {
  for (const pid of processTree(shell).keys()) {
    let commandLine = '';
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (commandLine.includes('lvstop.js')) return pid;
  }
  throw new Error('no lvstop process under the pane');
}

/** lvstop started in a 200x60 pane, sampled every second for MINUTES once the table shows. */
async function sampleLvstop(state: string): Promise<Sample[]> {
  const terminal = new TmuxTerminal({
    cwd: repoRoot,
    env: terminalEnvironment({ LVSTOP_STATE_DIR: state, LVSTOP_AUDIT_LOG: join(state, 'audit.log') }),
    width: 200,
    height: 60,
  });
  const samples: Sample[] = [];
  try {
    const shell = terminal.shellPid();
    terminal.keys('bin/lvstop --interval 1', 'Enter');
    await terminal.waitFor(`"${SERVICES} svc" on the screen`, (text) => text.includes(`${SERVICES} svc`), READY_TIMEOUT_MS);
    const pid = lvstopPid(shell);
    const started = performance.now();
    for (let second = 0; second <= MINUTES * 60; second += 1) {
      const sample = sampleOf(pid);
      if (sample === null) throw new Error(`lvstop exited; screen:\n${terminal.screen()}`);
      samples.push({ at: (performance.now() - started) / 1000, ...sample });
      await sleep(Math.max(0, started + (second + 1) * 1000 - performance.now()));
    }
    const screen = terminal.screen();
    if (!screen.includes(`${SERVICES} svc`)) throw new Error(`lvstop no longer shows the table:\n${screen}`);
  } finally {
    terminal.close();
  }
  return samples;
}

const state = mkdtempSync(join(tmpdir(), 'lvstop-memory-'));
let samples: Sample[];
try {
  execFileSync('ipvsadm', ['-C']);
  execFileSync('ipvsadm', ['-R'], { input: benchTableRules(SERVICES, SERVERS) });
  samples = await sampleLvstop(state);
} finally {
  execFileSync('ipvsadm', ['-C']);
  rmSync(state, { recursive: true, force: true });
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const both = (sample: Pick<Sample, 'rss' | 'anon'>) => `${mb(sample.rss)} (${mb(sample.anon)})`;
const peakOf = (list: Sample[]) => ({
  rss: list.reduce((peak, sample) => Math.max(peak, sample.rss), 0),
  anon: list.reduce((peak, sample) => Math.max(peak, sample.anon), 0),
});
const first = samples[0]!;
const firstHalfMinute = samples.filter((sample) => sample.at < 30);
const afterIt = samples.filter((sample) => sample.at >= 30);
const peak = peakOf(samples);
console.log(`lvstop --interval 1 on ${SERVICES} services x ${SERVERS} (real IPVS, 200x60 tmux), RSS (anonymous) sampled every 1 s for ${MINUTES} min:`);
console.log('\n| | RSS (anonymous) | threads |');
console.log('|---|---|---|');
console.log(`| table first shown | ${both(first)} | ${first.threads} |`);
console.log(`| peak, first 30 s | ${both(peakOf(firstHalfMinute))} | ${Math.max(...firstHalfMinute.map((sample) => sample.threads))} |`);
console.log(`| after ${MINUTES} min | ${both(samples.at(-1)!)} | ${Math.min(...afterIt.map((sample) => sample.threads))} (fewest after 30 s) |`);
console.log(`| peak over the run | ${both(peak)} | |`);
console.log(`\ntarget RSS <= ${mb(TARGET_RSS)}: peak ${mb(peak.rss)}, ${peak.rss <= TARGET_RSS ? 'met' : 'NOT met'}`);
