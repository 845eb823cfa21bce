// A table row selects what it shows in one view that is a new object only when something
// shown changed, its sparkline as the string drawn: a row re-renders at a reading only when its
// figures or its picture changed, so an idle director's table stays still between readings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverId } from '../../../src/model/identity.js';
import { createLvsStore } from '../../../src/store/index.js';
import { selectRowView, selectSparkline, type RowView } from '../../../src/ui/table/row-view.js';
import { reading, server, service, snapshot, stats } from '../model/fixtures.js';

function webAt(conns: number) {
  return snapshot([service('10.0.0.10', 80, [server('10.0.1.11', 8080), server('10.0.1.12', 8080)], { stats: stats({ conns }) })]);
}

test('a sparkline changes as its picture changes, not at every reading', () => {
  const store = createLvsStore({ now: () => 0, wallClock: () => 0 });
  let at = 1000;
  let conns = 0;
  const read = (newConns: number) => {
    conns += newConns;
    store.getState().actions.applyReading(reading(webAt(conns), at));
    at += 1000;
  };
  read(0);
  const id = [...(store.getState().live?.services.keys() ?? [])][0];
  assert.ok(id !== undefined);
  const spark = selectSparkline(id, 4);
  // As a component's store hook does: select from each new state, compare with the last.
  const seen: string[] = [spark(store.getState())];
  const unsubscribe = store.subscribe((state) => {
    const drawn = spark(state);
    if (drawn !== seen.at(-1)) seen.push(drawn);
  });
  try {
    // Idle: the line grows to its width, then stays the same however many readings follow.
    for (let i = 0; i < 9; i++) read(0);
    assert.deepEqual(seen, ['    ', '   ▁', '  ▁▁', ' ▁▁▁', '▁▁▁▁'], 'the first reading has no rate (a gap), then flat zeros');
    // Traffic, then a steady rate: it changes as the busy samples come in, then settles.
    for (let i = 0; i < 6; i++) read(10);
    assert.deepEqual(seen.slice(5), ['▁▁▁█', '▁▁██', '▁███', '████']);
    // The operator chooses another metric (active connections, none here): drawn at once.
    store.getState().actions.nextMetric();
    assert.deepEqual(seen.slice(9), ['▁▁▁▁']);
  } finally {
    unsubscribe();
  }
});

test("an idle row's view keeps its identity across readings; a row changes alone", () => {
  const store = createLvsStore({ now: () => 0, wallClock: () => 0 });
  let at = 1000;
  const read = () => {
    store.getState().actions.applyReading(reading(webAt(0), at));
    at += 1000;
  };
  read();
  const serviceId = [...(store.getState().live?.services.keys() ?? [])][0];
  assert.ok(serviceId !== undefined);
  const serverIds = (store.getState().live?.services.get(serviceId)?.destinations ?? []).map((d) => serverId(serviceId, d));
  assert.equal(serverIds.length, 2);
  const rows = [
    selectRowView({ kind: 'service', id: serviceId, serviceId }, false, 4),
    ...serverIds.map((id, index) => selectRowView({ kind: 'server', id, serviceId }, index === 1, 4)),
  ];
  // Past the sparklines' width: from here an idle table's pictures no longer grow.
  for (let i = 0; i < 6; i++) read();
  const views = (): RowView[] => rows.map((row) => row(store.getState()));
  const before = views();
  assert.ok(before.every((view) => view.facts !== null), 'every row has its facts');
  assert.equal(before[1]?.facts?.name.trim().startsWith('├'), true);
  for (let i = 0; i < 5; i++) {
    read();
    views().forEach((view, index) => assert.equal(view, before[index], `row ${index} is the same object after an idle reading`));
  }
  // The selection moves from the service (where the first reading put it) to its first
  // server: those two rows change, the other server's does not.
  assert.equal(before[0]?.selected, true);
  store.setState({ selection: serverIds[0] ?? null });
  const after = views();
  assert.notEqual(after[0], before[0]);
  assert.equal(after[0]?.selected, false);
  assert.notEqual(after[1], before[1]);
  assert.equal(after[1]?.selected, true);
  assert.equal(after[2], before[2]);
});
