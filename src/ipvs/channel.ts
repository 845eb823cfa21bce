// One generic-netlink socket carrying one request at a time. The kernel runs at most one dump
// per socket (a second gets EBUSY), and the netlink package keeps a single multipart buffer per
// socket, so parallel requests use several channels (see pool.ts), never one channel twice.

// The raw socket alone: the package's index also loads its rtnetlink, nl80211 and WireGuard
// layers, which cost more start-up time than the rest of lvstop's CLI.
import { RawNetlinkSocket } from 'netlink/dist/raw.js';
import { GENL_HDRLEN, NlmsgType } from './constants.js';
import { encodeGenericRequest, endErrno, MessageCursor, REQUEST_FLAGS, type GenericPayload, type Replies } from './messages.js';
import { kernelPageSize } from './page-size.js';

const NETLINK_GENERIC = 16;
/**
 * What one read takes. The kernel sizes a dump's datagrams from our reads, but never below
 * NLMSG_GOODSIZE (a page less overhead, at most 8 KiB), and the package allocates and zeroes
 * this much for every read, freed only by a garbage collection. Small reads suit the server
 * dumps (about 350 bytes per real server): a page, so 4 KiB on most kernels, 8 KiB where pages
 * are bigger (a smaller read would truncate there), and 8 KiB when the page size is unknown.
 * With 32 KiB reads a server dump cost about 1.8x what it did with 4 KiB in the lab. Big reads
 * suit the service dump, which the kernel walks afresh for every datagram.
 */
export const READ_BUFFER_BYTES = { small: Math.min(kernelPageSize() ?? 8192, 8192), large: 32 * 1024 } as const;
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

/**
 * Requests of one kind sent one after another on one channel, each from the callback that
 * received the end of the one before, and answers handed over as they are read: no promise,
 * timer or trip through the event loop per request. A poll of a big table sends one server
 * dump per service, and that plumbing cost as much as decoding the answers.
 */
export interface RequestSeries {
  familyId: number;
  command: number;
  version: number;
  dump: boolean;
  /** How long each request may take. */
  timeoutMs: number;
  /** The next request's attributes, or null when the series is over. */
  next(): Buffer | null;
  /** One answer to the current request: its generic-netlink payload at [start, end) of `datagram`. */
  message(datagram: Buffer, start: number, end: number): void;
  /** The current request ended: `refusal` is what the kernel refused it with, or null. */
  end(refusal: NetlinkRequestError | null, datagrams: number): void;
}

interface Running {
  series: RequestSeries;
  seq: number;
  /** Datagrams that carried answers to the current request. */
  datagrams: number;
  /**
   * When the deadline check first saw the current request (by its seq) under way: reading the
   * clock there, not per request, spares a system call per server dump where the clock has no
   * fast path (as under emulation).
   */
  seenSince: number;
  seenSeq: number;
  resolve: () => void;
  reject: (error: Error) => void;
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

export class Channel {
  private readonly socket: RawNetlinkSocket;
  private seq = Math.floor(Math.random() * 0x7fff_0000) + 1;
  private running: Running | null = null;
  private closed = false;
  private deadlineCheck: NodeJS.Timeout | null = null;
  /**
   * The deadline timer's callback, made here and not in series(): a closure made there shares
   * its scope, so the timer held the channel's first series, and through it the whole reading
   * that series belonged to, for as long as the channel lived.
   */
  private readonly checkDeadline = (): void => this.failIfLate();
  /** Set once a request timed out: a late answer could still arrive, so the pool replaces us. */
  broken = false;
  /** One callback for every send: a send that fails ends the series it belongs to. */
  private readonly sent = (error?: NodeJS.ErrnoException): void => {
    if (error) this.fail(new NetlinkRequestError(error.errno ?? 0, error.code ?? 'send failed'));
  };

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

  /** One request: its answers, or the kernel's refusal as a NetlinkRequestError. */
  request(request: ChannelRequest): Promise<Replies> {
    const replies: GenericPayload[] = [];
    let sent = false;
    let refusal: NetlinkRequestError | null = null;
    let datagrams = 0;
    return this.series({
      ...request,
      next: () => (sent ? null : ((sent = true), request.attributes)),
      message: (datagram, start, end) => {
        replies.push({ command: datagram[start]!, version: datagram[start + 1]!, attributes: datagram.subarray(start + GENL_HDRLEN, end) });
      },
      end: (refused, count) => {
        refusal = refused;
        datagrams = count;
      },
    }).then(() => {
      if (refusal) throw refusal;
      return Object.assign(replies, { datagrams });
    });
  }

  /**
   * Runs `series` to its end. Rejects when the socket fails, a request times out, an answer is
   * malformed, or one of the series' callbacks throws; a refusal by the kernel goes to `end`.
   */
  series(series: RequestSeries): Promise<void> {
    if (this.closed) return Promise.reject(new Error('netlink channel is closed'));
    if (this.running) return Promise.reject(new Error('netlink channel is busy'));
    return new Promise<void>((resolve, reject) => {
      const running: Running = { series, seq: 0, datagrams: 0, seenSince: 0, seenSeq: 0, resolve, reject };
      this.running = running;
      this.deadlineCheck ??= setInterval(this.checkDeadline, DEADLINE_CHECK_MS).unref();
      this.socket.ref();
      this.sendNext(running);
    });
  }

  private sendNext(running: Running): void {
    let attributes: Buffer | null;
    try {
      attributes = running.series.next();
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (attributes === null) {
      this.settle()?.resolve();
      return;
    }
    this.seq = (this.seq % 0x7fff_ffff) + 1;
    running.seq = this.seq;
    running.datagrams = 0;
    const { series } = running;
    const message = encodeGenericRequest({
      familyId: series.familyId,
      command: series.command,
      version: series.version,
      flags: series.dump ? REQUEST_FLAGS.dump : REQUEST_FLAGS.do,
      seq: this.seq,
      pid: 0, // the kernel fills in our port
      attributes,
    });
    try {
      this.socket.send(message, {}, this.sent);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  private failIfLate(): void {
    const running = this.running;
    if (!running) return;
    const now = Date.now();
    if (running.seenSeq !== running.seq) {
      running.seenSeq = running.seq;
      running.seenSince = now;
      return;
    }
    // The same request since at least seenSince: never early, at most two checks late.
    if (now - running.seenSince <= running.series.timeoutMs) return;
    // A late answer could still arrive and be taken for the next request's: the pool replaces us.
    this.broken = true;
    this.fail(new NetlinkRequestError(110, 'ETIMEDOUT'));
  }

  /** Reads the datagram's messages in place: a server dump's answers are decoded straight from it. */
  private receive(datagram: Buffer): void {
    const running = this.running;
    if (!running) return; // a late answer to a request that timed out
    let counted = false;
    try {
      for (const message = new MessageCursor(datagram); message.next(); ) {
        const { type, start, end } = message;
        if (message.seq !== running.seq || type === NlmsgType.NOOP || type === NlmsgType.OVERRUN) continue;
        if (type === NlmsgType.ERROR || type === NlmsgType.DONE) {
          const errno = endErrno(datagram, type, start, end);
          this.endRequest(running, errno > 0 ? new NetlinkRequestError(errno, errnoName(errno)) : null);
          return;
        }
        if (end - start < GENL_HDRLEN) throw new RangeError('generic netlink payload shorter than its header');
        if (!counted) {
          counted = true;
          running.datagrams += 1;
        }
        running.series.message(datagram, start, end);
      }
    } catch (error) {
      if (this.running === running) this.fail(error as Error);
    }
  }

  /** Called inside receive, whose catch fails the series when `end` throws. */
  private endRequest(running: Running, refusal: NetlinkRequestError | null): void {
    running.series.end(refusal, running.datagrams);
    this.sendNext(running);
  }

  private settle(): Running | null {
    const running = this.running;
    if (!running) return null;
    this.running = null;
    if (!this.closed) this.socket.unref();
    return running;
  }

  private fail(error: Error): void {
    this.settle()?.reject(error);
  }

  get busy(): boolean {
    return this.running !== null;
  }

  close(): void {
    if (this.closed) return;
    this.fail(new Error('netlink channel closed'));
    this.closed = true;
    if (this.deadlineCheck) clearInterval(this.deadlineCheck);
    this.socket.close();
  }
}
