// A bounded set of channels. Requests beyond the bound wait in a queue: the netlink package
// aborts the whole process when thousands of requests are in flight at once (LAB.md), so the
// bound is what keeps a 5000-service table safe to read.

import { Channel, type ChannelRequest, type RequestSeries } from './channel.js';
import type { Replies } from './messages.js';

export interface PoolOptions {
  /** Most requests in flight at once (one per channel). */
  maxInFlight: number;
  /** Makes a channel; tests substitute their own. */
  openChannel?: () => PooledChannel;
}

export type PooledChannel = Pick<Channel, 'request' | 'series' | 'close' | 'broken'>;

export class ChannelPool {
  private readonly idle: PooledChannel[] = [];
  /** Channels carrying a request or series now (abort closes them too). */
  private readonly busy = new Set<PooledChannel>();
  private readonly waiting: Array<{ resolve: (channel: PooledChannel) => void; reject: (error: Error) => void }> = [];
  private open = 0;
  private inFlight = 0;
  /** The highest number of requests seen in flight at once; tests check the bound with it. */
  peakInFlight = 0;
  private closed = false;
  private readonly openChannel: () => PooledChannel;

  /** Most requests in flight at once. */
  get maxInFlight(): number {
    return this.options.maxInFlight;
  }

  constructor(private readonly options: PoolOptions) {
    if (!(options.maxInFlight >= 1)) throw new RangeError('maxInFlight must be at least 1');
    this.openChannel = options.openChannel ?? (() => new Channel());
  }

  request(request: ChannelRequest): Promise<Replies> {
    return this.onChannel((channel) => channel.request(request));
  }

  /** Runs a series of requests on one channel (see RequestSeries): one in flight, for its whole length. */
  series(series: RequestSeries): Promise<void> {
    return this.onChannel((channel) => channel.series(series));
  }

  private async onChannel<T>(work: (channel: PooledChannel) => Promise<T>): Promise<T> {
    const channel = await this.acquire();
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    this.busy.add(channel);
    try {
      return await work(channel);
    } finally {
      this.busy.delete(channel);
      this.inFlight -= 1;
      this.release(channel);
    }
  }

  private acquire(): Promise<PooledChannel> {
    if (this.closed) return Promise.reject(new Error('the IPVS client is closed'));
    const channel = this.idle.pop();
    if (channel) return Promise.resolve(channel);
    if (this.open < this.options.maxInFlight) {
      this.open += 1;
      try {
        return Promise.resolve(this.openChannel());
      } catch (error) {
        this.open -= 1;
        return Promise.reject(error);
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(channel: PooledChannel): void {
    let next = channel;
    if (channel.broken || this.closed) {
      channel.close();
      this.open -= 1;
      if (this.closed || this.waiting.length === 0) return;
      try {
        next = this.openChannel();
        this.open += 1;
      } catch {
        return; // the waiter is served when another channel frees up
      }
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(next);
    else this.idle.push(next);
  }

  /** Closes the idle channels now; busy ones close when their request or series ends. */
  close(): void {
    this.closed = true;
    for (const channel of this.idle.splice(0)) channel.close();
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('the IPVS client is closed'));
    this.open = 0;
  }

  /** Closes every channel now, busy ones too: what they carry fails. */
  abort(): void {
    this.close();
    for (const channel of this.busy) channel.close();
  }
}
