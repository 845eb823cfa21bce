import { test } from 'node:test';
import assert from 'node:assert/strict';
import { columnsFor, MARKER_WIDTH } from '../../../src/ui/layout/columns.js';
import { screenLayout } from '../../../src/ui/layout/screen-layout.js';

const total = (width: number) => {
  const columns = columnsFor(width);
  return MARKER_WIDTH + columns.reduce((sum, c) => sum + c.width, 0) + columns.length - 1;
};

test('columns fill the width exactly, from 40 to 300 columns', () => {
  for (let width = 40; width <= 300; width++) assert.equal(total(width), width, `width ${width}`);
});

test('80 columns keep the essentials; wide terminals gain rates and flags', () => {
  const narrow = columnsFor(80).map((c) => c.id);
  for (const id of ['name', 'weight', 'share', 'active', 'cps', 'spark', 'mode'] as const) assert.ok(narrow.includes(id), id);
  assert.ok(!narrow.includes('outPps'));
  const wide = columnsFor(200).map((c) => c.id);
  assert.equal(wide.length, 13);
});

test('the screen leaves one terminal line free and gives the detail pane what the table does not need', () => {
  const small = screenLayout({ columns: 80, rows: 24, directorLines: 3 });
  assert.equal(small.height, 23);
  assert.equal(small.directorLines + 1 + small.tableRows + small.detailLines + 2, 23);
  assert.ok(small.tableRows >= 10);
  const roomy = screenLayout({ columns: 120, rows: 40, directorLines: 3, rowCount: 5 });
  assert.ok(roomy.detailLines > screenLayout({ columns: 120, rows: 40, directorLines: 3, rowCount: 100 }).detailLines);
  const dialog = screenLayout({ columns: 80, rows: 24, directorLines: 3, dialogLines: 11 });
  assert.equal(dialog.detailLines, 11);
});
