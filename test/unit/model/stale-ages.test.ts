import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Listing, StaleAges } from '../../../src/model/stale-ages.js';

test('stale ages read like a Map of the services not read, by id', () => {
  const listing = new Listing(['a', 'b', 'c', 'd']);
  const ages = new StaleAges(listing, Uint32Array.from([0, 3, 0, 1]), 2);
  assert.equal(ages.size, 2);
  assert.equal(ages.get('b'), 3);
  assert.equal(ages.get('a'), undefined, 'read this time');
  assert.equal(ages.get('z'), undefined, 'not listed');
  assert.equal(ages.has('d'), true);
  assert.equal(ages.has('c'), false);
  assert.deepEqual([...ages], [
    ['b', 3],
    ['d', 1],
  ]);
  assert.deepEqual([...ages.keys()], ['b', 'd']);
  assert.deepEqual([...ages.values()], [3, 1]);
  const seen: string[] = [];
  ages.forEach((age, id) => seen.push(`${id}=${age}`));
  assert.deepEqual(seen, ['b=3', 'd=1']);
});

test('readings sharing a listing keep their own ages', () => {
  const listing = new Listing(['a', 'b']);
  const first = new StaleAges(listing, Uint32Array.from([1, 0]), 1);
  const second = new StaleAges(listing, Uint32Array.from([0, 2]), 1);
  assert.equal(first.get('a'), 1);
  assert.equal(first.get('b'), undefined);
  assert.equal(second.get('a'), undefined);
  assert.equal(second.get('b'), 2);
});
