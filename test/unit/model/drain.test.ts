import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DrainTracker } from '../../../src/model/drain.js';

interface Counts {
  weight: number;
  activeConns?: number;
  inactiveConns?: number;
  persistentConns?: number;
}

function step(tracker: DrainTracker, at: number, servers: Record<string, Counts>, startedAt = at, fresh = true) {
  tracker.beginReading();
  const result: Record<string, ReturnType<DrainTracker['observe']>> = {};
  for (const [id, c] of Object.entries(servers)) {
    result[id] = tracker.observe(
      id,
      { weight: c.weight, activeConns: c.activeConns ?? 0, inactiveConns: c.inactiveConns ?? 0, persistentConns: c.persistentConns ?? 0 },
      { at, startedAt },
      fresh,
    );
  }
  tracker.endReading();
  return result;
}

test('a weight seen going to 0 is remembered as the previous weight', () => {
  const tracker = new DrainTracker();
  assert.equal(step(tracker, 0, { s: { weight: 5, activeConns: 10 } }).s, null);
  const status = step(tracker, 1000, { s: { weight: 0, activeConns: 10 } }).s;
  assert.equal(status?.previousWeight, 5);
  assert.equal(status?.origin, 'observed');
  assert.equal(status?.since, 1000);
  assert.equal(tracker.rememberedWeight('s'), 5);
});

test('a server already at 0 when first seen is tracked without a previous weight', () => {
  const tracker = new DrainTracker();
  const status = step(tracker, 0, { s: { weight: 0, activeConns: 3 } }).s;
  assert.equal(status?.origin, 'found-drained');
  assert.equal(status?.previousWeight, null);
});

test('a drain made by lvstop keeps the weight lvstop replaced', () => {
  const tracker = new DrainTracker();
  step(tracker, 0, { s: { weight: 4 } });
  tracker.markDrained('s', 7, 500);
  assert.equal(tracker.rememberedWeight('s'), 7, 'known before the next reading shows it');
  // This poll began before the change, so it still shows the old weight: the mark stays.
  assert.equal(step(tracker, 900, { s: { weight: 4 } }, 400).s, null);
  const status = step(tracker, 2000, { s: { weight: 0, activeConns: 2 } }).s;
  assert.equal(status?.previousWeight, 7);
  assert.equal(status?.origin, 'lvstop');
});

test('a drain still on its way is lvstop\'s for readings that see it, and no reading ends it until it settles', () => {
  const tracker = new DrainTracker();
  step(tracker, 0, { s: { weight: 4 } });
  tracker.markDrained('s', 4, Number.POSITIVE_INFINITY);
  // Read after the mark but before the kernel applied the change: the mark stays.
  assert.equal(step(tracker, 1000, { s: { weight: 4 } }).s, null);
  // Read after the kernel applied it, before lvstop heard back.
  assert.equal(step(tracker, 2000, { s: { weight: 0, activeConns: 2 } }).s?.origin, 'lvstop');
});

test('a drain that failed is unmarked, and the next reading above 0 forgets it', () => {
  const tracker = new DrainTracker();
  step(tracker, 0, { s: { weight: 4 } });
  tracker.markDrained('s', 4, Number.POSITIVE_INFINITY);
  tracker.unmarkDrained('s');
  assert.equal(step(tracker, 1000, { s: { weight: 4 } }).s, null);
  assert.equal(step(tracker, 2000, { s: { weight: 0 } }).s?.origin, 'observed');
});

test('weight back above 0 ends tracking', () => {
  const tracker = new DrainTracker();
  step(tracker, 0, { s: { weight: 2 } });
  step(tracker, 1000, { s: { weight: 0, activeConns: 5 } });
  assert.equal(tracker.size, 1);
  assert.equal(step(tracker, 2000, { s: { weight: 2, activeConns: 5 } }).s, null);
  assert.equal(tracker.size, 0);
  assert.equal(tracker.status('s'), null);
});

test('a vanished server stops being tracked', () => {
  const tracker = new DrainTracker();
  step(tracker, 0, { s: { weight: 0, activeConns: 5 }, t: { weight: 1 } });
  step(tracker, 1000, { t: { weight: 1 } });
  assert.equal(tracker.status('s'), null);
  assert.equal(tracker.size, 0);
});

test('the time to empty is estimated from the fall of active connections', () => {
  const tracker = new DrainTracker();
  step(tracker, 0, { s: { weight: 3, activeConns: 100 } });
  let status = null;
  // Falling by 10 per second: at t = 4 s, 60 are left, so empty at t = 10 s.
  for (let t = 1; t <= 4; t++) status = step(tracker, t * 1000, { s: { weight: 0, activeConns: 100 - 10 * t } }).s;
  assert.ok(status !== null && status !== undefined);
  assert.ok(status.emptyAt !== null);
  assert.ok(Math.abs(status.emptyAt - 10_000) < 1e-6, `emptyAt ${status.emptyAt}`);
  assert.ok(Math.abs((status.activeTrend ?? 0) + 10) < 1e-9);
  assert.equal(status.safeToRemove, false);
});

test('no estimate with too few points or while connections are not falling', () => {
  const tracker = new DrainTracker();
  let s = step(tracker, 0, { s: { weight: 0, activeConns: 50 } }).s;
  assert.equal(s?.emptyAt, null, 'one point');
  step(tracker, 1000, { s: { weight: 0, activeConns: 50 } });
  s = step(tracker, 2000, { s: { weight: 0, activeConns: 55 } }).s;
  assert.equal(s?.emptyAt, null, 'rising');
  assert.ok((s?.activeTrend ?? 0) > 0);
});

test('the estimate waits for persistent connections too', () => {
  const tracker = new DrainTracker();
  let s = null;
  for (let t = 0; t < 4; t++) s = step(tracker, t * 1000, { s: { weight: 0, activeConns: 30 - 10 * t, persistentConns: 4 } }).s;
  assert.equal(s?.activeConns, 0);
  assert.equal(s?.safeToRemove, false, 'persistent templates still point at it');
  assert.equal(s?.emptyAt, null, 'persistent count is not falling');
});

test('safe to remove once no active and no persistent connections are left', () => {
  const tracker = new DrainTracker();
  step(tracker, 0, { s: { weight: 0, activeConns: 1, inactiveConns: 3 } });
  const s = step(tracker, 1000, { s: { weight: 0, activeConns: 0, inactiveConns: 3, persistentConns: 0 } }).s;
  assert.equal(s?.safeToRemove, true, 'inactive connections do not block removal');
  assert.equal(s?.emptyAt, 1000);
});

test('old points leave the window', () => {
  const tracker = new DrainTracker({ windowMs: 3000 });
  // A steep fall long ago, then flat: the estimate must follow the recent flat part.
  for (let t = 0; t <= 4; t++) step(tracker, t * 1000, { s: { weight: 0, activeConns: 100 - 20 * t } });
  let s = null;
  for (let t = 5; t <= 10; t++) s = step(tracker, t * 1000, { s: { weight: 0, activeConns: 20 } }).s;
  assert.equal(s?.emptyAt, null);
});

test('carried (not re-read) counts add no point', () => {
  const tracker = new DrainTracker();
  step(tracker, 0, { s: { weight: 0, activeConns: 30 } });
  step(tracker, 1000, { s: { weight: 0, activeConns: 20 } });
  // Two stale readings repeating 20 would flatten the line if they counted.
  step(tracker, 2000, { s: { weight: 0, activeConns: 20 } }, 2000, false);
  step(tracker, 3000, { s: { weight: 0, activeConns: 20 } }, 3000, false);
  const s = step(tracker, 4000, { s: { weight: 0, activeConns: 10 } }).s;
  // Points (0,30) (1,20) (4,10) fit a slope of -60/13 per second; with the two stale
  // points it would be -4.
  assert.ok(Math.abs((s?.activeTrend ?? 0) + 60 / 13) < 1e-9, `trend ${s?.activeTrend}`);
});
