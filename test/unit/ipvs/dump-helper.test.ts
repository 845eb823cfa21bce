// The dump helper's thread and its protocol on the host's own generic netlink (no IPVS here):
// the requests go to the netlink controller, which has no such command and refuses each one,
// so every service the helper takes must come back as ended, with the kernel's errno.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { GENL_ID_CTRL } from '../../../src/ipvs/constants.js';
import { DumpHelper } from '../../../src/ipvs/dump-helper.js';

const EOPNOTSUPP = 95;
const keys = (count: number): Buffer[] => Array.from({ length: count }, () => Buffer.alloc(8));
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('dump helper thread', () => {
  it('shares one cursor: each service is taken once, by the helper or the caller, and every one the helper took is answered', async () => {
    const helper = new DumpHelper({ familyId: GENL_ID_CTRL, maxInFlight: 4, timeoutMs: 5000 });
    try {
      for (let round = 0; round < 3; round += 1) {
        const byHelper: number[] = [];
        const errnos = new Set<number>();
        const dump = helper.share(keys(400), (answers) => {
          byHelper.push(...answers.ended);
          answers.errnos.forEach((errno) => errnos.add(errno));
        });
        const byCaller: number[] = [];
        // A slow caller, so the helper (up after its first start) takes most.
        for (let position = dump.claim(); position !== -1; position = dump.claim()) {
          byCaller.push(position);
          await tick(1);
        }
        await dump.settled();
        const all = [...byHelper, ...byCaller].sort((a, b) => a - b);
        assert.deepEqual(all, Array.from({ length: 400 }, (_, i) => i), `round ${round}`);
        if (byHelper.length > 0) assert.deepEqual([...errnos], [EOPNOTSUPP]);
      }
      assert.ok(helper.servicesAnswered > 0, 'the helper answered nothing in three rounds');
      assert.equal(helper.sharedDumps, 3);
    } finally {
      helper.close();
    }
  });

  it('stops its thread once unused for its idle time, and starts one again when next asked', async () => {
    const helper = new DumpHelper({ familyId: GENL_ID_CTRL, maxInFlight: 4, timeoutMs: 5000 }, { idleMs: 300 });
    /** One set of dumps, the caller slow enough that the helper (once up) answers some. */
    const share = async (): Promise<number> => {
      let byHelper = 0;
      const dump = helper.share(keys(200), (answers) => (byHelper += answers.ended.length));
      for (let position = dump.claim(); position !== -1; position = dump.claim()) await tick(2);
      await dump.settled();
      return byHelper;
    };
    try {
      assert.equal(helper.running, false, 'no thread before the first use');
      await share();
      assert.equal(helper.running, true);
      // Used again within the idle time: the same thread, its timer started afresh.
      await tick(150);
      await share();
      await tick(200);
      assert.equal(helper.running, true, 'stopped although used 200 ms ago');
      await tick(400);
      assert.equal(helper.running, false, 'still running 600 ms after its last use');
      assert.equal(helper.available, true, 'a stop for idleness is not a failure');
      let answered = 0;
      for (let round = 0; round < 3 && answered === 0; round += 1) answered = await share();
      assert.ok(answered > 0, 'a helper started again answered nothing');
    } finally {
      helper.close();
    }
  });

  it('a helper that cannot start leaves every service to the caller, and is not tried again', async () => {
    const helper = new DumpHelper({ familyId: GENL_ID_CTRL, maxInFlight: 4, timeoutMs: 5000 }, { threadUrl: new URL('./no-such-thread.mjs', import.meta.url) });
    try {
      for (let round = 0; round < 2; round += 1) {
        const dump = helper.share(keys(50), () => assert.fail('no answers from a thread that never started'));
        let taken = 0;
        for (let position = dump.claim(); position !== -1; position = dump.claim()) {
          taken += 1;
          await tick(2);
        }
        await dump.settled();
        assert.equal(taken, 50);
      }
      assert.equal(helper.available, false);
    } finally {
      helper.close();
    }
  });

  it('a process that exits with a dump under way exits with its own code (the thread closes its sockets first)', () => {
    const script = `
      import { DumpHelper } from ${JSON.stringify(new URL('../../../src/ipvs/dump-helper.ts', import.meta.url).href)};
      const helper = new DumpHelper({ familyId: ${GENL_ID_CTRL}, maxInFlight: 4, timeoutMs: 5000 });
      helper.share(Array.from({ length: 200000 }, () => Buffer.alloc(8)), () => {});
      setTimeout(() => process.exit(70), 600);
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 70, run.stderr);
    assert.doesNotMatch(run.stderr, /terminate|FATAL|Aborted/);
  });
});
