// The behaviour every Backend must share. The simulator runs it in the unit tests; the netlink
// backend runs it in a real-kernel VM. So it asserts only what the kernel itself does: no
// stats beyond "zero is zero", no order of services or real servers (compared as sets), and
// DR/tunnel servers always get the service's own port, since only NAT may change it.
//
// It is destructive: every test starts from a flushed table, and the suite flushes at the end.

import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Backend } from '../../src/backend/backend.js';
import { describeDestination, describeService } from '../../src/ipvs/describe.js';
import { IpvsError, errors } from '../../src/ipvs/errors.js';
import type {
  Destination,
  DestinationConfig,
  DestinationKey,
  Service,
  ServiceConfig,
  ServiceFlag,
  ServiceKey,
  Tunnel,
} from '../../src/ipvs/types.js';
import { MAX_WEIGHT, familyOf, validateDestinationConfig, validateServiceConfig } from '../../src/ipvs/validate.js';

/** Parts of IPVS a kernel may be built without; list those the backend under test lacks. */
export type OptionalFeature = 'sctp' | 'ipv6' | 'sip' | 'gre' | 'mh' | 'mixed-family';

export interface BackendContractOptions {
  without?: OptionalFeature[];
  /** Interface to start a master sync daemon on; the daemon test runs only when given. */
  daemonInterface?: string;
}

export function backendContract(name: string, open: () => Promise<Backend>, options: BackendContractOptions = {}): void {
  const has = (feature: OptionalFeature): boolean => !(options.without ?? []).includes(feature);

  describe(`Backend contract: ${name}`, () => {
    let backend: Backend;

    before(async () => {
      backend = await open();
    });

    beforeEach(async () => {
      await backend.flush();
    });

    after(async () => {
      await backend.flush();
      await backend.close();
    });

    describe('the table', () => {
      it('is empty after a flush', async () => {
        assert.deepEqual(await backend.services(), []);
        assert.deepEqual((await backend.snapshot()).services, []);
      });

      it('reports a version and a connection table size', async () => {
        const info = await backend.info();
        assert.match(info.version, /^\d+\.\d+\.\d+$/);
        assert.ok(Number.isInteger(info.connTableSize) && info.connTableSize > 0);
        assert.deepEqual((await backend.snapshot()).ipvs, info);
      });

      it('lists the common schedulers', async () => {
        const schedulers = await backend.schedulers();
        for (const scheduler of ['rr', 'wrr', 'lc', 'wlc', 'sh']) assert.ok(schedulers.includes(scheduler), scheduler);
      });
    });

    describe('services', () => {
      it('reads back every kind of service exactly as written', async () => {
        const written = serviceKinds(has);
        for (const config of written) await backend.addService(config);
        await assertServices(backend, written);
        for (const config of written) {
          assert.deepEqual(serviceConfigOf(await backend.service(config)), expectedService(config), describeService(config));
        }
      });

      it('edits scheduler, flags and persistence, keeping the real servers', async () => {
        const original = service({ protocol: 'tcp', address: '192.0.2.30', port: 80, scheduler: 'wlc' });
        const servers = [masq('198.51.100.31', 8080, 1), masq('198.51.100.32', 8080, 2)];
        await backend.addService(original);
        for (const server of servers) await backend.addDestination(original, server);

        const persistent: ServiceConfig = {
          ...original,
          scheduler: 'sh',
          flags: ['persistent', 'sh-port'],
          persistence: { timeout: 120, netmask: '255.255.0.0' },
        };
        await backend.editService(persistent);
        await assertServices(backend, [persistent]);
        await assertDestinations(backend, original, servers);

        await backend.editService(original);
        await assertServices(backend, [original]);
        await assertDestinations(backend, original, servers);
      });

      it('deletes one service and its real servers, and nothing else', async () => {
        const keep = service({ protocol: 'tcp', address: '192.0.2.40', port: 80, scheduler: 'rr' });
        const gone = service({ protocol: 'tcp', address: '192.0.2.40', port: 443, scheduler: 'rr' });
        const keptServer = masq('198.51.100.41', 80, 1);
        await backend.addService(keep);
        await backend.addService(gone);
        await backend.addDestination(keep, keptServer);
        await backend.addDestination(gone, masq('198.51.100.42', 443, 1));

        await backend.deleteService(gone);
        await assertServices(backend, [keep]);
        await assertDestinations(backend, keep, [keptServer]);
        // Adding it again starts with no real servers.
        await backend.addService(gone);
        await assertDestinations(backend, gone, []);
      });

      it('keeps services that differ only by protocol, port, family or fwmark family apart', async () => {
        const written = [
          service({ protocol: 'tcp', address: '192.0.2.50', port: 53, scheduler: 'rr' }),
          service({ protocol: 'udp', address: '192.0.2.50', port: 53, scheduler: 'wrr' }),
          service({ protocol: 'tcp', address: '192.0.2.50', port: 54, scheduler: 'lc' }),
          service({ fwmark: 50, family: 'inet', scheduler: 'rr' }),
          ...(has('ipv6') ? [service({ fwmark: 50, family: 'inet6', scheduler: 'wlc' })] : []),
        ];
        for (const config of written) await backend.addService(config);
        await assertServices(backend, written);
      });
    });

    describe('persistence', () => {
      it('sets the persistent flag exactly when there is a persistence timeout', async () => {
        const base = service({ protocol: 'tcp', address: '192.0.2.55', port: 443, scheduler: 'rr' });
        await backend.addService({ ...base, persistence: { timeout: 300, netmask: '255.255.255.255' } });
        await assertServices(backend, [{ ...base, flags: ['persistent'], persistence: { timeout: 300, netmask: '255.255.255.255' } }]);
        await backend.editService({ ...base, flags: ['persistent'] });
        await assertServices(backend, [base]);
      });
    });

    describe('real servers', () => {
      it('reads back every forwarding method, weight and threshold exactly as written', async () => {
        const web = service({ protocol: 'tcp', address: '192.0.2.60', port: 80, scheduler: 'wrr' });
        const servers: DestinationConfig[] = [
          masq('198.51.100.61', 8080, 1),
          masq('198.51.100.61', 8081, 1),
          masq('198.51.100.62', 8080, 0),
          { ...masq('198.51.100.63', 8080, 65535), upperThreshold: 1000, lowerThreshold: 100 },
          masq('198.51.100.63', 8081, MAX_WEIGHT),
          { ...masq('198.51.100.64', 8080, 3), upperThreshold: 50, lowerThreshold: 0 },
          destination('198.51.100.65', 80, 'route', 5),
          destination('198.51.100.66', 80, 'tunnel', 1),
          tunnelled('198.51.100.67', 80, { type: 'ipip', port: 0, flags: [] }),
          tunnelled('198.51.100.68', 80, { type: 'gue', port: 6080, flags: [] }),
          tunnelled('198.51.100.69', 80, { type: 'gue', port: 6081, flags: ['csum'] }),
          ...(has('gre') ? [tunnelled('198.51.100.70', 80, { type: 'gre', port: 0, flags: ['csum'] })] : []),
        ];
        await backend.addService(web);
        for (const server of servers) await backend.addDestination(web, server);
        await assertDestinations(backend, web, servers);
      });

      it('serves firewall-mark services with every forwarding method', async () => {
        const marked = service({ fwmark: 61, family: 'inet', scheduler: 'wlc' });
        const servers = [
          masq('198.51.100.71', 80, 2),
          destination('198.51.100.72', 0, 'route', 1),
          tunnelled('198.51.100.73', 0, { type: 'gue', port: 6080, flags: [] }),
        ];
        await backend.addService(marked);
        for (const server of servers) await backend.addDestination(marked, server);
        await assertDestinations(backend, marked, servers);
      });

      it('serves IPv6 services, with an IPv4 tunnel where the kernel mixes families', { skip: !has('ipv6') }, async () => {
        const site = service({ protocol: 'tcp', address: '2001:db8:1::60', port: 80, scheduler: 'wlc' });
        const servers = [
          masq('2001:db8:2::61', 8080, 1),
          destination('2001:db8:2::62', 80, 'route', 2),
          ...(has('mixed-family') ? [destination('198.51.100.74', 80, 'tunnel', 1)] : []),
        ];
        await backend.addService(site);
        for (const server of servers) await backend.addDestination(site, server);
        await assertDestinations(backend, site, servers);
      });

      it('edits weight, thresholds and forwarding method in place', async () => {
        const web = service({ protocol: 'tcp', address: '192.0.2.80', port: 80, scheduler: 'wlc' });
        const nat = masq('198.51.100.81', 8080, 1);
        const direct = destination('198.51.100.82', 80, 'route', 1);
        await backend.addService(web);
        await backend.addDestination(web, nat);
        await backend.addDestination(web, direct);

        const edited: DestinationConfig[] = [
          { ...nat, weight: 7, upperThreshold: 500, lowerThreshold: 50 },
          { ...direct, forward: 'tunnel', tunnel: { type: 'gue', port: 6080, flags: ['csum'] } },
        ];
        for (const server of edited) await backend.editDestination(web, server);
        await assertDestinations(backend, web, edited);

        // A drain and a restore, as the `d` and `r` keys do.
        await backend.editDestination(web, { ...nat, weight: 0 });
        await backend.editDestination(web, nat);
        await assertDestinations(backend, web, [nat, edited[1]!]);
      });

      it('deletes one real server and nothing else', async () => {
        const web = service({ protocol: 'tcp', address: '192.0.2.90', port: 80, scheduler: 'rr' });
        const servers = [masq('198.51.100.91', 80, 1), masq('198.51.100.92', 80, 1), masq('198.51.100.92', 81, 1)];
        await backend.addService(web);
        for (const server of servers) await backend.addDestination(web, server);
        await backend.deleteDestination(web, servers[1]!);
        await assertDestinations(backend, web, [servers[0]!, servers[2]!]);
        await backend.addDestination(web, servers[1]!);
        await assertDestinations(backend, web, servers);
      });
    });

    describe('reading', () => {
      it('returns real servers only for the services readDestinationsOf picks', async () => {
        const picked = service({ protocol: 'tcp', address: '192.0.2.100', port: 80, scheduler: 'rr' });
        const skipped = service({ protocol: 'tcp', address: '192.0.2.100', port: 443, scheduler: 'rr' });
        const servers = [masq('198.51.100.101', 80, 1)];
        await backend.addService(picked);
        await backend.addService(skipped);
        await backend.addDestination(picked, servers[0]!);
        await backend.addDestination(skipped, masq('198.51.100.102', 443, 1));

        const asked: string[] = [];
        const snapshot = await backend.snapshot({
          readDestinationsOf: (key) => {
            asked.push(describeService(key));
            return key.port === 80;
          },
        });
        assert.deepEqual([...new Set(asked)].sort(), [describeService(picked), describeService(skipped)].sort());
        const byName = new Map(snapshot.services.map((entry) => [describeService(entry), entry]));
        assert.deepEqual(byName.get(describeService(picked))?.destinations.map(destinationConfigOf), servers.map(expectedDestination));
        assert.deepEqual(byName.get(describeService(skipped))?.destinations, []);
      });
    });

    describe('counters, flush and timeouts', () => {
      it('zeroes one service or all, leaving the configuration alone', async () => {
        const web = service({ protocol: 'tcp', address: '192.0.2.110', port: 80, scheduler: 'rr' });
        const dns = service({ protocol: 'udp', address: '192.0.2.110', port: 53, scheduler: 'rr' });
        const servers = [masq('198.51.100.111', 80, 1)];
        await backend.addService(web);
        await backend.addService(dns);
        await backend.addDestination(web, servers[0]!);

        await backend.zero(web);
        await backend.zero();
        await assertServices(backend, [web, dns]);
        await assertDestinations(backend, web, servers);
        for (const entry of (await backend.snapshot()).services) {
          for (const stats of [entry.stats, ...entry.destinations.map((dest) => dest.stats)]) {
            assert.equal(stats.conns, 0);
            assert.equal(stats.inPackets, 0);
            assert.equal(stats.outBytes, 0);
          }
        }
      });

      it('flushes every service', async () => {
        for (const config of serviceKinds(has)) await backend.addService(config);
        await backend.flush();
        assert.deepEqual(await backend.services(), []);
        await backend.flush();
        assert.deepEqual((await backend.snapshot()).services, []);
      });

      it('sets timeouts, and 0 leaves a timeout as it is', async () => {
        const original = await backend.timeouts();
        try {
          await backend.setTimeouts({ tcp: 901, tcpFin: 121, udp: 301 });
          assert.deepEqual(await backend.timeouts(), { tcp: 901, tcpFin: 121, udp: 301 });
          await backend.setTimeouts({ tcp: 0, tcpFin: 122, udp: 0 });
          assert.deepEqual(await backend.timeouts(), { tcp: 901, tcpFin: 122, udp: 301 });
        } finally {
          await backend.setTimeouts(original);
        }
        assert.deepEqual(await backend.timeouts(), original);
      });
    });

    describe('refusals', () => {
      const web = service({ protocol: 'tcp', address: '192.0.2.120', port: 80, scheduler: 'wlc' });
      const missing = service({ protocol: 'tcp', address: '192.0.2.121', port: 80, scheduler: 'wlc' });
      const server = masq('198.51.100.121', 80, 1);
      const absent = masq('198.51.100.122', 80, 1);

      it('refuses to add a service that exists, before it looks at the scheduler', async () => {
        await backend.addService(web);
        await rejectsWith(backend.addService(web), errors.serviceExists(web));
        await rejectsWith(backend.addService({ ...web, scheduler: 'nosuchsched' }), errors.serviceExists(web));
        await assertServices(backend, [web]);
      });

      it('refuses every command on a service that does not exist', async () => {
        await backend.addService(web);
        await rejectsWith(backend.editService(missing), errors.serviceNotFound(missing));
        await rejectsWith(backend.editService({ ...missing, scheduler: 'nosuchsched' }), errors.serviceNotFound(missing));
        await rejectsWith(backend.deleteService(missing), errors.serviceNotFound(missing));
        await rejectsWith(backend.zero(missing), errors.serviceNotFound(missing));
        await rejectsWith(backend.service(missing), errors.serviceNotFound(missing));
        // The kernel dumps no servers for a service that is not there; it is not an error.
        assert.deepEqual(await backend.destinations(missing), []);
        await rejectsWith(backend.addDestination(missing, server), errors.serviceNotFound(missing));
        await rejectsWith(backend.editDestination(missing, server), errors.serviceNotFound(missing));
        await rejectsWith(backend.deleteDestination(missing, server), errors.serviceNotFound(missing));
        const fwmark = service({ fwmark: 121, family: 'inet', scheduler: 'rr' });
        await rejectsWith(backend.deleteService(fwmark), errors.serviceNotFound(fwmark));
        await assertServices(backend, [web]);
      });

      it('refuses to add a real server that exists, and to change or delete one that does not', async () => {
        await backend.addService(web);
        await backend.addDestination(web, server);
        await rejectsWith(backend.addDestination(web, server), errors.destinationExists(web, server));
        await rejectsWith(backend.addDestination(web, { ...server, weight: 9 }), errors.destinationExists(web, server));
        await rejectsWith(backend.editDestination(web, absent), errors.destinationNotFound(web, absent));
        await rejectsWith(backend.deleteDestination(web, absent), errors.destinationNotFound(web, absent));
        const otherPort: DestinationKey = { ...server, port: 81 };
        await rejectsWith(backend.deleteDestination(web, otherPort), errors.destinationNotFound(web, otherPort));
        await assertDestinations(backend, web, [server]);
      });

      it('refuses a scheduler the kernel lacks, on add and on edit', async () => {
        await rejectsWith(backend.addService({ ...web, scheduler: 'nosuchsched' }), errors.schedulerUnavailable('nosuchsched'));
        await backend.addService(web);
        await rejectsWith(backend.editService({ ...web, scheduler: 'nosuchsched' }), errors.schedulerUnavailable('nosuchsched'));
        await assertServices(backend, [web]);
      });

      it('refuses a persistence engine the kernel lacks', async () => {
        const sip = { ...web, flags: ['persistent'] as ServiceFlag[], persistence: { timeout: 60, netmask: '255.255.255.255' }, pe: 'nosuchpe' };
        await rejectsWith(backend.addService(sip), errors.peUnavailable('nosuchpe'));
        await backend.addService(web);
        await rejectsWith(backend.editService(sip), errors.peUnavailable('nosuchpe'));
        await assertServices(backend, [web]);
      });

      it('refuses invalid fields with the sentence validation gives, applying nothing', async () => {
        await backend.addService(web);
        const badServices: ServiceConfig[] = [
          { ...web, address: '192.0.2.300' },
          { ...web, port: 70000 },
          { ...web, flags: ['persistent'], persistence: { timeout: 300, netmask: '255.0.255.0' } },
          { ...web, scheduler: 'no such' },
        ];
        for (const bad of badServices) await rejectsWith(backend.addService(bad), thrownBy(() => validateServiceConfig(bad)));
        await rejectsWith(backend.editService(badServices[2]!), thrownBy(() => validateServiceConfig(badServices[2]!)));

        const badServers: DestinationConfig[] = [
          { ...server, weight: MAX_WEIGHT + 1 },
          { ...server, weight: -1 },
          { ...server, upperThreshold: 10, lowerThreshold: 20 },
          { ...server, address: '198.51.100.256' },
          tunnelled('198.51.100.123', 80, { type: 'gue', port: 0, flags: [] }),
          { ...server, tunnel: { type: 'ipip', port: 0, flags: [] } },
          masq('2001:db8:2::123', 80, 1),
        ];
        for (const bad of badServers) {
          const expected = thrownBy(() => validateDestinationConfig(web, bad));
          await rejectsWith(backend.addDestination(web, bad), expected);
        }
        await assertServices(backend, [web]);
        await assertDestinations(backend, web, []);
      });
    });

    describe('sync daemons', { skip: options.daemonInterface === undefined }, () => {
      it('starts a master once, lists it, and stops it', async () => {
        const iface = options.daemonInterface ?? 'lo';
        const master = { role: 'master' as const, interface: iface, syncId: 7, syncMaxLen: null, group: null, port: null, ttl: null };
        try {
          await backend.startDaemon(master);
          const listed = (await backend.daemons()).map(({ role, interface: name, syncId }) => ({ role, interface: name, syncId }));
          assert.deepEqual(listed, [{ role: 'master', interface: iface, syncId: 7 }]);
          // Not in `errors` yet: both backends word these the same way.
          await rejectsWith(backend.startDaemon(master), errors.daemonRunning('master'));
        } finally {
          await backend.stopDaemon('master');
        }
        assert.deepEqual(await backend.daemons(), []);
        await rejectsWith(backend.stopDaemon('master'), errors.daemonNotRunning('master'));
      });
    });
  });
}

// Fixtures. Addresses are from the documentation ranges (RFC 5737, RFC 3849), never routed.

function service(fields: Partial<ServiceConfig> & { scheduler: string }): ServiceConfig {
  const fwmark = fields.fwmark ?? null;
  const address = fields.address ?? null;
  return {
    family: fields.family ?? (address !== null ? familyOf(address) ?? 'inet' : 'inet'),
    protocol: fwmark === null ? fields.protocol ?? 'tcp' : null,
    address: fwmark === null ? address : null,
    port: fwmark === null ? fields.port ?? 0 : null,
    fwmark,
    scheduler: fields.scheduler,
    flags: fields.flags ?? [],
    persistence: fields.persistence ?? null,
    pe: fields.pe ?? null,
  };
}

function destination(address: string, port: number, forward: DestinationConfig['forward'], weight: number): DestinationConfig {
  return { family: familyOf(address) ?? 'inet', address, port, forward, weight, upperThreshold: 0, lowerThreshold: 0, tunnel: null };
}

function masq(address: string, port: number, weight: number): DestinationConfig {
  return destination(address, port, 'masq', weight);
}

function tunnelled(address: string, port: number, tunnel: Tunnel): DestinationConfig {
  return { ...destination(address, port, 'tunnel', 1), tunnel };
}

/** One service of every kind the kernel knows, as far as the backend under test has them. */
function serviceKinds(has: (feature: OptionalFeature) => boolean): ServiceConfig[] {
  const kinds: ServiceConfig[] = [
    service({ protocol: 'tcp', address: '192.0.2.10', port: 80, scheduler: 'wlc' }),
    service({ protocol: 'udp', address: '192.0.2.10', port: 53, scheduler: 'rr', flags: ['one-packet'] }),
    service({ fwmark: 5, family: 'inet', scheduler: 'wlc', flags: ['persistent'], persistence: { timeout: 600, netmask: '255.255.255.0' } }),
    service({ protocol: 'tcp', address: '192.0.2.11', port: 443, scheduler: 'lc', flags: ['persistent'], persistence: { timeout: 300, netmask: '255.255.255.255' } }),
    service({ protocol: 'tcp', address: '192.0.2.12', port: 80, scheduler: 'rr', flags: ['flag-1', 'flag-3'] }),
    service({ protocol: 'tcp', address: '192.0.2.12', port: 81, scheduler: 'sh', flags: ['sh-fallback', 'sh-port'] }),
    service({ protocol: 'tcp', address: '192.0.2.12', port: 0, scheduler: 'sed', flags: ['persistent'], persistence: { timeout: 3600, netmask: '255.255.0.0' } }),
  ];
  if (has('sctp')) kinds.push(service({ protocol: 'sctp', address: '192.0.2.10', port: 9899, scheduler: 'rr' }));
  if (has('mh')) kinds.push(service({ protocol: 'tcp', address: '192.0.2.13', port: 80, scheduler: 'mh', flags: ['mh-fallback', 'mh-port'] }));
  if (has('sip')) {
    kinds.push(service({ protocol: 'udp', address: '192.0.2.14', port: 5060, scheduler: 'rr', flags: ['persistent'], persistence: { timeout: 60, netmask: '255.255.255.255' }, pe: 'sip' }));
  }
  if (has('ipv6')) {
    kinds.push(
      service({ protocol: 'tcp', address: '2001:db8:1::10', port: 443, scheduler: 'wrr' }),
      service({ protocol: 'udp', address: '2001:db8:1::10', port: 53, scheduler: 'nq' }),
      service({ protocol: 'tcp', address: '2001:db8:1::11', port: 443, scheduler: 'rr', flags: ['persistent'], persistence: { timeout: 1800, netmask: 64 } }),
      service({ fwmark: 5, family: 'inet6', scheduler: 'sh', flags: ['sh-fallback'] }),
      service({ fwmark: 6, family: 'inet6', scheduler: 'wlc', flags: ['persistent'], persistence: { timeout: 300, netmask: 128 } }),
    );
  }
  return kinds;
}

// Comparison: configuration fields only, flags as sets. A tunnelled server always reads back
// with its tunnel options (plain IPIP when none were given); other servers with none.

function serviceConfigOf(entry: Service): ServiceConfig {
  return {
    family: entry.family,
    protocol: entry.protocol,
    address: entry.address,
    port: entry.port,
    fwmark: entry.fwmark,
    scheduler: entry.scheduler,
    flags: [...entry.flags].sort(),
    persistence: entry.persistence === null ? null : { ...entry.persistence },
    pe: entry.pe,
  };
}

function expectedService(config: ServiceConfig): ServiceConfig {
  // The kernel adds `hashed` itself.
  return { ...config, flags: [...new Set<ServiceFlag>([...config.flags, 'hashed'])].sort(), persistence: config.persistence === null ? null : { ...config.persistence } };
}

function destinationConfigOf(entry: Destination | DestinationConfig): DestinationConfig {
  return {
    family: entry.family,
    address: entry.address,
    port: entry.port,
    forward: entry.forward,
    weight: entry.weight,
    upperThreshold: entry.upperThreshold,
    lowerThreshold: entry.lowerThreshold,
    tunnel: entry.tunnel === null ? null : { type: entry.tunnel.type, port: entry.tunnel.port, flags: [...entry.tunnel.flags].sort() },
  };
}

function expectedDestination(config: DestinationConfig): DestinationConfig {
  const plainIpip: Tunnel = { type: 'ipip', port: 0, flags: [] };
  return destinationConfigOf({ ...config, tunnel: config.forward === 'tunnel' ? config.tunnel ?? plainIpip : null });
}

async function assertServices(backend: Backend, expected: ServiceConfig[]): Promise<void> {
  const want = byName(expected.map(expectedService), describeService);
  for (const read of [await backend.services(), (await backend.snapshot()).services]) {
    assert.deepEqual(byName(read.map(serviceConfigOf), describeService), want);
  }
}

async function assertDestinations(backend: Backend, key: ServiceKey, expected: DestinationConfig[]): Promise<void> {
  const want = byName(expected.map(expectedDestination), describeDestination);
  const fromSnapshot = (await backend.snapshot()).services.find((entry) => describeService(entry) === describeService(key));
  assert.ok(fromSnapshot !== undefined, `${describeService(key)} is missing from the snapshot`);
  for (const read of [await backend.destinations(key), fromSnapshot.destinations]) {
    assert.deepEqual(byName(read.map(destinationConfigOf), describeDestination), want);
  }
}

/** Entries keyed by how an operator names them, in name order: compares as sets. */
function byName<T>(entries: T[], name: (entry: T) => string): [string, T][] {
  return entries.map((entry): [string, T] => [name(entry), entry]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function rejectsWith(promise: Promise<unknown>, expected: IpvsError): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof IpvsError, `expected an IpvsError, got ${String(error)}`);
    assert.equal(error.kind, expected.kind);
    assert.equal(error.message, expected.message);
    return true;
  });
}

function thrownBy(check: () => void): IpvsError {
  try {
    check();
  } catch (error) {
    if (error instanceof IpvsError) return error;
    throw error;
  }
  throw new Error('the check was expected to refuse this input');
}
