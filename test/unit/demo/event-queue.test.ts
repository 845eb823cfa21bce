// The event queue with lanes: events of a fixed delay wait in first-in first-out lanes, the
// rest in the heap, and they still come out by time, ties in the order they went in.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventQueue } from '../../../src/backend/demo/event-queue.js';
import { Random } from '../../../src/backend/demo/random.js';

describe('EventQueue lanes', () => {
  it('pops the same order as one sorted list, whatever goes in a lane, also when a delay is shortened', () => {
    const random = new Random(3);
    const queue = new EventQueue<number>();
    const pushed: Array<{ at: number; seq: number }> = [];
    const popped: number[] = [];
    const delays = [1000, 120_000, 7000];
    let now = 0;
    let seq = 0;
    for (let step = 0; step < 20_000; step++) {
      // A delay is shortened halfway: its later events would come before earlier ones.
      if (step === 10_000) delays[1] = 30_000;
      const lane = random.below(4) - 1;
      const at = lane < 0 ? now + Math.floor(random.exponential(1 / 5000)) : now + delays[lane]!;
      queue.push(at, seq, lane);
      pushed.push({ at, seq });
      seq += 1;
      // Equal times on purpose: now moves in steps of 10 ms.
      if (random.below(3) === 0) now += 10;
      while (queue.size > 0 && queue.peekTime() <= now) popped.push(queue.take());
    }
    while (queue.size > 0) {
      const time = queue.peekTime();
      const event = queue.pop()!;
      assert.equal(event.at, time);
      popped.push(event.payload);
    }
    assert.equal(popped.length, pushed.length);
    // Events come out by time, ties in insertion order.
    for (let i = 1; i < popped.length; i++) {
      const a = pushed[popped[i - 1]!]!;
      const b = pushed[popped[i]!]!;
      assert.ok(a.at < b.at || (a.at === b.at && a.seq < b.seq), `${i}: ${a.at}/${a.seq} before ${b.at}/${b.seq}`);
    }
    assert.equal(queue.peekTime(), Infinity);
  });
});
