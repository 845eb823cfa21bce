// The engine against the real kernel: every ipvsadm operation done through lvstop's client and
// checked with ipvsadm, and tables loaded with ipvsadm read back through lvstop.

import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IpvsClient } from '../../src/ipvs/client.js';
import { errors, IpvsError } from '../../src/ipvs/errors.js';
import type { DestinationConfig, ServiceConfig, ServiceKey } from '../../src/ipvs/types.js';
import { clearIpvs, ipvsadm, ipvsadmRestore } from './ipvsadm.js';

// twos is missing from Debian 12's kernel (CONFIG_IP_VS_TWOS is not set).
const SCHEDULERS = ['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh'];

const rules = (): string[] => ipvsadm('-S', '-n').trim().split('\n').filter(Boolean);

const service = (overrides: Partial<ServiceConfig> = {}): ServiceConfig => ({
  family: 'inet',
  protocol: 'tcp',
  address: '10.0.0.1',
  port: 80,
  fwmark: null,
  scheduler: 'wrr',
  flags: [],
  persistence: null,
  pe: null,
  ...overrides,
});

const server = (overrides: Partial<DestinationConfig> = {}): DestinationConfig => ({
  family: 'inet',
  address: '10.0.1.1',
  port: 80,
  forward: 'masq',
  weight: 1,
  upperThreshold: 0,
  lowerThreshold: 0,
  tunnel: null,
  ...overrides,
});

async function rejectsWith(promise: Promise<unknown>, expected: IpvsError): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof IpvsError, `not an IpvsError: ${String(error)}`);
    assert.equal(error.message, expected.message);
    assert.equal(error.kind, expected.kind);
    return true;
  });
}

let client: IpvsClient;
before(async () => {
  client = await IpvsClient.open();
});
after(() => {
  client.close();
  clearIpvs();
});
beforeEach(() => clearIpvs());

describe('services through lvstop, checked with ipvsadm', () => {
  it('reads the version and connection table size ipvsadm reports', async () => {
    const header = ipvsadm('-Ln').split('\n')[0] ?? '';
    const info = await client.info();
    assert.equal(header, `IP Virtual Server version ${info.version} (size=${info.connTableSize})`);
  });

  it('adds a service with every scheduler (-A -s)', async () => {
    for (const [index, scheduler] of SCHEDULERS.entries()) {
      await client.addService(service({ port: 1000 + index, scheduler }));
    }
    assert.deepEqual(
      rules(),
      SCHEDULERS.map((scheduler, index) => `-A -t 10.0.0.1:${1000 + index} -s ${scheduler}`),
    );
  });

  it('adds UDP, SCTP, IPv6 and firewall-mark services with persistence, flags and one-packet', async () => {
    await client.addService(service({ protocol: 'udp', address: '10.0.0.53', port: 53, scheduler: 'rr', flags: ['one-packet'] }));
    await client.addService(service({ protocol: 'sctp', address: '10.0.0.9', port: 3868, scheduler: 'sh', flags: ['sh-fallback', 'sh-port'] }));
    await client.addService(service({ family: 'inet6', address: '2001:db8::1', port: 443, scheduler: 'mh', flags: ['mh-port'], persistence: { timeout: 600, netmask: 64 } }));
    await client.addService(service({ protocol: null, address: null, port: null, fwmark: 7, scheduler: 'lc', persistence: { timeout: 300, netmask: '255.255.255.0' } }));
    await client.addService(service({ family: 'inet6', protocol: null, address: null, port: null, fwmark: 8, scheduler: 'wlc' }));
    await client.addService(service({ protocol: 'udp', address: '10.0.0.60', port: 5060, scheduler: 'rr', persistence: { timeout: 900, netmask: '255.255.255.255' }, pe: 'sip' }));
    const read = await client.services();
    const byAddress = (key: Partial<ServiceKey>) =>
      read.find((s) => s.address === (key.address ?? null) && s.fwmark === (key.fwmark ?? null));
    assert.deepEqual(byAddress({ address: '10.0.0.53' })?.flags, ['hashed', 'one-packet']);
    assert.deepEqual(byAddress({ address: '10.0.0.9' })?.flags, ['hashed', 'sh-fallback', 'sh-port']);
    assert.deepEqual(byAddress({ address: '2001:db8::1' })?.persistence, { timeout: 600, netmask: 64 });
    assert.deepEqual(byAddress({ fwmark: 7 })?.persistence, { timeout: 300, netmask: '255.255.255.0' });
    assert.equal(byAddress({ fwmark: 8 })?.family, 'inet6');
    assert.equal(byAddress({ address: '10.0.0.60' })?.pe, 'sip');
    const saved = rules();
    for (const line of [
      '-A -u 10.0.0.53:53 -s rr -o',
      '-A --sctp-service 10.0.0.9:3868 -s sh -b sh-fallback,sh-port',
      '-A -t [2001:db8::1]:443 -s mh -p 600 -M 64 -b mh-port',
      '-A -f 7 -s lc -p 300 -M 255.255.255.0',
      '-A -f 8 -6 -s wlc',
      '-A -u 10.0.0.60:5060 -s rr -p 900 --pe sip',
    ]) {
      assert.ok(saved.includes(line), `ipvsadm -S lacks "${line}":\n${saved.join('\n')}`);
    }
  });

  it('edits a service (-E): scheduler, persistence and flags change, servers stay', async () => {
    await client.addService(service());
    await client.addDestination(service(), server({ weight: 5 }));
    await client.editService(service({ scheduler: 'sh', flags: ['sh-port'], persistence: { timeout: 120, netmask: '255.255.0.0' } }));
    assert.deepEqual(rules(), [
      '-A -t 10.0.0.1:80 -s sh -p 120 -M 255.255.0.0 -b sh-port',
      '-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 5',
    ]);
  });

  it('deletes a service (-D) and clears the table (-C)', async () => {
    await client.addService(service());
    await client.addService(service({ port: 81 }));
    await client.deleteService(service());
    assert.deepEqual(rules(), ['-A -t 10.0.0.1:81 -s wrr']);
    await client.flush();
    assert.deepEqual(rules(), []);
  });
});

describe('real servers through lvstop, checked with ipvsadm', () => {
  it('adds NAT, DR and tunnel servers with weights 0..65535 and thresholds (-a -m -g -i -w -x -y)', async () => {
    await client.addService(service());
    await client.addDestination(service(), server({ address: '10.0.1.1', forward: 'masq', weight: 0 }));
    await client.addDestination(service(), server({ address: '10.0.1.2', forward: 'route', weight: 65535, upperThreshold: 200, lowerThreshold: 100 }));
    await client.addDestination(service(), server({ address: '10.0.1.3', forward: 'tunnel', weight: 3, tunnel: { type: 'ipip', port: 0, flags: [] } }));
    await client.addDestination(service(), server({ address: '10.0.1.4', forward: 'tunnel', weight: 4, tunnel: { type: 'gue', port: 6080, flags: ['csum'] } }));
    await client.addDestination(service(), server({ address: '10.0.1.5', forward: 'tunnel', weight: 5, tunnel: { type: 'gre', port: 0, flags: ['csum'] } }));
    const saved = rules();
    for (const line of [
      '-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 0',
      '-a -t 10.0.0.1:80 -r 10.0.1.2:80 -g -w 65535',
      '-a -t 10.0.0.1:80 -r 10.0.1.3:80 -i -w 3 --tun-type ipip',
      '-a -t 10.0.0.1:80 -r 10.0.1.4:80 -i -w 4 --tun-type gue --tun-port 6080 --tun-csum',
      '-a -t 10.0.0.1:80 -r 10.0.1.5:80 -i -w 5 --tun-type gre --tun-csum',
    ]) {
      assert.ok(saved.includes(line), `ipvsadm -S lacks "${line}":\n${saved.join('\n')}`);
    }
    const thresholds = ipvsadm('-Ln', '--thresholds');
    assert.match(thresholds, /-> 10\.0\.1\.2:80\s+200\s+100\s/);
    const read = await client.destinations(service());
    assert.deepEqual(
      read.map((d) => [d.address, d.forward, d.weight, d.upperThreshold, d.lowerThreshold, d.tunnel?.type ?? null]).sort(),
      [
        ['10.0.1.1', 'masq', 0, 0, 0, null],
        ['10.0.1.2', 'route', 65535, 200, 100, null],
        ['10.0.1.3', 'tunnel', 3, 0, 0, 'ipip'],
        ['10.0.1.4', 'tunnel', 4, 0, 0, 'gue'],
        ['10.0.1.5', 'tunnel', 5, 0, 0, 'gre'],
      ],
    );
  });

  it('edits a server (-e) and deletes it (-d)', async () => {
    await client.addService(service());
    await client.addDestination(service(), server({ weight: 2 }));
    await client.editDestination(service(), server({ weight: 9, upperThreshold: 50 }));
    assert.match(ipvsadm('-Ln', '--exact'), /-> 10\.0\.1\.1:80\s+Masq\s+9\s+0\s+0/);
    assert.match(ipvsadm('-Ln', '--thresholds'), /-> 10\.0\.1\.1:80\s+50\s+0\s/);
    await client.deleteDestination(service(), server());
    assert.deepEqual(rules(), ['-A -t 10.0.0.1:80 -s wrr']);
  });

  it('adds servers to IPv6 and firewall-mark services', async () => {
    const v6 = service({ family: 'inet6', address: '2001:db8::1', port: 443 });
    const mark = service({ protocol: null, address: null, port: null, fwmark: 9 });
    await client.addService(v6);
    await client.addService(mark);
    await client.addDestination(v6, server({ family: 'inet6', address: '2001:db8::10', port: 8443, weight: 7 }));
    await client.addDestination(mark, server({ address: '10.0.2.1', port: 0, forward: 'route', weight: 2 }));
    const saved = rules();
    assert.ok(saved.includes('-a -t [2001:db8::1]:443 -r [2001:db8::10]:8443 -m -w 7'), saved.join('\n'));
    assert.ok(saved.includes('-a -f 9 -r 10.0.2.1:0 -g -w 2'), saved.join('\n'));
  });

  it('zeroes the counters of one service and of all (-Z) without error', async () => {
    await client.addService(service());
    await client.zero(service());
    await client.zero();
    const [read] = await client.services();
    assert.equal(read?.stats.conns, 0);
  });
});

describe('timeouts and sync daemons', () => {
  it('reads and sets timeouts as ipvsadm --set does', async () => {
    const before = await client.timeouts();
    assert.match(ipvsadm('-L', '--timeout'), new RegExp(`${before.tcp} ${before.tcpFin} ${before.udp}`));
    await client.setTimeouts({ tcp: 901, tcpFin: 0, udp: 301 });
    assert.match(ipvsadm('-L', '--timeout'), new RegExp(`901 ${before.tcpFin} 301`));
    await client.setTimeouts({ tcp: before.tcp, tcpFin: before.tcpFin, udp: before.udp });
  });

  it('starts and stops a sync daemon as ipvsadm --start-daemon does', async () => {
    await client.startDaemon({ role: 'backup', interface: 'lo', syncId: 42, syncMaxLen: null, group: null, port: null, ttl: null });
    try {
      assert.match(ipvsadm('-L', '--daemon'), /backup sync daemon \(mcast=lo, syncid=42/);
      const daemons = await client.daemons();
      assert.deepEqual(daemons.map((d) => [d.role, d.interface, d.syncId]), [['backup', 'lo', 42]]);
    } finally {
      await client.stopDaemon('backup');
    }
    assert.equal(ipvsadm('-L', '--daemon').trim(), '');
  });
});

describe('errors from the real kernel', () => {
  it('says so when a service or server already exists', async () => {
    await client.addService(service());
    await rejectsWith(client.addService(service()), errors.serviceExists(service()));
    await client.addDestination(service(), server());
    await rejectsWith(client.addDestination(service(), server()), errors.destinationExists(service(), server()));
  });

  it('says so when a service or server does not exist', async () => {
    await rejectsWith(client.deleteService(service()), errors.serviceNotFound(service()));
    await rejectsWith(client.addDestination(service(), server()), errors.serviceNotFound(service()));
    await client.addService(service());
    await rejectsWith(client.deleteDestination(service(), server()), errors.destinationNotFound(service(), server()));
    await rejectsWith(client.editDestination(service(), server()), errors.destinationNotFound(service(), server()));
  });

  it('says so when the kernel has no such scheduler', async () => {
    await rejectsWith(client.addService(service({ scheduler: 'nosuch' })), errors.schedulerUnavailable('nosuch'));
  });
});

describe('tables loaded with ipvsadm, read by lvstop', () => {
  it('reads 2000 services x 5 servers completely within the in-flight bound', async () => {
    const lines: string[] = [];
    for (let n = 0; n < 2000; n += 1) {
      const vip = `10.${100 + (n >> 8)}.${n & 255}.1:80`;
      lines.push(`-A -t ${vip} -s wrr`);
      for (let s = 1; s <= 5; s += 1) lines.push(`-a -t ${vip} -r 172.16.${n & 255}.${s}:8080 -m -w ${s}`);
    }
    ipvsadmRestore(`${lines.join('\n')}\n`);
    const bounded = await IpvsClient.open({ maxInFlight: 4 });
    try {
      const snapshot = await bounded.snapshot();
      assert.equal(snapshot.services.length, 2000);
      assert.equal(snapshot.services.reduce((sum, s) => sum + s.destinations.length, 0), 10_000);
      for (const read of snapshot.services) {
        assert.deepEqual(read.destinations.map((d) => d.weight).sort(), [1, 2, 3, 4, 5]);
      }
      assert.ok(bounded.peakInFlight <= 4, `peak in flight ${bounded.peakInFlight}`);
      assert.equal(bounded.peakInFlight, 4);
    } finally {
      bounded.close();
    }
  });

  it('reads services of 1 to 600 servers whole, their server dumps in many page-sized datagrams', async () => {
    const sizes = [1, 11, 12, 13, 40, 250, 600];
    const lines: string[] = [];
    sizes.forEach((count, n) => {
      const vip = `10.200.${n}.1:80`;
      lines.push(`-A -t ${vip} -s wlc`);
      for (let s = 0; s < count; s += 1) lines.push(`-a -t ${vip} -r 172.17.${(s + 1) >> 8}.${(s + 1) & 255}:${8000 + n} -g -w ${1 + (s % 7)}`);
    });
    ipvsadmRestore(`${lines.join('\n')}\n`);
    const expected = new Set(rules().filter((line) => line.startsWith('-a ')));
    const snapshot = await client.snapshot();
    const byAddress = new Map(snapshot.services.map((s) => [s.address, s.destinations]));
    sizes.forEach((count, n) => assert.equal(byAddress.get(`10.200.${n}.1`)?.length, count, `servers of the service with ${count}`));
    const read = new Set(
      snapshot.services.flatMap((s) => s.destinations.map((d) => `-a -t ${s.address}:${s.port} -r ${d.address}:${d.port} -g -w ${d.weight}`)),
    );
    assert.deepEqual(read, expected);
  });
});
