// The client against a scripted kernel: error sentences, the in-flight bound, snapshot assembly.
// The same behaviours are checked against the real kernel in test/lab.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeWriter } from '../../../src/ipvs/attributes.js';
import { NetlinkRequestError, type ChannelRequest } from '../../../src/ipvs/channel.js';
import { IpvsClient } from '../../../src/ipvs/client.js';
import { encodeDestination, encodeService, encodeServiceKey } from '../../../src/ipvs/codec.js';
import { Cmd, CTRL_ATTR_FAMILY_ID, GENL_ID_CTRL, InfoAttr } from '../../../src/ipvs/constants.js';
import { errors, IpvsError } from '../../../src/ipvs/errors.js';
import type { GenericPayload } from '../../../src/ipvs/messages.js';
import type { DestinationConfig, ServiceConfig } from '../../../src/ipvs/types.js';
import { answeringChannel } from '../../support/answering-channel.js';

type Kernel = (request: ChannelRequest) => Promise<GenericPayload[]>;

const reply = (attributes: Buffer): GenericPayload => ({ command: 0, version: 1, attributes });
const ERRNO: Record<string, number> = { EPERM: 1, ENOENT: 2, ESRCH: 3, ENOMEM: 12, EEXIST: 17, EINVAL: 22 };
const refuse = (code: string) => Promise.reject(new NetlinkRequestError(ERRNO[code]!, code));

function scripted(handle: Kernel, familyAnswer?: () => Promise<GenericPayload[]>) {
  let opened = 0;
  const openChannel = () => {
    opened += 1;
    return answeringChannel((request) => {
      if (request.familyId === GENL_ID_CTRL) {
        return familyAnswer ? familyAnswer() : Promise.resolve([reply(new AttributeWriter().u16(CTRL_ATTR_FAMILY_ID, 0x21).toBuffer())]);
      }
      return handle(request);
    });
  };
  return { openChannel, opened: () => opened };
}

const tcp = (n: number): ServiceConfig => ({
  family: 'inet', protocol: 'tcp', address: `10.${(n >> 8) & 255}.${n & 255}.1`, port: 80, fwmark: null,
  scheduler: 'wrr', flags: [], persistence: null, pe: null,
});
const server = (n: number): DestinationConfig => ({
  family: 'inet', address: `192.168.0.${n}`, port: 80, forward: 'masq', weight: n, upperThreshold: 0, lowerThreshold: 0, tunnel: null,
});

describe('IpvsClient', () => {
  it('reads 2000 services x 5 servers completely without exceeding the in-flight bound', async () => {
    let inFlight = 0;
    let peak = 0;
    const table = Array.from({ length: 2000 }, (_, n) => tcp(n));
    const kernel = scripted(async (request) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
      if (request.command === Cmd.GET_INFO) {
        return [reply(new AttributeWriter().u32(InfoAttr.VERSION, 0x010201).u32(InfoAttr.CONN_TAB_SIZE, 4096).toBuffer())];
      }
      if (request.command === Cmd.GET_SERVICE) return table.map((service) => reply(encodeService(service)));
      if (request.command === Cmd.GET_DEST) return [1, 2, 3, 4, 5].map((n) => reply(encodeDestination(table[0]!, server(n))));
      throw new Error(`unexpected command ${request.command}`);
    });
    const client = await IpvsClient.open({ maxInFlight: 4, openChannel: kernel.openChannel });
    const snapshot = await client.snapshot();
    assert.equal(snapshot.ipvs.version, '1.2.1');
    assert.equal(snapshot.services.length, 2000);
    assert.equal(snapshot.services.reduce((sum, s) => sum + s.destinations.length, 0), 10_000);
    assert.equal(snapshot.services[1999]!.address, '10.7.207.1');
    assert.ok(peak <= 4, `peak in flight ${peak}`);
    assert.equal(client.peakInFlight, 4);
    assert.ok(kernel.opened() <= 5, `opened ${kernel.opened()}`); // the 4, and the service dump's own
    client.close();
  });

  it("gives each service its own servers when the answers of several series interleave", async () => {
    const table = Array.from({ length: 300 }, (_, n) => tcp(n));
    const numberOf = new Map(table.map((service, n) => [encodeServiceKey(service).toString('hex'), n]));
    const kernel = scripted(async (request) => {
      if (request.command === Cmd.GET_INFO) return [reply(new AttributeWriter().u32(InfoAttr.VERSION, 0x010201).u32(InfoAttr.CONN_TAB_SIZE, 4096).toBuffer())];
      if (request.command === Cmd.GET_SERVICE) return table.map((service) => reply(encodeService(service)));
      const n = numberOf.get(request.attributes.toString('hex'))!;
      // Answers arrive out of order: some after one turn of the event loop, some after three.
      for (let turn = 0; turn < 1 + (n % 3) * 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      return Array.from({ length: 1 + (n % 4) }, (_, s) => reply(encodeDestination(table[n]!, server(1 + ((n + s) % 250)))));
    });
    const client = await IpvsClient.open({ maxInFlight: 4, openChannel: kernel.openChannel });
    const snapshot = await client.snapshot();
    snapshot.services.forEach((service, n) => {
      assert.deepEqual(
        service.destinations.map((d) => d.address),
        Array.from({ length: 1 + (n % 4) }, (_, s) => `192.168.0.${1 + ((n + s) % 250)}`),
        `servers of service ${n}`,
      );
    });
    client.close();
  });

  it('stops sending server dumps once one is refused, and says which service it was', async () => {
    const table = Array.from({ length: 100 }, (_, n) => tcp(n));
    let serverDumps = 0;
    const kernel = scripted(async (request) => {
      if (request.command === Cmd.GET_INFO) return [reply(new AttributeWriter().u32(InfoAttr.VERSION, 0x010201).u32(InfoAttr.CONN_TAB_SIZE, 4096).toBuffer())];
      if (request.command === Cmd.GET_SERVICE) return table.map((service) => reply(encodeService(service)));
      serverDumps += 1;
      if (request.attributes.equals(encodeServiceKey(tcp(10)))) return refuse('EPERM');
      if (request.attributes.equals(encodeServiceKey(tcp(20)))) return refuse('ENOMEM');
      return [reply(encodeDestination(table[0]!, server(1)))];
    });
    const client = await IpvsClient.open({ maxInFlight: 4, openChannel: kernel.openChannel });
    await assert.rejects(client.snapshot(), { message: errors.permission().message });
    // The other series have a few dumps under way when the refusal arrives; none start after it.
    assert.ok(serverDumps < 50, `sent ${serverDumps} of 100 server dumps`);
    table.splice(10, 1);
    await assert.rejects(client.snapshot(), { message: 'The kernel refused to list real servers of TCP 10.0.20.1:80 (ENOMEM).' });
    client.close();
  });

  it('reads servers only for the services asked for', async () => {
    const table = [tcp(1), tcp(2)];
    const asked: number[] = [];
    const kernel = scripted(async (request) => {
      if (request.command === Cmd.GET_INFO) return [reply(new AttributeWriter().u32(InfoAttr.VERSION, 0x010201).u32(InfoAttr.CONN_TAB_SIZE, 4096).toBuffer())];
      if (request.command === Cmd.GET_SERVICE) return table.map((service) => reply(encodeService(service)));
      asked.push(request.command);
      return [reply(encodeDestination(table[0]!, server(1)))];
    });
    const client = await IpvsClient.open({ openChannel: kernel.openChannel });
    const snapshot = await client.snapshot((service) => service.address === '10.0.2.1');
    assert.deepEqual(snapshot.services.map((s) => s.destinations.length), [0, 1]);
    assert.equal(asked.length, 1);
    client.close();
  });

  const cases: Array<[string, string, (client: IpvsClient) => Promise<unknown>, IpvsError]> = [
    ['adding an existing service', 'EEXIST', (c) => c.addService(tcp(1)), errors.serviceExists(tcp(1))],
    ['adding a service with a missing scheduler', 'ENOENT', (c) => c.addService({ ...tcp(1), scheduler: 'nosuch' }), errors.schedulerUnavailable('nosuch')],
    ['editing a missing service', 'ESRCH', (c) => c.editService(tcp(1)), errors.serviceNotFound(tcp(1))],
    ['deleting a missing service', 'ESRCH', (c) => c.deleteService(tcp(1)), errors.serviceNotFound(tcp(1))],
    ['adding an existing server', 'EEXIST', (c) => c.addDestination(tcp(1), server(2)), errors.destinationExists(tcp(1), server(2))],
    ['adding a server to a missing service', 'ESRCH', (c) => c.addDestination(tcp(1), server(2)), errors.serviceNotFound(tcp(1))],
    ['deleting a missing server', 'ENOENT', (c) => c.deleteDestination(tcp(1), server(2)), errors.destinationNotFound(tcp(1), server(2))],
    ['editing a missing server', 'ENOENT', (c) => c.editDestination(tcp(1), server(2)), errors.destinationNotFound(tcp(1), server(2))],
    ['any command without CAP_NET_ADMIN', 'EPERM', (c) => c.services(), errors.permission()],
  ];
  for (const [what, code, act, expected] of cases) {
    it(`says one sentence for ${what} (${code})`, async () => {
      const client = await IpvsClient.open({ openChannel: scripted(() => refuse(code)).openChannel });
      await assert.rejects(act(client), (error: unknown) => {
        assert.ok(error instanceof IpvsError);
        assert.equal(error.kind, expected.kind);
        assert.equal(error.message, expected.message);
        return true;
      });
      client.close();
    });
  }

  it('says the kernel refused an argument, naming the action, for a bare EINVAL', async () => {
    const client = await IpvsClient.open({ openChannel: scripted(() => refuse('EINVAL')).openChannel });
    await assert.rejects(client.addDestination(tcp(1), server(3)), {
      kind: 'invalid',
      message: 'The kernel refused to add real server 192.168.0.3:80 to TCP 10.0.1.1:80: an argument is out of range (EINVAL).',
    });
    client.close();
  });

  it('refuses a bad field before sending anything', async () => {
    let sent = 0;
    const client = await IpvsClient.open({ openChannel: scripted(async () => { sent += 1; return []; }).openChannel });
    await assert.rejects(client.addDestination(tcp(1), { ...server(1), weight: 2147483648 }), {
      message: 'Invalid weight: 2147483648 is not a whole number from 0 to 2147483647.',
    });
    await assert.rejects(client.addService({ ...tcp(1), address: 'web01' }), {
      message: 'Invalid service address: "web01" is not a numeric IPv4 or IPv6 address.',
    });
    assert.equal(sent, 0);
    client.close();
  });

  it('says IPVS is unavailable when the family does not resolve', async () => {
    await assert.rejects(
      IpvsClient.open({ openChannel: scripted(() => refuse('EINVAL'), () => refuse('ENOENT')).openChannel }),
      { kind: 'unavailable', message: errors.unavailable().message },
    );
  });
});
