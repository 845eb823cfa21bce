import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceWithDestinations } from '../../../src/ipvs/types.js';
import { serviceId } from '../../../src/model/identity.js';
import { LiveModel, type LiveData } from '../../../src/model/live.js';
import { buildRows, createVisibleRowsSelector, type RowInputs } from '../../../src/store/rows.js';
import type { Sort } from '../../../src/store/sort.js';
import { reading, server, service, snapshot, stats } from '../model/fixtures.js';

const BY_ADDRESS: Sort = { column: 'address', direction: 'asc' };
const BY_CPS: Sort = { column: 'cps', direction: 'desc' };

/** Two services, each with two real servers; `conns` moves every counter. */
function table(conns: number, extra: ServiceWithDestinations[] = []): ServiceWithDestinations[] {
  const counters = (n: number) => stats({ conns: n, inPackets: n * 10 });
  return [
    service('10.0.0.2', 80, [server('10.0.2.1', 80, { stats: counters(conns) }), server('10.0.2.2', 80, { stats: counters(conns) })], {
      stats: counters(conns * 2),
    }),
    service('10.0.0.1', 80, [server('10.0.1.1', 80, { stats: counters(conns * 3) }), server('10.0.1.2', 80, { stats: counters(conns) })], {
      stats: counters(conns * 4),
    }),
    ...extra,
  ];
}

function readings() {
  const model = new LiveModel();
  let live: LiveData | null = null;
  let at = 0;
  return (services: ServiceWithDestinations[]): LiveData => {
    live = model.apply(reading(snapshot(services), (at += 1000)), live);
    return live;
  };
}

const FIRST = serviceId(service('10.0.0.1', 80));

test('by address, a reading that only moved counters keeps the rows; one that changed the table does not', () => {
  const next = readings();
  const select = createVisibleRowsSelector();
  const expanded = new Set([FIRST]);
  const inputs = (live: LiveData): RowInputs => ({ live, expanded, filter: '', sort: BY_ADDRESS });
  const rows = select(inputs(next(table(1))));
  assert.equal(rows.length, 4);
  const moved = next(table(5));
  assert.equal(select(inputs(moved)), rows, 'same rows, same array');
  assert.deepEqual(select(inputs(moved)), buildRows(inputs(moved)));

  const added = next(table(6, [service('10.0.0.0', 80)]));
  const withNew = select(inputs(added));
  assert.notEqual(withNew, rows);
  assert.deepEqual(withNew, buildRows(inputs(added)));
  assert.equal(withNew[0]?.id, serviceId(service('10.0.0.0', 80)));

  // A real server of the expanded service replaced by another.
  const services = table(7, [service('10.0.0.0', 80)]);
  const first = services[1];
  assert.ok(first);
  first.destinations = [server('10.0.1.9', 80), ...first.destinations.slice(1)];
  const replaced = next(services);
  assert.deepEqual(select(inputs(replaced)), buildRows(inputs(replaced)));
  assert.ok(select(inputs(replaced)).some((row) => row.id.endsWith('10.0.1.9|80')));
});

test('sorted by a rate, every reading is sorted again, by our rates else the kernel estimates', () => {
  const next = readings();
  const select = createVisibleRowsSelector();
  const inputs = (live: LiveData): RowInputs => ({ live, expanded: new Set(), filter: '', sort: BY_CPS });
  // First reading: no rates of ours, so the kernel's estimates order the table.
  const kernelFirst = table(1);
  kernelFirst[0]!.stats = stats({ cps: 9 });
  assert.deepEqual(
    select(inputs(next(kernelFirst))).map((row) => row.id),
    [serviceId(service('10.0.0.2', 80)), FIRST],
  );
  // Then ours: the first service's counters move twice as fast.
  assert.deepEqual(
    select(inputs(next(table(10)))).map((row) => row.id),
    [FIRST, serviceId(service('10.0.0.2', 80))],
  );
});
