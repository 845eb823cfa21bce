// CPU used by a full-screen program left alone in a terminal: the command runs in a tmux pane
// of a chosen size, and after a settling time its CPU time (user + system of the whole
// process tree under the pane's shell, reaped children included, from /proc/<pid>/stat) is
// read twice, `seconds` apart. Made for `lvstop` against `watch -n1 ipvsadm -Ln --stats` on
// the same table; any command line works.
//
//   node --import tsx test/bench/idle-cpu.ts                        lvstop --demo, 100 x 5 (host)
//   node --import tsx test/bench/idle-cpu.ts [--seconds 60] [--settle 5] -- COMMAND [ARGS...]
// (a command line given is run from the current directory)

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { generateScenario } from '../../src/backend/demo/generate.js';
import { terminalEnvironment, TmuxTerminal } from '../support/tmux.js';

export interface IdleCpuOptions {
  /** A shell command line, typed into the pane's shell. */
  command: string;
  /** How long CPU time is counted. */
  seconds: number;
  /** Left out before counting: start-up and the first readings. Default 5. */
  settleSeconds?: number;
  /** Text on the screen that says the program has started: the settling time starts then. */
  readyText?: string;
  /** How long start-up may take before `readyText` shows. Default 600 s. */
  readyTimeoutSeconds?: number;
  /** The terminal; default 200 x 60. */
  width?: number;
  height?: number;
  /** Default: the repository. */
  cwd?: string;
  env?: Record<string, string>;
}

export interface IdleCpuResult {
  command: string;
  cpuSeconds: number;
  wallSeconds: number;
  /** CPU seconds per wall-clock second (1 = one core busy). */
  cpuPerSecond: number;
  /** The screen at the end, to check that the command ran as meant. */
  screen: string;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const ticksPerSecond = 100; // USER_HZ, fixed at 100 on Linux whatever the kernel's HZ

export interface ProcStat {
  ppid: number;
  /** utime + stime + cutime + cstime, in ticks. */
  ticks: number;
}

function readStat(pid: string): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // gone meanwhile
  }
  // The name in parentheses may hold spaces: the fields start after its closing parenthesis.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const at = (field: number) => Number(fields[field - 3]);
  return { ppid: at(4), ticks: at(14) + at(15) + at(16) + at(17) };
}

/** `root` and every live descendant, each with its /proc stat. */
export function processTree(root: number): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(name);
    if (stat !== null) stats.set(Number(name), stat);
  }
  const tree = new Map<number, ProcStat>();
  const pending = [root];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const stat = stats.get(pid);
    if (stat === undefined) continue;
    tree.set(pid, stat);
    for (const [child, childStat] of stats) if (childStat.ppid === pid) pending.push(child);
  }
  return tree;
}

/** CPU ticks of `root` and every live descendant, and how many processes that is. */
export function treeTicks(root: number): { ticks: number; processes: number } {
  const tree = processTree(root);
  let ticks = 0;
  for (const stat of tree.values()) ticks += stat.ticks;
  return { ticks, processes: tree.size };
}

export async function measureIdleCpu(options: IdleCpuOptions): Promise<IdleCpuResult> {
  const terminal = new TmuxTerminal({
    cwd: options.cwd ?? repoRoot,
    env: terminalEnvironment(options.env),
    width: options.width ?? 200,
    height: options.height ?? 60,
  });
  try {
    const shell = terminal.shellPid();
    terminal.keys(options.command, 'Enter');
    const ready = options.readyText;
    if (ready !== undefined) await terminal.waitFor(`"${ready}" on the screen`, (screen) => screen.includes(ready), (options.readyTimeoutSeconds ?? 600) * 1000);
    await sleep((options.settleSeconds ?? 5) * 1000);
    const start = treeTicks(shell);
    const startedAt = performance.now();
    await sleep(options.seconds * 1000);
    const end = treeTicks(shell);
    const wallSeconds = (performance.now() - startedAt) / 1000;
    const screen = terminal.screen();
    // The shell alone means the command has ended: what it measured is not the program.
    if (end.processes < 2) throw new Error(`"${options.command}" is not running any more; screen:\n${screen}`);
    const cpuSeconds = (end.ticks - start.ticks) / ticksPerSecond;
    return { command: options.command, cpuSeconds, wallSeconds, cpuPerSecond: cpuSeconds / wallSeconds, screen };
  } finally {
    terminal.close();
  }
}

export function formatRow(label: string, result: IdleCpuResult): string {
  return `| ${label} | ${result.cpuPerSecond.toFixed(4)} | ${(result.cpuPerSecond * 100).toFixed(2)} % | ${result.cpuSeconds.toFixed(2)} s over ${result.wallSeconds.toFixed(0)} s |`;
}

const quote = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`);

function optionValue(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
}

/** The host run: the built lvstop on a simulated table of 100 services x 5 servers. */
async function hostRun(seconds: number, settleSeconds: number): Promise<void> {
  if (!existsSync(join(repoRoot, 'dist/bundle/lvstop.js'))) throw new Error('bin/lvstop needs a build first: npm run build');
  const dir = mkdtempSync(join(tmpdir(), 'lvstop-idle-'));
  try {
    const scenario = join(dir, 'scenario-100x5.json');
    writeFileSync(scenario, JSON.stringify(generateScenario({ services: 100, serversPerService: 5 })));
    const env = { LVSTOP_STATE_DIR: dir, LVSTOP_AUDIT_LOG: join(dir, 'audit.log') };
    const lvstop = await measureIdleCpu({ command: `bin/lvstop --demo-scenario ${quote(scenario)} --interval 1`, seconds, settleSeconds, env });
    if (!lvstop.screen.includes('100 svc 500 srv')) throw new Error(`lvstop did not show the 100 x 5 table; screen:\n${lvstop.screen}`);
    // Not the target's comparison (that needs IPVS: the lab), but watch's own cost on this machine.
    const watch = await measureIdleCpu({ command: 'watch -n1 cat /proc/net/dev', seconds, settleSeconds });
    console.log(`Idle CPU at 200x60, 1 s polling, ${seconds} s counted after ${settleSeconds} s:`);
    console.log('| command | CPU s per s | of one core | CPU time |');
    console.log('|---|---|---|---|');
    console.log(formatRow('lvstop --demo, 100 services x 5', lvstop));
    console.log(formatRow('watch -n1 cat /proc/net/dev (host proxy)', watch));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const seconds = optionValue(args, '--seconds', 60);
  const settleSeconds = optionValue(args, '--settle', 5);
  const dashes = args.indexOf('--');
  if (dashes === -1) {
    await hostRun(seconds, settleSeconds);
  } else {
    const command = args.slice(dashes + 1).map(quote).join(' ');
    const result = await measureIdleCpu({ command, seconds, settleSeconds, cwd: process.cwd() });
    console.log('| command | CPU s per s | of one core | CPU time |');
    console.log('|---|---|---|---|');
    console.log(formatRow(command, result));
  }
}
