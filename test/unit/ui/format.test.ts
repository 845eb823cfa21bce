import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fit, joinWithin } from '../../../src/ui/format/fit.js';
import { barChart, sparkline } from '../../../src/ui/format/sparkline.js';
import { duration, human, perSecond } from '../../../src/ui/format/units.js';

test('human units keep numbers short', () => {
  assert.equal(human(0), '0');
  assert.equal(human(7), '7');
  assert.equal(human(2.5), '2.5');
  assert.equal(human(345), '345');
  assert.equal(human(1234), '1.2K');
  assert.equal(human(45_678), '46K');
  assert.equal(human(9_100_000), '9.1M');
  assert.equal(human(2_147_483_647), '2.1G');
  assert.equal(human(Number.NaN), '-');
  assert.equal(perSecond(1_200_000, 'B'), '1.2MB/s');
  assert.equal(duration(3 * 86400 + 4 * 3600), '3d04h');
  assert.equal(duration(65), '1m05s');
});

test('fit cuts with an ellipsis and pads to the exact width', () => {
  assert.equal(fit('abc', 5), 'abc  ');
  assert.equal(fit('abc', 5, 'right'), '  abc');
  assert.equal(fit('abcdef', 4), 'abc…');
  assert.equal(fit('abc', 0), '');
  assert.equal(joinWithin(['one', 'two', 'three'], 9), 'one  two');
});

test('sparkline: one level per sample, gaps for unknown, right-aligned', () => {
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8), '▁▂▃▄▅▆▇█');
  assert.equal(sparkline([Number.NaN, 7], 4), '   █');
  assert.equal(sparkline([0, 0], 2), '▁▁');
  assert.equal(sparkline([1, 2, 3, 4], 2), '▆█', 'only the newest that fit, scaled to them');
});

test('bar chart: rows of exactly the width, the tallest bar reaching the top', () => {
  const { rows, max } = barChart([0, 4, 8], 5, 2);
  assert.equal(max, 8);
  assert.deepEqual(rows, ['    █', '   ██']);
  for (const row of rows) assert.equal(row.length, 5);
});
