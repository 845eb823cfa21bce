import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_HISTORY_OPTIONS,
  History,
  historyBytesPerEntry,
  historyOptionsFor,
  METRIC_COUNT,
  METRIC_INDEX,
} from '../../../src/model/history.js';
import { EntitySlots } from '../../../src/model/entity-slots.js';
import { RateTracker } from '../../../src/model/rates.js';
import { stats } from './fixtures.js';

/** One sample whose every metric is `value` (or per-metric values). */
function sample(value: number, overrides: Partial<Record<keyof typeof METRIC_INDEX, number>> = {}): Float64Array {
  const values = new Float64Array(METRIC_COUNT).fill(value);
  for (const [metric, v] of Object.entries(overrides)) values[METRIC_INDEX[metric as keyof typeof METRIC_INDEX]] = v;
  return values;
}

function readings(history: History, values: number[], id = 'a', fresh = true): void {
  for (const value of values) {
    history.beginReading();
    history.record(id, sample(value), fresh);
    history.endReading();
  }
}

const cps = (history: History, count: number, id = 'a') => [...history.last(id, 'cps', count)];

/** Equal within the 8-bit samples' precision: 1% of the largest value expected. */
function assertNear(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length, `${actual} vs ${expected}`);
  const tolerance = 0.01 * Math.max(...expected.filter(Number.isFinite));
  expected.forEach((want, i) => {
    const got = actual[i] ?? Number.NaN;
    const ok = Number.isNaN(want) ? Number.isNaN(got) : Math.abs(got - want) <= tolerance;
    assert.ok(ok, `[${actual.join(', ')}] is not near [${expected.join(', ')}]`);
  });
}

test('history keeps the last fineCapacity readings and wraps around, oldest first', () => {
  const history = new History({ fineCapacity: 5 });
  readings(history, [1, 2, 3]);
  assert.deepEqual(cps(history, 10), [1, 2, 3]);
  readings(history, [4, 5, 6, 7, 8]);
  assert.equal(history.count('a'), 5);
  assert.deepEqual(cps(history, 10), [4, 5, 6, 7, 8]);
  assert.deepEqual(cps(history, 2), [7, 8]);
  assert.equal(history.latest('a', 'cps'), 8);
  readings(history, Array.from({ length: 23 }, (_, i) => 9 + i));
  assert.deepEqual(cps(history, 10), [27, 28, 29, 30, 31], 'after several laps of the ring');
});

test('metrics are kept apart', () => {
  const history = new History({ fineCapacity: 4 });
  for (let i = 1; i <= 6; i++) {
    history.beginReading();
    history.record('a', sample(0, { cps: i, activeConns: 10 * i, outBps: 100 * i }));
    history.endReading();
  }
  assert.deepEqual(cps(history, 4), [3, 4, 5, 6]);
  assert.deepEqual([...history.last('a', 'activeConns', 4)], [30, 40, 50, 60]);
  assert.deepEqual([...history.last('a', 'outBps', 2)], [500, 600]);
  assert.deepEqual([...history.last('a', 'inPps', 2)], [0, 0]);
});

test('ten minutes at 1 s with the defaults, each sample within 1% of the largest in its minute', () => {
  const history = new History();
  const truth: number[] = [];
  for (let r = 1; r <= 1000; r++) {
    const value = 5e8 + 4e8 * Math.sin(r / 40) + ((r * 7919) % 1000) * 1e5;
    truth.push(value);
    history.beginReading();
    history.record('a', sample(value));
    history.endReading();
  }
  const kept = history.last('a', 'inBps', 1000);
  assert.equal(kept.length, 600);
  const shown = truth.slice(-600);
  for (let i = 0; i < 600; i++) {
    // Whatever block (60 readings) the sample is in, it lies within 59 readings of it.
    const around = Math.max(...shown.slice(Math.max(0, i - 59), i + 60));
    assert.ok(Math.abs((kept[i] ?? 0) - (shown[i] ?? 0)) <= 0.01 * around, `sample ${i}`);
  }
});

test('an entry carried over keeps coarse averages, the open bucket and its newest sample', () => {
  const history = new History({ fineCapacity: 12, coarseEvery: 3 });
  readings(history, [1, 2, 3, 4, 5, 6, 7, Number.NaN, 9], 'a', false);
  readings(history, [10], 'a', false);
  assert.equal(history.fineEntries, 0);
  assert.equal(history.count('a'), 10);
  // Buckets (1,2,3) (4,5,6) (7,NaN,9) closed, 10 in the open one; the two newest as they were.
  assert.deepEqual(cps(history, 12), [2, 2, 2, 5, 5, 5, 8, 8, 9, 10]);
  readings(history, [Number.NaN, Number.NaN], 'a', false);
  const open = cps(history, 3);
  assert.equal(open[0], 10, 'averages skip unknown values');
  assert.ok(Number.isNaN(open[1]) && Number.isNaN(open[2]), 'the two newest samples are as recorded');
});

test('an entry read afresh twice running gets a fine ring seeded from its coarse samples', () => {
  const history = new History({ fineCapacity: 12, coarseEvery: 3 });
  readings(history, [1, 2, 3, 4, 5, 6], 'a', false);
  readings(history, [7], 'a', true);
  assert.equal(history.fineEntries, 0, 'one fresh reading after carried ones is a rotation read');
  readings(history, [8, 9], 'a', true);
  assert.equal(history.fineEntries, 1);
  assertNear(cps(history, 12), [2, 2, 2, 5, 5, 6, 7, 8, 9]);
});

test('new entries wait two readings for a fine ring; a carried one gives it up and keeps its span', () => {
  const history = new History({ fineCapacity: 12, coarseEvery: 3 });
  readings(history, [1, 2]);
  assert.equal(history.fineEntries, 0, "the poller's first reading reads every server once");
  readings(history, [3, 4]);
  assert.equal(history.fineEntries, 1);
  assertNear(cps(history, 12), [1, 2, 3, 4]);
  readings(history, [5], 'a', false);
  assert.equal(history.fineEntries, 0);
  assertNear(cps(history, 12), [2, 2, 2, 4, 5]);
});

test('a fine ring given up is averaged into coarse samples over the whole ten minutes', () => {
  const history = new History();
  const truth: number[] = [];
  for (let r = 1; r <= 700; r++) {
    const value = 1000 + 500 * Math.sin(r / 30);
    truth.push(value);
    history.beginReading();
    history.record('a', sample(value), r <= 699);
    history.endReading();
  }
  assert.equal(history.fineEntries, 0);
  const kept = [...history.last('a', 'cps', 600)];
  assert.equal(kept.length, 600);
  // Readings 101..700; buckets of 10 close after readings 110, 120 ... 690; 691..700 are open.
  const bucketMean = (first: number) => truth.slice(first - 1, first + 9).reduce((sum, v) => sum + v, 0) / 10;
  for (let i = 0; i < 588; i++) {
    const reading = 101 + i;
    const want = bucketMean(Math.floor((reading - 1) / 10) * 10 + 1);
    assert.ok(Math.abs((kept[i] ?? 0) - want) <= 0.01 * 1500, `reading ${reading}: ${kept[i]} vs ${want}`);
  }
  assert.ok(Math.abs((kept[599] ?? 0) - (truth[699] ?? 0)) < 1e-3, 'the newest as recorded');
});

test('with slots shared with the rate tracker, a vanished entry leaves both', () => {
  const slots = new EntitySlots();
  const rates = new RateTracker(slots);
  const history = new History({ fineCapacity: 4 }, 0, slots);
  const read = (ids: string[], at: number) => {
    slots.beginReading();
    history.beginReading();
    const pairs = ids.map((id) => {
      history.record(id, sample(at));
      return rates.observe(id, stats({ conns: at }), at);
    });
    slots.endReading();
    history.endReading();
    return pairs;
  };
  for (let r = 1; r <= 3; r++) read(['a', 'b'], r * 1000);
  assert.equal(history.fineEntries, 2);
  read(['a'], 4000);
  assert.equal(history.has('b'), false);
  assert.equal(history.size, 1);
  assert.equal(history.fineEntries, 1);
  assert.equal(rates.size, 1);
  // c takes b's freed slot and starts afresh there.
  assert.equal(read(['a', 'c'], 5000)[1]?.ours, null);
  assert.equal(slots.slotOf('c') !== undefined && slots.capacity, 2);
  assert.deepEqual(cps(history, 4, 'c'), [5000]);
});

test('no more fine rings than maxFineEntries; a freed one is reused', () => {
  const history = new History({ fineCapacity: 6, maxFineEntries: 2 });
  const all = (ids: string[], fresh: (id: string) => boolean = () => true) => {
    history.beginReading();
    for (const id of ids) history.record(id, sample(1), fresh(id));
    history.endReading();
  };
  for (let r = 0; r < 3; r++) all(['a', 'b', 'c']);
  assert.equal(history.fineEntries, 2);
  all(['a', 'b', 'c'], (id) => id !== 'a');
  all(['a', 'b', 'c'], (id) => id !== 'a');
  assert.equal(history.fineEntries, 2, "a's ring went to c");
  assert.deepEqual(cps(history, 6, 'c'), [1, 1, 1, 1, 1]);
});

test('entries not recorded in a reading are freed, and their slots reused', () => {
  const history = new History({ fineCapacity: 4 });
  const ids = Array.from({ length: 100 }, (_, i) => `s${i}`);
  for (let r = 0; r < 3; r++) {
    history.beginReading();
    for (const id of ids) history.record(id, sample(1));
    history.endReading();
  }
  const bytes = history.bytes;
  history.beginReading();
  for (const id of ids.slice(1)) history.record(id, sample(2));
  history.endReading();
  assert.equal(history.has('s0'), false);
  assert.equal(history.size, 99);
  assert.equal(history.fineEntries, 99);
  assert.equal(history.last('s0', 'cps', 4).length, 0);
  for (let r = 0; r < 3; r++) {
    history.beginReading();
    for (const id of [...ids.slice(1), 'new']) history.record(id, sample(3));
    history.endReading();
  }
  assert.equal(history.bytes, bytes, 'the new entry took the freed slots');
  assert.deepEqual(cps(history, 4, 'new'), [3, 3, 3]);
});

test('last() can fill a caller buffer instead of allocating', () => {
  const history = new History({ fineCapacity: 8 });
  readings(history, [1, 2, 3, 4, 5]);
  const buffer = new Float32Array(3);
  const view = history.last('a', 'cps', 3, buffer);
  assert.equal(view.buffer, buffer.buffer);
  assert.deepEqual([...buffer], [3, 4, 5]);
});

test('a large table gets fine rings for what the budget leaves after every coarse ring', () => {
  assert.equal(historyOptionsFor(1000).maxFineEntries >= 1000, true);
  const entries = 5000 * 6;
  const budget = 48 * 1024 * 1024;
  const options = historyOptionsFor(entries, budget);
  const { coarse, fine, each } = historyBytesPerEntry(options);
  const fineEntries = options.maxFineEntries;
  assert.ok(fineEntries * fine + (entries - fineEntries) * coarse + entries * each <= budget, 'fits the budget');
  assert.ok(options.maxFineEntries >= 5000, 'every service of 5000 at 1 s');
  assert.equal(options.fineCapacity, DEFAULT_HISTORY_OPTIONS.fineCapacity, 'still ten minutes');
  assert.equal(historyOptionsFor(1e7, 1024).maxFineEntries, 0, 'a budget too small keeps coarse rings only');
});

test('capacities must be positive', () => {
  assert.throws(() => new History({ fineCapacity: 0 }), RangeError);
  assert.throws(() => new History({ coarseEvery: 256 }), RangeError);
});
