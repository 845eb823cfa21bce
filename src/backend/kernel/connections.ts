// The kernel's connection table as /proc/net/ip_vs_conn prints it (what `ipvsadm -Lnc` reads):
// IPv4 addresses and all ports in hex, IPv6 addresses in full colon form. A busy director holds
// millions of entries, so the file is scanned as bytes, a chunk at a time: each line's fields
// are compared with the query as the kernel prints them, and only lines that match and fit
// within the limit become objects.

import { open } from 'node:fs/promises';
import ipaddr from 'ipaddr.js';
import { errors } from '../../ipvs/errors.js';
import type { Connection, ConnectionQuery, ConnectionReading } from '../backend.js';
import { checkConnectionQuery, type CheckedConnectionQuery, type CheckedEndpoint } from '../connection-query.js';

const CONNECTION_TABLE = '/proc/net/ip_vs_conn';
const CHUNK_BYTES = 256 * 1024;

// Pro FromIP FPrt ToIP TPrt DestIP DPrt State Expires, then perhaps a persistence engine's
// name and data.
const FIELDS = 9;
const PROTOCOL = 0;
const CLIENT_ADDRESS = 1;
const CLIENT_PORT = 2;
const VIRTUAL_ADDRESS = 3;
const VIRTUAL_PORT = 4;
const DEST_ADDRESS = 5;
const DEST_PORT = 6;
const STATE = 7;
const EXPIRES = 8;

const NEWLINE = 0x0a;
const isBlank = (byte: number): boolean => byte === 0x20 || byte === 0x09 || byte === 0x0d;
const lowerBytes = (text: string): Buffer => Buffer.from(text.toLowerCase(), 'latin1');

const TCP = lowerBytes('tcp');
const UDP = lowerBytes('udp');
const SCTP = lowerBytes('sctp');
const HEADER = lowerBytes('pro');

/** Whether bytes[start, end) spell `expected` (lower case: hex digits, colons, letters), in either case. */
function spells(bytes: Buffer, start: number, end: number, expected: Uint8Array): boolean {
  if (end - start !== expected.length) return false;
  // | 0x20 lowers A-Z and leaves digits and ':' as they are.
  for (let i = 0; i < expected.length; i++) if ((bytes[start + i]! | 0x20) !== expected[i]) return false;
  return true;
}

/** The hex number in bytes[start, end), or -1 when it is not one. */
function hexValue(bytes: Buffer, start: number, end: number): number {
  if (start === end) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const byte = bytes[i]! | 0x20;
    const digit = byte >= 0x61 && byte <= 0x66 ? byte - 0x57 : byte >= 0x30 && byte <= 0x39 ? byte - 0x30 : -1;
    if (digit === -1) return -1;
    value = value * 16 + digit;
  }
  return value;
}

function protocolOf(bytes: Buffer, start: number, end: number): Connection['protocol'] {
  if (spells(bytes, start, end, TCP)) return 'tcp';
  if (spells(bytes, start, end, UDP)) return 'udp';
  if (spells(bytes, start, end, SCTP)) return 'sctp';
  return 'ip';
}

/** The address as the kernel prints it, in lower case: %08X for IPv4, %pI6 (every group, four digits) for IPv6. */
function printedAddress(endpoint: CheckedEndpoint): Buffer {
  const { bytes } = endpoint;
  if (bytes.length === 4) return lowerBytes(bytes.map((byte) => byte.toString(16).padStart(2, '0')).join(''));
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16).padStart(4, '0'));
  return lowerBytes(groups.join(':'));
}

/** A real server of port 0 takes entries to any port: the kernel forwards to the port the client asked for. */
const ANY_PORT = 0;

/** An IPv4 real server as one number: its 32-bit address, then its port. */
const ipv4ServerKey = (address: number, port: number): number => address * 0x10000 + port;
const ipv4Number = (bytes: readonly number[]): number => bytes.reduce((value, byte) => value * 256 + byte, 0);

/** The query in the table's own terms, matched against a line's fields before anything is parsed. */
class PrintedFilter {
  private readonly protocol: Connection['protocol'] | null = null;
  private readonly virtualAddress: Buffer | null = null;
  private readonly virtualPort: number = 0;
  /** Null: any real server. */
  private readonly servers: { ipv4: Set<number>; ipv6ByPort: Map<number, Buffer[]> } | null = null;

  constructor(query: CheckedConnectionQuery) {
    if (query.virtual !== null) {
      this.protocol = query.virtual.protocol;
      this.virtualAddress = printedAddress(query.virtual);
      this.virtualPort = query.virtual.port;
    }
    if (query.destinations !== null) {
      const ipv4 = new Set<number>();
      const ipv6ByPort = new Map<number, Buffer[]>();
      for (const destination of query.destinations) {
        if (destination.family === 'inet') ipv4.add(ipv4ServerKey(ipv4Number(destination.bytes), destination.port));
        else ipv6ByPort.set(destination.port, [...(ipv6ByPort.get(destination.port) ?? []), printedAddress(destination)]);
      }
      this.servers = { ipv4, ipv6ByPort };
    }
  }

  matches(bytes: Buffer, starts: Int32Array, ends: Int32Array): boolean {
    if (this.virtualAddress !== null) {
      if (protocolOf(bytes, starts[PROTOCOL]!, ends[PROTOCOL]!) !== this.protocol) return false;
      if (hexValue(bytes, starts[VIRTUAL_PORT]!, ends[VIRTUAL_PORT]!) !== this.virtualPort) return false;
      if (!spells(bytes, starts[VIRTUAL_ADDRESS]!, ends[VIRTUAL_ADDRESS]!, this.virtualAddress)) return false;
    }
    if (this.servers !== null) {
      const port = hexValue(bytes, starts[DEST_PORT]!, ends[DEST_PORT]!);
      if (port === -1) return false;
      const start = starts[DEST_ADDRESS]!;
      const end = ends[DEST_ADDRESS]!;
      if (end - start === 8) {
        const address = hexValue(bytes, start, end);
        const { ipv4 } = this.servers;
        return address !== -1 && (ipv4.has(ipv4ServerKey(address, port)) || ipv4.has(ipv4ServerKey(address, ANY_PORT)));
      }
      const spelt = (printed: Buffer) => spells(bytes, start, end, printed);
      const { ipv6ByPort } = this.servers;
      return (ipv6ByPort.get(port)?.some(spelt) ?? false) || (ipv6ByPort.get(ANY_PORT)?.some(spelt) ?? false);
    }
    return true;
  }
}

function parseAddress(bytes: Buffer, start: number, end: number): string {
  const value = end - start === 8 ? hexValue(bytes, start, end) : -1;
  if (value !== -1) return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
  return ipaddr.parse(bytes.toString('latin1', start, end)).toString();
}

/** Counts every entry, keeps those that match (up to the limit); fed the table a chunk at a time. */
class TableScan {
  private readonly rows: Connection[] = [];
  private matched = 0;
  private total = 0;
  private readonly filter: PrintedFilter;
  private readonly limit: number;
  private readonly starts = new Int32Array(FIELDS);
  private readonly ends = new Int32Array(FIELDS);
  /** Fields of the line split() read last. */
  private fields = 0;

  constructor(query: CheckedConnectionQuery) {
    this.filter = new PrintedFilter(query);
    this.limit = query.limit;
  }

  /**
   * Reads the whole lines of `bytes`; returns where the unfinished last one starts (it comes
   * again with the next chunk). At the end of the table, a last line without a newline counts.
   */
  lines(bytes: Buffer, last: boolean): number {
    let start = 0;
    while (start < bytes.length) {
      const end = this.split(bytes, start);
      if (end === bytes.length && !last) return start;
      this.line(bytes);
      start = end + 1;
    }
    return bytes.length;
  }

  reading(): ConnectionReading {
    return { rows: this.rows, matched: this.matched, total: this.total };
  }

  /**
   * Notes where the first fields of the line at `start` begin and end, and returns where the
   * line ends (its newline, or the end of the bytes). One pass in plain JavaScript: a native
   * indexOf per line cost more than the whole scan.
   */
  private split(bytes: Buffer, start: number): number {
    const { starts, ends } = this;
    const length = bytes.length;
    let fields = 0;
    let i = start;
    for (;;) {
      while (i < length && isBlank(bytes[i]!)) i++;
      if (i === length || bytes[i] === NEWLINE) break;
      if (fields < FIELDS) starts[fields] = i;
      while (i < length && bytes[i] !== NEWLINE && !isBlank(bytes[i]!)) i++;
      if (fields < FIELDS) ends[fields] = i;
      fields += 1;
    }
    this.fields = fields;
    return i;
  }

  /** The line split() noted: counted, matched, and parsed if it is kept. */
  private line(bytes: Buffer): void {
    const { starts, ends } = this;
    if (this.fields < FIELDS || spells(bytes, starts[PROTOCOL]!, ends[PROTOCOL]!, HEADER)) return;
    this.total += 1;
    if (!this.filter.matches(bytes, starts, ends)) return;
    this.matched += 1;
    if (this.rows.length < this.limit) this.rows.push(this.entry(bytes));
  }

  private entry(bytes: Buffer): Connection {
    const { starts, ends } = this;
    const endpoint = (address: number, port: number) => ({
      address: parseAddress(bytes, starts[address]!, ends[address]!),
      port: hexValue(bytes, starts[port]!, ends[port]!),
    });
    return {
      protocol: protocolOf(bytes, starts[PROTOCOL]!, ends[PROTOCOL]!),
      client: endpoint(CLIENT_ADDRESS, CLIENT_PORT),
      virtual: endpoint(VIRTUAL_ADDRESS, VIRTUAL_PORT),
      destination: endpoint(DEST_ADDRESS, DEST_PORT),
      state: bytes.toString('latin1', starts[STATE]!, ends[STATE]!),
      expires: Number.parseInt(bytes.toString('latin1', starts[EXPIRES]!, ends[EXPIRES]!), 10),
    };
  }
}

/** The table's text (as /proc gives it) read for the query, all at once. */
export function scanConnectionTable(text: string | Buffer, query?: ConnectionQuery): ConnectionReading {
  const scan = new TableScan(checkConnectionQuery(query));
  scan.lines(typeof text === 'string' ? Buffer.from(text, 'latin1') : text, true);
  return scan.reading();
}

export interface TableReadOptions {
  path?: string;
  /** Bytes read at a time (a line longer than this grows the buffer). */
  chunkBytes?: number;
}

/** The kernel's table read for the query, a chunk at a time: neither the file nor its lines are ever held whole. */
export async function readConnectionTable(query?: ConnectionQuery, options: TableReadOptions = {}): Promise<ConnectionReading> {
  // Checked before the file is opened: a bad query reads nothing.
  const scan = new TableScan(checkConnectionQuery(query));
  const file = await open(options.path ?? CONNECTION_TABLE, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw errors.unavailable();
    if (error.code === 'EACCES' || error.code === 'EPERM') throw errors.permission();
    throw error;
  });
  try {
    let buffer = Buffer.allocUnsafe(options.chunkBytes ?? CHUNK_BYTES);
    // Bytes at the front of the buffer: an unfinished line from the chunk before.
    let carried = 0;
    for (;;) {
      if (carried === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, carried);
        buffer = bigger;
      }
      const { bytesRead } = await file.read(buffer, carried, buffer.length - carried, null);
      const end = carried + bytesRead;
      const rest = scan.lines(buffer.subarray(0, end), bytesRead === 0);
      if (bytesRead === 0) break;
      buffer.copy(buffer, 0, rest, end);
      carried = end - rest;
    }
  } finally {
    await file.close();
  }
  return scan.reading();
}
