// One generic-netlink socket carrying one request at a time. The kernel runs at most one dump
// per socket (a second gets EBUSY), and the netlink package keeps a single multipart buffer per
// socket, so parallel requests use several channels (see pool.ts), never one channel twice.

// The raw socket alone: the package's index also loads its rtnetlink, nl80211 and WireGuard
// layers, which cost more start-up time than the rest of lvstop's CLI.
import { RawNetlinkSocket } from 'netlink/dist/raw.js';
import { NlmsgType } from './constants.js';
import {
  decodeErrno,
  decodeGenericPayload,
  decodeMessages,
  encodeGenericRequest,
  REQUEST_FLAGS,
  type GenericPayload,
  type NetlinkMessage,
  type Replies,
} from './messages.js';
import { readS32 } from './attributes.js';

const NETLINK_GENERIC = 16;
/**
 * What one read takes. The kernel sizes a dump's datagrams from our reads, but never below
 * NLMSG_GOODSIZE (a page less overhead, at most 8 KiB: on kernels with 64 KiB pages a 4 KiB
 * read would truncate), and the package allocates and zeroes this much for every read, freed
 * only by a garbage collection. Small reads suit the server dumps (about 350 bytes per real
 * server): with 32 KiB reads a server dump cost about 1.8x what it did with 4 KiB in the lab.
 * Big reads suit the service dump, which the kernel walks afresh for every datagram.
 */
export const READ_BUFFER_BYTES = { small: 8 * 1024, large: 32 * 1024 } as const;
const SOCKET_RECEIVE_BYTES = 4 * 1024 * 1024;
/**
 * How often a channel looks for a request past its deadline. One steady timer per channel
 * rather than a timer per request: a poll of a big table sends thousands of requests.
 */
const DEADLINE_CHECK_MS = 250;

/** A request the kernel refused, with its errno (e.g. 17 for EEXIST). */
export class NetlinkRequestError extends Error {
  constructor(
    readonly errno: number,
    readonly code: string,
  ) {
    super(`netlink request failed: ${code}`);
  }
}

export interface ChannelRequest {
  familyId: number;
  command: number;
  version: number;
  dump: boolean;
  attributes: Buffer;
  timeoutMs: number;
}

interface Pending {
  seq: number;
  dump: boolean;
  replies: GenericPayload[];
  /** Datagrams that carried messages of this request. */
  datagrams: number;
  resolve: (replies: Replies) => void;
  reject: (error: Error) => void;
  /** Date.now() after which the request has timed out. */
  deadline: number;
}

const ERRNO_NAMES: Record<number, string> = {
  1: 'EPERM',
  2: 'ENOENT',
  3: 'ESRCH',
  12: 'ENOMEM',
  13: 'EACCES',
  16: 'EBUSY',
  17: 'EEXIST',
  19: 'ENODEV',
  22: 'EINVAL',
  34: 'ERANGE',
  95: 'EOPNOTSUPP',
  105: 'ENOBUFS',
  110: 'ETIMEDOUT',
};
export const errnoName = (errno: number): string => ERRNO_NAMES[errno] ?? `errno ${errno}`;

/** An answer's content, as opposed to its end (DONE, or ERROR 0 after a plain request). */
const isData = (message: NetlinkMessage): boolean =>
  message.type !== NlmsgType.DONE && message.type !== NlmsgType.ERROR && message.type !== NlmsgType.NOOP && message.type !== NlmsgType.OVERRUN;

export class Channel {
  private readonly socket: RawNetlinkSocket;
  private seq = Math.floor(Math.random() * 0x7fff_0000) + 1;
  private pending: Pending | null = null;
  private closed = false;
  private deadlineCheck: NodeJS.Timeout | null = null;
  /** Set once a request timed out: a late answer could still arrive, so the pool replaces us. */
  broken = false;

  constructor(readBufferBytes: number = READ_BUFFER_BYTES.small) {
    this.socket = new RawNetlinkSocket(NETLINK_GENERIC, {
      messagePeeking: false,
      msgBufferSize: readBufferBytes,
      recvBufferSize: SOCKET_RECEIVE_BYTES,
      sendBufferSize: 256 * 1024,
    });
    this.socket.on('message', (datagram) => this.receive(datagram));
    this.socket.on('truncatedMessage', () => this.fail(new Error('a netlink reply was larger than the read buffer')));
    this.socket.on('error', (error) => this.fail(error));
    this.socket.unref(); // an idle channel must not keep the process alive
  }

  request(request: ChannelRequest): Promise<Replies> {
    if (this.closed) return Promise.reject(new Error('netlink channel is closed'));
    if (this.pending) return Promise.reject(new Error('netlink channel is busy'));
    this.seq = (this.seq % 0x7fff_ffff) + 1;
    const seq = this.seq;
    const message = encodeGenericRequest({
      familyId: request.familyId,
      command: request.command,
      version: request.version,
      flags: request.dump ? REQUEST_FLAGS.dump : REQUEST_FLAGS.do,
      seq,
      pid: 0, // the kernel fills in our port
      attributes: request.attributes,
    });
    return new Promise<Replies>((resolve, reject) => {
      this.pending = { seq, dump: request.dump, replies: [], datagrams: 0, resolve, reject, deadline: Date.now() + request.timeoutMs };
      this.deadlineCheck ??= setInterval(() => this.failIfLate(), DEADLINE_CHECK_MS).unref();
      this.socket.ref();
      this.socket.send(message, {}, (error) => {
        if (error) this.fail(new NetlinkRequestError(error.errno ?? 0, error.code ?? 'send failed'));
      });
    });
  }

  private failIfLate(): void {
    if (!this.pending || Date.now() <= this.pending.deadline) return;
    // A late answer could still arrive and be taken for the next request's: the pool replaces us.
    this.broken = true;
    this.fail(new NetlinkRequestError(110, 'ETIMEDOUT'));
  }

  private receive(datagram: Buffer): void {
    const pending = this.pending;
    if (!pending) return; // a late answer to a request that timed out
    let messages: NetlinkMessage[];
    try {
      messages = decodeMessages(datagram);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (messages.some((message) => message.seq === pending.seq && isData(message))) pending.datagrams += 1;
    for (const message of messages) {
      if (message.seq !== pending.seq) continue;
      if (message.type === NlmsgType.ERROR) {
        const errno = decodeErrno(message);
        if (errno === 0) this.finish();
        else this.fail(new NetlinkRequestError(errno, errnoName(errno)));
        return;
      }
      if (message.type === NlmsgType.DONE) {
        // A dump that failed midway says so in DONE's payload.
        const status = message.payload.length >= 4 ? -readS32(message.payload, 0) : 0;
        if (status > 0) this.fail(new NetlinkRequestError(status, errnoName(status)));
        else this.finish();
        return;
      }
      if (message.type === NlmsgType.NOOP || message.type === NlmsgType.OVERRUN) continue;
      try {
        pending.replies.push(decodeGenericPayload(message.payload));
      } catch (error) {
        this.fail(error as Error);
        return;
      }
    }
  }

  private settle(): Pending | null {
    const pending = this.pending;
    if (!pending) return null;
    this.pending = null;
    if (!this.closed) this.socket.unref();
    return pending;
  }

  private finish(): void {
    const pending = this.settle();
    pending?.resolve(Object.assign(pending.replies, { datagrams: pending.datagrams }));
  }

  private fail(error: Error): void {
    const pending = this.settle();
    pending?.reject(error);
  }

  get busy(): boolean {
    return this.pending !== null;
  }

  close(): void {
    if (this.closed) return;
    this.fail(new Error('netlink channel closed'));
    this.closed = true;
    if (this.deadlineCheck) clearInterval(this.deadlineCheck);
    this.socket.close();
  }
}
