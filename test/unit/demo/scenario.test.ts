import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDemoBackend } from '../../../src/backend/demo/index.js';
import { IpvsError } from '../../../src/ipvs/errors.js';
import type { ServiceWithDestinations } from '../../../src/ipvs/types.js';
import { openDemo, server } from './helpers.js';

function named(services: ServiceWithDestinations[], match: (service: ServiceWithDestinations) => boolean): ServiceWithDestinations {
  const found = services.find(match);
  assert.ok(found !== undefined);
  return found;
}

describe('demo scenario: the built-in one', () => {
  it('opens lived-in: every kind of service, each with traffic', async () => {
    const backend = createDemoBackend({ now: () => 1_700_000_000_000 });
    const { services } = await backend.snapshot();
    assert.equal(services.length, 5);
    for (const service of services) assert.ok(service.stats.conns > 100 && service.stats.cps > 0, String(service.port));

    const web = named(services, (s) => s.protocol === 'tcp' && s.port === 80 && s.family === 'inet');
    assert.equal(web.scheduler, 'wrr');
    assert.deepEqual(web.destinations.map((d) => d.forward), ['masq', 'masq', 'masq']);
    assert.deepEqual(web.destinations.map((d) => d.address), ['10.0.1.11', '10.0.1.12', '10.0.1.13'], 'listed as in the file');

    const https = named(services, (s) => s.port === 443);
    assert.ok(https.flags.includes('persistent') && https.persistence !== null);
    assert.ok(https.destinations.every((d) => d.forward === 'route' && d.stats.outBytes === 0 && d.persistentConns > 0));

    const dns = named(services, (s) => s.protocol === 'udp');
    assert.equal(dns.scheduler, 'rr');
    assert.ok(dns.destinations.every((d) => d.activeConns === 0 && d.inactiveConns > 0));

    named(services, (s) => s.family === 'inet6');
    const marked = named(services, (s) => s.fwmark !== null);
    assert.deepEqual(marked.destinations.map((d) => d.tunnel?.type), ['ipip', 'gue']);
  });

  it('has one failing, one overloaded and one drained server behaving so', async () => {
    const backend = createDemoBackend({ now: () => 0 });
    const servers = (await backend.snapshot()).services.flatMap((service) => service.destinations);
    const failing = servers.find((d) => d.address === '10.0.1.13')!;
    assert.ok(failing.activeConns === 0 && failing.inactiveConns > 0);
    const slow = servers.find((d) => d.address === '10.0.1.23')!;
    const sibling = servers.find((d) => d.address === '10.0.1.21')!;
    assert.ok(slow.stats.cps < sibling.stats.cps, 'wlc steers new clients away from the slow one');

    const drained = servers.find((d) => d.address === '2001:db8:20::13')!;
    assert.equal(drained.weight, 0);
    assert.ok(drained.activeConns > 0, 'connections still finishing');
    backend.advance(10 * 60_000);
    const later = (await backend.snapshot()).services.flatMap((service) => service.destinations).find((d) => d.address === '2001:db8:20::13')!;
    assert.equal(later.activeConns, 0);
    assert.equal(later.stats.conns, drained.stats.conns);
  });

  it('replays exactly with the same seed, and differs with another', async () => {
    const run = async (seed: number) => {
      const backend = createDemoBackend({ seed, now: () => 0 });
      backend.advance(7_500);
      await backend.snapshot();
      backend.advance(12_500);
      return { snapshot: await backend.snapshot(), connections: (await backend.connections()).rows };
    };
    const first = await run(42);
    assert.deepEqual(await run(42), first);
    assert.notDeepEqual((await run(43)).snapshot, first.snapshot);
  });

  it('does not depend on how often it is read', async () => {
    const a = createDemoBackend({ seed: 5, now: () => 0 });
    const b = createDemoBackend({ seed: 5, now: () => 0 });
    a.advance(30_000);
    for (let i = 0; i < 30; i++) {
      b.advance(1_000);
      await b.snapshot();
    }
    assert.deepEqual(await b.snapshot(), await a.snapshot());
  });

  it('follows a clock lazily, and skips long idle gaps', async () => {
    let clock = 1_000_000;
    const backend = createDemoBackend({ scenario: { preRollSeconds: 0, services: [] }, now: () => clock, maxCatchUpSeconds: 60 });
    const start = backend.time;
    clock += 5_000;
    await backend.services();
    assert.equal(backend.time - start, 5_000);
    clock += 3_600_000;
    await backend.services();
    assert.equal(backend.time - start, 65_000);
    clock += 1_000;
    await backend.services();
    assert.equal(backend.time - start, 66_000);
  });
});

describe('demo scenario: files and mistakes', () => {
  it('reads a scenario from a file path', () => {
    const backend = createDemoBackend({ scenario: new URL('../../../assets/demo-scenario.json', import.meta.url).pathname, now: () => 0 });
    assert.ok(backend.time === 0);
  });

  it('says which entry of a scenario is wrong', () => {
    assert.throws(
      () => openDemo({ services: [{ protocol: 'tcp', address: '10.0.0.1', port: 80, scheduler: 'rr', servers: [server('10.0.1.1', 2, { upperThreshold: 1, lowerThreshold: 2 })] }] }),
      (error: unknown) => error instanceof IpvsError && error.message === 'In the demo scenario, services[0]: Invalid lower threshold: 2 is above the upper threshold 1.',
    );
    assert.throws(() => openDemo({ services: [{ name: 'web', address: 'nowhere', port: 80, scheduler: 'rr' }] }), /services\[0\] \(web\)/);
    assert.throws(() => createDemoBackend({ scenario: '/nonexistent/scenario.json' }), { kind: 'invalid', message: 'Invalid scenario file /nonexistent/scenario.json: it cannot be read (ENOENT).' });
  });
});

describe('demo scenario: generated tables', () => {
  it('builds 5000 services of 5 servers, all distinct, with traffic', async () => {
    const started = performance.now();
    const backend = createDemoBackend({ generate: { services: 5000, serversPerService: 5 }, now: () => 0 });
    const { services } = await backend.snapshot();
    const elapsed = performance.now() - started;
    assert.equal(services.length, 5000);
    assert.ok(services.every((service) => service.destinations.length === 5));
    assert.equal(new Set(services.map((service) => `${service.address}:${service.port}`)).size, 5000);
    assert.equal(new Set(services.flatMap((service) => service.destinations.map((dest) => dest.address))).size, 25_000);
    assert.ok(services.reduce((sum, service) => sum + service.stats.conns, 0) > 1000);
    assert.ok(elapsed < 20_000, `took ${elapsed} ms`);
    const partial = await backend.snapshot({ readDestinationsOf: (key) => key.port === 80 });
    assert.equal(partial.services.filter((service) => service.destinations.length > 0).length, 2500);
  });
});
