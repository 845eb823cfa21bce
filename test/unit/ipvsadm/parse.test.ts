import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServiceConfig } from '../../../src/ipvs/types.js';
import type { IpvsadmCommand, IpvsadmOption } from '../../../src/model/ipvsadm/commands.js';
import { parseIpvsadmArgs, parseIpvsadmLine } from '../../../src/model/ipvsadm/parse.js';

// Expected values are what the real ipvsadm 1.31 sends to the kernel for the same line
// (checked by running it against a netlink shim), written out in lvstop's shapes.

function command(line: string): IpvsadmCommand {
  const parsed = parseIpvsadmLine(line);
  assert.ok(parsed, `no command in ${line}`);
  return parsed.command;
}

const tcp80 = { family: 'inet', protocol: 'tcp', address: '10.0.0.1', port: 80, fwmark: null } as const;
const fwm5 = { family: 'inet', protocol: null, address: null, port: null, fwmark: 5 } as const;
const fwm5v6 = { ...fwm5, family: 'inet6' } as const;
const plainService: Pick<ServiceConfig, 'scheduler' | 'flags' | 'persistence' | 'pe'> = { scheduler: 'wlc', flags: [], persistence: null, pe: null };
const drServer = { forward: 'route', weight: 1, upperThreshold: 0, lowerThreshold: 0, tunnel: null } as const;

describe('parseIpvsadmLine: services and ipvsadm defaults', () => {
  const cases: [string, IpvsadmCommand][] = [
    ['-A -t 10.0.0.1:80', { kind: 'add-service', service: { ...tcp80, ...plainService } }],
    ['-A -t 10.0.0.1:80 -s rr', { kind: 'add-service', service: { ...tcp80, ...plainService, scheduler: 'rr' } }],
    [
      '-A -u 10.0.0.1:53 -s wrr -o',
      {
        kind: 'add-service',
        service: { ...tcp80, protocol: 'udp', port: 53, ...plainService, scheduler: 'wrr', flags: ['one-packet'] },
      },
    ],
    [
      '-A --sctp-service 10.0.0.1:3868 -s lc',
      { kind: 'add-service', service: { ...tcp80, protocol: 'sctp', port: 3868, ...plainService, scheduler: 'lc' } },
    ],
    // -p alone: ipvsadm sends IPVS_SVC_PERSISTENT_TIMEOUT, 360 (its man page says 300).
    [
      '-A -t 10.0.0.1:80 -p',
      {
        kind: 'add-service',
        service: { ...tcp80, ...plainService, flags: ['persistent'], persistence: { timeout: 360, netmask: '255.255.255.255' } },
      },
    ],
    // popt's optional value: the next word unless it starts with "-".
    [
      '-A -t 10.0.0.1:80 -p -s rr',
      {
        kind: 'add-service',
        service: { ...tcp80, ...plainService, scheduler: 'rr', flags: ['persistent'], persistence: { timeout: 360, netmask: '255.255.255.255' } },
      },
    ],
    [
      '-A -t 10.0.0.1:80 -p 60 -M 255.255.255.0',
      {
        kind: 'add-service',
        service: { ...tcp80, ...plainService, flags: ['persistent'], persistence: { timeout: 60, netmask: '255.255.255.0' } },
      },
    ],
    [
      '-A -t 10.0.0.1:80 -p2678400',
      {
        kind: 'add-service',
        service: { ...tcp80, ...plainService, flags: ['persistent'], persistence: { timeout: 2678400, netmask: '255.255.255.255' } },
      },
    ],
    [
      '-A -t 10.0.0.1:80 --persistent=30',
      {
        kind: 'add-service',
        service: { ...tcp80, ...plainService, flags: ['persistent'], persistence: { timeout: 30, netmask: '255.255.255.255' } },
      },
    ],
    // Port 0 is allowed for a persistent service (all ports); no port means port 0.
    [
      '-A -t 10.0.0.2 -p',
      {
        kind: 'add-service',
        service: { ...tcp80, address: '10.0.0.2', port: 0, ...plainService, flags: ['persistent'], persistence: { timeout: 360, netmask: '255.255.255.255' } },
      },
    ],
    // An IPv6 service's persistence netmask is a prefix length, 128 by default.
    [
      '-A -t [2001:DB8:0:0::1]:443 -p',
      {
        kind: 'add-service',
        service: {
          family: 'inet6',
          protocol: 'tcp',
          address: '2001:db8::1',
          port: 443,
          fwmark: null,
          ...plainService,
          flags: ['persistent'],
          persistence: { timeout: 360, netmask: 128 },
        },
      },
    ],
    [
      '-A -t 2001:db8::1 -p 10 -M 64',
      {
        kind: 'add-service',
        service: {
          family: 'inet6',
          protocol: 'tcp',
          address: '2001:db8::1',
          port: 0,
          fwmark: null,
          ...plainService,
          flags: ['persistent'],
          persistence: { timeout: 10, netmask: 64 },
        },
      },
    ],
    ['-A -f 5', { kind: 'add-service', service: { ...fwm5, ...plainService } }],
    [
      '-A -f 5 -6 -p -M 48',
      { kind: 'add-service', service: { ...fwm5v6, ...plainService, flags: ['persistent'], persistence: { timeout: 360, netmask: 48 } } },
    ],
    ['-A -f 5 -o', { kind: 'add-service', service: { ...fwm5, ...plainService, flags: ['one-packet'] } }],
    // Scheduler flags are named for the scheduler: flag-1 under sh is sh-fallback (same bit).
    [
      '-A -t 10.0.0.1:80 -s sh -b sh-port,,flag-1',
      { kind: 'add-service', service: { ...tcp80, ...plainService, scheduler: 'sh', flags: ['sh-fallback', 'sh-port'] } },
    ],
    [
      '-A -t 10.0.0.1:80 -b sh-port -s sh',
      { kind: 'add-service', service: { ...tcp80, ...plainService, scheduler: 'sh', flags: ['sh-port'] } },
    ],
    [
      '-A -t 10.0.0.1:80 -s mh -b mh-port,mh-fallback',
      { kind: 'add-service', service: { ...tcp80, ...plainService, scheduler: 'mh', flags: ['mh-fallback', 'mh-port'] } },
    ],
    [
      '-A -t 10.0.0.1:80 -b flag-3,flag-1',
      { kind: 'add-service', service: { ...tcp80, ...plainService, flags: ['flag-1', 'flag-3'] } },
    ],
    [
      '-A -u 10.0.0.1:5060 -s sh -b sh-port --pe sip -p 30 -o',
      {
        kind: 'add-service',
        service: {
          ...tcp80,
          protocol: 'udp',
          port: 5060,
          scheduler: 'sh',
          flags: ['persistent', 'one-packet', 'sh-port'],
          persistence: { timeout: 30, netmask: '255.255.255.255' },
          pe: 'sip',
        },
      },
    ],
    // -E replaces everything: no -s is wlc again, no -p drops persistence, no --pe drops it.
    ['-E -t 10.0.0.1:80', { kind: 'edit-service', service: { ...tcp80, ...plainService } }],
    [
      '-E -f 5 -6 -s sh -b sh-port -p 120 -M 56',
      { kind: 'edit-service', service: { ...fwm5v6, ...plainService, scheduler: 'sh', flags: ['persistent', 'sh-port'], persistence: { timeout: 120, netmask: 56 } } },
    ],
    ['-D -t 10.0.0.1:80', { kind: 'delete-service', service: tcp80 }],
    ['-D -f 5 -6', { kind: 'delete-service', service: fwm5v6 }],
    ['-D -u [2001:db8::53]:53', { kind: 'delete-service', service: { family: 'inet6', protocol: 'udp', address: '2001:db8::53', port: 53, fwmark: null } }],
    ['-C', { kind: 'clear' }],
    ['-Z', { kind: 'zero', service: null }],
    ['-Z -t 10.0.0.1:80', { kind: 'zero', service: tcp80 }],
    // libipvs sends no service for an all-zero one, which zeroes every service.
    ['-Z -t 0.0.0.0:0', { kind: 'zero', service: null }],
    ['-Z -f 5 -6', { kind: 'zero', service: fwm5v6 }],
  ];
  for (const [line, expected] of cases) {
    it(line, () => assert.deepEqual(command(line), expected));
  }
});

describe('parseIpvsadmLine: real servers and ipvsadm defaults', () => {
  const cases: [string, IpvsadmCommand][] = [
    // No forwarding method is -g; DR takes the service's port whatever -r says.
    [
      '-a -t 10.0.0.1:80 -r 10.0.0.2',
      { kind: 'add-destination', service: tcp80, destination: { family: 'inet', address: '10.0.0.2', port: 80, ...drServer } },
    ],
    [
      '-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -g -w 0',
      { kind: 'add-destination', service: tcp80, destination: { family: 'inet', address: '10.0.0.2', port: 80, ...drServer, weight: 0 } },
    ],
    [
      '-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 65535 -x 100 -y 10',
      {
        kind: 'add-destination',
        service: tcp80,
        destination: { family: 'inet', address: '10.0.0.2', port: 8080, forward: 'masq', weight: 65535, upperThreshold: 100, lowerThreshold: 10, tunnel: null },
      },
    ],
    // Masquerading without a port takes the service's port.
    [
      '-a -t 10.0.0.1:80 -r 10.0.0.2 -m',
      { kind: 'add-destination', service: tcp80, destination: { family: 'inet', address: '10.0.0.2', port: 80, ...drServer, forward: 'masq' } },
    ],
    [
      '-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -i',
      {
        kind: 'add-destination',
        service: tcp80,
        destination: { family: 'inet', address: '10.0.0.2', port: 80, ...drServer, forward: 'tunnel', tunnel: { type: 'ipip', port: 0, flags: [] } },
      },
    ],
    [
      '-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-remcsum',
      {
        kind: 'add-destination',
        service: tcp80,
        destination: { family: 'inet', address: '10.0.0.2', port: 80, ...drServer, forward: 'tunnel', tunnel: { type: 'gue', port: 6080, flags: ['remcsum'] } },
      },
    ],
    [
      '-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 6080 --tun-nocsum',
      {
        kind: 'add-destination',
        service: tcp80,
        destination: { family: 'inet', address: '10.0.0.2', port: 80, ...drServer, forward: 'tunnel', tunnel: { type: 'gue', port: 6080, flags: [] } },
      },
    ],
    [
      '-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-csum',
      {
        kind: 'add-destination',
        service: tcp80,
        destination: { family: 'inet', address: '10.0.0.2', port: 80, ...drServer, forward: 'tunnel', tunnel: { type: 'gre', port: 0, flags: ['csum'] } },
      },
    ],
    // Tunnelling may cross address families; IPv4-mapped prints as inet_ntop does.
    [
      '-a -t [2001:db8::1]:80 -r [::ffff:10.0.0.2]:80 -i',
      {
        kind: 'add-destination',
        service: { family: 'inet6', protocol: 'tcp', address: '2001:db8::1', port: 80, fwmark: null },
        destination: { family: 'inet6', address: '::ffff:10.0.0.2', port: 80, ...drServer, forward: 'tunnel', tunnel: { type: 'ipip', port: 0, flags: [] } },
      },
    ],
    [
      '-a -t 10.0.0.1:80 -r [2001:db8::2]:80 -i',
      {
        kind: 'add-destination',
        service: tcp80,
        destination: { family: 'inet6', address: '2001:db8::2', port: 80, ...drServer, forward: 'tunnel', tunnel: { type: 'ipip', port: 0, flags: [] } },
      },
    ],
    // A firewall-mark service has no port: its servers keep theirs, 0 when not given.
    ['-a -f 5 -r 10.0.0.2', { kind: 'add-destination', service: fwm5, destination: { family: 'inet', address: '10.0.0.2', port: 0, ...drServer } }],
    ['-a -f 5 -r 10.0.0.2:8080 -g', { kind: 'add-destination', service: fwm5, destination: { family: 'inet', address: '10.0.0.2', port: 8080, ...drServer } }],
    [
      '-a -f 5 -6 -r 2001:db8::2 -g',
      { kind: 'add-destination', service: fwm5v6, destination: { family: 'inet6', address: '2001:db8::2', port: 0, ...drServer } },
    ],
    // -r before the service is fine when the port is written (or DR takes the service's).
    [
      '-a -r 10.0.0.2:81 -t 10.0.0.1:80 -m',
      { kind: 'add-destination', service: tcp80, destination: { family: 'inet', address: '10.0.0.2', port: 81, ...drServer, forward: 'masq' } },
    ],
    [
      '-a -r 10.0.0.2 -t 10.0.0.1:80',
      { kind: 'add-destination', service: tcp80, destination: { family: 'inet', address: '10.0.0.2', port: 80, ...drServer } },
    ],
    // -e replaces everything: "-w 5" alone turns a NAT server into DR, as ipvsadm does.
    [
      '-e -t 10.0.0.1:80 -r 10.0.0.2:8080 -w 5',
      { kind: 'edit-destination', service: tcp80, destination: { family: 'inet', address: '10.0.0.2', port: 80, ...drServer, weight: 5 } },
    ],
    [
      '-e -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 0',
      { kind: 'edit-destination', service: tcp80, destination: { family: 'inet', address: '10.0.0.2', port: 8080, ...drServer, forward: 'masq', weight: 0 } },
    ],
    // Deleting keeps the port as written; without one, the service's.
    ['-d -t 10.0.0.1:80 -r 10.0.0.2:8080', { kind: 'delete-destination', service: tcp80, destination: { family: 'inet', address: '10.0.0.2', port: 8080 } }],
    ['-d -t 10.0.0.1:80 -r 10.0.0.2', { kind: 'delete-destination', service: tcp80, destination: { family: 'inet', address: '10.0.0.2', port: 80 } }],
    ['-d -f 5 -6 -r [2001:db8::2]:0', { kind: 'delete-destination', service: fwm5v6, destination: { family: 'inet6', address: '2001:db8::2', port: 0 } }],
  ];
  for (const [line, expected] of cases) {
    it(line, () => assert.deepEqual(command(line), expected));
  }
});

describe('parseIpvsadmLine: timeouts, daemons, list, save', () => {
  const noView = {
    numeric: false,
    connections: false,
    timeouts: false,
    daemons: false,
    stats: false,
    rate: false,
    thresholds: false,
    persistentConns: false,
    exact: false,
    noSort: false,
    tunnelInfo: false,
  };
  const cases: [string, IpvsadmCommand][] = [
    ['--set 900 120 300', { kind: 'set-timeouts', timeouts: { tcp: 900, tcpFin: 120, udp: 300 } }],
    ['--set 0 0 2678400', { kind: 'set-timeouts', timeouts: { tcp: 0, tcpFin: 0, udp: 2678400 } }],
    [
      '--start-daemon master',
      { kind: 'start-daemon', daemon: { role: 'master', interface: 'eth0', syncId: 0, syncMaxLen: null, group: null, port: null, ttl: null } },
    ],
    [
      '--start-daemon backup --mcast-interface eth1 --syncid 255 --sync-maxlen 1472 --mcast-group 239.1.2.3 --mcast-port 8848 --mcast-ttl 2',
      { kind: 'start-daemon', daemon: { role: 'backup', interface: 'eth1', syncId: 255, syncMaxLen: 1472, group: '239.1.2.3', port: 8848, ttl: 2 } },
    ],
    [
      '--start-daemon=master --mcast-group FF02::81',
      { kind: 'start-daemon', daemon: { role: 'master', interface: 'eth0', syncId: 0, syncMaxLen: null, group: 'ff02::81', port: null, ttl: null } },
    ],
    ['--stop-daemon backup --syncid 3', { kind: 'stop-daemon', role: 'backup' }],
    ['-L', { kind: 'list', service: null, view: noView }],
    ['-Ln --stats --exact', { kind: 'list', service: null, view: { ...noView, numeric: true, stats: true, exact: true } }],
    ['-l -n -c --persistent-conn', { kind: 'list', service: null, view: { ...noView, numeric: true, connections: true, persistentConns: true } }],
    ['--list --timeout', { kind: 'list', service: null, view: { ...noView, timeouts: true } }],
    ['-L -t 10.0.0.1:80 -n --rate --sort --nosort --tun-info', { kind: 'list', service: tcp80, view: { ...noView, numeric: true, rate: true, noSort: true, tunnelInfo: true } }],
    ['-L -f 5 -6 --thresholds', { kind: 'list', service: fwm5v6, view: { ...noView, thresholds: true } }],
    ['-L --daemon', { kind: 'list', service: null, view: { ...noView, daemons: true } }],
    ['-S -n', { kind: 'save', numeric: true }],
    ['-S', { kind: 'save', numeric: false }],
  ];
  for (const [line, expected] of cases) {
    it(line, () => assert.deepEqual(command(line), expected));
  }
});

describe('parseIpvsadmLine: spelling of options', () => {
  const expected = {
    kind: 'add-destination',
    service: tcp80,
    destination: { family: 'inet', address: '10.0.0.2', port: 8080, forward: 'masq', weight: 2, upperThreshold: 0, lowerThreshold: 0, tunnel: null },
  };
  const spellings = [
    '-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 2',
    '-at 10.0.0.1:80 -r10.0.0.2:8080 -mw2',
    '--add-server --tcp-service 10.0.0.1:80 --real-server 10.0.0.2:8080 --masquerading --weight 2',
    '--add-server --tcp-service=10.0.0.1:80 --real-server=10.0.0.2:8080 --masquerading --weight=+2',
    'ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 2',
    '  -a\t-t 10.0.0.1:80   -r 10.0.0.2:8080 -m -w 2  # drained later\r',
    `-a -t '10.0.0.1:80' -r "10.0.0.2:8080" -m -w 2`,
  ];
  for (const line of spellings) {
    it(line, () => assert.deepEqual(command(line), expected));
  }

  it('takes argv as given, without the program name', () => {
    assert.deepEqual(parseIpvsadmArgs(['-a', '-t', '10.0.0.1:80', '-r', '10.0.0.2:8080', '-m', '-w', '2']).command, expected);
  });

  it('gives null for blank and comment-only lines, and a lone "ipvsadm"', () => {
    for (const line of ['', '   ', '\t\r', '# -A -t 10.0.0.1:80', '  # note', 'ipvsadm']) {
      assert.equal(parseIpvsadmLine(line, 4), null, JSON.stringify(line));
    }
  });
});

describe('parseIpvsadmLine: the options actually given', () => {
  const cases: [string, IpvsadmOption[]][] = [
    ['-e -t 10.0.0.1:80 -r 10.0.0.2 -w 5', ['service-address', 'real-server', 'weight']],
    ['-e -t 10.0.0.1:80 -r 10.0.0.2 -m -x 3', ['service-address', 'real-server', 'forwarding-method', 'u-threshold']],
    ['-E -f 5 -6 -s rr -p', ['service-address', 'ipv6', 'scheduler', 'persistent']],
    ['-A -u 10.0.0.1:80 -p 10 -M 255.0.0.0 --pe sip -b flag-1 -o', ['service-address', 'persistent', 'netmask', 'pe', 'sched-flags', 'ops']],
    ['-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 1 --tun-csum', ['service-address', 'real-server', 'forwarding-method', 'tun-type', 'tun-port', 'tun-csum']],
    ['-C', []],
  ];
  for (const [line, given] of cases) {
    it(line, () => {
      const parsed = parseIpvsadmLine(line, 7);
      assert.ok(parsed);
      assert.deepEqual([...parsed.given].sort(), [...given].sort());
      assert.equal(parsed.line, 7);
    });
  }

  it('has no line when none is given', () => {
    assert.equal(parseIpvsadmLine('-C')?.line, null);
  });
});
