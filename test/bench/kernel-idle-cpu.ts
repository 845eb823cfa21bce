// Inside the lab guest: the CPU an idle TUI costs, side by side with what operators run
// instead. A table of 100 services x 5 servers is loaded with `ipvsadm -R`; then lvstop
// (built, polling every 1 s) and `watch -n1 ipvsadm -Ln --stats` each sit in a 200x60 tmux
// pane while their CPU time (the whole process tree, children included) is counted.
// Absolute figures under emulation mean little; the ratio is the result.

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchTableRules } from './bench-table.js';
import { formatRow, measureIdleCpu, type IdleCpuResult } from './idle-cpu.js';

const SERVICES = 100;
const SERVERS = 5;
const SECONDS = Number(process.env.LVSTOP_BENCH_IDLE_SECONDS ?? 60);
/**
 * lvstop loads Ink and its WebAssembly layout engine in a minute or two under emulation: the
 * count starts once it shows the table and has drawn a minute and a half of readings (its
 * sparklines then span their width, so an idle table's rows stop changing).
 */
const SETTLE_SECONDS = 90;


execFileSync('ipvsadm', ['-C']);
execFileSync('ipvsadm', ['-R'], { input: benchTableRules(SERVICES, SERVERS) });
const state = mkdtempSync(join(tmpdir(), 'lvstop-idle-'));
let lvstop: IdleCpuResult;
let watch: IdleCpuResult;
try {
  lvstop = await measureIdleCpu({
    command: 'bin/lvstop --interval 1',
    seconds: SECONDS,
    settleSeconds: SETTLE_SECONDS,
    readyText: `${SERVICES} svc`,
    env: { LVSTOP_STATE_DIR: state, LVSTOP_AUDIT_LOG: join(state, 'audit.log') },
  });
  if (!lvstop.screen.includes(`${SERVICES} svc`)) throw new Error(`lvstop did not show the table:\n${lvstop.screen}`);
  watch = await measureIdleCpu({ command: 'watch -n1 ipvsadm -Ln --stats', seconds: SECONDS, settleSeconds: 10 });
  if (!watch.screen.includes('IP Virtual Server')) throw new Error(`watch did not show ipvsadm:\n${watch.screen}`);
} finally {
  execFileSync('ipvsadm', ['-C']);
}

console.log(`idle, ${SERVICES} services x ${SERVERS}, 1 s, ${SECONDS} s counted:`);
console.log(formatRow('lvstop --interval 1', lvstop));
console.log(formatRow('watch -n1 ipvsadm -Ln --stats', watch));
console.log(`ratio lvstop / watch: ${(lvstop.cpuPerSecond / watch.cpuPerSecond).toFixed(2)}`);
