import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIpv6, parseHostPort, parseIpAddress } from '../../../src/model/ipvsadm/address.js';
import { splitLine } from '../../../src/model/ipvsadm/words.js';

describe('splitLine', () => {
  const cases: [string, string[]][] = [
    ['-A -t 10.0.0.1:80', ['-A', '-t', '10.0.0.1:80']],
    [' \t-A\t\t-t  10.0.0.1:80 \r', ['-A', '-t', '10.0.0.1:80']],
    ['ipvsadm -C', ['-C']],
    ['/sbin/ipvsadm -C', ['-C']],
    ['-C ipvsadm', ['-C', 'ipvsadm']],
    ['-A -t 10.0.0.1:80 # web', ['-A', '-t', '10.0.0.1:80']],
    ['-s a#b', ['-s', 'a#b']],
    [`-s 'w l' -x "a\\"b" c\\ d`, ['-s', 'w l', '-x', 'a"b', 'c d']],
    [`-s ''`, ['-s', '']],
    ['# all comment', []],
    ['', []],
  ];
  for (const [line, words] of cases) {
    it(JSON.stringify(line), () => assert.deepEqual(splitLine(line), words));
  }
});

describe('formatIpv6 prints as glibc inet_ntop', () => {
  const cases: [string, string][] = [
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // the first of two equal runs
    ['2001:db8:1:1:1:1:0:1', '2001:db8:1:1:1:1:0:1'], // a single zero group stays
    ['::ffff:10.0.0.1', '::ffff:10.0.0.1'],
    ['::ffff:a00:1', '::ffff:10.0.0.1'],
    ['::10.0.0.1', '::10.0.0.1'],
    ['::1:0:0', '::1:0:0'],
    ['FF02::81', 'ff02::81'],
  ];
  for (const [input, printed] of cases) {
    it(`${input} -> ${printed}`, () => assert.equal(parseIpAddress(input)?.address, printed));
  }
  it('fills missing groups with zero', () => assert.equal(formatIpv6([0xfe80, 0, 0, 0, 0, 0, 0, 1]), 'fe80::1'));
});

describe('parseHostPort', () => {
  it('reads the forms ipvsadm reads', () => {
    assert.deepEqual(parseHostPort('10.0.0.1:80'), { family: 'inet', address: '10.0.0.1', port: 80 });
    assert.deepEqual(parseHostPort('10.0.0.1'), { family: 'inet', address: '10.0.0.1', port: null });
    assert.deepEqual(parseHostPort('10.0.0.1:0'), { family: 'inet', address: '10.0.0.1', port: 0 });
    assert.deepEqual(parseHostPort('[2001:db8::1]:65535'), { family: 'inet6', address: '2001:db8::1', port: 65535 });
    assert.deepEqual(parseHostPort('2001:db8::1'), { family: 'inet6', address: '2001:db8::1', port: null });
    // Without brackets every colon belongs to the IPv6 address, as inet_pton reads it.
    assert.deepEqual(parseHostPort('::1:80'), { family: 'inet6', address: '::0.1.0.128', port: null });
  });

  it('gives a reason for anything else', () => {
    assert.equal(parseHostPort(''), 'expected an address such as 10.0.0.1:80 or [2001:db8::1]:80');
    assert.equal(parseHostPort('256.0.0.1:80'), '"256.0.0.1" is not an IP address; use a dotted IPv4 address or an IPv6 address');
    assert.equal(parseHostPort('[2001:db8::1]80'), 'an IPv6 address in brackets must be followed by a port, e.g. [2001:db8::1]:80');
  });
});

describe('parseIpAddress refuses what inet_pton refuses', () => {
  for (const text of ['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', '1:2:3:4:5:6:7::8', '12345::1', 'fe80::1%eth0', '::1.2.3', '1.2.3.4::', ':::1', 'g::1', '01.2.3.4']) {
    it(text, () => assert.equal(parseIpAddress(text), null));
  }
});
