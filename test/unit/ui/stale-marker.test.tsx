// Reading real servers in turns, as the operator sees it: a dim `~` before each row whose
// real server figures are from an earlier reading, gone once they are read again, and a
// "[servers read in turns]" badge on the status line while the poller reads that way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeService } from '../../../src/ipvs/describe.js';
import { createLvsStore } from '../../../src/store/index.js';
import { selectIsStale, selectVisibleRows } from '../../../src/store/selectors.js';
import { reading, server, service, snapshot } from '../model/fixtures.js';
import { KEYS, renderApp, type Harness } from './render-app.js';

const BADGE = '[servers read in turns]';

/** The table's rows on screen, as drawn: the marker column and the rest. */
function tableLines(app: Harness): { marker: string; text: string }[] {
  const lines = app.lines();
  // The weight column stays at every width (the name goes below 24 columns).
  const header = lines.findIndex((line) => /^ {2}.*WGT/.test(line));
  assert.ok(header >= 0, `the table header:\n${app.frame()}`);
  const rows: { marker: string; text: string }[] = [];
  for (const line of lines.slice(header + 1)) {
    if (line.startsWith('─') || line.trim() === '') break;
    rows.push({ marker: line.slice(0, 1), text: line.slice(2) });
  }
  return rows;
}

/** What each row on screen names (a service or a real server), with its marker. */
function markersByName(app: Harness): Map<string, string> {
  return new Map(tableLines(app).map(({ marker, text }) => [text.trim().replace(/^[▸▾├└] /, '').split(/  +/)[0] ?? '', marker]));
}

test('rows whose real servers were not read in the last reading carry a ~ until they are read again', async () => {
  // 60 services over a threshold of 10: the poller reads the servers of the services on
  // screen at every reading, and the others in turns.
  const app = await renderApp({ columns: 100, rows: 30, generate: { services: 60, serversPerService: 2 }, poller: { largeTableThreshold: 10 } });
  try {
    const stale = () => app.store.getState().live?.staleServices ?? new Map<string, number>();
    assert.ok(stale().size > 0, 'services off screen are left for later readings');
    assert.deepEqual(
      tableLines(app).filter((row) => row.marker === '~'),
      [],
      'the rows on screen were read in this reading',
    );
    assert.ok(app.lines().some((line) => line.includes(BADGE)), `the status line says servers are read in turns:\n${app.frame()}`);

    // Two pages on: services the last reading left unread come into view with their old
    // figures, beside some it read in its turn.
    await app.press(KEYS.pageDown, KEYS.pageDown);
    const state = app.store.getState();
    const onScreen = selectVisibleRows(state).slice(state.scrollTop, state.scrollTop + tableLines(app).length);
    const drawn = tableLines(app);
    assert.equal(drawn.length, onScreen.length);
    const expected = onScreen.map((row) => (stale().has(row.serviceId) ? '~' : ' '));
    assert.ok(expected.includes('~') && expected.includes(' '), `some rows on the last page are stale, not all: ${expected.join('')}`);
    onScreen.forEach((row, index) => {
      const service = state.live?.services.get(row.serviceId);
      assert.ok(service !== undefined);
      assert.ok(drawn[index]?.text.includes(describeService(service)), `row ${index} is ${describeService(service)}: ${drawn[index]?.text}`);
    });
    assert.deepEqual(
      drawn.map((row) => row.marker),
      expected,
      `a ~ on exactly the rows whose servers are from an earlier reading:\n${app.frame()}`,
    );

    // The next reading reads the servers of the services now on screen.
    await app.advance(1000);
    assert.deepEqual(
      tableLines(app).filter((row) => row.marker === '~'),
      [],
      `read again, no row is marked:\n${app.frame()}`,
    );
    assert.ok(stale().size > 0, 'the others still wait their turn');
    assert.ok(app.lines().some((line) => line.includes(BADGE)));
  } finally {
    app.unmount();
  }
});

test('an expanded service whose servers were not read marks its row and its servers; health markers win', async () => {
  const app = await renderApp({ columns: 120, rows: 40 });
  try {
    await app.press('g', KEYS.enter);
    const webId = [...(app.store.getState().live?.services ?? [])].find(([, s]) => describeService(s) === 'TCP 10.0.0.10:80')?.[0];
    assert.ok(webId !== undefined);
    assert.ok(!app.lines().some((line) => line.includes(BADGE)), 'whole readings: no badge');

    await app.advance(1000, new Map([[webId, 3]]));
    const markers = markersByName(app);
    assert.equal(markers.get('TCP 10.0.0.10:80'), '~', app.frame());
    assert.equal(markers.get('10.0.1.11:8080'), '~', app.frame());
    assert.equal(markers.get('10.0.1.12:8080'), '~', app.frame());
    assert.equal(markers.get('10.0.1.13:8080'), '✗', `a server down says so before the age of its figures:\n${app.frame()}`);
    for (const name of ['TCP 10.0.0.10:443', 'UDP 10.0.0.53:53', 'TCP [2001:db8:10::80]:80', 'FWM 7']) {
      assert.equal(markers.get(name), ' ', `${name} was read:\n${app.frame()}`);
    }
    assert.ok(app.lines().some((line) => line.includes(BADGE)), app.frame());

    await app.advance(1000);
    assert.deepEqual(
      tableLines(app).filter((row) => row.marker === '~'),
      [],
      `a whole reading clears every ~:\n${app.frame()}`,
    );
    assert.ok(!app.lines().some((line) => line.includes(BADGE)), `and the badge:\n${app.frame()}`);
  } finally {
    app.unmount();
  }
});

test('the ~ keeps the table as wide as the screen, down to narrow terminals', async () => {
  for (const [columns, rows] of [
    [80, 24],
    [40, 12],
    [20, 8],
  ] as const) {
    const app = await renderApp({ columns, rows });
    try {
      const before = app.lines().map((line) => line.length);
      const every = new Map([...(app.store.getState().live?.services.keys() ?? [])].map((id) => [id, 1]));
      await app.advance(1000, every);
      const marked = tableLines(app).filter((row) => row.marker === '~');
      assert.ok(marked.length > 0, `${columns}x${rows}:\n${app.frame()}`);
      assert.ok(
        app.lines().every((line) => line.length <= columns),
        `${columns}x${rows}: no line wider than the screen:\n${app.frame()}`,
      );
      assert.equal(app.lines().length, before.length, `${columns}x${rows}: as many lines as before`);
    } finally {
      app.unmount();
    }
  }
});

test('the help lists the row markers, the ~ among them', async () => {
  const app = await renderApp({ columns: 100, rows: 30 });
  try {
    await app.press('?', KEYS.pageDown, KEYS.pageDown, KEYS.pageDown);
    assert.ok(app.lines().some((line) => /^ +~ +real server figures from an earlier reading \(servers read in turns\)/.test(line)), app.frame());
    assert.ok(app.lines().some((line) => /^ +✗ +down/.test(line)), app.frame());
  } finally {
    app.unmount();
  }
});

test('a row re-renders when it turns stale or fresh, not as its figures age', () => {
  const store = createLvsStore({ now: () => 0, wallClock: () => 0 });
  const web = service('10.0.0.10', 80, [server('10.0.1.11', 8080)]);
  const table = snapshot([web]);
  store.getState().actions.applyReading(reading(table, 1000));
  const id = [...(store.getState().live?.services.keys() ?? [])][0];
  assert.ok(id !== undefined);
  const isStale = selectIsStale(id);
  const seen: boolean[] = [];
  const unsubscribe = store.subscribe((state, previous) => {
    if (isStale(state) !== isStale(previous)) seen.push(isStale(state));
  });
  for (const [at, age] of [
    [2000, 1],
    [3000, 2],
    [4000, 3],
    [5000, 0],
  ] as const) {
    store.getState().actions.applyReading(reading(table, at, age === 0 ? new Map() : new Map([[id, age]])));
  }
  unsubscribe();
  assert.deepEqual(seen, [true, false], 'stale once, fresh once');
});
