import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RateTracker, ratesBetween } from '../../../src/model/rates.js';
import { stats } from './fixtures.js';

test('rates are counter differences over the real elapsed time', () => {
  const rates = ratesBetween(
    stats({ conns: 100, inPackets: 1000, outPackets: 500, inBytes: 1e6, outBytes: 2e6 }),
    1000,
    stats({ conns: 300, inPackets: 5000, outPackets: 2500, inBytes: 3e6, outBytes: 8e6 }),
    3000,
  );
  assert.deepEqual(rates, { cps: 100, inPps: 2000, outPps: 1000, inBps: 1e6, outBps: 3e6 });
});

test('a late poll gives the true rate, not the delta over the nominal interval', () => {
  const tracker = new RateTracker();
  // 50 connections per second, readings at 0 s, 1 s, then a late one at 2.5 s.
  const at = [0, 1000, 2500];
  let last = null;
  for (const ms of at) {
    tracker.beginReading();
    last = tracker.observe('s', stats({ conns: (ms / 1000) * 50 }), ms);
    tracker.endReading();
  }
  assert.equal(last?.ours?.cps, 50);
});

test('64-bit sized counters give exact rates for small differences', () => {
  const base = 2 ** 52;
  const rates = ratesBetween(stats({ inBytes: base }), 0, stats({ inBytes: base + 1000 }), 1000);
  assert.equal(rates?.inBps, 1000);
});

test('the first reading has no rate of ours but keeps the kernel estimate', () => {
  const tracker = new RateTracker();
  tracker.beginReading();
  const pair = tracker.observe('s', stats({ conns: 10, cps: 7, inBps: 99 }), 0);
  assert.equal(pair.ours, null);
  assert.equal(pair.kernel.cps, 7);
  assert.equal(pair.kernel.inBps, 99);
});

test('a counter reset gives an unknown rate, never a negative or huge one, then recovers', () => {
  const tracker = new RateTracker();
  const observe = (conns: number, inBytes: number, at: number) => {
    tracker.beginReading();
    const pair = tracker.observe('s', stats({ conns, inBytes }), at);
    tracker.endReading();
    return pair;
  };
  observe(1000, 1e9, 0);
  assert.equal(observe(1100, 1.1e9, 1000).ours?.cps, 100);
  // Zeroed (-Z): counters restart near 0.
  assert.equal(observe(10, 5000, 2000).ours, null);
  const after = observe(110, 105000, 3000).ours;
  assert.equal(after?.cps, 100);
  assert.equal(after?.inBps, 100000);
});

test('only one counter going backwards is enough to call it a reset', () => {
  assert.equal(ratesBetween(stats({ conns: 5, outBytes: 100 }), 0, stats({ conns: 9, outBytes: 99 }), 1000), null);
});

test('a server that vanished and came back starts again with no rate', () => {
  const tracker = new RateTracker();
  const step = (present: boolean, conns: number, at: number) => {
    tracker.beginReading();
    const pair = present ? tracker.observe('srv', stats({ conns }), at) : null;
    tracker.endReading();
    return pair;
  };
  step(true, 100, 0);
  assert.equal(step(true, 200, 1000)?.ours?.cps, 100);
  step(false, 0, 2000);
  assert.equal(tracker.size, 0, 'a vanished server is dropped');
  // Back with a higher counter than before: without the drop this would read 100/s or more.
  assert.equal(step(true, 5000, 3000)?.ours, null);
  assert.equal(step(true, 5100, 4000)?.ours?.cps, 100);
});

test('a server deleted and re-added between two readings counts as a reset', () => {
  const tracker = new RateTracker();
  tracker.beginReading();
  tracker.observe('srv', stats({ conns: 5000, inPackets: 90000 }), 0);
  tracker.beginReading();
  const pair = tracker.observe('srv', stats({ conns: 3, inPackets: 40 }), 1000);
  assert.equal(pair.ours, null);
});

test('carried (not re-read) counters keep the last rates and the next read spans the gap', () => {
  const tracker = new RateTracker();
  const read = (conns: number, at: number, carry = false) => {
    tracker.beginReading();
    const s = stats({ conns });
    const pair = carry ? tracker.carry('srv', s, at) : tracker.observe('srv', s, at);
    tracker.endReading();
    return pair;
  };
  read(0, 0);
  const first = read(10, 1000);
  assert.equal(first.ours?.cps, 10);
  assert.equal(read(10, 2000, true), first, 'a carried reading returns the same rates');
  assert.equal(read(10, 3000, true), first);
  assert.equal(tracker.size, 1, 'carried entities are not dropped');
  // 40 more connections over the 3 s since the last real read.
  assert.equal(read(50, 4000).ours?.cps, 40 / 3);
});

test('unchanged rates keep the identity of the previous pair', () => {
  const tracker = new RateTracker();
  const read = (conns: number, at: number) => {
    tracker.beginReading();
    return tracker.observe('s', stats({ conns, cps: 3 }), at);
  };
  read(0, 0);
  const a = read(10, 1000);
  const b = read(20, 2000);
  assert.equal(a, b);
  const c = read(40, 3000);
  assert.notEqual(c, b);
  assert.equal(c.kernel, b.kernel, 'the kernel figures did not change');
});

test('a reading with no elapsed time changes nothing', () => {
  const tracker = new RateTracker();
  tracker.beginReading();
  tracker.observe('s', stats({ conns: 0 }), 1000);
  tracker.beginReading();
  const first = tracker.observe('s', stats({ conns: 10 }), 2000);
  tracker.beginReading();
  const same = tracker.observe('s', stats({ conns: 20 }), 2000);
  assert.equal(same, first);
  tracker.beginReading();
  assert.equal(tracker.observe('s', stats({ conns: 30 }), 3000).ours?.cps, 20, 'baseline stayed at t=2000');
});

test('the table reads the latest rates by id, builds a pair only when asked, and forgets vanished ids', () => {
  const tracker = new RateTracker();
  const read = (entities: Record<string, number>, at: number) => {
    tracker.beginReading();
    for (const [id, conns] of Object.entries(entities)) tracker.observeSlot(id, stats({ conns, cps: 4 }), at);
    tracker.endReading();
  };
  read({ a: 0, b: 0 }, 0);
  const { table } = tracker;
  assert.equal(table.shown('a', 'cps'), 4, 'the kernel estimate until we have a rate');
  assert.equal(table.get('a')?.ours, null);
  read({ a: 10, b: 30 }, 1000);
  assert.equal(table.shown('b', 'cps'), 30);
  assert.equal(table.shown('nobody', 'cps'), null);
  assert.equal(table.get('b')?.ours?.cps, 30);
  assert.deepEqual(
    [...table.entries()].map(([id, pair]) => [id, pair.ours?.cps]),
    [
      ['a', 10],
      ['b', 30],
    ],
  );
  read({ b: 60 }, 2000);
  assert.equal(table.size, 1);
  assert.equal(table.has('a'), false);
  assert.equal(table.get('a'), undefined);
  assert.deepEqual([...table.keys()], ['b']);
});

test('a pair whose kernel estimates alone changed keeps the object of our rates', () => {
  const tracker = new RateTracker();
  const read = (conns: number, cps: number, at: number) => {
    tracker.beginReading();
    return tracker.observe('s', stats({ conns, cps }), at);
  };
  read(0, 1, 0);
  const before = read(10, 1, 1000);
  const after = read(20, 2, 2000);
  assert.notEqual(after, before);
  assert.equal(after.ours, before.ours);
  assert.equal(after.kernel.cps, 2);
});
