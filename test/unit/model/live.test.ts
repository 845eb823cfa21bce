import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverId, serviceId } from '../../../src/model/identity.js';
import { findServer, LiveModel } from '../../../src/model/live.js';
import { reading, server, service, snapshot, stats } from './fixtures.js';

const SID = serviceId(service('10.0.0.1', 80));
const RID = serverId(SID, server('10.0.1.1', 80));

function table(conns: number, weight = 1, active = 0) {
  return snapshot([
    service('10.0.0.1', 80, [server('10.0.1.1', 80, { weight, activeConns: active, stats: stats({ conns }) })], {
      stats: stats({ conns }),
    }),
  ]);
}

test('a reading gives rates, history and drain state for services and servers', () => {
  const model = new LiveModel({ history: { fineCapacity: 10, coarseEvery: 5 } });
  let live = model.apply(reading(table(0, 2, 4), 0), null);
  assert.equal(live.rates.get(SID)?.ours, null);
  assert.ok(Number.isNaN(model.history?.latest(SID, 'cps') ?? 0), 'unknown first rate is NaN in history');
  assert.equal(model.history?.latest(SID, 'activeConns'), 4, 'a service counts its servers connections');
  live = model.apply(reading(table(30, 0, 3), 1500), live);
  assert.equal(live.rates.get(RID)?.ours?.cps, 20);
  assert.equal(live.drains.get(RID)?.previousWeight, 2);
  assert.deepEqual([...(model.history?.last(RID, 'cps', 5) ?? [])].slice(1), [20]);
  assert.equal(findServer(live.services, RID)?.activeConns, 3);
  assert.equal(findServer(live.services, `${SID}>10.9.9.9|80`), undefined);
});

test('servers not re-read keep their rates; history carries them', () => {
  const model = new LiveModel({ history: { fineCapacity: 10 } });
  let live = model.apply(reading(table(0), 0), null);
  live = model.apply(reading(table(10), 1000), live);
  const before = live.rates.get(RID);
  // The poller merged the old servers (conns 10) into a reading whose service moved on.
  const merged = table(10);
  const svc = merged.services[0];
  assert.ok(svc);
  svc.stats = stats({ conns: 40 });
  live = model.apply(reading(merged, 2000, new Map([[SID, 1]])), live);
  assert.equal(live.rates.get(RID), before);
  assert.equal(live.rates.get(SID)?.ours?.cps, 30);
  assert.deepEqual([...(model.history?.last(RID, 'cps', 2) ?? [])], [10, 10]);
  assert.equal(live.staleServices.get(SID), 1);
});

test('vanished services leave rates, history and maps', () => {
  const model = new LiveModel();
  let live = model.apply(reading(table(0), 0), null);
  live = model.apply(reading(snapshot([]), 1000), live);
  assert.equal(live.services.size, 0);
  assert.equal(live.rates.size, 0);
  assert.equal(model.history?.size, 0);
  assert.equal(model.rates.size, 0);
});

test('an unchanged reading keeps the snapshot; a reordered one keeps the services', () => {
  const model = new LiveModel();
  const two = (order: 'ab' | 'ba') => {
    const a = service('10.0.0.1', 80, [server('10.0.1.1', 80)]);
    const b = service('10.0.0.2', 80, [server('10.0.2.1', 80)]);
    return snapshot(order === 'ab' ? [a, b] : [b, a]);
  };
  const first = model.apply(reading(two('ab'), 0), null);
  const second = model.apply(reading(two('ab'), 1000), first);
  assert.equal(second.snapshot, first.snapshot);
  const third = model.apply(reading(two('ba'), 2000), second);
  assert.notEqual(third.snapshot, second.snapshot);
  assert.equal(third.snapshot.services[0], second.snapshot.services[1]);
  assert.equal(third.rates.get(SID)?.ours?.cps, 0, 'rates follow ids, not positions');
});

test('totals sum the whole table: services, servers, connections, and rates as shown', () => {
  const model = new LiveModel();
  const two = (conns: number) =>
    snapshot([
      service('10.0.0.1', 80, [server('10.0.1.1', 80, { activeConns: 3, inactiveConns: 1 }), server('10.0.1.2', 80, { activeConns: 2 })], {
        stats: stats({ conns, cps: 7, inBps: 100 }),
      }),
      service('10.0.0.2', 80, [server('10.0.2.1', 80, { inactiveConns: 5 })], { stats: stats({ conns: conns * 2, cps: 1 }) }),
    ]);
  const first = model.apply(reading(two(0), 0), null);
  assert.deepEqual(first.totals, { services: 2, servers: 3, active: 5, inactive: 6, cps: 8, inBps: 100, outBps: 0 }, 'kernel estimates at first');
  const second = model.apply(reading(two(10), 1000), first);
  assert.equal(second.totals.cps, 30, 'then ours');
  assert.equal(second.totals.inBps, 0);
});
