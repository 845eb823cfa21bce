import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnsFor } from '../../../src/ui/layout/columns.js';
import { sparkline } from '../../../src/ui/format/sparkline.js';
import { rowParts } from '../../../src/ui/table/row-parts.js';
import type { RowFacts } from '../../../src/ui/table/row-facts.js';

const facts: RowFacts = { name: '▸ TCP 10.0.0.10:80', mode: 'wrr', flags: '', weight: 6, share: null, active: 12, inactive: 3, rates: null, health: 'ok' };

test('a row is its name, its plain columns run together, and its sparkline, at the full width', () => {
  const columns = columnsFor(120);
  const spark = columns.find((column) => column.id === 'spark');
  assert.ok(spark !== undefined, 'a sparkline column at 120');
  const parts = rowParts(columns, facts, sparkline([1, 2, 3], spark.width));
  assert.deepEqual(
    parts.map((part) => part.kind),
    ['name', 'plain', 'spark'],
  );
  assert.equal(parts.map((part) => part.text).join('').length, 120 - 2, 'all but the marker column');
  assert.match(parts[2]?.text ?? '', / ▃▆█$/);
});
