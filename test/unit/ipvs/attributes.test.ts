import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AttributeWriter, parseAttributes, readU64, readString, readU32 } from '../../../src/ipvs/attributes.js';
import { decodeMessages, encodeGenericRequest, decodeGenericPayload, decodeErrno } from '../../../src/ipvs/messages.js';

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

  it('splits a datagram into messages and reads an error code', () => {
    const ack = Buffer.from('24000000020000000900000000000000' + 'efffffff' + '14000000' + '1d000500090000000000000000', 'hex');
    const done = Buffer.from('14000000030002000a0000000000000000000000', 'hex');
    const messages = decodeMessages(Buffer.concat([ack.subarray(0, 36), done]));
    assert.equal(messages.length, 2);
    assert.equal(messages[0]!.type, 2);
    assert.equal(decodeErrno(messages[0]!), 17);
    assert.equal(messages[1]!.type, 3);
    assert.equal(messages[1]!.seq, 10);
  });

  it('splits the generic header from the attributes', () => {
    const payload = decodeGenericPayload(Buffer.from('0401000008000100aabbccdd', 'hex'));
    assert.equal(payload.command, 4);
    assert.equal(payload.attributes.length, 8);
  });
});
