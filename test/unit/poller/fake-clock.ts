// A deterministic clock and timers for the poller: time moves only when a test advances it.

import type { PollerTimers } from '../../../src/poller.js';

interface Timer {
  at: number;
  order: number;
  callback: () => void;
}

export class FakeClock {
  time = 0;
  private timers: Timer[] = [];
  private order = 0;

  readonly now = (): number => this.time;

  readonly api: PollerTimers = {
    setTimeout: (callback, ms) => {
      const timer = { at: this.time + ms, order: this.order++, callback };
      this.timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      this.timers = this.timers.filter((timer) => timer !== handle);
    },
  };

  /** Resolves after `ms` of fake time (for slow fake backends). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.api.setTimeout(resolve, ms));
  }

  /** Run every timer due within `ms`, in order, letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((timer) => timer.at <= end).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
    await settle();
  }

  get pending(): number {
    return this.timers.length;
  }
}

/** Let every queued promise callback run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
