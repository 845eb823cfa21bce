import type { DestinationConfig, ServiceConfig } from '../../../src/ipvs/types.js';
import type { RulesService } from '../../../src/model/ipvsadm/print.js';

// Rules in lvstop's canonical shapes, and below them the exact text the real
// `ipvsadm -S -n` (v1.31) printed for the same kernel state.

const server = (address: string, port: number, more: Partial<DestinationConfig> = {}): DestinationConfig => ({
  family: address.includes(':') ? 'inet6' : 'inet',
  address,
  port,
  forward: 'route',
  weight: 1,
  upperThreshold: 0,
  lowerThreshold: 0,
  tunnel: null,
  ...more,
});

const service = (key: Partial<ServiceConfig>, destinations: DestinationConfig[] = []): RulesService => ({
  family: 'inet',
  protocol: 'tcp',
  address: null,
  port: null,
  fwmark: null,
  scheduler: 'wlc',
  flags: [],
  persistence: null,
  pe: null,
  ...key,
  destinations,
});

export const SAVED_SERVICES: RulesService[] = [
  service({ address: '10.0.0.1', port: 80 }, [
    server('10.0.1.1', 80),
    server('10.0.1.2', 8080, { forward: 'masq', weight: 0, upperThreshold: 100, lowerThreshold: 10 }),
    server('10.0.1.3', 80, { forward: 'tunnel', weight: 65535, tunnel: { type: 'ipip', port: 0, flags: [] } }),
    server('10.0.1.4', 80, { forward: 'tunnel', weight: 3, tunnel: { type: 'gue', port: 6080, flags: [] } }),
    server('10.0.1.5', 80, { forward: 'tunnel', weight: 3, tunnel: { type: 'gue', port: 6081, flags: ['csum'] } }),
    server('10.0.1.6', 80, { forward: 'tunnel', weight: 3, tunnel: { type: 'gue', port: 6082, flags: ['remcsum'] } }),
    server('10.0.1.7', 80, { forward: 'tunnel', weight: 3, tunnel: { type: 'gre', port: 0, flags: [] } }),
    server('10.0.1.8', 80, { forward: 'tunnel', weight: 3, tunnel: { type: 'gre', port: 0, flags: ['csum'] } }),
  ]),
  service({
    address: '10.0.0.1',
    port: 443,
    scheduler: 'sh',
    flags: ['persistent', 'sh-fallback', 'sh-port'],
    persistence: { timeout: 360, netmask: '255.255.255.0' },
  }),
  service({ address: '10.0.0.2', port: 0, scheduler: 'rr', flags: ['persistent'], persistence: { timeout: 300, netmask: '255.255.255.255' } }, [
    server('10.0.1.1', 0),
  ]),
  service({ address: '10.0.0.3', port: 22, scheduler: 'wrr', flags: ['flag-1', 'flag-2', 'flag-3'] }),
  service({ protocol: 'udp', address: '10.0.0.1', port: 53, scheduler: 'wrr', flags: ['one-packet'] }, [
    server('10.0.1.1', 53, { forward: 'masq', weight: 5 }),
  ]),
  service({
    protocol: 'udp',
    address: '10.0.0.1',
    port: 5060,
    scheduler: 'mh',
    flags: ['persistent', 'one-packet', 'mh-fallback', 'mh-port'],
    persistence: { timeout: 30, netmask: '255.255.0.0' },
    pe: 'sip',
  }),
  service({ protocol: 'sctp', address: '10.0.0.1', port: 3868, scheduler: 'lc' }, [server('10.0.1.1', 3868)]),
  service({ family: 'inet6', address: '2001:db8::1', port: 80, flags: ['persistent'], persistence: { timeout: 600, netmask: 64 } }, [
    server('10.0.1.1', 80, { forward: 'tunnel', tunnel: { type: 'ipip', port: 0, flags: [] } }),
    server('2001:db8::10', 8080, { forward: 'masq' }),
  ]),
  service({
    family: 'inet6',
    protocol: 'udp',
    address: '2001:db8:0:1::',
    port: 53,
    scheduler: 'sed',
    flags: ['persistent'],
    persistence: { timeout: 360, netmask: 128 },
  }),
  service({ protocol: null, fwmark: 1, scheduler: 'nq' }, [server('10.0.1.1', 0), server('10.0.1.2', 8080, { forward: 'masq' })]),
  service({ family: 'inet6', protocol: null, fwmark: 2, flags: ['persistent'], persistence: { timeout: 360, netmask: 48 } }, [
    server('::ffff:10.0.1.1', 0),
  ]),
  service({ family: 'inet6', protocol: null, fwmark: 3, flags: ['persistent'], persistence: { timeout: 360, netmask: 128 } }),
];

export const SAVED_TEXT = `-A -t 10.0.0.1:80 -s wlc
-a -t 10.0.0.1:80 -r 10.0.1.1:80 -g -w 1
-a -t 10.0.0.1:80 -r 10.0.1.2:8080 -m -w 0
-a -t 10.0.0.1:80 -r 10.0.1.3:80 -i -w 65535 --tun-type ipip
-a -t 10.0.0.1:80 -r 10.0.1.4:80 -i -w 3 --tun-type gue --tun-port 6080 --tun-nocsum
-a -t 10.0.0.1:80 -r 10.0.1.5:80 -i -w 3 --tun-type gue --tun-port 6081 --tun-csum
-a -t 10.0.0.1:80 -r 10.0.1.6:80 -i -w 3 --tun-type gue --tun-port 6082 --tun-remcsum
-a -t 10.0.0.1:80 -r 10.0.1.7:80 -i -w 3 --tun-type gre --tun-nocsum
-a -t 10.0.0.1:80 -r 10.0.1.8:80 -i -w 3 --tun-type gre --tun-csum
-A -t 10.0.0.1:443 -s sh -p 360 -M 255.255.255.0 -b sh-fallback,sh-port
-A -t 10.0.0.2:0 -s rr -p 300
-a -t 10.0.0.2:0 -r 10.0.1.1:0 -g -w 1
-A -t 10.0.0.3:22 -s wrr -b flag-1,flag-2,flag-3
-A -u 10.0.0.1:53 -s wrr -o
-a -u 10.0.0.1:53 -r 10.0.1.1:53 -m -w 5
-A -u 10.0.0.1:5060 -s mh -p 30 -M 255.255.0.0 --pe sip -o -b mh-fallback,mh-port
-A --sctp-service 10.0.0.1:3868 -s lc
-a --sctp-service 10.0.0.1:3868 -r 10.0.1.1:3868 -g -w 1
-A -t [2001:db8::1]:80 -s wlc -p 600 -M 64
-a -t [2001:db8::1]:80 -r 10.0.1.1:80 -i -w 1 --tun-type ipip
-a -t [2001:db8::1]:80 -r [2001:db8::10]:8080 -m -w 1
-A -u [2001:db8:0:1::]:53 -s sed -p 360
-A -f 1 -s nq
-a -f 1 -r 10.0.1.1:0 -g -w 1
-a -f 1 -r 10.0.1.2:8080 -m -w 1
-A -f 2 -6 -s wlc -p 360 -M 48
-a -f 2 -6 -r [::ffff:10.0.1.1]:0 -g -w 1
-A -f 3 -6 -s wlc -p 360
`;
