import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend, SnapshotOptions } from '../../../src/backend/backend.js';
import { errors, IpvsError } from '../../../src/ipvs/errors.js';
import type { Snapshot } from '../../../src/ipvs/types.js';
import type { Reading } from '../../../src/model/reading.js';
import { Poller, type PollErrorInfo, type PollerOptions } from '../../../src/poller.js';
import { server, service, snapshot } from '../model/fixtures.js';
import { FakeClock } from './fake-clock.js';

type SnapshotFn = (options?: SnapshotOptions) => Promise<Snapshot>;

function setup(snapshotFn: SnapshotFn, options: Partial<PollerOptions> = {}) {
  const clock = new FakeClock();
  const readings: Reading[] = [];
  const errorsSeen: { message: string; info: PollErrorInfo }[] = [];
  let recovered = 0;
  const calls: number[] = [];
  const backend: Pick<Backend, 'snapshot'> = {
    snapshot: (o) => {
      calls.push(clock.time);
      return snapshotFn(o);
    },
  };
  const poller = new Poller(backend, {
    intervalMs: 1000,
    onSnapshot: (r) => void readings.push(r),
    onError: (e, info) => errorsSeen.push({ message: e.message, info }),
    onRecovered: () => recovered++,
    now: clock.now,
    timers: clock.api,
    ...options,
  });
  return { clock, poller, readings, errorsSeen, calls, recovered: () => recovered };
}

const small = snapshot([service('10.0.0.1', 80, [server('10.0.1.1', 80)])]);

test('polls at once on start, then every interval, with the times of each reading', async () => {
  const { clock, poller, readings, calls } = setup(async () => small);
  poller.start();
  await clock.advance(3500);
  assert.deepEqual(calls, [0, 1000, 2000, 3000]);
  assert.equal(readings.length, 4);
  assert.equal(readings[2]?.at, 2000);
  assert.equal(readings[2]?.staleServices.size, 0);
  await poller.stop();
});

test('a slow backend never has two polls at once and skips ticks instead of stacking', async () => {
  let running = 0;
  let most = 0;
  const { clock, poller, readings, calls } = setup(async () => {
    running++;
    most = Math.max(most, running);
    await clock.sleep(2500);
    running--;
    return small;
  });
  poller.start();
  // pollNow while one is under way joins it instead of starting another.
  await clock.advance(100);
  void poller.pollNow();
  await clock.advance(10_000);
  assert.equal(most, 1);
  // Each poll takes 2.5 s and starts on the next 1 s boundary: 0, 3, 6, 9.
  assert.deepEqual(calls, [0, 3000, 6000, 9000]);
  assert.equal(readings.length, 3);
  assert.equal(readings[0]?.startedAt, 0);
  assert.equal(readings[0]?.at, 2500, 'the reading carries when it really arrived');
  assert.equal(poller.skippedTicks, 6);
  const stopping = poller.stop();
  await clock.advance(2500);
  await stopping;
});

test('errors back off by doubling up to the cap, are reported once, and recovery resets', async () => {
  let failing = true;
  const { clock, poller, readings, errorsSeen, calls, recovered } = setup(
    async () => {
      if (failing) throw errors.permission();
      return small;
    },
    { maxBackoffMs: 10_000 },
  );
  poller.start();
  await clock.advance(35_000);
  // Waits of 2, 4, 8, 10 (capped), 10 s.
  assert.deepEqual(calls, [0, 2000, 6000, 14_000, 24_000, 34_000]);
  assert.equal(errorsSeen.length, 1, 'the same sentence is reported once');
  assert.match(errorsSeen[0]?.message ?? '', /Permission denied/);
  assert.deepEqual(errorsSeen[0]?.info, { failures: 1, retryInMs: 2000 });
  assert.equal(poller.failureCount, 6);
  failing = false;
  await clock.advance(9500);
  assert.equal(calls.at(-1), 44_000);
  assert.equal(readings.length, 1);
  assert.equal(recovered(), 1);
  assert.equal(poller.failureCount, 0);
  await clock.advance(1500);
  assert.deepEqual(calls.slice(-3), [44_000, 45_000, 46_000], 'back to the normal interval');
  // The same error after a recovery is news again.
  failing = true;
  await clock.advance(1000);
  assert.equal(errorsSeen.length, 2);
  await poller.stop();
});

test('a table that changed under every read is tried again at the next tick, without backing off', async () => {
  let changing = 3;
  const { clock, poller, readings, errorsSeen, calls } = setup(async () => {
    if (changing-- > 0) throw errors.tableChanging(3);
    return small;
  });
  poller.start();
  await clock.advance(3500);
  assert.deepEqual(calls, [0, 1000, 2000, 3000]);
  assert.equal(errorsSeen.length, 1, 'reported once');
  assert.deepEqual(errorsSeen[0]?.info, { failures: 1, retryInMs: 1000 });
  assert.equal(readings.length, 1, 'the whole reading that followed was taken');
  await poller.stop();
});

test('a new sentence is reported; a plain Error becomes an IpvsError with a sentence', async () => {
  let n = 0;
  const seen: IpvsError[] = [];
  const { clock, poller } = setup(
    async () => {
      n++;
      if (n === 1) throw errors.unavailable();
      throw new Error('socket closed');
    },
    { onError: (e) => seen.push(e) },
  );
  poller.start();
  await clock.advance(20_000);
  assert.equal(seen.length, 2);
  assert.equal(seen[0]?.kind, 'unavailable');
  assert.ok(seen[1] instanceof IpvsError);
  assert.equal(seen[1]?.message, 'Reading IPVS failed: socket closed');
  await poller.stop();
});

test('pause holds polling, resume polls at once, stop drops a poll under way', async () => {
  const { clock, poller, readings, calls } = setup(async () => {
    await clock.sleep(200);
    return small;
  });
  poller.start();
  await clock.advance(1500);
  assert.equal(readings.length, 2);
  poller.pause();
  assert.equal(poller.state, 'paused');
  await clock.advance(5000);
  assert.equal(calls.length, 2);
  // An explicit refresh works while paused, and does not restart the schedule.
  const refresh = poller.pollNow();
  await clock.advance(200);
  await refresh;
  assert.equal(readings.length, 3);
  await clock.advance(3000);
  assert.deepEqual(calls, [0, 1000, 6500]);
  poller.resume();
  await clock.advance(100);
  assert.deepEqual(calls, [0, 1000, 6500, 9700]);
  const stopping = poller.stop();
  await clock.advance(200);
  await stopping;
  assert.equal(readings.length, 3, 'the poll under way at stop was dropped');
  await clock.advance(5000);
  assert.equal(calls.length, 4);
  assert.equal(clock.pending, 0, 'no timer left behind');
});

test('pollNow polls at once and keeps the schedule from there', async () => {
  const { clock, poller, calls } = setup(async () => small);
  poller.start();
  await clock.advance(400);
  const now = poller.pollNow();
  await clock.advance(0);
  await now;
  await clock.advance(1000);
  assert.deepEqual(calls, [0, 400, 1400]);
  await poller.stop();
});

test('a consumer that throws is reported and polling goes on', async () => {
  const seen: string[] = [];
  const { clock, poller, calls } = setup(async () => small, {
    onSnapshot: () => {
      throw new Error('boom');
    },
    onError: (e) => seen.push(e.message),
  });
  poller.start();
  await clock.advance(2000);
  assert.equal(calls.length, 3);
  assert.equal(seen[0], 'Applying a reading failed: boom');
  await poller.stop();
});
