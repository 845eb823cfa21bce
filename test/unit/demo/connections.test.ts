// The connection listing (`ipvsadm -Lnc`) of a big simulated table agrees with the counts the
// table reports, entry by entry and server by server, also once servers and services were
// deleted with entries in flight and their slots in the connection store reused.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connection, ConnectionQuery, ConnectionReading } from '../../../src/backend/backend.js';
import { ConnectionStore } from '../../../src/backend/demo/connection-store.js';
import { createDemoBackend, type DemoBackend } from '../../../src/backend/demo/index.js';
import type { ServiceWithDestinations } from '../../../src/ipvs/types.js';

const TCP_TIMEOUT = 900;

function key(entry: { protocol: string; virtual: { address: string; port: number }; destination: { address: string; port: number } }): string {
  return `${entry.protocol} ${entry.virtual.address}:${entry.virtual.port} ${entry.destination.address}:${entry.destination.port}`;
}

/** Every server's active and inactive counts against its entries in the listing. */
function checkAgainstCounts(services: ServiceWithDestinations[], entries: Connection[]): void {
  const listed = new Map<string, { all: number; established: number }>();
  for (const entry of entries) {
    const seen = listed.get(key(entry)) ?? { all: 0, established: 0 };
    seen.all += 1;
    if (entry.state === 'ESTABLISHED') seen.established += 1;
    listed.set(key(entry), seen);
  }
  let total = 0;
  for (const service of services) {
    for (const dest of service.destinations) {
      const id = key({ protocol: service.protocol!, virtual: { address: service.address!, port: service.port! }, destination: dest });
      const seen = listed.get(id) ?? { all: 0, established: 0 };
      assert.equal(seen.all, dest.activeConns + dest.inactiveConns, `${id}: entries listed`);
      assert.equal(seen.established, dest.activeConns, `${id}: ESTABLISHED entries`);
      listed.delete(id);
      total += seen.all;
    }
  }
  assert.deepEqual([...listed.keys()], [], 'entries of no server in the table');
  assert.equal(entries.length, total);
}

function checkEntries(services: ServiceWithDestinations[], entries: Connection[]): void {
  const forwardOf = new Map(services.flatMap((service) => service.destinations.map((dest) => [`${dest.address}:${dest.port}`, dest.forward])));
  for (const entry of entries) {
    const forward = forwardOf.get(`${entry.destination.address}:${entry.destination.port}`);
    assert.equal(entry.protocol, 'tcp');
    assert.match(entry.client.address, /^198\.1[89]\./);
    assert.ok(entry.client.port >= 32768 && entry.client.port < 61000, String(entry.client.port));
    if (entry.state === 'ESTABLISHED') assert.equal(entry.expires, TCP_TIMEOUT);
    else if (forward === 'masq') assert.ok(['FIN_WAIT', 'TIME_WAIT'].includes(entry.state) && entry.expires <= 120, `${entry.state} ${entry.expires}`);
    else assert.ok(entry.state === 'FIN_WAIT' && entry.expires <= 120, `${entry.state} ${entry.expires}`);
  }
}

async function check(backend: DemoBackend): Promise<Connection[]> {
  const { services } = await backend.snapshot();
  const { rows: entries, matched, total } = await backend.connections();
  assert.equal(matched, entries.length);
  assert.equal(total, entries.length);
  checkAgainstCounts(services, entries);
  checkEntries(services, entries);
  return entries;
}

describe('demo connection listing at scale', () => {
  it('lists every entry the counts say, with its state and time left, in fresh objects', async () => {
    const backend = createDemoBackend({ generate: { services: 120, serversPerService: 5, cps: 4, preRollSeconds: 0 }, now: () => 0, seed: 11, newServiceTraffic: null });
    backend.advance(150_000);
    const entries = await check(backend);
    // Connections live about 124 s (3 s open, then FIN_WAIT and TIME_WAIT): ~120 x 4 x 124.
    assert.ok(entries.length > 50_000, String(entries.length));
    const states = new Set(entries.map((entry) => entry.state));
    assert.deepEqual([...states].sort(), ['ESTABLISHED', 'FIN_WAIT', 'TIME_WAIT']);

    // The listing's objects are the caller's: changing them changes nothing in the next one.
    const [first] = entries;
    const before = structuredClone(first!);
    first!.client.address = 'changed';
    first!.virtual.port = 1;
    first!.destination.address = 'changed';
    assert.deepEqual((await backend.connections()).rows[0], before);
  });

  it('stays right after servers and services go with entries in flight, and their slots are reused', async () => {
    const backend = createDemoBackend({ generate: { services: 60, serversPerService: 5, cps: 6, preRollSeconds: 0 }, now: () => 0, seed: 12, newServiceTraffic: null });
    backend.advance(60_000);
    const { services } = await backend.snapshot();
    // One server each of every third service, and every tenth service whole.
    for (const [index, service] of services.entries()) {
      const { family, protocol, address, port, fwmark } = service;
      if (index % 10 === 0) await backend.deleteService({ family, protocol, address, port, fwmark });
      else if (index % 3 === 0) await backend.deleteDestination({ family, protocol, address, port, fwmark }, service.destinations[1]!);
    }
    const right = await check(backend);
    for (const [index, service] of services.entries()) {
      if (index % 10 === 0) assert.ok(!right.some((entry) => entry.virtual.address === service.address), 'an entry of a deleted service');
      else if (index % 3 === 0) assert.ok(!right.some((entry) => key(entry) === key({ protocol: 'tcp', virtual: { address: service.address!, port: service.port! }, destination: service.destinations[1]! })), 'an entry of a deleted server');
    }
    // Long enough for every dropped entry's last event to come round and its slot to be reused.
    for (let i = 0; i < 15; i++) {
      backend.advance(10_000);
      await check(backend);
    }
    // The deleted come back, and fill up like the others.
    for (const [index, service] of services.entries()) {
      const { family, protocol, address, port, fwmark } = service;
      if (index % 10 === 0) {
        await backend.addService({ family, protocol, address, port, fwmark, scheduler: 'rr', flags: [], persistence: null, pe: null });
        await backend.addDestination({ family, protocol, address, port, fwmark }, { ...service.destinations[0]!, weight: 1 });
        backend.setTraffic({ family, protocol, address, port, fwmark }, { cps: 6, lifetimeSeconds: 3 });
      } else if (index % 3 === 0) {
        await backend.addDestination({ family, protocol, address, port, fwmark }, service.destinations[1]!);
      }
    }
    backend.advance(30_000);
    const refilled = await check(backend);
    const readded = services.filter((_, index) => index % 10 === 0).map((service) => service.address);
    assert.ok(readded.every((address) => refilled.some((entry) => entry.virtual.address === address)), 'a re-added service has no entries');
  });
});

/** The query as a plain predicate over listed entries, to check the store's own filtering by. */
function matches(query: ConnectionQuery, entry: Connection): boolean {
  const { virtual, destinations } = query;
  if (virtual && !(entry.protocol === virtual.protocol && entry.virtual.address === virtual.address && entry.virtual.port === virtual.port)) return false;
  return destinations === undefined || destinations.some((d) => d.address === entry.destination.address && (d.port === entry.destination.port || d.port === 0));
}

describe('demo connection listing, read for a query', () => {
  // The built-in scenario: persistence templates, IPv6, a firewall-mark service on port-0 servers.
  const backend = createDemoBackend({ seed: 5, now: () => 0 });
  const endpoint = (d: { address: string; port: number }) => ({ address: d.address, port: d.port });

  async function checkQuery(query: ConnectionQuery): Promise<ConnectionReading> {
    const all = (await backend.connections()).rows;
    const expected = all.filter((entry) => matches(query, entry));
    const reading = await backend.connections(query);
    assert.deepEqual(reading.rows, expected.slice(0, query.limit ?? Infinity), JSON.stringify(query));
    assert.equal(reading.matched, expected.length, `matched: ${JSON.stringify(query)}`);
    assert.equal(reading.total, all.length, `total: ${JSON.stringify(query)}`);
    return reading;
  }

  it('keeps a service\'s entries, templates included, and one server\'s of them', async () => {
    const { services } = await backend.snapshot();
    assert.equal((await backend.connections()).total, (await backend.connections()).rows.length);
    for (const service of services.filter((s) => s.fwmark === null)) {
      const virtual = { protocol: service.protocol!, address: service.address!, port: service.port! };
      const reading = await checkQuery({ virtual });
      assert.ok(reading.matched > 0, `${service.address}:${service.port} has entries`);
      for (const server of service.destinations) await checkQuery({ virtual, destinations: [endpoint(server)] });
    }
    const persistent = services.find((s) => s.persistence !== null)!;
    const reading = await checkQuery({ virtual: { protocol: 'tcp', address: persistent.address!, port: persistent.port! } });
    assert.ok(reading.rows.some((entry) => entry.state === 'NONE'), 'the templates are in it');
  });

  it('keeps a firewall-mark service\'s entries by its servers, and an IPv6 service\'s however it is written', async () => {
    const { services } = await backend.snapshot();
    const marked = services.find((s) => s.fwmark !== null)!;
    assert.ok((await checkQuery({ destinations: marked.destinations.map(endpoint) })).matched > 0);
    const v6 = services.find((s) => s.family === 'inet6')!;
    const canonical = await checkQuery({ virtual: { protocol: 'tcp', address: v6.address!, port: v6.port! } });
    const longhand = await backend.connections({ virtual: { protocol: 'tcp', address: '2001:0db8:0010:0000:0000:0000:0000:0080', port: v6.port! } });
    assert.equal(v6.address, '2001:db8:10::80');
    assert.ok(canonical.matched > 0);
    assert.deepEqual(longhand, canonical);
    await checkQuery({ virtual: { protocol: 'udp', address: v6.address!, port: v6.port! } });
    await checkQuery({ virtual: { protocol: 'tcp', address: '192.0.2.99', port: 80 } });
    await checkQuery({ destinations: [] });
  });

  it('returns the first matches up to the limit, counting every one, and builds no entry it does not return', async () => {
    const web = { virtual: { protocol: 'tcp' as const, address: '10.0.0.10', port: 80 } };
    const whole = await checkQuery(web);
    assert.ok(whole.matched > 10, String(whole.matched));
    const built = { count: 0 };
    const entry = ConnectionStore.prototype.entry;
    ConnectionStore.prototype.entry = function (this: ConnectionStore, ...args: Parameters<typeof entry>) {
      built.count += 1;
      return entry.apply(this, args);
    };
    try {
      const cut = await backend.connections({ ...web, limit: 10 });
      assert.equal(cut.rows.length, 10);
      assert.equal(cut.matched, whole.matched);
      assert.equal(built.count, 10, 'entries built');
    } finally {
      ConnectionStore.prototype.entry = entry;
    }
    await checkQuery({ ...web, limit: 0 });
    await checkQuery({ limit: 7 });
  });

  it('refuses a bad query naming the field', async () => {
    await assert.rejects(backend.connections({ virtual: { protocol: 'tcp', address: '10.0.0', port: 80 } }), { name: 'IpvsError', message: /^Invalid connection filter address: "10\.0\.0" is not/ });
    await assert.rejects(backend.connections({ limit: -3 }), { message: /^Invalid connection limit/ });
  });
});
