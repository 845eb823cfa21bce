// A netlink channel on the host's own generic netlink (the controller answers anyone): what it
// keeps once a series of requests has ended.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Channel } from '../../../src/ipvs/channel.js';
import { CTRL_CMD_GETFAMILY, GENL_ID_CTRL } from '../../../src/ipvs/constants.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** One dump of the controller's families, its answers kept by a reading the caller can watch. */
async function readFamilies(channel: Channel): Promise<WeakRef<object>> {
  const reading = { families: [] as Buffer[] };
  let sent = false;
  await channel.series({
    familyId: GENL_ID_CTRL,
    command: CTRL_CMD_GETFAMILY,
    version: 1,
    dump: true,
    timeoutMs: 5000,
    next: () => (sent ? null : ((sent = true), Buffer.alloc(0))),
    message: (datagram, start, end) => reading.families.push(Buffer.from(datagram.subarray(start, end))),
    end: (refusal) => assert.equal(refusal, null),
  });
  assert.ok(reading.families.length > 0, 'the controller listed no families');
  return new WeakRef(reading);
}

describe('netlink channel', () => {
  it('keeps nothing of a series once it has ended, the first on the channel included', async () => {
    const channel = new Channel();
    try {
      const first = await readFamilies(channel);
      const second = await readFamilies(channel);
      // A WeakRef holds its target until the current job ends.
      await new Promise((resolve) => setImmediate(resolve));
      gc();
      assert.equal(first.deref(), undefined, 'the first series is still held');
      assert.equal(second.deref(), undefined, 'the last series is still held');
    } finally {
      channel.close();
    }
  });
});
