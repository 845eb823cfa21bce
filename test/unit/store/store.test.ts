import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceWithDestinations } from '../../../src/ipvs/types.js';
import { serverId, serviceId } from '../../../src/model/identity.js';
import {
  createLvsStore,
  selectDrain,
  selectIsPending,
  selectRates,
  selectServer,
  selectService,
  selectVisibleRows,
  selectWantedServices,
} from '../../../src/store/index.js';
import { reading, server, service, snapshot, stats } from '../model/fixtures.js';

const A = serviceId(service('10.0.0.9', 80));
const B = serviceId(service('10.0.0.10', 80));
const C = serviceId(service('2001:db8::1', 443));

/** Three services; `conns` sets each one's connection counter. */
function table(conns: { a?: number; b?: number; c?: number } = {}, bWeight = 3): ServiceWithDestinations[] {
  return [
    service('10.0.0.10', 80, [server('10.0.2.1', 80, { weight: bWeight, activeConns: 4 }), server('10.0.2.2', 80)], {
      scheduler: 'rr',
      stats: stats({ conns: conns.b ?? 0 }),
    }),
    service('2001:db8::1', 443, [server('2001:db8::2', 443)], { scheduler: 'sh', stats: stats({ conns: conns.c ?? 0 }) }),
    service('10.0.0.9', 80, [server('10.0.1.1', 80, { activeConns: 1 })], { stats: stats({ conns: conns.a ?? 0 }) }),
  ];
}

function newStore() {
  const store = createLvsStore({ now: () => 0, wallClock: () => 42, live: { history: { fineCapacity: 16 } } });
  const apply = (services: ServiceWithDestinations[], at: number) =>
    store.getState().actions.applyReading(reading(snapshot(services), at));
  return { store, apply, actions: store.getState().actions };
}

const ids = (store: ReturnType<typeof newStore>['store']) => selectVisibleRows(store.getState()).map((row) => row.id);

test('the first reading fills the table, sorted by address, and selects the first row', () => {
  const { store, apply } = newStore();
  assert.deepEqual(ids(store), []);
  apply(table(), 0);
  assert.deepEqual(ids(store), [A, B, C], '10.0.0.9 before 10.0.0.10, IPv4 before IPv6');
  assert.equal(store.getState().selection, A);
  assert.ok(store.getState().history?.has(A));
});

test('unchanged services keep their identity between readings; narrow selectors see no change', () => {
  const { store, apply } = newStore();
  apply(table(), 0);
  apply(table({ b: 10 }), 1000);
  const before = store.getState();
  const rowsBefore = selectVisibleRows(before);
  apply(table({ b: 20 }), 2000);
  const after = store.getState();
  assert.equal(selectService(A)(after), selectService(A)(before), 'service A did not change');
  assert.equal(selectService(C)(after), selectService(C)(before));
  assert.notEqual(selectService(B)(after), selectService(B)(before), 'service B counted connections');
  assert.equal(selectServer(serverId(B, server('10.0.2.1', 80)))(after), selectServer(serverId(B, server('10.0.2.1', 80)))(before));
  assert.equal(selectRates(A)(after), selectRates(A)(before), 'idle: same rates object');
  assert.equal(selectRates(B)(after), selectRates(B)(before), 'steady 10/s: same rates object');
  assert.equal(selectRates(B)(after)?.ours?.cps, 10);
  assert.equal(selectVisibleRows(after), rowsBefore, 'same rows, same array');
  assert.notEqual(after.live, before.live);
});

test('a store subscriber selecting one row is not called when only another row changes', () => {
  const { store, apply } = newStore();
  apply(table(), 0);
  let calls = 0;
  let last = selectService(A)(store.getState());
  store.subscribe((state) => {
    const next = selectService(A)(state);
    if (next !== last) calls++;
    last = next;
  });
  apply(table({ b: 5, c: 7 }), 1000);
  apply(table({ b: 9, c: 8 }), 2000);
  assert.equal(calls, 0);
  apply(table({ a: 1 }), 3000);
  assert.equal(calls, 1);
});

test('the selection follows its row when a reading reorders the table', () => {
  const { store, apply, actions } = newStore();
  apply(table(), 0);
  actions.setSort('cps');
  actions.navigate({ type: 'select', id: C });
  apply(table({ c: 100, a: 0, b: 0 }), 1000);
  assert.equal(ids(store)[0], C);
  apply(table({ c: 100, a: 200, b: 300 }), 2000);
  assert.deepEqual(ids(store), [B, A, C]);
  assert.equal(store.getState().selection, C);
});

test('filter matches address, port, scheduler and real servers; Esc (empty) clears', () => {
  const { store, apply, actions } = newStore();
  apply(table(), 0);
  actions.setFilter('2001:');
  assert.deepEqual(ids(store), [C]);
  assert.equal(store.getState().selection, C, 'the selection moves to a row that is shown');
  actions.setFilter(' RR ');
  assert.deepEqual(ids(store), [B]);
  actions.setFilter(':443');
  assert.deepEqual(ids(store), [C]);
  actions.setFilter('10.0.1.1');
  assert.deepEqual(ids(store), [A], 'by a real server address');
  actions.setFilter('');
  assert.deepEqual(ids(store), [A, B, C]);
});

test('expanding shows real servers under their service, sorted with the table', () => {
  const { store, apply, actions } = newStore();
  apply(table(), 0);
  actions.navigate({ type: 'select', id: B });
  actions.navigate({ type: 'expand' });
  const b1 = serverId(B, server('10.0.2.1', 80));
  const b2 = serverId(B, server('10.0.2.2', 80));
  assert.deepEqual(ids(store), [A, B, b1, b2, C]);
  actions.setSort('active', 'asc');
  assert.deepEqual(ids(store), [C, A, B, b2, b1], 'servers sort by the same column');
  actions.navigate({ type: 'select', id: b1 });
  actions.navigate({ type: 'collapse' });
  assert.equal(store.getState().selection, B);
  assert.deepEqual(ids(store), [C, A, B]);
});

test('sort cycles through columns and reverses', () => {
  const { store, apply, actions } = newStore();
  apply(table(), 0);
  actions.nextSort();
  assert.deepEqual(store.getState().sort, { column: 'scheduler', direction: 'asc' });
  assert.deepEqual(ids(store), [B, C, A], 'rr, sh, wlc');
  actions.reverseSort();
  assert.deepEqual(ids(store), [A, C, B]);
  actions.nextSort();
  assert.deepEqual(store.getState().sort, { column: 'active', direction: 'desc' });
  assert.deepEqual(ids(store), [B, A, C]);
});

test('metric cycles through the sparkline metrics', () => {
  const { store, actions } = newStore();
  const seen = [store.getState().metric];
  for (let i = 0; i < 5; i++) {
    actions.nextMetric();
    seen.push(store.getState().metric);
  }
  assert.deepEqual(seen, ['cps', 'activeConns', 'inBps', 'outBps', 'inPps', 'cps']);
});

test('a drained server is tracked with the weight lvstop replaced', () => {
  const { store, apply, actions } = newStore();
  const b1 = serverId(B, server('10.0.2.1', 80));
  apply(table(), 0);
  actions.markDrained(b1, 7);
  assert.equal(actions.rememberedWeight(b1), 7);
  apply(table({}, 0), 1000);
  assert.equal(selectDrain(b1)(store.getState())?.previousWeight, 7);
  assert.equal(selectDrain(b1)(store.getState())?.activeConns, 4);
  apply(table({}, 7), 2000);
  assert.equal(selectDrain(b1)(store.getState()), null, 'restored');
});

test('a selected server that vanishes leaves the selection on its service', () => {
  const { store, apply, actions } = newStore();
  apply(table(), 0);
  const b2 = serverId(B, server('10.0.2.2', 80));
  actions.navigate({ type: 'select', id: B });
  actions.navigate({ type: 'expand' });
  actions.navigate({ type: 'select', id: b2 });
  const without = table();
  without[0]?.destinations.pop();
  apply(without, 1000);
  assert.equal(store.getState().selection, B);
});

test('expanded services that are gone are forgotten', () => {
  const { store, apply, actions } = newStore();
  apply(table(), 0);
  actions.navigate({ type: 'toggle' });
  assert.ok(store.getState().expanded.has(A));
  const expanded = store.getState().expanded;
  apply(table(), 1000);
  assert.equal(store.getState().expanded, expanded, 'unchanged set kept');
  apply(table().filter((s) => serviceId(s) !== A), 2000);
  assert.equal(store.getState().expanded.has(A), false);
});

test('the poller is asked for the services on screen, expanded and selected', () => {
  const { store, apply, actions } = newStore();
  apply(table(), 0);
  actions.setPageSize(1);
  actions.navigate({ type: 'expand' });
  actions.navigate({ type: 'bottom' });
  assert.deepEqual([...selectWantedServices(store.getState())].sort(), [A, C].sort());
});

test('pending operations and messages', () => {
  const { store, actions } = newStore();
  const op = actions.beginOperation(A, 'ipvsadm -E -t 10.0.0.9:80 -s rr');
  assert.equal(selectIsPending(A)(store.getState()), true);
  actions.endOperation(op, { ok: true });
  assert.equal(selectIsPending(A)(store.getState()), false);
  assert.deepEqual(store.getState().lastAction, { text: 'ipvsadm -E -t 10.0.0.9:80 -s rr', at: 42 });
  const failed = actions.beginOperation(null, 'ipvsadm -C');
  actions.endOperation(failed, { ok: false, error: 'Permission denied.' });
  assert.equal(store.getState().lastError?.text, 'Permission denied.');
  actions.clearError('poll');
  assert.notEqual(store.getState().lastError, null, 'a poll recovery does not clear an action error');
  actions.clearError();
  assert.equal(store.getState().lastError, null);
  actions.setPaused(true);
  assert.equal(store.getState().paused, true);
});
