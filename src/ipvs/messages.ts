// Netlink framing: the 16-byte message header, the 4-byte generic-netlink header, and the
// ERROR/DONE messages that end a request. Pure: buffers in, records out and back.

import {
  GENL_HDRLEN,
  NLMSG_HDRLEN,
  NlmFlag,
  NlmsgType,
} from './constants.js';
import { align4, readS32, readU16, readU32, readU8, writeU16, writeU32 } from './attributes.js';

export interface NetlinkMessage {
  type: number;
  flags: number;
  seq: number;
  pid: number;
  /** Everything after the netlink header. */
  payload: Buffer;
}

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
  const header = Buffer.alloc(NLMSG_HDRLEN + GENL_HDRLEN);
  writeU32(header, length, 0);
  writeU16(header, request.familyId, 4);
  writeU16(header, request.flags, 6);
  writeU32(header, request.seq, 8);
  writeU32(header, request.pid, 12);
  header.writeUInt8(request.command, 16);
  header.writeUInt8(request.version, 17);
  return Buffer.concat([header, request.attributes]);
}

/** Splits one received datagram into its messages. */
export function decodeMessages(datagram: Buffer): NetlinkMessage[] {
  const messages: NetlinkMessage[] = [];
  let offset = 0;
  while (offset + NLMSG_HDRLEN <= datagram.length) {
    const length = readU32(datagram, offset);
    if (length < NLMSG_HDRLEN || offset + length > datagram.length) {
      throw new RangeError(`malformed netlink message at byte ${offset} (length ${length})`);
    }
    messages.push({
      type: readU16(datagram, offset + 4),
      flags: readU16(datagram, offset + 6),
      seq: readU32(datagram, offset + 8),
      pid: readU32(datagram, offset + 12),
      payload: datagram.subarray(offset + NLMSG_HDRLEN, offset + length),
    });
    offset += align4(length);
  }
  return messages;
}

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

export function decodeGenericPayload(payload: Buffer): GenericPayload {
  if (payload.length < GENL_HDRLEN) throw new RangeError('generic netlink payload shorter than its header');
  return {
    command: readU8(payload, 0),
    version: readU8(payload, 1),
    attributes: payload.subarray(GENL_HDRLEN),
  };
}

/** The errno of an ERROR message: 0 is an acknowledgement, otherwise a positive errno. */
export function decodeErrno(message: NetlinkMessage): number {
  if (message.payload.length < 4) throw new RangeError('netlink error message without an error code');
  return -readS32(message.payload, 0);
}

export function isTerminal(message: NetlinkMessage): boolean {
  return message.type === NlmsgType.ERROR || message.type === NlmsgType.DONE;
}

export const REQUEST_FLAGS = {
  /** A command that changes or reads one thing: the kernel acknowledges it. */
  do: NlmFlag.REQUEST | NlmFlag.ACK,
  /** A dump: replies flagged MULTI, ended by DONE. */
  dump: NlmFlag.REQUEST | NlmFlag.DUMP,
} as const;
