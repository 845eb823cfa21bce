import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IpvsadmSyntaxError } from '../../../src/model/ipvsadm/errors.js';
import { parseRules, type ExistingService } from '../../../src/model/ipvsadm/rules.js';

const rules = (...lines: string[]) => lines.join('\n');

describe('parseRules', () => {
  it('returns every command in order with its line, skipping blank and comment lines', () => {
    const parsed = parseRules(
      rules(
        '# saved by lvstop',
        '-A -t 10.0.0.1:80 -s rr',
        '',
        '-a -t 10.0.0.1:80 -r 10.0.0.2:80 -m -w 1',
        'ipvsadm -a -t 10.0.0.1:80 -r 10.0.0.3:80 -m -w 2   # new one',
        '--set 900 120 300\r',
        '',
      ),
    );
    assert.deepEqual(
      parsed.map((p) => [p.line, p.command.kind]),
      [
        [2, 'add-service'],
        [4, 'add-destination'],
        [5, 'add-destination'],
        [6, 'set-timeouts'],
      ],
    );
  });

  it('gives nothing for an empty file', () => {
    assert.deepEqual(parseRules(''), []);
    assert.deepEqual(parseRules('\n# nothing\n'), []);
  });

  it('follows deletes, clears and re-adds through the file', () => {
    const parsed = parseRules(
      rules(
        '-A -t 10.0.0.1:80',
        '-a -t 10.0.0.1:80 -r 10.0.0.2 -m',
        '-e -t 10.0.0.1:80 -r 10.0.0.2 -m -w 0',
        '-d -t 10.0.0.1:80 -r 10.0.0.2',
        '-a -t 10.0.0.1:80 -r 10.0.0.2 -m',
        '-E -t 10.0.0.1:80 -s rr',
        '-Z -t 10.0.0.1:80',
        '-D -t 10.0.0.1:80',
        '-A -t 10.0.0.1:80',
        '-C',
        '-A -t 10.0.0.1:80',
        '-Z',
      ),
    );
    assert.equal(parsed.length, 12);
  });

  it('tells services apart by family, protocol, address and port, or fwmark and family', () => {
    const parsed = parseRules(
      rules('-A -t 10.0.0.1:80', '-A -u 10.0.0.1:80', '-A -t 10.0.0.1:81', '-A -t 10.0.0.2:80', '-A -f 1', '-A -f 1 -6', '-A -t [::ffff:10.0.0.1]:80'),
    );
    assert.equal(parsed.length, 7);
  });

  it('applies on top of an existing table when given one', () => {
    const existing: ExistingService[] = [
      {
        family: 'inet6',
        protocol: 'tcp',
        address: '2001:0db8::1', // as the kernel codec may spell it
        port: 80,
        fwmark: null,
        destinations: [{ family: 'inet6', address: '2001:db8::2', port: 80 }],
      },
    ];
    const parsed = parseRules(
      rules('-e -t [2001:db8::1]:80 -r [2001:db8::2]:80 -w 3', '-a -t [2001:db8::1]:80 -r [2001:db8::3]:80'),
      { existing },
    );
    assert.equal(parsed.length, 2);
    assert.throws(() => parseRules('-A -t [2001:db8::1]:80', { existing }), {
      message: 'line 1: "-t [2001:db8::1]:80": TCP [2001:db8::1]:80 already exists.',
    });
    assert.throws(() => parseRules('-a -t [2001:db8::1]:80 -r [2001:db8::2]:80', { existing }), {
      message: 'line 1: "-r [2001:db8::2]:80": this real server of TCP [2001:db8::1]:80 already exists.',
    });
    assert.throws(() => parseRules('-D -t [2001:db8::1]:81', { existing }), {
      message: 'line 1: "-t [2001:db8::1]:81": TCP [2001:db8::1]:81 is not defined in the table or earlier in the file.',
    });
  });

  const refused: [string, string][] = [
    [
      rules('-A -t 10.0.0.1:80', '-a -t 10.0.0.1:80 -r 10.0.0.2', '-a -t 10.0.0.9:80 -r 10.0.0.2'),
      'line 3: "-t 10.0.0.9:80": TCP 10.0.0.9:80 is not defined earlier in the file.',
    ],
    [
      rules('-a -t 10.0.0.1:80 -r 10.0.0.2', '-A -t 10.0.0.1:80'),
      'line 1: "-t 10.0.0.1:80": TCP 10.0.0.1:80 is not defined earlier in the file.',
    ],
    [
      rules('-A -t 10.0.0.1:80', '', '-A -t 10.0.0.1:80 -s rr'),
      'line 3: "-t 10.0.0.1:80": TCP 10.0.0.1:80 is already defined on line 1.',
    ],
    [rules('-A -f 7 -6', '-A -f 7 -6 -s rr'), 'line 2: "-f 7 -6": FWM 7 (IPv6) is already defined on line 1.'],
    // DR takes the service's port, so these two are the same real server.
    [
      rules('-A -t 10.0.0.1:80', '-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -g', '-a -t 10.0.0.1:80 -r 10.0.0.2:9090 -g'),
      'line 3: "-r 10.0.0.2:80": this real server of TCP 10.0.0.1:80 is already defined on line 2.',
    ],
    [
      rules('-A -t 10.0.0.1:80', '-e -t 10.0.0.1:80 -r 10.0.0.2 -w 3'),
      'line 2: "-r 10.0.0.2:80": TCP 10.0.0.1:80 has no such real server earlier in the file.',
    ],
    [
      rules('-A -t 10.0.0.1:80', '-a -t 10.0.0.1:80 -r 10.0.0.2:8080 -m', '-d -t 10.0.0.1:80 -r 10.0.0.2'),
      'line 3: "-r 10.0.0.2:80": TCP 10.0.0.1:80 has no such real server earlier in the file.',
    ],
    [rules('-A -t 10.0.0.1:80', '-D -t 10.0.0.1:80', '-E -t 10.0.0.1:80'), 'line 3: "-t 10.0.0.1:80": TCP 10.0.0.1:80 is not defined earlier in the file.'],
    [rules('-A -t 10.0.0.1:80', '-C', '-Z -t 10.0.0.1:80'), 'line 3: "-t 10.0.0.1:80": TCP 10.0.0.1:80 is not defined earlier in the file.'],
    [rules('-A -t 10.0.0.1:80', '-L -n'), 'line 2: "-L -n": a rules file holds changes only, not list.'],
    [rules('-S -n'), 'line 1: "-S -n": a rules file holds changes only, not save.'],
    // A bad line anywhere refuses the whole file, naming the line.
    [
      rules('-A -t 10.0.0.1:80', '-a -t 10.0.0.1:80 -r 10.0.0.2 -w 1', '-a -t 10.0.0.1:80 -r 10.0.0.3 -w abc', '-a -t 10.0.0.1:80 -r 10.0.0.4'),
      'line 3: "-w abc": the weight must be a whole number from 0 to 2147483647.',
    ],
    [rules('-A -t 10.0.0.1:80', '# comment', '-A -t 10.0.0.2:80 -w 1'), 'line 3: "-w 1": -w (weight) cannot be used with -A (add-service).'],
  ];
  for (const [text, message] of refused) {
    it(`refuses: ${message}`, () => {
      assert.throws(
        () => parseRules(text),
        (error: unknown) => error instanceof IpvsadmSyntaxError && error.message === message,
      );
    });
  }
});
