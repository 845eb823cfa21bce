// The kernel's page size, which bounds the datagrams of a netlink dump (see READ_BUFFER_BYTES).
// Node does not expose it; the auxiliary vector the kernel hands every process carries it.

import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';

const AT_NULL = 0;
const AT_PAGESZ = 6;
const WORD_BYTES: Partial<Record<NodeJS.Architecture, number>> = { arm: 4, ia32: 4, mips: 4, mipsel: 4, ppc: 4 };

/** The page size from an auxiliary vector's bytes (pairs of native words), or null. */
export function pageSizeOf(auxv: Buffer, wordBytes: number, littleEndian: boolean): number | null {
  const word = (offset: number): number =>
    wordBytes === 8
      ? Number(littleEndian ? auxv.readBigUInt64LE(offset) : auxv.readBigUInt64BE(offset))
      : littleEndian
        ? auxv.readUInt32LE(offset)
        : auxv.readUInt32BE(offset);
  for (let offset = 0; offset + 2 * wordBytes <= auxv.length; offset += 2 * wordBytes) {
    const type = word(offset);
    if (type === AT_NULL) break;
    if (type === AT_PAGESZ) return word(offset + wordBytes);
  }
  return null;
}

/** This kernel's page size, or null when /proc/self/auxv cannot be read. */
export function kernelPageSize(): number | null {
  try {
    return pageSizeOf(readFileSync('/proc/self/auxv'), WORD_BYTES[process.arch] ?? 8, endianness() === 'LE');
  } catch {
    return null;
  }
}
