// A table row's sparkline is selected as the string drawn, so a row re-renders at a reading
// only when its picture changed: an idle director's table stays still between readings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLvsStore } from '../../../src/store/index.js';
import { selectSparkline } from '../../../src/ui/hooks/use-sparkline.js';
import { reading, server, service, snapshot, stats } from '../model/fixtures.js';

function webAt(conns: number) {
  return snapshot([service('10.0.0.10', 80, [server('10.0.1.11', 8080)], { stats: stats({ conns }) })]);
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
