// The dump helper's thread (see dump-helper.ts): it reads the real servers of the services it
// claims from the shared cursor, on channels of its own, and hands the answers back as bytes,
// nothing decoded. Decoding stays on the main thread, so the objects a snapshot is made of are
// built where they are used and never copied between threads.

import { parentPort, workerData } from 'node:worker_threads';
import { Channel, READ_BUFFER_BYTES, type RequestSeries } from './channel.js';
import { Cmd, IPVS_GENL_VERSION } from './constants.js';
import { CLAIMED, CURSOR, FLUSH_SERVICES, type HelperAnswers, type HelperReply, type HelperRequest, type HelperSetup } from './dump-helper-protocol.js';
import { ChannelPool } from './pool.js';

const setup = workerData as HelperSetup;
const port = parentPort!;
const pool = new ChannelPool({ maxInFlight: setup.maxInFlight, openChannel: () => new Channel(READ_BUFFER_BYTES.small) });

/** Answers gathered since the last flush: the messages' bytes, and which services ended. */
class Outbox {
  private bytes = Buffer.allocUnsafe(256 * 1024);
  private used = 0;
  private messageEnds: number[] = [];
  private messageOwners: number[] = [];
  private ended: number[] = [];
  private datagrams: number[] = [];
  private errnos: number[] = [];

  constructor(private readonly id: number) {}

  message(owner: number, datagram: Buffer, start: number, end: number): void {
    const length = end - start;
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    datagram.copy(this.bytes, this.used, start, end);
    this.used += length;
    this.messageEnds.push(this.used);
    this.messageOwners.push(owner);
  }

  end(owner: number, datagrams: number, errno: number): void {
    this.ended.push(owner);
    this.datagrams.push(datagrams);
    this.errnos.push(errno);
    if (this.ended.length >= FLUSH_SERVICES) this.flush();
  }

  flush(): void {
    if (this.ended.length === 0 && this.messageEnds.length === 0) return;
    const bytes = this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.used);
    const answers: HelperAnswers = {
      kind: 'answers',
      id: this.id,
      bytes,
      messageEnds: Uint32Array.from(this.messageEnds),
      messageOwners: Uint32Array.from(this.messageOwners),
      ended: Uint32Array.from(this.ended),
      datagrams: Uint32Array.from(this.datagrams),
      errnos: Int32Array.from(this.errnos),
    };
    port.postMessage(answers, [bytes]); // the small arrays are copied
    this.used = 0;
    this.messageEnds = [];
    this.messageOwners = [];
    this.ended = [];
    this.datagrams = [];
    this.errnos = [];
  }
}

async function dump({ id, keyBytes, keyEnds, claims }: HelperRequest): Promise<void> {
  const keys = Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.byteLength);
  const count = keyEnds.length;
  const outbox = new Outbox(id);
  // Counted as claimed before the cursor moves, so the main thread never sees a service
  // taken that it cannot tell is still on its way here.
  const claim = (): number => {
    Atomics.add(claims, CLAIMED, 1);
    const position = Atomics.add(claims, CURSOR, 1);
    if (position < count) return position;
    Atomics.sub(claims, CLAIMED, 1);
    return -1;
  };
  const series = (): RequestSeries => {
    let position = -1;
    return {
      familyId: setup.familyId,
      command: Cmd.GET_DEST,
      version: IPVS_GENL_VERSION,
      dump: true,
      timeoutMs: setup.timeoutMs,
      next: () => {
        position = claim();
        if (position === -1) return null;
        return keys.subarray(position === 0 ? 0 : keyEnds[position - 1]!, keyEnds[position]!);
      },
      message: (datagram, start, end) => outbox.message(position, datagram, start, end),
      end: (refusal, datagrams) => outbox.end(position, datagrams, refusal ? refusal.errno : 0),
    };
  };
  try {
    await Promise.all(Array.from({ length: Math.min(setup.maxInFlight, count) }, () => pool.series(series())));
    outbox.flush();
    port.postMessage({ kind: 'done', id } satisfies HelperReply);
  } catch (error) {
    // What was flushed stands; what was not, the main thread reads again itself.
    port.postMessage({ kind: 'failed', id, reason: (error as Error).message } satisfies HelperReply);
  }
}

// One dump at a time, in the order asked: a dump asked after an abandoned one finds its own
// cursor and claims nothing from the other.
let queue = Promise.resolve();
port.on('message', (request: HelperRequest | 'close') => {
  if (request === 'close') {
    // The netlink binding aborts the process when a thread is torn down with its sockets open,
    // so they are closed first, busy ones too (a dump under way ends now, failed), both when
    // the helper is stopped and when the process exits (dump-helper.ts asks, and waits).
    pool.abort();
    if (setup.closed) {
      Atomics.store(setup.closed, 0, 1);
      Atomics.notify(setup.closed, 0);
    }
    queue = queue.then(() => port.close());
    return;
  }
  queue = queue.then(() => dump(request));
});
port.postMessage({ kind: 'ready' } satisfies HelperReply);
