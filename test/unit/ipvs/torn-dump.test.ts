// Torn dumps against a scripted kernel that tears them the way the real one does: a dump in
// more than one datagram repeats or skips an entry when the table changes between two of
// them. The real kernel's tears are provoked in test/lab/engine.lab.test.ts.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeWriter } from '../../../src/ipvs/attributes.js';
import { NetlinkRequestError, type ChannelRequest } from '../../../src/ipvs/channel.js';
import { IpvsClient } from '../../../src/ipvs/client.js';
import { encodeDestination, encodeService, encodeServiceKey } from '../../../src/ipvs/codec.js';
import { Cmd, CTRL_ATTR_FAMILY_ID, GENL_ID_CTRL, InfoAttr } from '../../../src/ipvs/constants.js';
import type { GenericPayload, Replies } from '../../../src/ipvs/messages.js';
import type { DestinationConfig, ServiceConfig } from '../../../src/ipvs/types.js';
import { answeringChannel } from '../../support/answering-channel.js';

const reply = (attributes: Buffer): GenericPayload => ({ command: 0, version: 1, attributes });
const answer = (replies: GenericPayload[], datagrams: number): Replies => Object.assign(replies, { datagrams });

const tcp = (n: number): ServiceConfig => ({
  family: 'inet', protocol: 'tcp', address: `10.0.${n}.1`, port: 80, fwmark: null,
  scheduler: 'wrr', flags: [], persistence: null, pe: null,
});
const server = (n: number): DestinationConfig => ({
  family: 'inet', address: `192.168.0.${n}`, port: 80, forward: 'masq', weight: 1, upperThreshold: 0, lowerThreshold: 0, tunnel: null,
});

/** Which service a GET_DEST request names, by its bytes. */
const SERVICE_NUMBERS = new Map(Array.from({ length: 20 }, (_, n) => [encodeServiceKey(tcp(n)).toString('hex'), n] as const));

/** What one read of the kernel answers; each list is what one dump returns, in order. */
interface Script {
  /** Service dumps, one per GET_SERVICE dump in order (the last repeats). */
  serviceDumps: Array<{ services: number[]; datagrams: number }>;
  /** Server dumps by service number, one per GET_DEST dump of it in order (the last repeats); 'gone' = ESRCH. */
  serverDumps?: Record<number, Array<{ servers: number[]; datagrams: number } | 'gone'>>;
}

function scriptedKernel(script: Script) {
  const asked = { services: 0, servers: new Map<number, number>() };
  const next = <T>(list: T[], index: number): T => list[Math.min(index, list.length - 1)]!;
  const handle = async (request: ChannelRequest): Promise<Replies> => {
    if (request.command === Cmd.GET_INFO) {
      return answer([reply(new AttributeWriter().u32(InfoAttr.VERSION, 0x010201).u32(InfoAttr.CONN_TAB_SIZE, 4096).toBuffer())], 1);
    }
    if (request.command === Cmd.GET_SERVICE) {
      const dump = next(script.serviceDumps, asked.services++);
      return answer(dump.services.map((n) => reply(encodeService(tcp(n)))), dump.datagrams);
    }
    if (request.command === Cmd.GET_DEST) {
      const n = SERVICE_NUMBERS.get(request.attributes.toString('hex'))!;
      const count = asked.servers.get(n) ?? 0;
      asked.servers.set(n, count + 1);
      const dump = next(script.serverDumps?.[n] ?? [{ servers: [1, 2], datagrams: 1 }], count);
      if (dump === 'gone') throw new NetlinkRequestError(3, 'ESRCH');
      return answer(dump.servers.map((s) => reply(encodeDestination(tcp(n), server(s)))), dump.datagrams);
    }
    throw new Error(`unexpected command ${request.command}`);
  };
  const openChannel = () =>
    answeringChannel((request) =>
      request.familyId === GENL_ID_CTRL ? Promise.resolve(answer([reply(new AttributeWriter().u16(CTRL_ATTR_FAMILY_ID, 0x21).toBuffer())], 1)) : handle(request),
    );
  return { openChannel, asked };
}

const servicesOf = (snapshot: Awaited<ReturnType<IpvsClient['snapshot']>>) => snapshot.services.map((s) => Number(s.address?.split('.')[2]));

describe('torn dumps', () => {
  it('trusts a dump that came in one datagram without reading it twice', async () => {
    const kernel = scriptedKernel({ serviceDumps: [{ services: [1, 2, 3], datagrams: 1 }] });
    const client = await IpvsClient.open({ openChannel: kernel.openChannel });
    assert.deepEqual(servicesOf(await client.snapshot()), [1, 2, 3]);
    assert.equal(kernel.asked.services, 1);
    assert.equal(client.tornReads, 0);
    client.close();
  });

  it('checks a dump of several datagrams with a second one, and keeps it when the keys agree', async () => {
    const kernel = scriptedKernel({ serviceDumps: [{ services: [1, 2, 3], datagrams: 2 }] });
    const client = await IpvsClient.open({ openChannel: kernel.openChannel });
    assert.deepEqual(servicesOf(await client.snapshot()), [1, 2, 3]);
    assert.equal(kernel.asked.services, 2);
    assert.equal(client.tornReads, 0);
    client.close();
  });

  it('reads again when a service dump repeats an entry (an add shifted the walk)', async () => {
    const kernel = scriptedKernel({
      serviceDumps: [
        { services: [1, 2, 2, 3], datagrams: 2 },
        { services: [9, 1, 2, 3], datagrams: 2 },
      ],
    });
    const client = await IpvsClient.open({ openChannel: kernel.openChannel });
    assert.deepEqual(servicesOf(await client.snapshot()), [9, 1, 2, 3]);
    assert.equal(client.tornReads, 1);
    client.close();
  });

  it('reads again when the check finds other keys (a delete made the walk skip one)', async () => {
    const kernel = scriptedKernel({
      serviceDumps: [
        { services: [1, 3], datagrams: 2 }, // 2 skipped: 1 was deleted and re-added meanwhile
        { services: [2, 3, 1], datagrams: 2 },
        { services: [2, 3, 1], datagrams: 2 },
      ],
    });
    const client = await IpvsClient.open({ openChannel: kernel.openChannel });
    assert.deepEqual(servicesOf(await client.snapshot()), [2, 3, 1]);
    assert.equal(client.tornReads, 1);
    client.close();
  });

  it('reads again when a server dump of several datagrams repeats a server', async () => {
    const kernel = scriptedKernel({
      serviceDumps: [{ services: [1, 2], datagrams: 1 }],
      serverDumps: { 2: [{ servers: [1, 2, 2, 3], datagrams: 2 }, { servers: [4, 1, 2, 3], datagrams: 2 }] },
    });
    const client = await IpvsClient.open({ openChannel: kernel.openChannel });
    const snapshot = await client.snapshot();
    assert.deepEqual(snapshot.services[1]!.destinations.map((d) => d.address), ['192.168.0.4', '192.168.0.1', '192.168.0.2', '192.168.0.3']);
    assert.equal(client.tornReads, 1);
    client.close();
  });

  it('reads again when a listed service is gone by the time its servers are read', async () => {
    const kernel = scriptedKernel({
      serviceDumps: [{ services: [1, 2, 3], datagrams: 1 }, { services: [1, 3], datagrams: 1 }],
      serverDumps: { 2: ['gone'] },
    });
    const client = await IpvsClient.open({ openChannel: kernel.openChannel });
    assert.deepEqual(servicesOf(await client.snapshot()), [1, 3]);
    assert.equal(client.tornReads, 1);
    client.close();
  });

  it('refuses with one sentence when every read is torn, rather than return a half-old table', async () => {
    const kernel = scriptedKernel({ serviceDumps: [{ services: [1, 1, 2], datagrams: 3 }] });
    const client = await IpvsClient.open({ openChannel: kernel.openChannel });
    await assert.rejects(client.snapshot(), {
      kind: 'changing',
      message: 'The IPVS table changed during each of 3 reads, so none of them is whole; try again.',
    });
    assert.equal(client.tornReads, 3);
    client.close();
  });
});
