import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { kernelPageSize, pageSizeOf } from '../../../src/ipvs/page-size.js';
import { READ_BUFFER_BYTES } from '../../../src/ipvs/channel.js';

/** An auxiliary vector of (type, value) pairs, ended by AT_NULL. */
function auxv(pairs: Array<[number, number]>, wordBytes: 4 | 8, littleEndian: boolean): Buffer {
  const words = [...pairs.flat(), 0, 0];
  const buffer = Buffer.alloc(words.length * wordBytes);
  words.forEach((value, index) => {
    const offset = index * wordBytes;
    if (wordBytes === 8) littleEndian ? buffer.writeBigUInt64LE(BigInt(value), offset) : buffer.writeBigUInt64BE(BigInt(value), offset);
    else littleEndian ? buffer.writeUInt32LE(value, offset) : buffer.writeUInt32BE(value, offset);
  });
  return buffer;
}

describe('page size', () => {
  it('reads AT_PAGESZ from 64- and 32-bit vectors of either byte order', () => {
    const pairs: Array<[number, number]> = [[33, 0x7ffd0000], [16, 0xbfebfbff], [6, 65536], [17, 100]];
    assert.equal(pageSizeOf(auxv(pairs, 8, true), 8, true), 65536);
    assert.equal(pageSizeOf(auxv(pairs, 8, false), 8, false), 65536);
    assert.equal(pageSizeOf(auxv(pairs, 4, true), 4, true), 65536);
  });

  it('says nothing when the vector has no page size, rather than reading past its end', () => {
    assert.equal(pageSizeOf(auxv([[33, 1], [17, 100]], 8, true), 8, true), null);
    assert.equal(pageSizeOf(Buffer.alloc(5), 8, true), null);
  });

  it("reads this kernel's page size, and server dumps read one page of at most 8 KiB", () => {
    const size = kernelPageSize();
    assert.ok(size !== null && size >= 4096 && (size & (size - 1)) === 0, `page size ${size}`);
    assert.equal(READ_BUFFER_BYTES.small, Math.min(size, 8192));
  });
});
