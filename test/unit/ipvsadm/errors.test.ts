import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IpvsError } from '../../../src/ipvs/errors.js';
import { IpvsadmSyntaxError } from '../../../src/model/ipvsadm/errors.js';
import { parseIpvsadmArgs, parseIpvsadmLine } from '../../../src/model/ipvsadm/parse.js';

// Every refusal, with its exact sentence. The first group is what ipvsadm itself refuses;
// the second is what ipvsadm would accept but silently turn into something else.

function refusal(line: string): IpvsadmSyntaxError {
  try {
    parseIpvsadmLine(line, 3);
  } catch (error) {
    assert.ok(error instanceof IpvsadmSyntaxError, `not a syntax error: ${String(error)}`);
    return error;
  }
  assert.fail(`accepted: ${line}`);
}

const refusedByIpvsadm: [string, string][] = [
  ['-A -t 10.0.0.1:80 --wei 5', 'line 3: "--wei": ipvsadm has no option --wei.'],
  ['-A -t 10.0.0.1:80 -q', 'line 3: "-q": ipvsadm has no option -q.'],
  ['-Lq', 'line 3: "-Lq": ipvsadm has no option -q.'],
  ['-A -t 10.0.0.1:80 --ops=1', 'line 3: "--ops=1": --ops takes no value.'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -w', 'line 3: "-w": -w needs a value.'],
  ['-t 10.0.0.1:80 -A', 'line 3: "-t 10.0.0.1:80": a command must come first: -A, -E, -D, -a, -e, -d, -C, -Z, -L, --set, --start-daemon or --stop-daemon.'],
  ['10.0.0.1', 'line 3: "10.0.0.1": a command must come first: -A, -E, -D, -a, -e, -d, -C, -Z, -L, --set, --start-daemon or --stop-daemon.'],
  ['-A -t 10.0.0.1:80 -a', 'line 3: "-a": only one command may be given, and -A came first.'],
  ['-A -t 10.0.0.1:80 -s rr -s wrr', 'line 3: "-s wrr": -s was already given; each option may appear only once.'],
  ['-A -t 10.0.0.1:80 -f 5', 'line 3: "-f 5": -t was already given; each option may appear only once.'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -m -g', 'line 3: "-g": -m was already given; each option may appear only once.'],
  ['-A -t 10.0.0.1:80 extra', 'line 3: "extra": unexpected word; every value must follow its option.'],
  ['-A -t 10.0.0.1:80 -- -s', 'line 3: "-s": unexpected word; every value must follow its option.'],
  // addresses and ports
  ['-A -t 80', 'line 3: "-t 80": expected an address such as 10.0.0.1:80 or [2001:db8::1]:80.'],
  ['-A -t 10.0.0.1:65536', 'line 3: "-t 10.0.0.1:65536": the port must be a whole number from 0 to 65535.'],
  ['-A -t 10.0.0.1:', 'line 3: "-t 10.0.0.1:": the port must be a whole number from 0 to 65535.'],
  ['-A -t [2001:db8::1]', 'line 3: "-t [2001:db8::1]": an IPv6 address in brackets must be followed by a port, e.g. [2001:db8::1]:80.'],
  ['-A -t [10.0.0.1]:80', 'line 3: "-t [10.0.0.1]:80": "10.0.0.1" is not an IPv6 address.'],
  ['-A -t 10.0.0.1:80 -6', 'line 3: "-6": -6 is only for a firewall-mark service and must come after -f.'],
  ['-A -6 -f 1', 'line 3: "-6": -6 is only for a firewall-mark service and must come after -f.'],
  ['-A -f 0', 'line 3: "-f 0": the firewall mark must be a whole number from 1 to 4294967295.'],
  ['-A -f 4294967296', 'line 3: "-f 4294967296": the firewall mark must be a whole number from 1 to 4294967295.'],
  // service options
  ['-A -t 10.0.0.1:80 -p 0', 'line 3: "-p 0": the persistence timeout in seconds must be a whole number from 1 to 2678400.'],
  ['-A -t 10.0.0.1:80 -p foo', 'line 3: "-p foo": the persistence timeout in seconds must be a whole number from 1 to 2678400.'],
  ['-A -t 10.0.0.1:0', 'line 3: "-t 10.0.0.1:0": a service on port 0 must be persistent (-p), as it takes every port.'],
  ['-E -t 10.0.0.1', 'line 3: "-t 10.0.0.1": a service on port 0 must be persistent (-p), as it takes every port.'],
  ['-A -t 10.0.0.1:80 -o', 'line 3: "-o": one-packet scheduling is only for UDP and firewall-mark services.'],
  ['-A -f 1 -6 -p -M 129', 'line 3: "-M 129": an IPv6 persistence netmask must be a prefix length from 1 to 128.'],
  ['-A -t [2001:db8::1]:80 -p -M 255.255.255.0', 'line 3: "-M 255.255.255.0": an IPv6 persistence netmask must be a prefix length from 1 to 128.'],
  ['-A -t 10.0.0.1:80 -b sh-port', 'line 3: "-b sh-port": sh-port needs the sh scheduler (-s sh), not wlc.'],
  ['-A -t 10.0.0.1:80 -s mh -b mh-port,sh-port', 'line 3: "-b mh-port,sh-port": sh-port needs the sh scheduler (-s sh), not mh.'],
  ['-A -t 10.0.0.1:80 -b foo', 'line 3: "-b foo": "foo" is not a scheduler flag (sh-fallback, sh-port, mh-fallback, mh-port, flag-1, flag-2, flag-3).'],
  // options against commands (generic_opt_check)
  ['-A', 'line 3: "-A": -A (add-service) needs a service: -t, -u, --sctp-service or -f.'],
  ['-a -t 10.0.0.1:80', 'line 3: "-a": -a (add-server) needs a real server (-r).'],
  ['--edit-server -t 10.0.0.1:80', 'line 3: "--edit-server": --edit-server needs a real server (-r).'],
  ['-d -t 10.0.0.1:80', 'line 3: "-d": -d (delete-server) needs a real server (-r).'],
  ['-A -t 10.0.0.1:80 -w 5', 'line 3: "-w 5": -w (weight) cannot be used with -A (add-service).'],
  ['-D -t 10.0.0.1:80 -s rr', 'line 3: "-s rr": -s (scheduler) cannot be used with -D (delete-service).'],
  ['-C -t 10.0.0.1:80', 'line 3: "-t 10.0.0.1:80": -t (service-address) cannot be used with -C (clear).'],
  ['-d -t 10.0.0.1:80 -r 10.0.0.2 -m', 'line 3: "-m": -m (forwarding-method) cannot be used with -d (delete-server).'],
  ['--set -t 10.0.0.1:80 1 2 3', 'line 3: "-t 10.0.0.1:80": -t (service-address) cannot be used with --set.'],
  ['-S -n -c', 'line 3: "-c": -c (connection) cannot be used with -S (save).'],
  ['-L -t 10.0.0.1:80 -c', 'line 3: "-t 10.0.0.1:80": -t conflicts with -c; -L (list) takes only one of them.'],
  ['-L --timeout --daemon', 'line 3: "--daemon": --daemon conflicts with --timeout; -L (list) takes only one of them.'],
  ['-L -n -c --stats', 'line 3: "--stats": --stats cannot be combined with -c when listing.'],
  ['-L --timeout --persistent-conn', 'line 3: "--persistent-conn": --persistent-conn cannot be combined with --timeout when listing.'],
  // real servers
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -w abc', 'line 3: "-w abc": the weight must be a whole number from 0 to 2147483647.'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -w -1', 'line 3: "-w -1": the weight must be a whole number from 0 to 2147483647.'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -x 2147483648', 'line 3: "-x 2147483648": the upper threshold must be a whole number from 0 to 2147483647.'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -y x', 'line 3: "-y x": the lower threshold must be a whole number from 0 to 2147483647.'],
  ['-a -t 10.0.0.1:80 -r [2001:db8::2]:80 -m', 'line 3: "-r [2001:db8::2]:80": an IPv6 real server in an IPv4 service needs tunnelling (-i).'],
  ['-a -f 5 -6 -r 10.0.0.2', 'line 3: "-r 10.0.0.2": an IPv4 real server in an IPv6 service needs tunnelling (-i).'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 --tun-type gue --tun-port 6080', 'line 3: "--tun-type gue": --tun-type needs the tunnelling forwarding method (-i).'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -m --tun-csum', 'line 3: "--tun-csum": --tun-csum needs the tunnelling forwarding method (-i).'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type vxlan', 'line 3: "--tun-type vxlan": the tunnel type must be ipip, gue or gre.'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue', 'line 3: "--tun-type gue": a gue tunnel needs --tun-port.'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 0', 'line 3: "--tun-port 0": the tunnel port must be a whole number from 1 to 65535.'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-port 1', 'line 3: "--tun-port 1": --tun-port does not apply to an ipip tunnel.'],
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gre --tun-remcsum', 'line 3: "--tun-remcsum": --tun-remcsum does not apply to a gre tunnel.'],
  [
    '-a -t 10.0.0.1:80 -r 10.0.0.2 -i --tun-type gue --tun-port 1 --tun-csum --tun-remcsum',
    'line 3: "--tun-remcsum": --tun-remcsum conflicts with --tun-csum; give only one checksum option.',
  ],
  // timeouts and daemons
  ['--set 900 120', 'line 3: "--set 900 120": --set needs three timeouts: tcp, tcpfin and udp.'],
  ['--set 900 120 300 1', 'line 3: "1": unexpected word; every value must follow its option.'],
  ['--set 900 x 300', 'line 3: "x": a timeout must be a whole number of seconds from 0 to 2678400.'],
  ['--start-daemon foo', 'line 3: "--start-daemon foo": the sync daemon role must be master or backup.'],
  ['--start-daemon', 'line 3: "--start-daemon": --start-daemon needs a value.'],
  ['--start-daemon master --syncid 256', 'line 3: "--syncid 256": the sync id must be a whole number from 0 to 255.'],
  [
    '--start-daemon master --mcast-group 10.0.0.1',
    'line 3: "--mcast-group 10.0.0.1": the multicast group must be an IPv4 multicast address (224.0.0.0/4) or an IPv6 one (ff00::/8).',
  ],
  ['--start-daemon master --mcast-ttl 0', 'line 3: "--mcast-ttl 0": the multicast TTL must be a whole number from 1 to 255.'],
  ['--start-daemon master --mcast-port 65536', 'line 3: "--mcast-port 65536": the multicast port must be a whole number from 1 to 65535.'],
  ['--start-daemon master --sync-maxlen 65508', 'line 3: "--sync-maxlen 65508": the sync message length must be a whole number from 1 to 65507.'],
  ['--stop-daemon master --mcast-interface eth0', 'line 3: "--mcast-interface eth0": --mcast-interface cannot be used with --stop-daemon.'],
];

const refusedByLvstop: [string, string][] = [
  // Names are never resolved.
  ['-a -t 10.0.0.1:80 -r www.example.com', 'line 3: "-r www.example.com": "www.example.com" is a host name; lvstop does not resolve names, use a numeric address.'],
  ['-A -t 10.0.0.1:http', 'line 3: "-t 10.0.0.1:http": "http" is a service name; lvstop does not look up names, use a port number from 0 to 65535.'],
  // inet_aton would take these (010 as octal 8); lvstop wants the plain dotted form.
  ['-A -t 010.0.0.1:80', 'line 3: "-t 010.0.0.1:80": "010.0.0.1" is not an IP address; use a dotted IPv4 address or an IPv6 address.'],
  ['-A -t 10.1:80', 'line 3: "-t 10.1:80": "10.1" is not an IP address; use a dotted IPv4 address or an IPv6 address.'],
  ['-A -t [fe80::1%eth0]:80', 'line 3: "-t [fe80::1%eth0]:80": "fe80::1%eth0" is not an IPv6 address.'],
  ['-A -t 10.0.0.1:80 -p -M 255.255.0', 'line 3: "-M 255.255.0": an IPv4 persistence netmask must be a dotted mask such as 255.255.255.0.'],
  // ipvsadm would send -M but no persistence, which means nothing.
  ['-A -t 10.0.0.1:80 -M 255.255.255.0', 'line 3: "-M 255.255.255.0": a persistence netmask needs -p (a persistent service).'],
  // ipvsadm reads these -M as IPv4, then the IPv6 service resets the mask to 128.
  ['-A -M 64 -t [2001:db8::1]:80 -p', 'line 3: "-M 64": ipvsadm ignores -M given before the IPv6 service; put -M after -t, -u, --sctp-service or -6.'],
  ['-A -f 1 -p -M 64 -6', 'line 3: "-M 64": ipvsadm ignores -M given before the IPv6 service; put -M after -t, -u, --sctp-service or -6.'],
  // ipvsadm would give the real server port 0.
  [
    '-a -r 10.0.0.2 -t 10.0.0.1:80 -m',
    'line 3: "-r 10.0.0.2": ipvsadm would give this real server port 0, as -r comes before the service; write its port or put -r after the service.',
  ],
  // The kernel refuses these with ERANGE (ip_vs_add_dest, ip_vs_edit_dest).
  ['-a -t 10.0.0.1:80 -r 10.0.0.2 -m -y 5', 'line 3: "-y 5": the lower threshold (5) is above the upper threshold (0), which the kernel refuses.'],
  ['-e -t 10.0.0.1:80 -r 10.0.0.2 -x 100 -y 200', 'line 3: "-y 200": the lower threshold (200) is above the upper threshold (100), which the kernel refuses.'],
  // ipvsadm would cut these short silently.
  ['-A -t 10.0.0.1:80 -s abcdefghijklmnop', 'line 3: "-s abcdefghijklmnop": the scheduler name must be 1 to 15 letters, digits or underscores.'],
  ['-A -t 10.0.0.1:80 -s ""', 'line 3: "-s ": the scheduler name must be 1 to 15 letters, digits or underscores.'],
  ['--start-daemon master --mcast-interface abcdefghijklmnop', 'line 3: "--mcast-interface abcdefghijklmnop": the interface name must be 1 to 15 characters.'],
  ['-A -t 10.0.0.1:80 -b ,', 'line 3: "-b ,": no scheduler flag given.'],
  // Not commands lvstop runs from a line.
  ['-R', 'line 3: "-R": rules are restored with "lvstop restore FILE", not one line at a time.'],
  ['-h', 'line 3: "-h": -h is not available here; see "man ipvsadm".'],
  ['-A -t "10.0.0.1:80', 'line 3: "-A -t "10.0.0.1:80": the " quote is not closed.'],
];

describe('refusals ipvsadm makes too', () => {
  for (const [line, message] of refusedByIpvsadm) {
    it(line, () => assert.equal(refusal(line).message, message));
  }
});

describe('refusals where ipvsadm would silently do something else', () => {
  for (const [line, message] of refusedByLvstop) {
    it(line, () => assert.equal(refusal(line).message, message));
  }
});

describe('IpvsadmSyntaxError', () => {
  it('is an IpvsError of kind invalid carrying the reason, the words and the line', () => {
    const error = refusal('-a -t 10.0.0.1:80 -r 10.0.0.2 -w abc');
    assert.ok(error instanceof IpvsError);
    assert.equal(error.kind, 'invalid');
    assert.equal(error.code, 'EINVAL');
    assert.equal(error.reason, 'the weight must be a whole number from 0 to 2147483647');
    assert.equal(error.words, '-w abc');
    assert.equal(error.line, 3);
  });

  it('leaves the line out when there is none', () => {
    assert.throws(() => parseIpvsadmLine('-a -t 10.0.0.1:80 -r 10.0.0.2 -w abc'), {
      message: '"-w abc": the weight must be a whole number from 0 to 2147483647.',
    });
    assert.throws(() => parseIpvsadmArgs([]), { message: 'no command given.' });
  });
});

describe('refusals lvstop makes to match its own validation (src/ipvs/validate.ts)', () => {
  const cases: [string, string][] = [
    ['-A -t 10.0.0.1:80 -p -M 255.0.255.0', 'line 3: "-M 255.0.255.0": an IPv4 persistence netmask must be a dotted mask such as 255.255.255.0.'],
    ['-A -t 10.0.0.1:80 -s w-rr', 'line 3: "-s w-rr": the scheduler name must be 1 to 15 letters, digits or underscores.'],
    ['-A -t 10.0.0.1:80 -p --pe abcdefghijklmnop', 'line 3: "--pe abcdefghijklmnop": the persistence engine name must be 1 to 15 letters, digits or underscores.'],
  ];
  for (const [line, message] of cases) {
    it(line, () => assert.equal(refusal(line).message, message));
  }
});
