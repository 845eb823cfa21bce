import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeWriter, parseAttributes, readU64, readString, readU32 } from '../../../src/ipvs/attributes.js';
import { encodeGenericRequest, endErrno, MessageCursor } from '../../../src/ipvs/messages.js';

describe('netlink attributes', () => {
  it('pads values to 4 bytes and records the unpadded length', () => {
    const bytes = new AttributeWriter().u8(1, 7).string(2, 'wrr').toBuffer();
    assert.equal(bytes.toString('hex'), '0500010007000000' + '0800020077727200');
    const attributes = parseAttributes(bytes);
    assert.equal(attributes.get(1)?.length, 1);
    assert.equal(readString(attributes.get(2)!), 'wrr');
  });

  it('marks nested attributes and strips the flag when parsing', () => {
    const bytes = new AttributeWriter().nested(1, (w) => w.u32(3, 42)).toBuffer();
    assert.equal(bytes.readUInt16LE(2), 0x8001);
    const inner = parseAttributes(parseAttributes(bytes).get(1)!);
    assert.equal(readU32(inner.get(3)!), 42);
  });

  it('reads u64 counters beyond 32 bits exactly', () => {
    const value = Buffer.alloc(8);
    value.writeBigUInt64LE(0x1_2345_6789n);
    assert.equal(readU64(value), 0x1_2345_6789);
  });

  it('refuses an attribute whose length runs past the buffer', () => {
    const bytes = Buffer.from('0c000100aabbccdd', 'hex');
    assert.throws(() => parseAttributes(bytes), /malformed netlink attribute/);
  });
});

describe('netlink messages', () => {
  it('frames a generic request with its header lengths', () => {
    const message = encodeGenericRequest({ familyId: 0x1d, command: 15, version: 1, flags: 5, seq: 9, pid: 0, attributes: Buffer.alloc(0) });
    assert.equal(message.toString('hex'), '14000000' + '1d00' + '0500' + '09000000' + '00000000' + '0f010000');
  });

  const ack = Buffer.from('24000000020000000900000000000000' + 'efffffff' + '14000000' + '1d000500090000000000000000', 'hex');
  const done = Buffer.from('14000000030002000a0000000000000000000000', 'hex');
  const messagesOf = (datagram: Buffer, stopAt = -1) => {
    const seen: Array<{ type: number; seq: number; errno: number }> = [];
    for (const message = new MessageCursor(datagram); message.next(); ) {
      const { type, seq, start, end } = message;
      seen.push({ type, seq, errno: endErrno(datagram, type, start, end) });
      if (type === stopAt) break;
    }
    return seen;
  };

  it("walks a datagram's messages in place and reads the errno that ends a request", () => {
    assert.deepEqual(messagesOf(Buffer.concat([ack.subarray(0, 36), done])), [
      { type: 2, seq: 9, errno: 17 },
      { type: 3, seq: 10, errno: 0 },
    ]);
  });

  it('can be left where the request ended, the rest of the datagram unread', () => {
    assert.deepEqual(messagesOf(Buffer.concat([ack.subarray(0, 36), done]), 2), [{ type: 2, seq: 9, errno: 17 }]);
  });

  it('refuses a message whose length runs past the datagram, and an error without its code', () => {
    assert.throws(() => messagesOf(Buffer.concat([ack.subarray(0, 36), done.subarray(0, 18)])), /malformed netlink message at byte 36/);
    const bareError = Buffer.from('10000000020000000900000000000000', 'hex');
    assert.throws(() => messagesOf(bareError), /error message without an error code/);
  });
});
