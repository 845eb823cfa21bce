// A terminal for benchmarks: a stdout of a chosen size that notes when each write happens, and
// a stdin that delivers keys the way Ink reads them ('readable', then read()).

import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  /** performance.now() of the latest write, and how many writes so far. */
  lastWriteAt = 0;
  writes = 0;
  /** Characters written so far. */
  written = 0;
  lastFrame = '';

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    super();
  }

  write = (data: string): boolean => {
    this.lastWriteAt = performance.now();
    this.writes += 1;
    this.written += data.length;
    // The synchronized-output brackets around a frame are short; keep the frame itself.
    if (data.length > 32) this.lastFrame = data;
    return true;
  };
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;

  press(data: string): void {
    this.pending = data;
    this.emit('readable');
  }

  read = (): string | null => {
    const data = this.pending;
    this.pending = null;
    return data;
  };

  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** Ink draws only the last frame when it believes it runs in CI: make it render normally. */
export function neutraliseCi(env: NodeJS.ProcessEnv = process.env): void {
  // is-in-ci reads these two when Ink is first loaded, so call this before importing Ink.
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
}
