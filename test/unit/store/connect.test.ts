import { test } from 'node:test';
import assert from 'node:assert/strict';
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
