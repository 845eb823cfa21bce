// `npm run bench`: every benchmark, each printing its own table. On the host: the store's
// per-reading update time and the history's memory (simulated tables). In the lab guest (a real
// IPVS kernel): lvstop's snapshot against `ipvsadm -Ln --stats` on the same tables, side by side.
// Results go into BENCHMARKS.md by hand, with the command that produced them.

import { spawnSync } from 'node:child_process';
import { runInGuest } from '../lab/guest.js';

const HOST_BENCHES = ['test/bench/poll-simulator.ts', 'test/bench/poll-update.ts', 'test/bench/history-memory.ts'];

let failed = false;
for (const bench of HOST_BENCHES) {
  console.log(`\n== ${bench} (host)`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', bench], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}

console.log('\n== test/bench/kernel-snapshot.ts (lab guest, real IPVS)');
const run = await runInGuest(['node', '--import', 'tsx', 'test/bench/kernel-snapshot.ts'], { timeoutSeconds: 60 * 60 });
if (run.failure || run.exitCode !== 0) {
  console.log(`bench: the guest run failed: ${run.failure ?? `exit ${run.exitCode}`}`);
  failed = true;
}
process.exitCode = failed ? 1 : 0;
