import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IpvsadmCommand } from '../../../src/model/ipvsadm/commands.js';
import { parseIpvsadmLine } from '../../../src/model/ipvsadm/parse.js';
import { formatCommand, formatRules, type RulesService } from '../../../src/model/ipvsadm/print.js';
import { parseRules } from '../../../src/model/ipvsadm/rules.js';
import { SAVED_SERVICES, SAVED_TEXT } from './fixtures.js';

function parse(line: string): IpvsadmCommand {
  const parsed = parseIpvsadmLine(line);
  assert.ok(parsed);
  return parsed.command;
}

// Lines in every shape lvstop must read back exactly: parse -> print -> parse is the same
// command, and printing it again gives the same line.
const LINES = [
  '-A -t 10.0.0.1:80',
  '-A -t 10.0.0.1:80 -s rr -p',
  '-A -t 10.0.0.1:0 -s wrr -p 3600 -M 255.255.255.0',
  '-A -u 10.0.0.1:53 -s lc -o',
  '-A --sctp-service 10.0.0.1:3868 -s sed',
  '-A -t [2001:db8::1]:443 -s sh -b sh-fallback,sh-port -p 30 -M 64',
  '-A -u [2001:db8:0:0:1::1]:5060 -s mh -b mh-port -p 120 --pe sip -o',
  '-A -f 1 -s wlc -b flag-1,flag-3',
  '-A -f 2 -6 -s rr -p -M 48',
  '-A -f 4294967295 -6 -o',
  '-E -t 10.0.0.1:80 -s wrr',
  '-E -f 9 -p 86400 -M 255.255.0.0',
  '-D -t 10.0.0.1:80',
  '-D -f 2 -6',
  '-a -t 10.0.0.1:80 -r 10.0.0.2',
  '-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 0',
  '-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m -w 65535 -x 1000 -y 100',
  '-a -t 10.0.0.1:80 -r 10.0.0.3 -i',
  '-a -t 10.0.0.1:80 -r 10.0.0.3 -i --tun-type gue --tun-port 6080',
  '-a -t 10.0.0.1:80 -r 10.0.0.3 -i --tun-type gue --tun-port 6080 --tun-csum',
  '-a -t 10.0.0.1:80 -r 10.0.0.3 -i --tun-type gue --tun-port 5555 --tun-remcsum -x 9',
  '-a -t 10.0.0.1:80 -r 10.0.0.3 -i --tun-type gre --tun-csum -w 7',
  '-a -t [2001:db8::1]:80 -r 10.0.0.4 -i -w 2',
  '-a -t [2001:db8::1]:80 -r [2001:db8::4]:8080 -m -w 2',
  '-a -f 1 -r 10.0.0.5',
  '-a -f 1 -r 10.0.0.5:8443 -m',
  '-a -f 2 -6 -r [::ffff:10.0.0.6]:0 -i --tun-type gre',
  '-e -t 10.0.0.1:80 -r 10.0.0.2 -w 3',
  '-e -u 10.0.0.1:53 -r 10.0.0.2:5353 -m -w 0 -x 5 -y 5',
  '-d -t 10.0.0.1:80 -r 10.0.0.2:8080',
  '-d -f 2 -6 -r [2001:db8::7]:0',
  '-C',
  '-Z',
  '-Z -u 10.0.0.1:53',
  '--set 900 120 300',
  '--start-daemon master',
  '--start-daemon backup --mcast-interface eth1 --syncid 3 --sync-maxlen 1400 --mcast-group 239.0.0.81 --mcast-port 8849 --mcast-ttl 4',
  '--stop-daemon master',
  '-L -n --stats',
  '-L -f 2 -6 --persistent-conn',
  '-S -n',
];

describe('parse -> formatCommand -> parse', () => {
  for (const line of LINES) {
    it(line, () => {
      const command = parse(line);
      const printed = formatCommand(command);
      assert.ok(printed.startsWith('ipvsadm '));
      assert.deepEqual(parse(printed), command);
      assert.equal(formatCommand(parse(printed)), printed);
    });
  }
});

/** The services and servers a rules file adds, rebuilt from its commands. */
function servicesOf(commands: readonly IpvsadmCommand[]): RulesService[] {
  const services: RulesService[] = [];
  for (const command of commands) {
    if (command.kind === 'add-service') services.push({ ...command.service, destinations: [] });
    if (command.kind === 'add-destination') {
      const service = services.at(-1);
      assert.ok(service);
      service.destinations = [...service.destinations, command.destination];
    }
  }
  return services;
}

describe('formatRules -> parseRules', () => {
  it('reads back the services printed, unchanged but for thresholds', () => {
    const commands = parseRules(SAVED_TEXT).map((parsed) => parsed.command);
    const withoutThresholds = SAVED_SERVICES.map((service) => ({
      ...service,
      destinations: service.destinations.map((d) => ({ ...d, upperThreshold: 0, lowerThreshold: 0 })),
    }));
    assert.deepEqual(servicesOf(commands), withoutThresholds);
    assert.equal(formatRules(servicesOf(commands)), SAVED_TEXT);
  });

  it('keeps thresholds through the lvstop extension', () => {
    const text = formatRules(SAVED_SERVICES, { thresholds: true });
    assert.match(text, / -m -w 0 -x 100 -y 10\n/);
    assert.deepEqual(servicesOf(parseRules(text).map((parsed) => parsed.command)), SAVED_SERVICES);
  });
});
