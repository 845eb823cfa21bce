// Netlink framing: the 16-byte message header, the 4-byte generic-netlink header, and the
// ERROR/DONE messages that end a request. Pure: buffers in, records out and back.

import {
  GENL_HDRLEN,
  NLMSG_HDRLEN,
  NlmFlag,
  NlmsgType,
} from './constants.js';
import { align4, readS32, readU16, readU32, writeU16, writeU32 } from './attributes.js';

export interface GenericRequest {
  familyId: number;
  command: number;
  version: number;
  flags: number;
  seq: number;
  pid: number;
  attributes: Buffer;
}

export function encodeGenericRequest(request: GenericRequest): Buffer {
  const length = NLMSG_HDRLEN + GENL_HDRLEN + request.attributes.length;
  // From Node's shared pool, not zeroed: every byte is written below (a poll sends one request
  // per service, and a zeroed buffer of its own each was a tenth of the cost of sending it).
  const message = Buffer.allocUnsafe(length);
  writeU32(message, length, 0);
  writeU16(message, request.familyId, 4);
  writeU16(message, request.flags, 6);
  writeU32(message, request.seq, 8);
  writeU32(message, request.pid, 12);
  message.writeUInt8(request.command, 16);
  message.writeUInt8(request.version, 17);
  writeU16(message, 0, 18); // reserved
  request.attributes.copy(message, NLMSG_HDRLEN + GENL_HDRLEN);
  return message;
}

/**
 * Steps through the messages of a received datagram in place: after each `next()` that returns
 * true, the message's `type`, `seq` and its payload's span [`start`, `end`). No callback or
 * allocation per message: every server dump of a poll arrives through it.
 */
export class MessageCursor {
  type = 0;
  seq = 0;
  start = 0;
  end = 0;
  private offset = 0;

  constructor(private readonly datagram: Buffer) {}

  next(): boolean {
    const { datagram, offset } = this;
    if (offset + NLMSG_HDRLEN > datagram.length) return false;
    const length = readU32(datagram, offset);
    if (length < NLMSG_HDRLEN || offset + length > datagram.length) {
      throw new RangeError(`malformed netlink message at byte ${offset} (length ${length})`);
    }
    this.type = readU16(datagram, offset + 4);
    this.seq = readU32(datagram, offset + 8);
    this.start = offset + NLMSG_HDRLEN;
    this.end = offset + length;
    this.offset = offset + align4(length);
    return true;
  }
}

/** A request's answers, each a generic-netlink header and its attributes. */
export interface GenericPayload {
  command: number;
  version: number;
  /** The attributes after the generic header. */
  attributes: Buffer;
}

/**
 * A request's answer: its messages, and how many datagrams carried them (a dump carried by
 * more than one can tear, see torn-dump.ts). A missing count means one.
 */
export type Replies = GenericPayload[] & { datagrams?: number };

/**
 * The errno ending a request, from an ERROR message (0 acknowledges) or a DONE message (a
 * dump that failed midway says so in its payload; older kernels send none).
 */
export function endErrno(datagram: Buffer, type: number, payloadStart: number, payloadEnd: number): number {
  if (payloadEnd - payloadStart >= 4) {
    const code = readS32(datagram, payloadStart); // the kernel's -errno
    return code < 0 ? -code : 0;
  }
  if (type === NlmsgType.ERROR) throw new RangeError('netlink error message without an error code');
  return 0;
}

export const REQUEST_FLAGS = {
  /** A command that changes or reads one thing: the kernel acknowledges it. */
  do: NlmFlag.REQUEST | NlmFlag.ACK,
  /** A dump: replies flagged MULTI, ended by DONE. */
  dump: NlmFlag.REQUEST | NlmFlag.DUMP,
} as const;
