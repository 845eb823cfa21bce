// A queue of timed events, earliest first. Ties keep insertion order, so a run replays exactly
// the same way however the caller slices time into advance() calls.
//
// Times and sequence numbers sit in typed arrays beside the payloads, not in an object per
// event: a big simulated table keeps over a million events queued (one per connection), and
// an object each is garbage the collector must trace and copy while it waits.
//
// Most of those events come a fixed time after they were pushed (TIME_WAIT is 120 s for every
// connection), so pushed in time order they are due in that order too. A caller can name such
// a delay's lane: events in a lane wait in a first-in first-out ring, and only the rest in a
// binary min-heap, which then holds tens of thousands instead of a million. An event that
// would come before the last one of its lane (the delay was shortened) goes to the heap, and
// the earliest event is taken from whichever holds it, so the order is the same either way.

export interface TimedEvent<T> {
  at: number;
  seq: number;
  payload: T;
}

const INITIAL_CAPACITY = 64;
/** Where the earliest event is: the heap, a lane's index, or not yet looked for. */
const IN_HEAP = -1;
const UNKNOWN = -2;

class Lane<T> {
  times = new Float64Array(INITIAL_CAPACITY);
  seqs = new Float64Array(INITIAL_CAPACITY);
  payloads: (T | undefined)[] = new Array<T | undefined>(INITIAL_CAPACITY).fill(undefined);
  head = 0;
  length = 0;

  /** Time of the last event in, or -Infinity. */
  lastTime(): number {
    return this.length === 0 ? -Infinity : this.times[(this.head + this.length - 1) & (this.times.length - 1)]!;
  }

  push(at: number, seq: number, payload: T): void {
    if (this.length === this.times.length) this.grow();
    const i = (this.head + this.length) & (this.times.length - 1);
    this.times[i] = at;
    this.seqs[i] = seq;
    this.payloads[i] = payload;
    this.length += 1;
  }

  shift(): T {
    const i = this.head;
    const payload = this.payloads[i] as T;
    this.payloads[i] = undefined;
    this.head = (i + 1) & (this.times.length - 1);
    this.length -= 1;
    return payload;
  }

  /** Doubled, so the ring's index stays a mask; unwrapped to start at 0. */
  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const payloads = new Array<T | undefined>(capacity).fill(undefined);
    for (let k = 0; k < this.length; k++) {
      const i = (this.head + k) & (this.times.length - 1);
      times[k] = this.times[i]!;
      seqs[k] = this.seqs[i]!;
      payloads[k] = this.payloads[i];
    }
    this.times = times;
    this.seqs = seqs;
    this.payloads = payloads;
    this.head = 0;
  }
}

export class EventQueue<T> {
  private times = new Float64Array(INITIAL_CAPACITY);
  private seqs = new Float64Array(INITIAL_CAPACITY);
  private readonly payloads: (T | undefined)[] = [];
  private length = 0;
  private seq = 0;
  private readonly lanes: Lane<T>[] = [];
  private queued = 0;
  private earliest = UNKNOWN;

  get size(): number {
    return this.queued;
  }

  /**
   * Queue `payload` for time `at`. `lane` (a small number >= 0) says the event comes a fixed
   * delay after now, the same for every event of that lane: they wait in order there.
   */
  push(at: number, payload: T, lane = -1): void {
    const seq = this.seq++;
    this.queued += 1;
    this.earliest = UNKNOWN;
    if (lane >= 0) {
      while (this.lanes.length <= lane) this.lanes.push(new Lane<T>());
      const ring = this.lanes[lane]!;
      if (at >= ring.lastTime()) {
        ring.push(at, seq, payload);
        return;
      }
    }
    this.pushHeap(at, seq, payload);
  }

  /** Time of the earliest event, or Infinity. */
  peekTime(): number {
    const where = this.find();
    if (where === IN_HEAP) return this.length === 0 ? Infinity : this.times[0]!;
    const ring = this.lanes[where]!;
    return ring.times[ring.head]!;
  }

  pop(): TimedEvent<T> | undefined {
    if (this.queued === 0) return undefined;
    const where = this.find();
    const ring = where === IN_HEAP ? null : this.lanes[where]!;
    const at = ring === null ? this.times[0]! : ring.times[ring.head]!;
    const seq = ring === null ? this.seqs[0]! : ring.seqs[ring.head]!;
    return { at, seq, payload: this.take() };
  }

  /** The earliest event's payload, removed (its time is peekTime()'s); no object made. */
  take(): T {
    const where = this.find();
    this.earliest = UNKNOWN;
    this.queued -= 1;
    return where === IN_HEAP ? this.takeHeap() : this.lanes[where]!.shift();
  }

  clear(): void {
    this.length = 0;
    this.payloads.length = 0;
    this.lanes.length = 0;
    this.queued = 0;
    this.earliest = UNKNOWN;
  }

  /** Which holds the earliest event: the heap or a lane (the heap when all are empty). */
  private find(): number {
    if (this.earliest !== UNKNOWN) return this.earliest;
    let where = IN_HEAP;
    let at = this.length === 0 ? Infinity : this.times[0]!;
    let seq = this.length === 0 ? Infinity : this.seqs[0]!;
    const lanes = this.lanes;
    for (let l = 0; l < lanes.length; l++) {
      const ring = lanes[l]!;
      if (ring.length === 0) continue;
      const laneAt = ring.times[ring.head]!;
      if (laneAt < at || (laneAt === at && ring.seqs[ring.head]! < seq)) {
        where = l;
        at = laneAt;
        seq = ring.seqs[ring.head]!;
      }
    }
    this.earliest = where;
    return where;
  }

  private pushHeap(at: number, seq: number, payload: T): void {
    if (this.length === this.times.length) this.grow();
    const { times, seqs, payloads } = this;
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

  private takeHeap(): T {
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
