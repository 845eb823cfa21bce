// `npm run lab [-- LVSTOP ARGS]`: lvstop full-screen against a real kernel with real traffic.
// Boots the lab guest (building it if needed), starts the NAT cluster of test/lab/cluster/
// with a client load that rises and falls, and runs `bin/lvstop ARGS` inside the guest on
// this terminal. Quitting lvstop ends the load and powers the guest off; Ctrl-A x kills the
// guest at any time.
//
// Inside the guest the same file runs with --in-guest.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot, runInGuest } from './guest.js';
import { Cluster } from './cluster/cluster.js';
import { addService, type LabService } from './cluster/services.js';
import type { RealServer } from './cluster/real-servers.js';

const IN_GUEST = '--in-guest';
/** The guest's serial line, which qemu joins to this terminal. */
const CONSOLE = '/dev/ttyS0';
/** Upper bounds: the load stops after this even if lvstop is still open, the guest after a bit more. */
const LOAD_SECONDS = 8 * 3600;
const GUEST_SECONDS = LOAD_SECONDS + 600;

function say(line: string): void {
  process.stdout.write(`lab: ${line}\n`);
}

async function onHost(lvstopArgs: string[]): Promise<number> {
  if (!process.stdin.isTTY) say('stdin is not a terminal: lvstop will not get any keys');
  const env: Record<string, string> = {
    TERM: process.env.TERM ?? 'xterm-256color',
    LVSTOP_LAB_ROWS: String(process.stdout.rows ?? 24),
    LVSTOP_LAB_COLUMNS: String(process.stdout.columns ?? 80),
  };
  if (process.env.NO_COLOR !== undefined) env.NO_COLOR = process.env.NO_COLOR;
  const self = relative(repoRoot, fileURLToPath(import.meta.url));
  const result = await runInGuest([process.execPath, '--import', 'tsx', self, IN_GUEST, ...lvstopArgs], {
    env,
    timeoutSeconds: GUEST_SECONDS,
    attachTerminal: true,
  });
  if (result.failure !== null) say(result.failure);
  return result.exitCode ?? 1;
}

/** Keeps traffic flowing until `running()` turns false: a wave of short requests and a few long ones. */
function startLoad(cluster: Cluster, web: LabService, api: LabService, running: () => boolean): Promise<unknown> {
  const waves = cluster.client.load(web.vip, web.port, LOAD_SECONDS, true);
  const held = (async () => {
    while (running()) {
      const hold = cluster.client.hold(api.vip, api.port, 4, 20);
      await hold.ended;
    }
  })();
  // The client is stopped when lvstop quits; what was in flight then just fails.
  return Promise.allSettled([waves, held]);
}

/** Sizes the serial console like the host's terminal, and keeps keys typed during the start from echoing. */
function prepareConsole(): void {
  const rows = process.env.LVSTOP_LAB_ROWS ?? '24';
  const columns = process.env.LVSTOP_LAB_COLUMNS ?? '80';
  spawnSync('stty', ['-F', CONSOLE, 'rows', rows, 'cols', columns, '-echo'], { stdio: 'inherit' });
}

/** Runs lvstop on the serial console, as its controlling terminal. */
function runLvstopOnConsole(args: string[]): Promise<number> {
  const tty = openSync(CONSOLE, 'r+');
  // Drained weights and the audit log go to the guest's scratch space, not the read-only host.
  const state = mkdtempSync(join(tmpdir(), 'lvstop-lab-'));
  const child = spawn('setsid', ['--ctty', '--wait', join(repoRoot, 'bin', 'lvstop'), ...args], {
    stdio: [tty, tty, tty],
    env: { ...process.env, LVSTOP_STATE_DIR: state, LVSTOP_AUDIT_LOG: join(state, 'audit.log') },
  });
  return new Promise((resolve) => child.on('close', (status) => resolve(status ?? 1)));
}

async function inGuest(lvstopArgs: string[]): Promise<number> {
  prepareConsole();
  say('starting the NAT cluster (client, director, rs1-rs3)');
  const cluster = await Cluster.start();
  let running = true;
  let load: Promise<unknown> = Promise.resolve();
  try {
    const [rs1, rs2, rs3] = cluster.servers as [RealServer, RealServer, RealServer];
    const web = await addService(cluster.lvstop, { method: 'masq', scheduler: 'wrr', port: cluster.takePort(), weights: [[rs1, 3], [rs2, 2], [rs3, 1]] });
    const api = await addService(cluster.lvstop, { method: 'masq', scheduler: 'lc', port: cluster.takePort(), weights: [[rs1, 1], [rs2, 1], [rs3, 1]] });
    load = startLoad(cluster, web, api, () => running);
    say(`load on ${web.vip}:${web.port} (wrr 3:2:1) and ${api.vip}:${api.port} (lc); starting lvstop ${lvstopArgs.join(' ')}`);
    const status = await runLvstopOnConsole(lvstopArgs);
    say(`lvstop exited with ${status}; stopping the cluster`);
    return status;
  } finally {
    running = false;
    await cluster.stop();
    await load;
  }
}

const args = process.argv.slice(2);
if (args[0] === IN_GUEST) {
  process.exitCode = await inGuest(args.slice(1));
} else {
  process.exitCode = await onHost(args);
}
