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

/** One sample whose every metric is `value` (or per-metric values). */
function sample(value: number, overrides: Partial<Record<keyof typeof METRIC_INDEX, number>> = {}): Float64Array {
  const values = new Float64Array(METRIC_COUNT).fill(value);
  for (const [metric, v] of Object.entries(overrides)) values[METRIC_INDEX[metric as keyof typeof METRIC_INDEX]] = v;
  return values;
}

function readings(history: History, values: number[], id = 'a'): void {
  for (const value of values) {
    history.beginReading();
    history.record(id, sample(value));
    history.endReading();
  }
}

test('the fine tier holds at most its capacity and wraps around, oldest first', () => {
  const history = new History({ fineCapacity: 5, coarseCapacity: 2, coarseEvery: 100 });
  readings(history, [1, 2, 3]);
  assert.deepEqual([...history.last('a', 'cps', 10)], [1, 2, 3]);
  readings(history, [4, 5, 6, 7, 8]);
  assert.equal(history.count('a'), 5);
  assert.deepEqual([...history.last('a', 'cps', 10)], [4, 5, 6, 7, 8]);
  assert.deepEqual([...history.last('a', 'cps', 2)], [7, 8]);
  assert.equal(history.latest('a', 'cps'), 8);
});

test('metrics are kept apart', () => {
  const history = new History({ fineCapacity: 4 });
  for (let i = 1; i <= 6; i++) {
    history.beginReading();
    history.record('a', sample(0, { cps: i, activeConns: 10 * i, outBps: 100 * i }));
    history.endReading();
  }
  assert.deepEqual([...history.last('a', 'cps', 4)], [3, 4, 5, 6]);
  assert.deepEqual([...history.last('a', 'activeConns', 4)], [30, 40, 50, 60]);
  assert.deepEqual([...history.last('a', 'outBps', 2)], [500, 600]);
  assert.deepEqual([...history.last('a', 'inPps', 2)], [0, 0]);
});

test('the coarse tier averages every coarseEvery readings, skipping unknown values', () => {
  const history = new History({ fineCapacity: 10, coarseCapacity: 3, coarseEvery: 3 });
  readings(history, [1, 2, 3, 4, 5, 6]);
  assert.deepEqual([...history.last('a', 'cps', 10, 'coarse')], [2, 5]);
  readings(history, [Number.NaN, 2, 4]);
  assert.deepEqual([...history.last('a', 'cps', 10, 'coarse')], [2, 5, 3]);
  readings(history, [Number.NaN, Number.NaN, Number.NaN]);
  const coarse = history.last('a', 'cps', 10, 'coarse');
  assert.deepEqual([...coarse.subarray(0, 2)], [5, 3], 'coarse ring wrapped');
  assert.ok(Number.isNaN(coarse[2]), 'a bucket of unknowns is unknown');
  // The open bucket is not in the coarse tier yet.
  readings(history, [7]);
  assert.equal(history.count('a', 'coarse'), 3);
});

test('coarse buckets close on the same reading for every entry', () => {
  const history = new History({ fineCapacity: 10, coarseCapacity: 4, coarseEvery: 4 });
  for (let i = 1; i <= 8; i++) {
    history.beginReading();
    history.record('old', sample(i));
    // 'late' appears in the third reading: its first bucket averages two readings only.
    if (i >= 3) history.record('late', sample(i));
    history.endReading();
  }
  assert.deepEqual([...history.last('old', 'cps', 4, 'coarse')], [2.5, 6.5]);
  assert.deepEqual([...history.last('late', 'cps', 4, 'coarse')], [3.5, 6.5]);
});

test('entries not recorded in a reading are freed', () => {
  const history = new History({ fineCapacity: 4 });
  history.beginReading();
  history.record('a', sample(1));
  history.record('b', sample(1));
  history.endReading();
  history.beginReading();
  history.record('a', sample(2));
  history.endReading();
  assert.equal(history.has('b'), false);
  assert.equal(history.size, 1);
  assert.equal(history.last('b', 'cps', 4).length, 0);
  assert.equal(history.sampleBytes(), 4 * METRIC_COUNT * 4 + DEFAULT_HISTORY_OPTIONS.coarseCapacity * METRIC_COUNT * 4 + METRIC_COUNT * 16);
});

test('last() can fill a caller buffer instead of allocating', () => {
  const history = new History({ fineCapacity: 8 });
  readings(history, [1, 2, 3, 4, 5]);
  const buffer = new Float32Array(3);
  const view = history.last('a', 'cps', 3, 'fine', buffer);
  assert.equal(view.buffer, buffer.buffer);
  assert.deepEqual([...buffer], [3, 4, 5]);
});

test('history sizes itself to a memory budget for large tables', () => {
  assert.deepEqual(historyOptionsFor(1000), { ...DEFAULT_HISTORY_OPTIONS });
  const entries = 5000 * 6;
  const budget = 256 * 1024 * 1024;
  const options = historyOptionsFor(entries, budget);
  assert.ok(entries * historyBytesPerEntry(options) <= budget, 'fits the budget');
  assert.ok(options.fineCapacity < DEFAULT_HISTORY_OPTIONS.fineCapacity);
  assert.ok(options.coarseCapacity * options.coarseEvery >= 3600, 'the coarse tier still spans an hour of readings');
  // A budget too small for any history keeps the floors.
  const floor = historyOptionsFor(1e7, 1024);
  assert.equal(floor.fineCapacity, 60);
  assert.equal(floor.coarseCapacity, 60);
});

test('capacities must be positive', () => {
  assert.throws(() => new History({ fineCapacity: 0 }), RangeError);
});
