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
  while (offset + NLA_HDRLEN <= end) {
    const length = readU16(buffer, offset);
    if (length < NLA_HDRLEN || offset + length > end) {
      throw new RangeError(`malformed netlink attribute at byte ${offset} (length ${length})`);
    }
    const type = readU16(buffer, offset + 2) & NLA_TYPE_MASK;
    attributes.set(type, buffer.subarray(offset + NLA_HDRLEN, offset + length));
    offset += align4(length);
  }
  return attributes;
}

export function readU8(buffer: Buffer, offset = 0): number {
  return buffer.readUInt8(offset);
}
export function readU16(buffer: Buffer, offset = 0): number {
  return LITTLE_ENDIAN ? buffer.readUInt16LE(offset) : buffer.readUInt16BE(offset);
}
export function readU32(buffer: Buffer, offset = 0): number {
  return LITTLE_ENDIAN ? buffer.readUInt32LE(offset) : buffer.readUInt32BE(offset);
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

/** Builds one level of attributes; nested levels are built by a child writer. */
export class AttributeWriter {
  private readonly parts: Buffer[] = [];

  raw(type: number, value: Buffer): this {
    const header = Buffer.alloc(NLA_HDRLEN);
    writeU16(header, NLA_HDRLEN + value.length, 0);
    writeU16(header, type, 2);
    this.parts.push(header, value);
    const padding = align4(value.length) - value.length;
    if (padding) this.parts.push(Buffer.alloc(padding));
    return this;
  }
  u8(type: number, value: number): this {
    return this.raw(type, Buffer.from([value & 0xff]));
  }
  u16(type: number, value: number): this {
    const buffer = Buffer.alloc(2);
    writeU16(buffer, value, 0);
    return this.raw(type, buffer);
  }
  u32(type: number, value: number): this {
    const buffer = Buffer.alloc(4);
    writeU32(buffer, value, 0);
    return this.raw(type, buffer);
  }
  be16(type: number, value: number): this {
    const buffer = Buffer.alloc(2);
    buffer.writeUInt16BE(value, 0);
    return this.raw(type, buffer);
  }
  string(type: number, value: string): this {
    return this.raw(type, Buffer.from(`${value}\0`, 'latin1'));
  }
  nested(type: number, build: (writer: AttributeWriter) => void): this {
    const child = new AttributeWriter();
    build(child);
    return this.raw(type | NLA_F_NESTED, child.toBuffer());
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.parts);
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
