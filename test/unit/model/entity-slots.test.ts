import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntitySlots } from '../../../src/model/entity-slots.js';

function reading(slots: EntitySlots, ids: string[]): number[] {
  slots.beginReading();
  const taken = ids.map((id) => slots.take(id));
  slots.endReading();
  return taken;
}

test('an id keeps its slot from reading to reading; taking twice in a reading is the same', () => {
  const slots = new EntitySlots();
  const [a, b] = reading(slots, ['a', 'b']);
  assert.deepEqual(reading(slots, ['b', 'a', 'a']), [b, a, a]);
  assert.equal(slots.size, 2);
  assert.equal(slots.slotOf('a'), a);
});

test('an id not seen in a reading is freed, its trackers told, and its slot reused', () => {
  const slots = new EntitySlots();
  const freed: number[] = [];
  slots.onFree((slot) => freed.push(slot));
  const [, b] = reading(slots, ['a', 'b', 'c']);
  reading(slots, ['a', 'c']);
  assert.deepEqual(freed, [b]);
  assert.equal(slots.slotOf('b'), undefined);
  assert.equal(slots.size, 2);
  assert.deepEqual(reading(slots, ['a', 'c', 'd']).at(-1), b, 'd took the freed slot');
  assert.equal(slots.capacity, 3);
});

test('nothing is freed when every id was seen', () => {
  const slots = new EntitySlots();
  let freed = 0;
  slots.onFree(() => freed++);
  for (let r = 0; r < 3; r++) reading(slots, ['a', 'b']);
  assert.equal(freed, 0);
});
