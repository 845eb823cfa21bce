import { test } from 'node:test';
import assert from 'node:assert/strict';
import { navigate, scrollToShow, settle, type NavState } from '../../../src/store/navigation.js';
import type { Row } from '../../../src/store/rows.js';

const svc = (id: string): Row => ({ kind: 'service', id, serviceId: id });
const srv = (service: string, n: number): Row => ({ kind: 'server', id: `${service}>r${n}`, serviceId: service });

// a (expanded: a>r1, a>r2), b, c, d, e
const rows: Row[] = [svc('a'), srv('a', 1), srv('a', 2), svc('b'), svc('c'), svc('d'), svc('e')];
const start: NavState = { selection: 'a', expanded: new Set(['a']), scrollTop: 0 };

test('up and down move one row and stop at the ends', () => {
  let state = navigate(start, rows, { type: 'down' }, 3);
  assert.equal(state.selection, 'a>r1');
  state = navigate(state, rows, { type: 'up' }, 3);
  assert.equal(state.selection, 'a');
  assert.equal(navigate(state, rows, { type: 'up' }, 3), state, 'nothing above the top: same state');
  const last = navigate(start, rows, { type: 'bottom' }, 3);
  assert.equal(last.selection, 'e');
  assert.equal(navigate(last, rows, { type: 'down' }, 3), last);
});

test('moves scroll just enough to keep the selection on screen', () => {
  let state = start;
  for (let i = 0; i < 3; i++) state = navigate(state, rows, { type: 'down' }, 3);
  assert.equal(state.selection, 'b');
  assert.equal(state.scrollTop, 1);
  state = navigate(state, rows, { type: 'bottom' }, 3);
  assert.equal(state.scrollTop, 4);
  state = navigate(state, rows, { type: 'up' }, 3);
  assert.equal(state.scrollTop, 4, 'still visible: no scroll');
  state = navigate(state, rows, { type: 'top' }, 3);
  assert.deepEqual([state.selection, state.scrollTop], ['a', 0]);
});

test('page up and down move by a page and clamp', () => {
  let state = navigate(start, rows, { type: 'pageDown' }, 3);
  assert.equal(state.selection, 'b');
  state = navigate(state, rows, { type: 'pageDown' }, 3);
  assert.equal(state.selection, 'e');
  state = navigate(state, rows, { type: 'pageDown' }, 3);
  assert.equal(state.selection, 'e');
  state = navigate(state, rows, { type: 'pageUp' }, 3);
  assert.equal(state.selection, 'b');
  assert.equal(navigate(state, rows, { type: 'pageUp' }, 10).selection, 'a');
});

test('with no selection, down selects the first row', () => {
  const state = navigate({ selection: null, expanded: new Set(), scrollTop: 0 }, rows, { type: 'down' }, 3);
  assert.equal(state.selection, 'a');
});

test('expand and collapse act on the selected service', () => {
  const onB: NavState = { ...start, selection: 'b' };
  const expanded = navigate(onB, rows, { type: 'expand' }, 3);
  assert.deepEqual([...expanded.expanded].sort(), ['a', 'b']);
  assert.equal(navigate(expanded, rows, { type: 'expand' }, 3), expanded, 'already expanded');
  const collapsed = navigate(expanded, rows, { type: 'collapse' }, 3);
  assert.deepEqual([...collapsed.expanded], ['a']);
  const toggled = navigate(onB, rows, { type: 'toggle' }, 3);
  assert.ok(toggled.expanded.has('b'));
  assert.equal(start.expanded.has('b'), false, 'the old set is not mutated');
});

test('collapse on a real server folds its service and selects it; expand there does nothing', () => {
  const onServer: NavState = { ...start, selection: 'a>r2' };
  assert.equal(navigate(onServer, rows, { type: 'expand' }, 3), onServer);
  const state = navigate(onServer, rows, { type: 'collapse' }, 3);
  assert.equal(state.selection, 'a');
  assert.equal(state.expanded.has('a'), false);
});

test('select jumps to a row by id and ignores unknown ids', () => {
  const state = navigate(start, rows, { type: 'select', id: 'd' }, 3);
  assert.equal(state.selection, 'd');
  assert.equal(state.scrollTop, 3);
  assert.equal(navigate(state, rows, { type: 'select', id: 'nope' }, 3), state);
});

test('settle keeps a selection that moved, and finds a new one for a selection that went', () => {
  const reordered = [svc('e'), svc('b'), svc('a'), srv('a', 1), srv('a', 2), svc('c'), svc('d')];
  const onB: NavState = { ...start, selection: 'b', scrollTop: 3 };
  assert.equal(settle(onB, reordered, rows, 3).selection, 'b', 'followed by id');
  assert.equal(settle(onB, reordered, rows, 3).scrollTop, 1, 'scrolled to where it went');
  const withoutServer = [svc('a'), srv('a', 1), svc('b'), svc('c'), svc('d'), svc('e')];
  assert.equal(settle({ ...start, selection: 'a>r2' }, withoutServer, rows, 3).selection, 'a', 'a gone server selects its service');
  const withoutC = [svc('a'), srv('a', 1), srv('a', 2), svc('b'), svc('d'), svc('e')];
  assert.equal(settle({ ...start, selection: 'c' }, withoutC, rows, 3).selection, 'd', 'the row now at its place');
  assert.equal(settle({ ...start, selection: 'e' }, withoutC.slice(0, 3), rows, 3).selection, 'a>r2', 'clamped to the end');
  assert.equal(settle({ ...start, selection: 'x' }, [], rows, 3).selection, null);
});

test('scrollToShow', () => {
  assert.equal(scrollToShow(0, 5, 3, 10), 3);
  assert.equal(scrollToShow(5, 2, 3, 10), 2);
  assert.equal(scrollToShow(4, 5, 3, 10), 4);
  assert.equal(scrollToShow(8, 9, 3, 10), 7, 'no empty space below the last row');
});
