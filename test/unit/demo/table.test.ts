import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDemoBackend, KERNEL_SCHEDULERS } from '../../../src/backend/demo/index.js';
import { IpvsError, errors } from '../../../src/ipvs/errors.js';
import type { DestinationConfig, ServiceConfig } from '../../../src/ipvs/types.js';
import { MAX_WEIGHT } from '../../../src/ipvs/validate.js';

function empty() {
  return createDemoBackend({ scenario: { services: [] }, newServiceTraffic: null, now: () => 0 });
}

const web: ServiceConfig = {
  family: 'inet', protocol: 'tcp', address: '10.0.0.1', port: 80, fwmark: null,
  scheduler: 'wlc', flags: [], persistence: null, pe: null,
};

function nat(address: string, weight = 1): DestinationConfig {
  return { family: 'inet', address, port: 8080, forward: 'masq', weight, upperThreshold: 0, lowerThreshold: 0, tunnel: null };
}

async function rejectsWith(promise: Promise<unknown>, expected: IpvsError): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof IpvsError);
    assert.equal(error.kind, expected.kind);
    assert.equal(error.message, expected.message);
    assert.equal(error.code, expected.code);
    return true;
  });
}

describe('demo table: errors', () => {
  it('gives the exact sentence of `errors` for every table mistake', async () => {
    const backend = empty();
    const missing = { ...web, port: 81 };
    await backend.addService(web);
    await backend.addDestination(web, nat('10.0.1.1'));
    await rejectsWith(backend.addService(web), errors.serviceExists(web));
    await rejectsWith(backend.editService(missing), errors.serviceNotFound(missing));
    await rejectsWith(backend.deleteService(missing), errors.serviceNotFound(missing));
    await rejectsWith(backend.zero(missing), errors.serviceNotFound(missing));
    await rejectsWith(backend.service(missing), errors.serviceNotFound(missing));
    // As the kernel's dump: no servers, not an error.
    assert.deepEqual(await backend.destinations(missing), []);
    await rejectsWith(backend.addDestination(missing, nat('10.0.1.1')), errors.serviceNotFound(missing));
    await rejectsWith(backend.addDestination(web, nat('10.0.1.1', 5)), errors.destinationExists(web, nat('10.0.1.1')));
    await rejectsWith(backend.editDestination(web, nat('10.0.1.2')), errors.destinationNotFound(web, nat('10.0.1.2')));
    await rejectsWith(backend.deleteDestination(web, nat('10.0.1.2')), errors.destinationNotFound(web, nat('10.0.1.2')));
  });

  it('knows exactly the kernel schedulers and the sip persistence engine', async () => {
    const backend = empty();
    assert.deepEqual(await backend.schedulers(), [...KERNEL_SCHEDULERS]);
    for (const [index, scheduler] of KERNEL_SCHEDULERS.entries()) {
      await backend.addService({ ...web, port: 1000 + index, scheduler });
    }
    await rejectsWith(backend.addService({ ...web, scheduler: 'wlcx' }), errors.schedulerUnavailable('wlcx'));
    await rejectsWith(backend.editService({ ...web, port: 1000, scheduler: 'wlcx' }), errors.schedulerUnavailable('wlcx'));
    // "none" is the kernel's word for no scheduler at all.
    await backend.editService({ ...web, port: 1000, scheduler: 'none' });
    await backend.addService({ ...web, pe: 'sip' });
    await rejectsWith(backend.addService({ ...web, port: 5060, pe: 'rtsp' }), errors.peUnavailable('rtsp'));
  });

  it('validates before looking at the table', async () => {
    const backend = empty();
    await rejectsWith(backend.deleteService({ ...web, address: 'example.org' }), errors.invalid('service address', '"example.org" is not a numeric IPv4 or IPv6 address'));
    await rejectsWith(backend.addDestination(web, nat('10.0.1.1', -1)), errors.invalid('weight', `-1 is not a whole number from 0 to ${MAX_WEIGHT}`));
  });

  it('refuses bad timeouts and sync daemon mistakes with a plain sentence', async () => {
    const backend = empty();
    await rejectsWith(backend.setTimeouts({ tcp: 0, tcpFin: 1.5, udp: 0 }), errors.invalid('TCP FIN timeout', '1.5 is not a whole number from 0 to 2678400'));
    const master = { role: 'master' as const, interface: 'eth0', syncId: 1, syncMaxLen: null, group: null, port: null, ttl: null };
    await backend.startDaemon(master);
    await assert.rejects(backend.startDaemon(master), { kind: 'exists', message: 'A master sync daemon is already running.' });
    await backend.stopDaemon('master');
    await assert.rejects(backend.stopDaemon('master'), { kind: 'not-found', message: 'No master sync daemon is running.' });
  });
});

describe('demo table: what it keeps', () => {
  it('lists real servers newest first, as the kernel does', async () => {
    const backend = empty();
    await backend.addService(web);
    for (const address of ['10.0.1.1', '10.0.1.2', '10.0.1.3']) await backend.addDestination(web, nat(address));
    assert.deepEqual((await backend.destinations(web)).map((dest) => dest.address), ['10.0.1.3', '10.0.1.2', '10.0.1.1']);
  });

  it('lists services in the order they were added', async () => {
    const backend = empty();
    for (const port of [443, 80, 8080]) await backend.addService({ ...web, port });
    assert.deepEqual((await backend.services()).map((service) => service.port), [443, 80, 8080]);
  });

  it('always reports `hashed`, and names scheduler flags by the current scheduler', async () => {
    const backend = empty();
    await backend.addService({ ...web, scheduler: 'sh', flags: ['sh-port', 'hashed', 'persistent'] });
    // `persistent` follows the persistence field, as the kernel backend writes it.
    assert.deepEqual((await backend.service(web)).flags, ['hashed', 'sh-port']);
    await backend.editService({ ...web, scheduler: 'rr', flags: ['sh-port'] });
    assert.deepEqual((await backend.service(web)).flags, ['hashed', 'flag-2']);
    await backend.editService({ ...web, scheduler: 'mh', flags: ['flag-1'], persistence: { timeout: 60, netmask: '255.255.255.0' } });
    const service = await backend.service(web);
    assert.deepEqual(service.flags, ['persistent', 'hashed', 'mh-fallback']);
    assert.deepEqual(service.persistence, { timeout: 60, netmask: '255.255.255.0' });
  });

  it('reports addresses in canonical form and finds them by any spelling', async () => {
    const backend = empty();
    const v6 = { ...web, family: 'inet6' as const, address: '2001:DB8:0:0::10' };
    await backend.addService(v6);
    await backend.addDestination(v6, { ...nat('2001:db8:0::20'), family: 'inet6' });
    const [service] = (await backend.snapshot()).services;
    assert.equal(service?.address, '2001:db8::10');
    assert.equal(service?.destinations[0]?.address, '2001:db8::20');
    await backend.deleteDestination({ ...v6, address: '2001:db8::10' }, { family: 'inet6', address: '2001:0db8::20', port: 8080 });
    assert.deepEqual(await backend.destinations(v6), []);
  });

  it('hands out fresh copies that callers may change', async () => {
    const backend = empty();
    await backend.addService({ ...web, flags: ['persistent'], persistence: { timeout: 60, netmask: '255.255.255.255' } });
    await backend.addDestination(web, { ...nat('10.0.1.1'), forward: 'tunnel', tunnel: { type: 'gue', port: 6080, flags: ['csum'] } });
    const first = await backend.snapshot();
    const service = first.services[0]!;
    service.flags.push('one-packet');
    service.persistence!.timeout = 1;
    service.stats.conns = 99;
    service.destinations[0]!.tunnel!.flags.push('remcsum');
    service.destinations[0]!.weight = 42;
    service.destinations.pop();
    first.ipvs.version = 'x';
    const again = await backend.snapshot();
    assert.deepEqual(again.services[0]?.flags, ['persistent', 'hashed']);
    assert.equal(again.services[0]?.persistence?.timeout, 60);
    assert.equal(again.services[0]?.stats.conns, 0);
    assert.deepEqual(again.services[0]?.destinations[0]?.tunnel, { type: 'gue', port: 6080, flags: ['csum'] });
    assert.equal(again.services[0]?.destinations[0]?.weight, 1);
    assert.equal(again.ipvs.version, '1.2.1');
  });

  it('returns real servers only for the services readDestinationsOf picks', async () => {
    const backend = empty();
    await backend.addService(web);
    await backend.addService({ ...web, port: 443 });
    await backend.addDestination(web, nat('10.0.1.1'));
    await backend.addDestination({ ...web, port: 443 }, nat('10.0.1.1'));
    const snapshot = await backend.snapshot({ readDestinationsOf: (key) => key.port === 443 });
    assert.deepEqual(snapshot.services.map((service) => [service.port, service.destinations.length]), [[80, 0], [443, 1]]);
  });

  it('reports version 1.2.1 with 4096 connection table entries', async () => {
    assert.deepEqual(await empty().info(), { version: '1.2.1', connTableSize: 4096 });
  });

  it('keeps timeouts at 900/120/300 until set, and 0 leaves a value', async () => {
    const backend = empty();
    assert.deepEqual(await backend.timeouts(), { tcp: 900, tcpFin: 120, udp: 300 });
    await backend.setTimeouts({ tcp: 0, tcpFin: 30, udp: 0 });
    assert.deepEqual(await backend.timeouts(), { tcp: 900, tcpFin: 30, udp: 300 });
  });

  it('runs at most one master and one backup daemon, listed master first', async () => {
    const backend = empty();
    const daemon = { interface: 'eth1', syncId: 9, syncMaxLen: 1400, group: '224.0.0.81', port: 8848, ttl: 1 };
    await backend.startDaemon({ role: 'backup', ...daemon });
    await backend.startDaemon({ role: 'master', ...daemon });
    assert.deepEqual((await backend.daemons()).map((entry) => entry.role), ['master', 'backup']);
    assert.deepEqual((await backend.daemons())[1], { role: 'backup', ...daemon });
    await backend.stopDaemon('backup');
    assert.deepEqual((await backend.daemons()).map((entry) => entry.role), ['master']);
  });

  it('flushes everything, connections included', async () => {
    const backend = createDemoBackend({ seed: 3, now: () => 0 });
    assert.ok((await backend.connections()).rows.length > 0);
    await backend.flush();
    assert.deepEqual(await backend.services(), []);
    assert.deepEqual(await backend.connections(), { rows: [], matched: 0, total: 0 });
    backend.advance(10_000);
    assert.deepEqual(await backend.connections(), { rows: [], matched: 0, total: 0 });
  });
});
