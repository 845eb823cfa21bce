// Replays bytes captured from a real kernel (test/lab/cli.lab.test.ts writes them) through the
// whole client: every attribute the kernel sent must decode to the table that was loaded.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ChannelRequest } from '../../../src/ipvs/channel.js';
import { IpvsClient } from '../../../src/ipvs/client.js';
import { serviceSortKey, VARIED_RULES, VARIED_TABLE } from '../../fixtures/varied-table.js';
import { answeringChannel } from '../../support/answering-channel.js';

interface Recording {
  rules: string;
  recorded: Array<{ command: number; request: string; replies: string[] }>;
}

const recording = JSON.parse(
  readFileSync(new URL('../../fixtures/ipvs/varied-dump.json', import.meta.url), 'utf8'),
) as Recording;

function replayingChannel() {
  return answeringChannel(async (request: ChannelRequest) => {
    const entry = recording.recorded.find(
      (candidate) => candidate.command === request.command && candidate.request === request.attributes.toString('hex'),
    );
    if (!entry) throw new Error(`no recorded answer for command ${request.command} ${request.attributes.toString('hex')}`);
    return entry.replies.map((hex) => ({ command: request.command, version: 1, attributes: Buffer.from(hex, 'hex') }));
  });
}

describe('kernel byte fixtures', () => {
  it('were captured from the table the tests expect', () => {
    assert.equal(recording.rules, VARIED_RULES);
  });

  it('decode to every field of the loaded table', async () => {
    const client = await IpvsClient.open({ maxInFlight: 1, openChannel: replayingChannel });
    const snapshot = await client.snapshot();
    client.close();
    assert.deepEqual(snapshot.ipvs, { version: '1.2.1', connTableSize: 4096 });
    const read = snapshot.services
      .map(({ stats, destinations, ...service }) => {
        assert.equal(stats.conns, 0);
        return {
          ...service,
          destinations: destinations
            .map(({ stats: _s, activeConns, inactiveConns, persistentConns, ...destination }) => {
              assert.deepEqual([activeConns, inactiveConns, persistentConns], [0, 0, 0]);
              return destination;
            })
            .sort((a, b) => a.address.localeCompare(b.address)),
        };
      })
      .sort((a, b) => serviceSortKey(a).localeCompare(serviceSortKey(b)));
    assert.deepEqual(read, [...VARIED_TABLE].sort((a, b) => serviceSortKey(a).localeCompare(serviceSortKey(b))));
  });
});
