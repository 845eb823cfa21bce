// The kernel's connection table read for a query: /proc/net/ip_vs_conn text as the kernel
// prints it (IPv4 as 8 hex digits, ports in hex, IPv6 in full colon form), filtered to a
// service, a set of real servers or one server, cut to a limit, counted in full, and read from
// a file in chunks that split lines anywhere.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ConnectionQuery } from '../../../src/backend/backend.js';
import { readConnectionTable, scanConnectionTable } from '../../../src/backend/kernel/connections.js';

const HEADER = 'Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData';

/** An address as the kernel prints it: %08X for IPv4, every group of IPv6 in four digits. */
function printed(address: string): string {
  if (!address.includes(':')) return address.split('.').map((octet) => Number(octet).toString(16).padStart(2, '0')).join('').toUpperCase();
  const [head = '', tail = ''] = address.split('::');
  const words = (half: string) => (half === '' ? [] : half.split(':'));
  const groups = address.includes('::') ? [...words(head), ...Array<string>(8 - words(head).length - words(tail).length).fill('0'), ...words(tail)] : words(head);
  return groups.map((group) => group.padStart(4, '0')).join(':');
}

const port = (value: number) => value.toString(16).toUpperCase().padStart(4, '0');

/** One line as ip_vs_conn_seq_show prints it ("%-3s %08X %04X ... %-11s %7u%s"). */
function line(protocol: string, client: string, clientPort: number, virtual: string, virtualPort: number, dest: string, destPort: number, state: string, expires: number, pe = ''): string {
  return `${protocol.padEnd(3)} ${printed(client)} ${port(clientPort)} ${printed(virtual)} ${port(virtualPort)} ${printed(dest)} ${port(destPort)} ${state.padEnd(11)} ${String(expires).padStart(7)}${pe}`;
}

const TABLE = [
  HEADER,
  line('TCP', '198.18.10.5', 35388, '10.0.0.10', 80, '10.0.1.11', 8080, 'ESTABLISHED', 893),
  line('UDP', '198.18.10.6', 54321, '10.0.0.10', 80, '10.0.1.11', 8080, 'UDP', 281),
  line('TCP', '198.18.10.7', 35389, '10.0.0.10', 443, '10.0.1.11', 8443, 'TIME_WAIT', 97),
  line('TCP', '198.18.10.8', 35390, '10.0.0.10', 80, '10.0.1.12', 8080, 'FIN_WAIT', 3, ' sip 3132'),
  line('IP', '198.18.10.0', 0, '0.0.0.1', 0, '10.0.1.12', 0, 'NONE', 286),
  line('TCP', '2001:db8:c000::1', 40000, '2001:db8::10', 80, '2001:db8::1:11', 8080, 'ESTABLISHED', 900),
  line('TCP', '2001:db8:c000::2', 40001, '2001:db8::10', 80, '2001:db8::1:12', 8080, 'SYN_RECV', 59),
  line('TCP', '198.18.10.9', 35391, '10.0.0.10', 80, '10.0.1.11', 8080, 'CLOSE', 9),
].join('\n') + '\n';

const WEB: ConnectionQuery = { virtual: { protocol: 'tcp', address: '10.0.0.10', port: 80 } };
const clientsOf = (query?: ConnectionQuery) => scanConnectionTable(TABLE, query).rows.map((row) => `${row.client.address}:${row.client.port}`);

describe('the kernel connection table, read for a query', () => {
  it('reads every entry without a query: addresses, ports, state, expiry, PE data past the fields', () => {
    const reading = scanConnectionTable(TABLE);
    assert.equal(reading.total, 8, 'the header is no entry');
    assert.equal(reading.matched, 8);
    assert.equal(reading.rows.length, 8);
    assert.deepEqual(reading.rows[0], {
      protocol: 'tcp',
      client: { address: '198.18.10.5', port: 35388 },
      virtual: { address: '10.0.0.10', port: 80 },
      destination: { address: '10.0.1.11', port: 8080 },
      state: 'ESTABLISHED',
      expires: 893,
    });
    assert.deepEqual(reading.rows[3]?.state, 'FIN_WAIT');
    assert.deepEqual(reading.rows[4]?.protocol, 'ip');
    assert.deepEqual(reading.rows[5], {
      protocol: 'tcp',
      client: { address: '2001:db8:c000::1', port: 40000 },
      virtual: { address: '2001:db8::10', port: 80 },
      destination: { address: '2001:db8::1:11', port: 8080 },
      state: 'ESTABLISHED',
      expires: 900,
    });
  });

  it('keeps an IPv4 service\'s entries: same protocol, address and port, in table order', () => {
    assert.deepEqual(clientsOf(WEB), ['198.18.10.5:35388', '198.18.10.8:35390', '198.18.10.9:35391']);
    assert.deepEqual(clientsOf({ virtual: { protocol: 'udp', address: '10.0.0.10', port: 80 } }), ['198.18.10.6:54321']);
    assert.deepEqual(clientsOf({ virtual: { protocol: 'tcp', address: '10.0.0.10', port: 443 } }), ['198.18.10.7:35389']);
    assert.deepEqual(clientsOf({ virtual: { protocol: 'tcp', address: '10.0.0.11', port: 80 } }), []);
    const reading = scanConnectionTable(TABLE, WEB);
    assert.equal(reading.matched, 3);
    assert.equal(reading.total, 8);
  });

  it('keeps an IPv6 service\'s entries, however the address is written and whatever the case of the hex', () => {
    const v6 = { virtual: { protocol: 'tcp' as const, address: '2001:0DB8:0:0::10', port: 80 } };
    assert.deepEqual(clientsOf(v6), ['2001:db8:c000::1:40000', '2001:db8:c000::2:40001']);
    const upper = scanConnectionTable(TABLE.toUpperCase(), { virtual: { protocol: 'tcp', address: '2001:db8::10', port: 80 } });
    assert.equal(upper.matched, 2);
    assert.equal(scanConnectionTable(TABLE.toLowerCase(), WEB).matched, 3, 'lower-case IPv4 hex and protocol');
  });

  it('keeps the entries to a set of real servers (a firewall-mark service), of either family, port included', () => {
    const servers: ConnectionQuery = { destinations: [{ address: '10.0.1.12', port: 8080 }, { address: '2001:db8::1:11', port: 8080 }, { address: '10.0.1.11', port: 9999 }] };
    assert.deepEqual(clientsOf(servers), ['198.18.10.8:35390', '2001:db8:c000::1:40000']);
    assert.deepEqual(clientsOf({ destinations: [{ address: '10.0.1.12', port: 0 }] }), ['198.18.10.8:35390', '198.18.10.0:0'], 'a server of port 0 takes any port');
    assert.deepEqual(clientsOf({ destinations: [{ address: '2001:db8::1:12', port: 0 }] }), ['2001:db8:c000::2:40001'], 'an IPv6 one too');
    assert.deepEqual(clientsOf({ destinations: [] }), [], 'a firewall-mark service without servers has no entries');
  });

  it('keeps one server\'s entries of one service', () => {
    assert.deepEqual(clientsOf({ ...WEB, destinations: [{ address: '10.0.1.11', port: 8080 }] }), ['198.18.10.5:35388', '198.18.10.9:35391']);
    assert.deepEqual(clientsOf({ ...WEB, destinations: [{ address: '10.0.1.11', port: 8443 }] }), [], 'the server\'s entries of another service');
  });

  it('returns at most the limit, the first in table order, and still counts every match', () => {
    const cut = scanConnectionTable(TABLE, { ...WEB, limit: 2 });
    assert.deepEqual(cut.rows.map((row) => row.client.port), [35388, 35390]);
    assert.equal(cut.matched, 3);
    assert.equal(cut.total, 8);
    const none = scanConnectionTable(TABLE, { limit: 0 });
    assert.deepEqual(none, { rows: [], matched: 8, total: 8 });
  });

  it('never parses a line that does not match: a malformed entry breaks only the reads that keep it', () => {
    const broken = TABLE + 'TCP not-an-address 0001 0A00000B 0050 0A00010D 1F90 ESTABLISHED     900\n';
    assert.equal(scanConnectionTable(broken, WEB).matched, 3);
    assert.equal(scanConnectionTable(broken, { limit: 8 }).total, 9);
    assert.throws(() => scanConnectionTable(broken));
  });

  it('skips lines that are not entries: blank, short, the header', () => {
    const reading = scanConnectionTable(`${HEADER}\n\nTCP 0A000001 0050\n   \n${line('TCP', '198.18.0.1', 1, '10.0.0.10', 80, '10.0.1.11', 8080, 'CLOSE', 1)}`);
    assert.equal(reading.total, 1);
    assert.equal(reading.rows[0]?.client.port, 1);
  });

  it('refuses a bad query naming the field', () => {
    const cases: [ConnectionQuery, RegExp][] = [
      [{ virtual: { protocol: 'icmp' as 'tcp', address: '10.0.0.10', port: 80 } }, /^Invalid connection filter protocol: "icmp" is not tcp, udp, sctp or ip\.$/],
      [{ virtual: { protocol: 'tcp', address: 'web', port: 80 } }, /^Invalid connection filter address: "web" is not a numeric IPv4 or IPv6 address\.$/],
      [{ virtual: { protocol: 'tcp', address: '10.0.0.10', port: 70000 } }, /^Invalid connection filter port: 70000 is not a whole number from 0 to 65535\.$/],
      [{ destinations: [{ address: '10.0.1.11', port: 8080 }, { address: '10.0.1', port: 8080 }] }, /^Invalid connection filter server address: "10\.0\.1" is not/],
      [{ limit: -1 }, /^Invalid connection limit: -1 is not a whole number of rows, 0 or more\.$/],
      [{ limit: 2.5 }, /^Invalid connection limit: 2\.5 is not/],
    ];
    for (const [query, message] of cases) assert.throws(() => scanConnectionTable(TABLE, query), { name: 'IpvsError', message });
  });
});

describe('the kernel connection table, read from its file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lvstop-conn-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads the same in chunks of any size, lines longer than a chunk and a last line without a newline included', async () => {
    const path = file('table', TABLE.trimEnd());
    for (const query of [undefined, WEB, { destinations: [{ address: '2001:db8::1:12', port: 8080 }] }, { limit: 3 }]) {
      const whole = scanConnectionTable(TABLE, query);
      for (const chunkBytes of [1, 7, 64, 100_000]) {
        assert.deepEqual(await readConnectionTable(query, { path, chunkBytes }), whole, `${JSON.stringify(query)} in chunks of ${chunkBytes}`);
      }
    }
  });

  it('checks the query before it opens the file, and says so when IPVS is not loaded', async () => {
    await assert.rejects(readConnectionTable({ limit: -1 }, { path: join(dir, 'missing') }), { message: /^Invalid connection limit/ });
    await assert.rejects(readConnectionTable(undefined, { path: join(dir, 'missing') }), { name: 'IpvsError', kind: 'unavailable' });
  });
});
