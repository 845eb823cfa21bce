// A binary min-heap of timed events. Ties keep insertion order, so a run replays exactly the
// same way however the caller slices time into advance() calls.
//
// Times and sequence numbers sit in typed arrays beside the payloads, not in an object per
// event: a big simulated table keeps over a million events queued (one per connection), and
// an object each is garbage the collector must trace and copy while it waits.

export interface TimedEvent<T> {
  at: number;
  seq: number;
  payload: T;
}

const INITIAL_CAPACITY = 64;

export class EventQueue<T> {
  private times = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private readonly payloads: (T | undefined)[] = [];
  private length = 0;
  private seq = 0;

  get size(): number {
    return this.length;
  }

  push(at: number, payload: T): void {
    if (this.length === this.times.length) this.grow();
    const { times, seqs, payloads } = this;
    const seq = this.seq++;
    let i = this.length++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentAt = times[parent]!;
      if (!(at < parentAt || (at === parentAt && seq < seqs[parent]!))) break;
      times[i] = parentAt;
      seqs[i] = seqs[parent]!;
      payloads[i] = payloads[parent];
      i = parent;
    }
    times[i] = at;
    seqs[i] = seq;
    payloads[i] = payload;
  }

  /** Time of the earliest event, or Infinity. */
  peekTime(): number {
    return this.length === 0 ? Infinity : this.times[0]!;
  }

  pop(): TimedEvent<T> | undefined {
    if (this.length === 0) return undefined;
    const at = this.times[0]!;
    const seq = this.seqs[0]!;
    return { at, seq, payload: this.take() };
  }

  /** The earliest event's payload, removed (its time is peekTime()'s); no object made. */
  take(): T {
    const { times, seqs, payloads } = this;
    const top = payloads[0] as T;
    const last = --this.length;
    const at = times[last]!;
    const seq = seqs[last]!;
    const payload = payloads[last];
    payloads[last] = undefined;
    if (last === 0) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= last) break;
      const right = left + 1;
      let child = left;
      if (right < last && (times[right]! < times[left]! || (times[right] === times[left] && seqs[right]! < seqs[left]!))) child = right;
      const childAt = times[child]!;
      if (!(childAt < at || (childAt === at && seqs[child]! < seq))) break;
      times[i] = childAt;
      seqs[i] = seqs[child]!;
      payloads[i] = payloads[child];
      i = child;
    }
    times[i] = at;
    seqs[i] = seq;
    payloads[i] = payload;
    return top;
  }

  clear(): void {
    this.length = 0;
    this.payloads.length = 0;
  }

  private grow(): void {
    const capacity = Math.ceil(this.times.length * 1.5);
    const times = new Float64Array(capacity);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(capacity);
    seqs.set(this.seqs);
    this.seqs = seqs;
  }
}
