// The test's handle on the HTTP client in the client namespace (http-client.mjs).

import { fileURLToPath } from 'node:url';
import { NamespaceProcess, type Message } from './namespace-process.js';
import { CLIENT } from './plan.js';

const SCRIPT = fileURLToPath(new URL('./http-client.mjs', import.meta.url));
const START_TIMEOUT_MS = 90_000;

export interface Outcome {
  /** The name of the server that answered each request that succeeded, in order. */
  served: string[];
  failures: string[];
  ms: number;
}

export interface Hold {
  /** Resolves once every long-lived request has its first line, naming its server. */
  opened: Promise<Outcome>;
  /** Resolves once every one of them is over (ended by the server or released). */
  ended: Promise<Outcome>;
  /** Closes up to `count` of them from the client's side. */
  release(count: number): Promise<number>;
}

const outcome = (message: Message): Outcome => ({
  served: (message.served as string[] | undefined) ?? [],
  failures: (message.failures as string[] | undefined) ?? [],
  ms: Number(message.ms ?? 0),
});

export class HttpClient {
  private nextId = 1;

  private constructor(private readonly process: NamespaceProcess) {}

  static async start(): Promise<HttpClient> {
    const process = NamespaceProcess.start('client', CLIENT.namespace, SCRIPT);
    await process.next((message) => message.event === 'ready', START_TIMEOUT_MS, 'ready line').catch(async (error: unknown) => {
      await process.stop();
      throw error;
    });
    return new HttpClient(process);
  }

  private ask(command: Message, timeoutMs: number, event?: string): { id: number; answer: Promise<Message> } {
    const id = this.nextId++;
    const answer = this.answer(id, timeoutMs, event);
    this.process.send({ ...command, id });
    return { id, answer };
  }

  private async answer(id: number, timeoutMs: number, event?: string): Promise<Message> {
    const message = await this.process.next(
      (candidate) => candidate.id === id && (event === undefined || candidate.event === event || 'error' in candidate),
      timeoutMs,
      `answer to command ${id}`,
    );
    if ('error' in message) throw new Error(`the HTTP client failed: ${String(message.error)}`);
    return message;
  }

  /** `count` requests to vip:port, one after another, each on a new connection. */
  async get(vip: string, port: number, count: number): Promise<Outcome> {
    const { answer } = this.ask({ op: 'get', host: vip, port, count }, 30_000 + count * 5_000);
    return outcome(await answer);
  }

  /** Requests back to back for `seconds` (with `wave`, at a rate that rises and falls). */
  async load(vip: string, port: number, seconds: number, wave = false): Promise<Outcome> {
    const { answer } = this.ask({ op: 'load', host: vip, port, seconds, wave }, (seconds + 60) * 1000);
    return outcome(await answer);
  }

  /** `count` long-lived requests at once; the servers end them after `seconds`. */
  hold(vip: string, port: number, count: number, seconds: number): Hold {
    const id = this.nextId++;
    const opened = this.answer(id, 60_000, 'held').then(outcome);
    const ended = this.answer(id, (seconds + 90) * 1000, 'ended').then(outcome);
    // Neither may go unhandled while the test waits on the other.
    opened.catch(() => {});
    ended.catch(() => {});
    this.process.send({ op: 'hold', host: vip, port, count, seconds, id });
    return {
      opened,
      ended,
      release: async (releaseCount) => {
        const { answer } = this.ask({ op: 'release', hold: id, count: releaseCount }, 30_000);
        return Number((await answer).released);
      },
    };
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
