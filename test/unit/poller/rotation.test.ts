import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Backend, SnapshotOptions } from '../../../src/backend/backend.js';
import type { ServiceWithDestinations } from '../../../src/ipvs/types.js';
import { serviceId } from '../../../src/model/identity.js';
import type { Reading } from '../../../src/model/reading.js';
import { Poller, type PollerOptions } from '../../../src/poller.js';
import { server, service, snapshot, stats } from '../model/fixtures.js';
import { FakeClock } from './fake-clock.js';

function addressOf(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

/**
 * A table of `count` services with two servers each; honours readDestinationsOf. Given a
 * clock, each reading takes `msPerDump()` of its time per dump (the services', then one per
 * service whose servers are read).
 */
function largeBackend(count: number, cost?: { clock: FakeClock; msPerDump: () => number }) {
  let polls = 0;
  let extra: ServiceWithDestinations[] = [];
  const readLog: Set<string>[] = [];
  const backend = {
    async snapshot(options?: SnapshotOptions) {
      polls++;
      const read = new Set<string>();
      const services = [...Array.from({ length: count }, (_, i) => service(addressOf(i), 80)), ...extra].map((s) => {
        if (options?.readDestinationsOf?.(s) === false) return s;
        read.add(serviceId(s));
        const counters = stats({ conns: polls });
        return { ...s, destinations: [server('192.168.0.1', 80, { stats: counters }), server('192.168.0.2', 80, { stats: counters })] };
      });
      readLog.push(read);
      if (cost) await cost.clock.sleep(cost.msPerDump() * (read.size + 1));
      return snapshot(services);
    },
  };
  return { backend, readLog, addService: (s: ServiceWithDestinations) => (extra = [...extra, s]) };
}

/** A poller on the fake clock at a 1 s interval; `options` say the rest. */
function pollerOn(backend: Pick<Backend, 'snapshot'>, clock: FakeClock, options: Omit<PollerOptions, 'intervalMs' | 'now' | 'timers'>): Poller {
  return new Poller(backend, { intervalMs: 1000, now: clock.now, timers: clock.api, ...options });
}

/** A poller rotating above 1000 services, every service read within 5 polls. */
function rotatingEveryFive(backend: Pick<Backend, 'snapshot'>, clock: FakeClock, readings: Reading[], onError: (error: Error) => void): Poller {
  return pollerOn(backend, clock, { onSnapshot: (r) => void readings.push(r), onError, largeTableThreshold: 1000, refreshWithinPolls: 5 });
}

test('above the threshold, every service is read within refreshWithinPolls polls, wanted ones every poll', async () => {
  const clock = new FakeClock();
  const readings: Reading[] = [];
  const { backend, readLog, addService } = largeBackend(2000);
  const wanted = serviceId(service(addressOf(1234), 80));
  const poller = pollerOn(backend, clock, {
    onSnapshot: (r) => void readings.push(r),
    onError: (e) => assert.fail(e.message),
    wantedServices: () => [wanted],
    largeTableThreshold: 1000,
    refreshWithinPolls: 10,
  });
  poller.start();
  await clock.advance(4500);
  const fresh = service('172.16.0.1', 443);
  addService(fresh);
  await clock.advance(26_000);
  await poller.stop();
  assert.equal(readings.length, 31);

  assert.equal(readLog[0]?.size, 2000, 'the first poll reads everything');
  for (const read of readLog.slice(1)) {
    assert.ok(read.size <= 200 + 2, `a rotating poll reads about a tenth (read ${read.size})`);
    assert.ok(read.has(wanted), 'the wanted service is read every poll');
  }
  assert.ok(readLog[5]?.has(serviceId(fresh)), 'a new service is read at once');

  // Longest run of polls without a read, per service.
  const lastRead = new Map<string, number>();
  let worst = 0;
  readLog.forEach((read, poll) => {
    for (const id of read) {
      worst = Math.max(worst, poll - (lastRead.get(id) ?? poll));
      lastRead.set(id, poll);
    }
  });
  for (const s of readings.at(-1)?.snapshot.services ?? []) {
    const id = serviceId(s);
    worst = Math.max(worst, readLog.length - 1 - (lastRead.get(id) ?? -Infinity));
  }
  assert.ok(worst <= 10, `every service read within 10 polls (worst gap ${worst})`);
  assert.ok(worst >= 9, 'and the others really were left out');
});

test('services not read keep their servers from the last read and say how stale they are', async () => {
  const clock = new FakeClock();
  const readings: Reading[] = [];
  const { backend, readLog } = largeBackend(1500);
  const poller = rotatingEveryFive(backend, clock, readings, (e) => assert.fail(e.message));
  poller.start();
  await clock.advance(12_500);
  await poller.stop();
  for (let poll = 1; poll < readings.length; poll++) {
    const reading = readings[poll];
    const before = readings[poll - 1];
    assert.ok(reading && before);
    const previous = new Map(before.snapshot.services.map((s) => [serviceId(s), s]));
    for (const s of reading.snapshot.services) {
      const id = serviceId(s);
      const age = reading.staleServices.get(id);
      if (readLog[poll]?.has(id)) {
        assert.equal(age, undefined);
        assert.equal(s.destinations[0]?.stats.conns, poll + 1, 'fresh counters');
      } else {
        assert.ok(age !== undefined && age >= 1 && age < 5, `age ${age}`);
        assert.equal(s.destinations, previous.get(id)?.destinations, 'servers carried from the last reading');
        assert.equal(s.destinations.length, 2);
        assert.equal(s.destinations[0]?.stats.conns, poll + 1 - age, 'counters as of the last read');
      }
    }
  }
});

test('at or below the threshold every poll reads every service', async () => {
  const clock = new FakeClock();
  const seen: (SnapshotOptions | undefined)[] = [];
  const { backend } = largeBackend(1000);
  const poller = pollerOn({ snapshot: (o) => (seen.push(o), backend.snapshot(o)) }, clock, { onSnapshot: () => {}, onError: () => {} });
  poller.start();
  await clock.advance(3000);
  await poller.stop();
  assert.equal(seen.length, 4);
  assert.ok(seen.every((o) => o === undefined));
});

test('reads that cost more than the budget rotate below the threshold too, and whole reads resume once cheap', async () => {
  const clock = new FakeClock();
  let msPerDump = 1;
  const { backend, readLog } = largeBackend(200, { clock, msPerDump: () => msPerDump });
  const wanted = serviceId(service(addressOf(7), 80));
  const readings: Reading[] = [];
  const poller = pollerOn(backend, clock, {
    onSnapshot: (r) => void readings.push(r),
    onError: (e) => assert.fail(e.message),
    wantedServices: () => [wanted],
    largeTableThreshold: 1000,
    refreshWithinPolls: 10,
    readBudget: 0.1,
  });
  poller.start();
  // A whole reading: 201 dumps of 1 ms, over the 100 ms budget.
  await clock.advance(500);
  assert.equal(readLog[0]?.size, 200);
  assert.equal(readings[0]?.inTurns, false, 'a whole reading says so');
  assert.equal(poller.rotating, true);
  await clock.advance(5000);
  for (const read of readLog.slice(1)) {
    assert.ok(read.size <= 21 && read.has(wanted), `a rotating poll reads the wanted service and a tenth (read ${read.size})`);
  }
  assert.ok(readings.slice(1).every((r) => r.inTurns && r.staleServices.size > 0), 'readings in turns say so (the status line shows it)');
  // 0.2 ms a dump: a whole reading would take ~40 ms, under half the budget.
  msPerDump = 0.2;
  await clock.advance(1000);
  assert.equal(poller.rotating, false);
  const resumed = readLog.length;
  await clock.advance(3000);
  assert.ok(readLog.slice(resumed).every((read) => read.size === 200), 'whole readings again');
  assert.ok(readings.slice(resumed).every((r) => !r.inTurns && r.staleServices.size === 0));
  // Between half the budget and the budget: whichever it was doing, it goes on doing.
  msPerDump = 0.4;
  await clock.advance(3000);
  assert.equal(poller.rotating, false);
  await poller.stop();
});

test('a poll that failed after asking which servers to read leaves no mark on the next one', async () => {
  const clock = new FakeClock();
  const readings: Reading[] = [];
  const { backend, readLog } = largeBackend(1500);
  let polls = 0;
  const failing = {
    async snapshot(options?: SnapshotOptions) {
      polls++;
      if (polls !== 3) return backend.snapshot(options);
      // Asks about every service (and so plans the poll), then fails.
      for (let i = 0; i < 1500; i++) options?.readDestinationsOf?.(service(addressOf(i), 80));
      throw new Error('dump interrupted');
    },
  };
  const poller = rotatingEveryFive(failing, clock, readings, () => {});
  poller.start();
  await clock.advance(8_500);
  await poller.stop();
  assert.ok(readings.length >= 5);
  readings.forEach((reading, index) => {
    const read = readLog[index];
    assert.ok(read);
    for (const s of reading.snapshot.services) {
      const id = serviceId(s);
      assert.equal(reading.staleServices.has(id), !read.has(id), `reading ${index}, ${id}`);
    }
  });
});
