import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceWithDestinations, Stats } from '../../../src/ipvs/types.js';
import type { IpvsadmCommand } from '../../../src/model/ipvsadm/commands.js';
import { formatCommand, formatRules, type RulesService } from '../../../src/model/ipvsadm/print.js';
import { SAVED_SERVICES, SAVED_TEXT } from './fixtures.js';

const tcp80 = { family: 'inet', protocol: 'tcp', address: '10.0.0.1', port: 80, fwmark: null } as const;
const zeroStats: Stats = { conns: 0, inPackets: 0, outPackets: 0, inBytes: 0, outBytes: 0, cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 };

describe('formatRules', () => {
  it('prints what ipvsadm -S -n prints, byte for byte', () => {
    assert.equal(formatRules(SAVED_SERVICES), SAVED_TEXT);
  });

  it('prints nothing for no services', () => {
    assert.equal(formatRules([]), '');
  });

  it('keeps the order given', () => {
    const [first, second] = SAVED_SERVICES;
    assert.ok(first && second);
    assert.equal(
      formatRules([{ ...second, destinations: [] }, { ...first, destinations: [] }]),
      '-A -t 10.0.0.1:443 -s sh -p 360 -M 255.255.255.0 -b sh-fallback,sh-port\n-A -t 10.0.0.1:80 -s wlc\n',
    );
  });

  it('appends -x and -y where non-zero when asked, which ipvsadm -S drops', () => {
    const service: RulesService = {
      ...tcp80,
      scheduler: 'wlc',
      flags: [],
      persistence: null,
      pe: null,
      destinations: [
        { family: 'inet', address: '10.0.0.2', port: 80, forward: 'masq', weight: 1, upperThreshold: 100, lowerThreshold: 10, tunnel: null },
        { family: 'inet', address: '10.0.0.3', port: 80, forward: 'route', weight: 1, upperThreshold: 50, lowerThreshold: 0, tunnel: null },
        { family: 'inet', address: '10.0.0.4', port: 80, forward: 'tunnel', weight: 2, upperThreshold: 0, lowerThreshold: 0, tunnel: { type: 'gre', port: 0, flags: [] } },
      ],
    };
    const withThresholds = [
      '-A -t 10.0.0.1:80 -s wlc',
      '-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 1 -x 100 -y 10',
      '-a -t 10.0.0.1:80 -r 10.0.0.3:80 -g -w 1 -x 50',
      '-a -t 10.0.0.1:80 -r 10.0.0.4:80 -i -w 2 --tun-type gre --tun-nocsum',
      '',
    ].join('\n');
    assert.equal(formatRules([service], { thresholds: true }), withThresholds);
    assert.equal(formatRules([service], { thresholds: false }), withThresholds.replace(' -x 100 -y 10', '').replace(' -x 50', ''));
  });

  it('takes services as the kernel reports them: hashed, stats, local forwarding, tunnel null', () => {
    const fromKernel: ServiceWithDestinations = {
      family: 'inet6',
      protocol: 'tcp',
      address: '2001:0DB8:0000::0001', // not normalised: printed as inet_ntop would
      port: 80,
      fwmark: null,
      scheduler: 'sh',
      flags: ['hashed', 'flag-1', 'persistent'],
      persistence: { timeout: 360, netmask: 128 },
      pe: null,
      stats: zeroStats,
      destinations: [
        { family: 'inet6', address: '2001:db8::2', port: 80, forward: 'local', weight: 1, upperThreshold: 0, lowerThreshold: 0, tunnel: null, activeConns: 3, inactiveConns: 0, persistentConns: 1, stats: zeroStats },
        { family: 'inet6', address: '2001:db8::3', port: 80, forward: 'tunnel', weight: 1, upperThreshold: 0, lowerThreshold: 0, tunnel: null, activeConns: 0, inactiveConns: 0, persistentConns: 0, stats: zeroStats },
      ],
    };
    assert.equal(
      formatRules([fromKernel]),
      [
        '-A -t [2001:db8::1]:80 -s sh -p 360 -b sh-fallback',
        '-a -t [2001:db8::1]:80 -r [2001:db8::2]:80 -g -w 1',
        '-a -t [2001:db8::1]:80 -r [2001:db8::3]:80 -i -w 1 --tun-type ipip',
        '',
      ].join('\n'),
    );
  });

  it('names scheduler flag 3 under sh, which ipvsadm -S would lose', () => {
    const service: RulesService = { ...tcp80, scheduler: 'sh', flags: ['flag-3'], persistence: null, pe: null, destinations: [] };
    assert.equal(formatRules([service]), '-A -t 10.0.0.1:80 -s sh -b flag-3\n');
  });
});

describe('formatCommand', () => {
  const fwm5v6 = { family: 'inet6', protocol: null, address: null, port: null, fwmark: 5 } as const;
  const cases: [IpvsadmCommand, string][] = [
    [{ kind: 'add-service', service: { ...tcp80, scheduler: 'wlc', flags: [], persistence: null, pe: null } }, 'ipvsadm -A -t 10.0.0.1:80 -s wlc'],
    [
      { kind: 'edit-service', service: { ...fwm5v6, scheduler: 'mh', flags: ['persistent', 'mh-port'], persistence: { timeout: 60, netmask: 64 }, pe: null } },
      'ipvsadm -E -f 5 -6 -s mh -p 60 -M 64 -b mh-port',
    ],
    [{ kind: 'delete-service', service: { ...tcp80, protocol: 'sctp' } }, 'ipvsadm -D --sctp-service 10.0.0.1:80'],
    [
      {
        kind: 'add-destination',
        service: tcp80,
        destination: { family: 'inet', address: '10.0.0.2', port: 8080, forward: 'masq', weight: 0, upperThreshold: 7, lowerThreshold: 2, tunnel: null },
      },
      'ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 0 -x 7 -y 2',
    ],
    [
      {
        kind: 'edit-destination',
        service: tcp80,
        destination: { family: 'inet', address: '10.0.0.2', port: 80, forward: 'tunnel', weight: 4, upperThreshold: 0, lowerThreshold: 0, tunnel: { type: 'gue', port: 6080, flags: ['csum'] } },
      },
      'ipvsadm -e -t 10.0.0.1:80 -r 10.0.0.2:80 -i -w 4 --tun-type gue --tun-port 6080 --tun-csum',
    ],
    [
      { kind: 'delete-destination', service: { ...tcp80, protocol: 'udp' }, destination: { family: 'inet6', address: '2001:db8::2', port: 53 } },
      'ipvsadm -d -u 10.0.0.1:80 -r [2001:db8::2]:53',
    ],
    [{ kind: 'clear' }, 'ipvsadm -C'],
    [{ kind: 'zero', service: null }, 'ipvsadm -Z'],
    [{ kind: 'zero', service: fwm5v6 }, 'ipvsadm -Z -f 5 -6'],
    [{ kind: 'set-timeouts', timeouts: { tcp: 900, tcpFin: 120, udp: 300 } }, 'ipvsadm --set 900 120 300'],
    [
      { kind: 'start-daemon', daemon: { role: 'master', interface: 'eth0', syncId: 0, syncMaxLen: null, group: null, port: null, ttl: null } },
      'ipvsadm --start-daemon master --mcast-interface eth0 --syncid 0',
    ],
    [
      { kind: 'start-daemon', daemon: { role: 'backup', interface: 'bond0', syncId: 9, syncMaxLen: 1400, group: 'ff02::81', port: 8848, ttl: 3 } },
      'ipvsadm --start-daemon backup --mcast-interface bond0 --syncid 9 --sync-maxlen 1400 --mcast-group ff02::81 --mcast-port 8848 --mcast-ttl 3',
    ],
    [{ kind: 'stop-daemon', role: 'backup' }, 'ipvsadm --stop-daemon backup'],
    [
      {
        kind: 'list',
        service: tcp80,
        view: { numeric: true, connections: false, timeouts: false, daemons: false, stats: true, rate: false, thresholds: false, persistentConns: false, exact: true, noSort: false, tunnelInfo: false },
      },
      'ipvsadm -L -t 10.0.0.1:80 -n --stats --exact',
    ],
    [{ kind: 'save', numeric: true }, 'ipvsadm -S -n'],
  ];
  for (const [command, expected] of cases) {
    it(expected, () => assert.equal(formatCommand(command), expected));
  }
});
