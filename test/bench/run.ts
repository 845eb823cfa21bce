// `npm run bench`: every benchmark, each printing its own table. On the host: the store's
// per-reading update time, the history's memory, the TUI's frame time and idle CPU (simulated
// tables). In the lab guest (a real IPVS kernel): lvstop's snapshot against
// `ipvsadm -Ln --stats` on the same tables, side by side; the idle TUI's CPU against `watch`;
// the TUI's memory on 5000 services over 10 minutes.
// Results go into BENCHMARKS.md by hand, with the command that produced them.
//
// `npm run bench -- --host` or `-- --kernel` runs one part; LVSTOP_BENCH_SIZES (e.g.
// 100,1000,5000), LVSTOP_BENCH_RUNS, LVSTOP_BENCH_IDLE_SECONDS and LVSTOP_BENCH_MEMORY_MINUTES
// reach the kernel part inside the guest.

import { spawnSync } from 'node:child_process';
import { runInGuest } from '../lab/guest.js';

const HOST_BENCHES = [
  'test/bench/poll-simulator.ts',
  'test/bench/poll-update.ts',
  'test/bench/history-memory.ts',
  'test/bench/frame-render.ts',
  // Runs the built bin/lvstop (the build above) in tmux.
  'test/bench/idle-cpu.ts',
];

// The kernel benchmark times the built client, as bin/lvstop runs it.
spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });

const parts = process.argv.slice(2);
const runs = (part: '--host' | '--kernel'): boolean => parts.length === 0 || parts.includes(part);

let failed = false;
for (const bench of runs('--host') ? HOST_BENCHES : []) {
  console.log(`\n== ${bench} (host)`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', bench], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}

const KERNEL_BENCHES = ['test/bench/kernel-snapshot.ts', 'test/bench/kernel-idle-cpu.ts', 'test/bench/kernel-memory.ts'];

for (const bench of runs('--kernel') ? KERNEL_BENCHES : []) {
  console.log(`\n== ${bench} (lab guest, real IPVS)`);
  const env = Object.fromEntries(
    ['LVSTOP_BENCH_SIZES', 'LVSTOP_BENCH_RUNS', 'LVSTOP_BENCH_IDLE_SECONDS', 'LVSTOP_BENCH_MEMORY_MINUTES'].flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : [])),
  );
  const run = await runInGuest(['node', '--import', 'tsx', bench], { timeoutSeconds: 60 * 60, env });
  if (run.failure || run.exitCode !== 0) {
    console.log(`bench: the guest run failed: ${run.failure ?? `exit ${run.exitCode}`}`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
