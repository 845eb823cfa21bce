// Netlink attributes (TLV): a 4-byte header {u16 length, u16 type}, the value, padding to 4.
// Scalars are in the host's byte order, except where IPVS says "be" (ports, IPv4 masks):
// those are written and read as raw network-order bytes by the callers.

import { endianness } from 'node:os';
import { NLA_F_NESTED, NLA_HDRLEN, NLA_TYPE_MASK } from './constants.js';

const LITTLE_ENDIAN = endianness() === 'LE';

export const align4 = (length: number): number => (length + 3) & ~3;

/** Attributes of one level, by type; a value is a view into the received buffer. */
export type AttributeMap = Map<number, Buffer>;

export function parseAttributes(buffer: Buffer, offset = 0, end = buffer.length): AttributeMap {
  const attributes: AttributeMap = new Map();
  for (const cursor = new AttributeCursor(buffer, offset, end); cursor.next(); ) {
    attributes.set(cursor.type, buffer.subarray(cursor.start, cursor.end));
  }
  return attributes;
}

/**
 * Steps through the attributes in [start, end) in place: after each `next()` that returns true,
 * `type` and the value's span [`start`, `end`). No callback and no allocation per attribute:
 * the decoders run once per service and server on every poll, and a decoder's locals written
 * from a callback live in a heap context (under emulation that made a server twice as slow).
 */
export class AttributeCursor {
  type = 0;
  start = 0;
  end = 0;
  private offset: number;

  constructor(
    private readonly buffer: Buffer,
    start: number,
    private readonly limit: number,
  ) {
    this.offset = start;
  }

  next(): boolean {
    const offset = this.offset;
    if (offset + NLA_HDRLEN > this.limit) return false;
    const length = readU16(this.buffer, offset);
    if (length < NLA_HDRLEN || offset + length > this.limit) {
      throw new RangeError(`malformed netlink attribute at byte ${offset} (length ${length})`);
    }
    this.type = readU16(this.buffer, offset + 2) & NLA_TYPE_MASK;
    this.start = offset + NLA_HDRLEN;
    this.end = offset + length;
    this.offset = offset + align4(length);
    return true;
  }
}

/** The cursor left on the first attribute of `type` in [start, end), or null. */
export function findAttributeAt(buffer: Buffer, type: number, start = 0, end = buffer.length): AttributeCursor | null {
  const cursor = new AttributeCursor(buffer, start, end);
  while (cursor.next()) if (cursor.type === type) return cursor;
  return null;
}

/**
 * A nested attribute of `nestType` holding the attributes of `types` found in [start, end) of
 * `source`, copied byte for byte: a record the kernel sent, named back to it without decoding
 * and re-encoding.
 */
export function copyAttributes(source: Buffer, types: ReadonlySet<number>, nestType: number, start = 0, end = source.length): Buffer {
  let size = NLA_HDRLEN;
  for (const cursor = new AttributeCursor(source, start, end); cursor.next(); ) {
    if (types.has(cursor.type)) size += align4(cursor.end - cursor.start + NLA_HDRLEN);
  }
  const nest = Buffer.alloc(size);
  writeU16(nest, size, 0);
  writeU16(nest, nestType | NLA_F_NESTED, 2);
  let offset = NLA_HDRLEN;
  for (const cursor = new AttributeCursor(source, start, end); cursor.next(); ) {
    if (!types.has(cursor.type)) continue;
    source.copy(nest, offset, cursor.start - NLA_HDRLEN, cursor.end);
    offset += align4(cursor.end - cursor.start + NLA_HDRLEN);
  }
  return nest;
}

/** A NUL-terminated string value in place. */
export function readStringAt(buffer: Buffer, start: number, end: number): string {
  const nul = buffer.indexOf(0, start);
  return buffer.toString('latin1', start, nul === -1 || nul > end ? end : nul);
}

export function readU8(buffer: Buffer, offset = 0): number {
  return buffer.readUInt8(offset);
}
export function readU16(buffer: Buffer, offset = 0): number {
  const first = buffer[offset];
  const second = buffer[offset + 1];
  if (second === undefined || first === undefined) throw outOfRange(buffer, offset, 2);
  return LITTLE_ENDIAN ? first | (second << 8) : (first << 8) | second;
}
export function readU32(buffer: Buffer, offset = 0): number {
  const b0 = buffer[offset];
  const b3 = buffer[offset + 3];
  if (b0 === undefined || b3 === undefined) throw outOfRange(buffer, offset, 4);
  const b1 = buffer[offset + 1]!;
  const b2 = buffer[offset + 2]!;
  return LITTLE_ENDIAN ? (b0 | (b1 << 8) | (b2 << 16)) + b3 * 0x100_0000 : ((b1 << 16) | (b2 << 8) | b3) + b0 * 0x100_0000;
}
function outOfRange(buffer: Buffer, offset: number, size: number): RangeError {
  return new RangeError(`a ${size}-byte value at byte ${offset} runs past the ${buffer.length}-byte buffer`);
}
export function readS32(buffer: Buffer, offset = 0): number {
  return LITTLE_ENDIAN ? buffer.readInt32LE(offset) : buffer.readInt32BE(offset);
}
/** A u64 as a JS number: exact up to 2^53, far beyond any counter a director reaches. */
export function readU64(buffer: Buffer, offset = 0): number {
  const low = readU32(buffer, LITTLE_ENDIAN ? offset : offset + 4);
  const high = readU32(buffer, LITTLE_ENDIAN ? offset + 4 : offset);
  return high * 0x1_0000_0000 + low;
}
export function readBe16(buffer: Buffer, offset = 0): number {
  return buffer.readUInt16BE(offset);
}
/** A NUL-terminated string attribute. */
export function readString(buffer: Buffer): string {
  const nul = buffer.indexOf(0);
  return buffer.toString('latin1', 0, nul === -1 ? buffer.length : nul);
}

/** Builds attributes into one growing buffer; a nested level is written in place. */
export class AttributeWriter {
  private buffer = Buffer.alloc(256);
  private length = 0;

  private reserve(bytes: number): number {
    if (this.length + bytes > this.buffer.length) {
      const bigger = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + bytes));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    const at = this.length;
    this.length += bytes;
    return at;
  }

  /** Writes a header for `valueLength` bytes and returns where the value goes. */
  private header(type: number, valueLength: number): number {
    const at = this.reserve(align4(NLA_HDRLEN + valueLength));
    this.buffer.fill(0, at, at + align4(NLA_HDRLEN + valueLength));
    writeU16(this.buffer, NLA_HDRLEN + valueLength, at);
    writeU16(this.buffer, type, at + 2);
    return at + NLA_HDRLEN;
  }

  raw(type: number, value: Uint8Array): this {
    this.buffer.set(value, this.header(type, value.length));
    return this;
  }
  u8(type: number, value: number): this {
    this.buffer.writeUInt8(value & 0xff, this.header(type, 1));
    return this;
  }
  u16(type: number, value: number): this {
    writeU16(this.buffer, value, this.header(type, 2));
    return this;
  }
  u32(type: number, value: number): this {
    writeU32(this.buffer, value, this.header(type, 4));
    return this;
  }
  be16(type: number, value: number): this {
    this.buffer.writeUInt16BE(value, this.header(type, 2));
    return this;
  }
  string(type: number, value: string): this {
    const at = this.header(type, Buffer.byteLength(value, 'latin1') + 1);
    this.buffer.write(value, at, 'latin1'); // the NUL is already there
    return this;
  }
  nested(type: number, build: (writer: AttributeWriter) => void): this {
    const start = this.reserve(NLA_HDRLEN);
    build(this);
    writeU16(this.buffer, this.length - start, start);
    writeU16(this.buffer, type | NLA_F_NESTED, start + 2);
    return this;
  }
  toBuffer(): Buffer {
    return Buffer.from(this.buffer.subarray(0, this.length));
  }
}

export function writeU16(buffer: Buffer, value: number, offset: number): void {
  if (LITTLE_ENDIAN) buffer.writeUInt16LE(value, offset);
  else buffer.writeUInt16BE(value, offset);
}
export function writeU32(buffer: Buffer, value: number, offset: number): void {
  if (LITTLE_ENDIAN) buffer.writeUInt32LE(value >>> 0, offset);
  else buffer.writeUInt32BE(value >>> 0, offset);
}
