// A node script running inside a network namespace, spoken to in JSON lines: commands on its
// stdin, events and answers on its stdout. Its stderr goes to ours, prefixed, for diagnosis.

import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export type Message = Record<string, unknown>;

interface Waiter {
  matches: (message: Message) => boolean;
  resolve: (message: Message) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class NamespaceProcess {
  private readonly listeners = new Set<(message: Message) => void>();
  private readonly waiters = new Set<Waiter>();
  private exited: string | null = null;

  private constructor(
    readonly label: string,
    private readonly child: ChildProcessByStdio<Writable, Readable, Readable>,
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => this.receive(line));
    createInterface({ input: child.stderr }).on('line', (line) => process.stderr.write(`[${label}] ${line}\n`));
    child.on('exit', (code, signal) => this.ended(`${label} exited with ${signal ?? code}`));
    child.on('error', (error) => this.ended(`${label} could not start: ${error.message}`));
    // A process that ends while we write to it must not crash the test run.
    child.stdin.on('error', () => {});
  }

  /** Starts `node script ...args` in `namespace`. */
  static start(label: string, namespace: string, script: string, args: string[] = []): NamespaceProcess {
    const child = spawn('ip', ['netns', 'exec', namespace, process.execPath, script, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    return new NamespaceProcess(label, child);
  }

  private ended(why: string): void {
    this.exited = why;
    for (const waiter of this.waiters) this.settle(waiter, new Error(why));
  }

  private receive(line: string): void {
    let message: Message;
    try {
      message = JSON.parse(line) as Message;
    } catch {
      process.stderr.write(`[${this.label}] ${line}\n`);
      return;
    }
    for (const listener of this.listeners) listener(message);
    for (const waiter of this.waiters) if (waiter.matches(message)) this.settle(waiter, message);
  }

  /** Hears every message from now on. */
  onMessage(listener: (message: Message) => void): void {
    this.listeners.add(listener);
  }

  private settle(waiter: Waiter, outcome: Message | Error): void {
    this.waiters.delete(waiter);
    clearTimeout(waiter.timer);
    if (outcome instanceof Error) waiter.reject(outcome);
    else waiter.resolve(outcome);
  }

  /** The next message (from now on) that `matches`; rejects after `timeoutMs` or if the process ends. */
  next(matches: (message: Message) => boolean, timeoutMs: number, what: string): Promise<Message> {
    return new Promise((resolve, reject) => {
      if (this.exited !== null) {
        reject(new Error(this.exited));
        return;
      }
      const waiter: Waiter = {
        matches,
        resolve,
        reject,
        timer: setTimeout(() => this.settle(waiter, new Error(`${this.label}: no ${what} within ${timeoutMs / 1000} s`)), timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  send(message: Message): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Ends the process (closing stdin first lets a well-behaved one leave by itself). */
  async stop(): Promise<void> {
    if (this.exited !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    this.child.kill('SIGTERM');
    await gone;
  }
}
