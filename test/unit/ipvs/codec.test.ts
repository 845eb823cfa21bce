import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAttributes } from '../../../src/ipvs/attributes.js';
import {
  decodeDestination,
  decodeService,
  encodeDestination,
  encodeService,
  encodeServiceKey,
  serviceFlagsFromBits,
  serviceKeyOfDumped,
  serviceFlagsToBits,
} from '../../../src/ipvs/codec.js';
import { CmdAttr, SvcAttr, DestAttr } from '../../../src/ipvs/constants.js';
import type { DestinationConfig, ServiceConfig } from '../../../src/ipvs/types.js';

const nested = (bytes: Buffer, type: number): Buffer => parseAttributes(bytes).get(type)!;

const services: ServiceConfig[] = [
  { family: 'inet', protocol: 'tcp', address: '10.0.0.100', port: 80, fwmark: null, scheduler: 'wrr', flags: [], persistence: null, pe: null },
  { family: 'inet', protocol: 'udp', address: '192.0.2.53', port: 53, fwmark: null, scheduler: 'rr', flags: ['one-packet'], persistence: null, pe: null },
  { family: 'inet', protocol: 'sctp', address: '10.1.2.3', port: 3868, fwmark: null, scheduler: 'sh', flags: ['persistent', 'sh-fallback', 'sh-port'], persistence: { timeout: 300, netmask: '255.255.255.0' }, pe: null },
  { family: 'inet6', protocol: 'tcp', address: '2001:db8::1', port: 443, fwmark: null, scheduler: 'mh', flags: ['persistent', 'mh-port'], persistence: { timeout: 60, netmask: 64 }, pe: null },
  { family: 'inet', protocol: null, address: null, port: null, fwmark: 5, scheduler: 'lc', flags: [], persistence: null, pe: null },
  { family: 'inet6', protocol: null, address: null, port: null, fwmark: 4294967295, scheduler: 'wlc', flags: ['flag-3'], persistence: null, pe: null },
  { family: 'inet', protocol: 'udp', address: '10.0.0.7', port: 5060, fwmark: null, scheduler: 'rr', flags: ['persistent'], persistence: { timeout: 900, netmask: '255.255.255.255' }, pe: 'sip' },
];

describe('service codec', () => {
  for (const config of services) {
    it(`round-trips ${config.protocol ?? 'fwmark'} ${config.address ?? config.fwmark} (${config.scheduler})`, () => {
      const decoded = decodeService(nested(encodeService(config), CmdAttr.SERVICE));
      const { stats, ...fields } = decoded;
      assert.deepEqual(fields, config);
      assert.equal(stats.conns, 0);
    });
  }

  for (const config of services) {
    it(`names ${config.protocol ?? 'fwmark'} ${config.address ?? config.fwmark} back with the key bytes copied from its dump`, () => {
      const dumped = nested(encodeService(config), CmdAttr.SERVICE);
      assert.equal(serviceKeyOfDumped(dumped).toString('hex'), encodeServiceKey(config).toString('hex'));
    });
  }

  it('encodes ports big-endian and addresses in 16 bytes', () => {
    const attributes = parseAttributes(nested(encodeServiceKey(services[0]!), CmdAttr.SERVICE));
    assert.equal(attributes.get(SvcAttr.PORT)!.toString('hex'), '0050');
    assert.equal(attributes.get(SvcAttr.ADDR)!.toString('hex'), '0a000064' + '00'.repeat(12));
  });

  it('encodes an IPv4 persistence mask as network-order bytes and an IPv6 one as a prefix length', () => {
    const v4 = parseAttributes(nested(encodeService(services[2]!), CmdAttr.SERVICE));
    assert.equal(v4.get(SvcAttr.NETMASK)!.toString('hex'), 'ffffff00');
    const v6 = parseAttributes(nested(encodeService(services[3]!), CmdAttr.SERVICE));
    assert.equal(v6.get(SvcAttr.NETMASK)!.readUInt32LE(0), 64);
  });

  it('never writes the kernel-owned hashed flag and sets persistence from the persistence field', () => {
    const config: ServiceConfig = { ...services[0]!, flags: ['hashed'], persistence: { timeout: 10, netmask: '255.255.255.255' } };
    const flags = parseAttributes(nested(encodeService(config), CmdAttr.SERVICE)).get(SvcAttr.FLAGS)!;
    assert.equal(flags.readUInt32LE(0), 0x1);
    assert.equal(flags.readUInt32LE(4), 0xffffffff);
  });

  it('names scheduler flags as ipvsadm does for each scheduler', () => {
    assert.deepEqual(serviceFlagsFromBits(0x18, 'sh'), ['sh-fallback', 'sh-port']);
    assert.deepEqual(serviceFlagsFromBits(0x18, 'mh'), ['mh-fallback', 'mh-port']);
    assert.deepEqual(serviceFlagsFromBits(0x3a, 'wrr'), ['hashed', 'flag-1', 'flag-2', 'flag-3']);
    assert.equal(serviceFlagsToBits(['one-packet', 'mh-port']), 0x14);
  });
});

const destinations: DestinationConfig[] = [
  { family: 'inet', address: '10.0.0.2', port: 80, forward: 'masq', weight: 3, upperThreshold: 0, lowerThreshold: 0, tunnel: null },
  { family: 'inet', address: '10.0.0.3', port: 80, forward: 'route', weight: 0, upperThreshold: 100, lowerThreshold: 50, tunnel: null },
  { family: 'inet', address: '10.0.0.4', port: 80, forward: 'tunnel', weight: 65535, upperThreshold: 0, lowerThreshold: 0, tunnel: { type: 'gue', port: 6080, flags: ['csum'] } },
  { family: 'inet', address: '10.0.0.5', port: 80, forward: 'tunnel', weight: 1, upperThreshold: 0, lowerThreshold: 0, tunnel: { type: 'gre', port: 0, flags: ['remcsum'] } },
  { family: 'inet6', address: '2001:db8::2', port: 8080, forward: 'masq', weight: 2, upperThreshold: 0, lowerThreshold: 0, tunnel: null },
];

describe('destination codec', () => {
  for (const config of destinations) {
    it(`round-trips ${config.address} (${config.forward})`, () => {
      const bytes = encodeDestination(services[0]!, config);
      const decoded = decodeDestination(nested(bytes, CmdAttr.DEST), 'inet');
      const { stats, activeConns, inactiveConns, persistentConns, ...fields } = decoded;
      assert.deepEqual(fields, config);
      assert.deepEqual([activeConns, inactiveConns, persistentConns], [0, 0, 0]);
      assert.equal(stats.inBytes, 0);
    });
  }

  it('sends tunnel attributes only for tunnelled servers', () => {
    const masq = parseAttributes(nested(encodeDestination(services[0]!, destinations[0]!), CmdAttr.DEST));
    assert.equal(masq.has(DestAttr.TUN_TYPE), false);
    const gue = parseAttributes(nested(encodeDestination(services[0]!, destinations[2]!), CmdAttr.DEST));
    assert.equal(gue.get(DestAttr.TUN_TYPE)!.readUInt8(0), 1);
    assert.equal(gue.get(DestAttr.TUN_PORT)!.toString('hex'), '17c0');
  });

  it('takes the service family when an old kernel omits the server family', () => {
    const bytes = nested(encodeDestination(services[3]!, destinations[4]!), CmdAttr.DEST);
    // Rebuild the nested attributes without ADDR_FAMILY (type 11).
    const kept: Buffer[] = [];
    let offset = 0;
    while (offset < bytes.length) {
      const length = bytes.readUInt16LE(offset);
      const padded = (length + 3) & ~3;
      if (bytes.readUInt16LE(offset + 2) !== DestAttr.ADDR_FAMILY) kept.push(bytes.subarray(offset, offset + padded));
      offset += padded;
    }
    assert.equal(decodeDestination(Buffer.concat(kept), 'inet6').address, '2001:db8::2');
  });
});

describe('address formatting in place', () => {
  it('prints every address exactly as ipaddr.js does', async () => {
    const { formatAddressAt } = await import('../../../src/ipvs/codec.js');
    const ipaddr = (await import('ipaddr.js')).default;
    let state = 12345;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    for (let n = 0; n < 2000; n += 1) {
      const bytes = Buffer.alloc(16);
      // Mostly-zero groups so that runs of zeros of every length and place occur.
      for (let g = 0; g < 8; g += 1) if (next() % 3 === 0) bytes.writeUInt16BE(next() & 0xffff, 2 * g);
      assert.equal(formatAddressAt(bytes, 0, 'inet6'), ipaddr.fromByteArray([...bytes]).toString());
      assert.equal(formatAddressAt(bytes, 0, 'inet'), ipaddr.fromByteArray([...bytes.subarray(0, 4)]).toString());
    }
  });
});
