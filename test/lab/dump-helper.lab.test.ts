// The dump helper on the real kernel: whole readings of big tables share their server dumps
// with a second thread (src/ipvs/dump-helper.ts). What they read must be what one thread reads
// and what ipvsadm lists, whether the helper answers, never starts, or dies in the middle.

import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HELPER_MIN_SERVICES, IpvsClient } from '../../src/ipvs/client.js';
import type { Snapshot } from '../../src/ipvs/types.js';
import { clearIpvs, inLab, ipvsadm, ipvsadmRestore } from './ipvsadm.js';

const SERVICES = 1200;
const vip = (n: number): string => `10.${100 + (n >> 8)}.${n & 255}.1:80`;

/** Each server as `ipvsadm -S -n` writes it. */
function serverRules(snapshot: Snapshot): Set<string> {
  return new Set(
    snapshot.services.flatMap((s) => s.destinations.map((d) => `-a -t ${s.address}:${s.port} -r ${d.address}:${d.port} -m -w ${d.weight}`)),
  );
}

describe('the dump helper thread on the real kernel', { skip: inLab() ? false : 'needs the lab guest (npm run test:lab)' }, () => {
  let expected: Set<string>;
  // Loaded for each test: other lab files clear the table before every test (a hook of the
  // root, as all lab files run in one process), and it runs before this one.
  beforeEach(() => {
    const lines: string[] = [];
    for (let n = 0; n < SERVICES; n += 1) {
      lines.push(`-A -t ${vip(n)} -s wrr`);
      for (let s = 1; s <= 4; s += 1) lines.push(`-a -t ${vip(n)} -r 172.16.${n & 255}.${s}:${8000 + (n >> 8)} -m -w ${s}`);
    }
    clearIpvs();
    ipvsadmRestore(`${lines.join('\n')}\n`);
    expected = new Set(ipvsadm('-S', '-n').split('\n').filter((line) => line.startsWith('-a ')));
    assert.equal(expected.size, SERVICES * 4);
  });
  after(() => clearIpvs());

  it(`shares whole readings of ${SERVICES} services with the helper, and reads what one thread and ipvsadm read`, { timeout: 300_000 }, async () => {
    assert.ok(SERVICES >= HELPER_MIN_SERVICES);
    const shared = await IpvsClient.open();
    const alone = await IpvsClient.open({ dumpHelper: false });
    try {
      const one = await alone.snapshot();
      // The first readings may end before the thread is up; it answers once it is.
      let readings = 0;
      while (shared.helperAnswered === 0 && readings < 20) {
        const snapshot = await shared.snapshot();
        readings += 1;
        assert.deepEqual(serverRules(snapshot), expected);
      }
      assert.ok(shared.helperAnswered > 0, `the helper answered no service in ${readings} readings`);
      const two = await shared.snapshot();
      assert.ok(shared.helperAnswered > 0 && shared.sharedReadings === readings + 1);
      assert.deepEqual(two.services, one.services);
      assert.equal(alone.sharedReadings, 0);
      // A partial reading (as the TUI's in rotation) stays on one thread.
      await shared.snapshot(() => true);
      assert.equal(shared.sharedReadings, readings + 1);
      // Whole readings of fewer than HELPER_MIN_SERVICES stay on one thread; at it, they share.
      const removed = Array.from({ length: SERVICES - HELPER_MIN_SERVICES + 1 }, (_, i) => `-D -t ${vip(HELPER_MIN_SERVICES - 1 + i)}`);
      ipvsadmRestore(`${removed.join('\n')}\n`);
      assert.equal((await shared.snapshot()).services.length, HELPER_MIN_SERVICES - 1);
      assert.equal(shared.sharedReadings, readings + 1);
      ipvsadmRestore(`-A -t ${vip(SERVICES)} -s wrr\n`);
      assert.equal((await shared.snapshot()).services.length, HELPER_MIN_SERVICES);
      assert.equal(shared.sharedReadings, readings + 2);
    } finally {
      shared.close();
      alone.close();
    }
  });

  it('keeps whole readings of more services than dumpHelperMaxServices on one thread (as the TUI opens it)', { timeout: 120_000 }, async () => {
    const client = await IpvsClient.open({ dumpHelperMaxServices: SERVICES - 1 });
    try {
      assert.deepEqual(serverRules(await client.snapshot()), expected);
      assert.equal(client.sharedReadings, 0);
    } finally {
      client.close();
    }
  });

  const failingHelpers = [
    ['reads the table whole when the helper thread cannot start', './fixtures/no-such-helper.mjs'],
    ['reads the services a dying helper took on the main thread', './fixtures/dying-helper.mjs'],
  ] as const;
  for (const [name, thread] of failingHelpers) {
    it(name, { timeout: 120_000 }, async () => {
      const client = await IpvsClient.open({ dumpHelperThread: new URL(thread, import.meta.url) });
      try {
        for (let reading = 0; reading < 3; reading += 1) assert.deepEqual(serverRules(await client.snapshot()), expected);
        assert.equal(client.helperAnswered, 0);
      } finally {
        client.close();
      }
    });
  }
});
