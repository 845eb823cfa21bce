import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sortLikeIpvsadm } from '../../../src/model/ipvsadm/index.js';
import type { DestinationKey, ServiceKey } from '../../../src/ipvs/types.js';

const tcp = (address: string, port: number): ServiceKey => ({ family: 'inet', protocol: 'tcp', address, port, fwmark: null });
const label = (s: ServiceKey) => (s.fwmark !== null ? `fwm ${s.fwmark}` : `${s.protocol} ${s.address}:${s.port}`);
const withServers = (key: ServiceKey, servers: DestinationKey[] = []) => ({ ...key, destinations: servers });

describe("ipvsadm's listing order", () => {
  it('orders by mark, family, protocol, address, port', () => {
    const sorted = sortLikeIpvsadm([
      withServers({ family: 'inet', protocol: null, address: null, port: null, fwmark: 3 }),
      withServers(tcp('10.0.0.2', 80)),
      withServers({ family: 'inet6', protocol: 'tcp', address: '2001:db8::1', port: 80, fwmark: null }),
      withServers({ family: 'inet', protocol: 'udp', address: '10.0.0.1', port: 53, fwmark: null }),
      withServers(tcp('10.0.0.1', 443)),
      withServers(tcp('10.0.0.1', 80)),
    ]);
    assert.deepEqual(sorted.map(label), ['tcp 10.0.0.1:80', 'tcp 10.0.0.1:443', 'tcp 10.0.0.2:80', 'udp 10.0.0.1:53', 'tcp 2001:db8::1:80', 'fwm 3']);
  });

  it('keeps the wrap-around of C int subtraction: 10.x after 200.x, huge marks first', () => {
    const sorted = sortLikeIpvsadm([
      withServers(tcp('10.0.0.1', 80)),
      withServers(tcp('200.0.0.1', 80)),
      withServers({ family: 'inet', protocol: null, address: null, port: null, fwmark: 0x80000001 }),
    ]);
    assert.deepEqual(sorted.map(label), [`fwm ${0x80000001}`, 'tcp 200.0.0.1:80', 'tcp 10.0.0.1:80']);
  });

  it('orders servers by address then port', () => {
    const [service] = sortLikeIpvsadm([
      withServers(tcp('10.0.0.1', 80), [
        { family: 'inet', address: '10.0.1.2', port: 80 },
        { family: 'inet', address: '10.0.1.1', port: 8080 },
        { family: 'inet', address: '10.0.1.1', port: 80 },
      ]),
    ]);
    assert.deepEqual(service!.destinations.map((d) => `${d.address}:${d.port}`), ['10.0.1.1:80', '10.0.1.1:8080', '10.0.1.2:80']);
  });
});
