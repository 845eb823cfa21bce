import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Destination } from '../../../src/ipvs/types.js';
import { errors } from '../../../src/ipvs/errors.js';
import { Poller } from '../../../src/poller.js';
import { bindPaused, createLvsStore, pollerCallbacks } from '../../../src/store/index.js';
import { server, service, snapshot } from '../model/fixtures.js';
import { FakeClock } from '../poller/fake-clock.js';

test('a poller feeds the store, reports errors to it and follows its paused flag', async () => {
  const clock = new FakeClock();
  const store = createLvsStore({ now: clock.now });
  let fail = false;
  const poller = new Poller(
    {
      snapshot: async () => {
        if (fail) throw errors.permission();
        return snapshot([service('10.0.0.1', 80, [server('10.0.1.1', 80)])]);
      },
    },
    { intervalMs: 1000, now: clock.now, timers: clock.api, ...pollerCallbacks(store) },
  );
  const unbind = bindPaused(store, poller);
  poller.start();
  await clock.advance(1500);
  assert.equal(store.getState().historyReadings, 2);
  fail = true;
  await clock.advance(1000);
  assert.match(store.getState().lastError?.text ?? '', /Permission denied/);
  assert.equal(store.getState().lastError?.source, 'poll');
  fail = false;
  await clock.advance(4000);
  assert.equal(store.getState().lastError, null, 'cleared on recovery');
  store.getState().actions.setPaused(true);
  assert.equal(poller.state, 'paused');
  store.getState().actions.setPaused(false);
  assert.equal(poller.state, 'running');
  unbind();
  await poller.stop();
});

test('the poller holds the store\'s copy of an unchanged table, not a second one', async () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const clock = new FakeClock();
  const store = createLvsStore({ now: clock.now });
  const SERVICES = 1200; // above the threshold: real servers read in rotation
  /** Each reading's real servers, as the backend made them: new objects every time, as the kernel client's are. */
  const made: Array<Array<WeakRef<Destination>>> = [];
  const poller = new Poller(
    {
      snapshot: async (options) => {
        const refs: Array<WeakRef<Destination>> = [];
        made.push(refs);
        return snapshot(
          Array.from({ length: SERVICES }, (_, i) => {
            const bare = service(`10.0.${i >> 8}.${i & 255}`, 80);
            if (options?.readDestinationsOf?.(bare) === false) return bare;
            const destinations = [server('10.1.0.1', 8080), server('10.1.0.2', 8080)];
            destinations.forEach((destination) => refs.push(new WeakRef(destination)));
            return { ...bare, destinations };
          }),
        );
      },
    },
    { intervalMs: 1000, now: clock.now, timers: clock.api, ...pollerCallbacks(store) },
  );
  poller.start();
  await clock.advance(12_500);
  await poller.stop();
  assert.ok(made.length >= 12 && poller.rotating);
  // A WeakRef holds its target until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const held = made.map((refs) => refs.filter((ref) => ref.deref() !== undefined).length);
  assert.equal(held[0], made[0]!.length, 'the store keeps the first reading\'s servers, unchanged since');
  assert.deepEqual(held.slice(1), held.slice(1).map(() => 0), 'later readings\' servers, equal to the first\'s, are held by no one');
  // Read in turns, every service still shows its servers.
  const live = store.getState().live!;
  assert.equal(live.snapshot.services.length, SERVICES);
  assert.ok(live.snapshot.services.every((s) => s.destinations.length === 2));
});
