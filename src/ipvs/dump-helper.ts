// A second thread for the server dumps of whole readings of big tables. A reading sends one
// server dump per service, and on one thread each costs a send, three reads and their
// callbacks: at 1000 and 5000 services that was most of a snapshot, as long as ipvsadm takes
// for all of its work (BENCHMARKS.md). With a helper the two threads take services from one
// shared cursor, so the faster takes more, and the helper hands its answers back as bytes
// that the main thread decodes between its own.
//
// The helper only ever costs time, never a reading: when it fails to start, dies, or a request
// of its own fails, the services it took and did not answer are read on the main thread. It is
// started on first use and stopped when unused for a while (idle, it is ~5-10 MB of memory).

import { Worker, type WorkerOptions } from 'node:worker_threads';
import { CLAIMED, CLAIM_SLOTS, CURSOR, type HelperAnswers, type HelperReply, type HelperRequest, type HelperSetup } from './dump-helper-protocol.js';

/** A helper not asked for this long is stopped. */
export const HELPER_IDLE_MS = 20_000;
/** How long an exiting process waits for the thread to close its sockets. */
const EXIT_WAIT_MS = 500;

/** Where the thread's entry is: beside this module, as built or as source (the tests run the source). */
const THREAD_URL = new URL(import.meta.url.endsWith('.ts') ? './dump-helper-thread.ts' : './dump-helper-thread.js', import.meta.url);

/** The helper's side of one set of server dumps. */
export interface SharedDump {
  /** The next position for the caller to read, or -1 when every service is taken. */
  claim(): number;
  /** No more services are taken by either thread (the caller found a reason to stop). */
  stop(): void;
  /** Resolves once every service the helper took has been answered, or the helper gave up. */
  settled(): Promise<void>;
}

export class DumpHelper {
  private worker: Worker | null = null;
  private ready = false;
  /** The helper could not start: it is not tried again. */
  private unavailable = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private current: { id: number; onReply: (reply: HelperReply) => void; onLost: () => void } | null = null;
  /** Whole readings that had the helper's help, and the services it answered (tests and benchmarks read them). */
  sharedDumps = 0;
  servicesAnswered = 0;

  private readonly threadUrl: URL;
  private readonly idleMs: number;

  /** `threadUrl` and `idleMs` are for tests: a thread that fails, a shorter wait before stopping. */
  constructor(
    private readonly setup: HelperSetup,
    options: { threadUrl?: URL; idleMs?: number } = {},
  ) {
    this.threadUrl = options.threadUrl ?? THREAD_URL;
    this.idleMs = options.idleMs ?? HELPER_IDLE_MS;
  }

  get available(): boolean {
    return !this.unavailable;
  }

  /** A thread is up (or starting): between its first use and its idle stop. */
  get running(): boolean {
    return this.worker !== null;
  }

  /**
   * Shares the server dumps of `keys` with the helper. `take` gets each set of the helper's
   * answers, on the main thread, as they come.
   */
  share(keys: readonly Buffer[], take: (answers: HelperAnswers) => void): SharedDump {
    const count = keys.length;
    const worker = this.start();
    if (!worker) return soloDump(count);
    const claims = new Int32Array(new SharedArrayBuffer(CLAIM_SLOTS * Int32Array.BYTES_PER_ELEMENT));
    // The count numbers each set too: the thread's replies name the set they answer.
    const id = ++this.sharedDumps;
    let answered = 0;
    let over = false;
    let wake: (() => void) | null = null;
    // Over for the helper; the caller goes on taking what is left (and reads again what the
    // helper took and did not answer).
    const finish = () => {
      if (over) return;
      over = true;
      if (this.current?.id === id) this.current = null;
      this.rest();
      wake?.();
    };
    // Nothing of the helper's is outstanding once every service it took has been answered.
    const caughtUp = () => Atomics.load(claims, CURSOR) >= count && Atomics.load(claims, CLAIMED) === answered;
    this.current = {
      id,
      onReply: (reply) => {
        if (reply.kind === 'answers') {
          answered += reply.ended.length;
          this.servicesAnswered += reply.ended.length;
          take(reply);
          if (wake && caughtUp()) finish();
        } else if (reply.kind === 'done' || reply.kind === 'failed') {
          finish();
        }
      },
      onLost: finish,
    };
    const keyEnds = new Uint32Array(count);
    let end = 0;
    keys.forEach((key, index) => (keyEnds[index] = end += key.length));
    const keyBytes = Buffer.concat(keys as Buffer[], end);
    worker.ref();
    worker.postMessage({ id, keyBytes, keyEnds, claims } satisfies HelperRequest);
    return {
      ...soloDump(count, claims),
      settled: () => {
        Atomics.store(claims, CURSOR, count);
        if (over || caughtUp()) {
          finish();
          return Promise.resolve();
        }
        return new Promise<void>((resolve) => {
          // A helper that stops answering is given up on: what it took is read here instead.
          const guard = setTimeout(() => {
            this.stopWorker();
            finish();
          }, this.setup.timeoutMs * 2);
          wake = () => {
            clearTimeout(guard);
            resolve();
          };
          if (over) wake();
        });
      },
    };
  }

  close(): void {
    this.unavailable = true;
    this.stopWorker();
  }

  private start(): Worker | null {
    if (this.unavailable) return null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (this.worker) return this.worker;
    let worker: Worker;
    const closed = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    try {
      worker = startThread(this.threadUrl, {
        workerData: { ...this.setup, closed } satisfies HelperSetup,
        // Small heaps: the helper keeps only the answers of one flush at a time.
        resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 2 },
        // Nothing of the thread's reaches the terminal the TUI draws on.
        stdout: true,
        stderr: true,
      });
    } catch {
      this.unavailable = true;
      return null;
    }
    worker.on('message', (reply: HelperReply) => {
      if (reply.kind === 'ready') this.ready = true;
      else if (this.current && 'id' in reply && reply.id === this.current.id) this.current.onReply(reply);
    });
    const lost = () => {
      if (this.worker !== worker) return;
      // One that never came up will not next time either.
      if (!this.ready) this.unavailable = true;
      this.worker = null;
      this.ready = false;
      this.current?.onLost();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    // A process that exits with a dump under way (process.exit on a crash) would tear the
    // thread down inside the netlink binding, which aborts: the thread closes its sockets first.
    const onExit = () => {
      worker.postMessage('close');
      Atomics.wait(closed, 0, 0, EXIT_WAIT_MS);
    };
    process.on('exit', onExit);
    worker.once('exit', () => process.off('exit', onExit));
    this.worker = worker;
    this.ready = false;
    return worker;
  }

  /** Between dumps the helper does not keep the process alive, and goes when unused. */
  private rest(): void {
    const worker = this.worker;
    if (!worker) return;
    worker.unref();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stopWorker(), this.idleMs).unref();
  }

  private stopWorker(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.ready = false;
    this.current?.onLost();
    // Asked to end, not terminated: the thread must close its sockets first (see its close).
    worker.postMessage('close');
    worker.unref();
  }
}

function startThread(url: URL, options: WorkerOptions): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, options);
  // From source (the tests), the thread loads tsx first, as the main thread did: Node 20 does
  // not hand a thread the main thread's loader.
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { ...options, eval: true });
}

/** Without a helper: every position of `count` is the caller's (`claims` are shared when a helper takes some too). */
export function soloDump(count: number, claims: Int32Array<ArrayBufferLike> = new Int32Array(CLAIM_SLOTS)): SharedDump {
  return {
    claim: () => {
      const position = Atomics.add(claims, CURSOR, 1);
      return position < count ? position : -1;
    },
    stop: () => Atomics.store(claims, CURSOR, count),
    settled: () => Promise.resolve(),
  };
}
