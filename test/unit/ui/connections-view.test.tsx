// The connection view (c) through the real App: what it asks the backend for, what it says when
// the rows were cut, and that its reads never overlap: a stand-in backend answers connections()
// only when the test resolves it, and the view's timer moves only when the test moves it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Backend, Connection, ConnectionQuery, ConnectionReading } from '../../../src/backend/backend.js';
import type { DemoBackend } from '../../../src/backend/demo/index.js';
import { CONNECTION_ROWS } from '../../../src/ui/commands/connections.js';
import { FakeClock } from '../poller/fake-clock.js';
import { selectWebServer } from './fixtures.js';
import { KEYS, renderApp } from './render-app.js';

interface HeldRead {
  query: ConnectionQuery | undefined;
  resolve(reading: ConnectionReading): void;
  reject(error: Error): void;
}

/** The simulator, but connections() waits until the test answers it. */
class HeldConnections {
  readonly reads: HeldRead[] = [];

  readonly wrap = (simulator: DemoBackend): Backend =>
    new Proxy(simulator, {
      get: (target, key) =>
        key === 'connections'
          ? (query?: ConnectionQuery) => new Promise<ConnectionReading>((resolve, reject) => this.reads.push({ query, resolve, reject }))
          : Reflect.get(target, key),
    });

  last(): HeldRead {
    const read = this.reads.at(-1);
    if (read === undefined) throw new Error('no read asked for');
    return read;
  }
}

function entry(clientPort: number): Connection {
  return {
    protocol: 'tcp',
    client: { address: '198.18.0.1', port: clientPort },
    virtual: { address: '10.0.0.10', port: 80 },
    destination: { address: '10.0.1.11', port: 8080 },
    state: 'ESTABLISHED',
    expires: 900,
  };
}

const rowsOnScreen = (lines: string[]) => lines.filter((l) => l.startsWith('TCP '));

test('c asks the backend for the selected service\'s entries only, a few thousand at most', async () => {
  const held = new HeldConnections();
  const app = await renderApp({ backend: held.wrap, timers: new FakeClock().api });
  try {
    await app.press('c');
    assert.deepEqual(held.last().query, { virtual: { protocol: 'tcp', address: '10.0.0.10', port: 80 }, destinations: undefined, limit: CONNECTION_ROWS });
    assert.ok(CONNECTION_ROWS >= 1000 && CONNECTION_ROWS <= 10_000);
    assert.match(app.frame(), /Connections: TCP 10\.0\.0\.10:80 — reading the connection table…/);
    await app.press(KEYS.escape);

    await app.press('G', 'c');
    assert.deepEqual(held.last().query, {
      virtual: undefined,
      destinations: [{ address: '10.0.3.11', port: 0 }, { address: '10.0.3.12', port: 0 }],
      limit: CONNECTION_ROWS,
    }, 'a firewall-mark service: its servers\' entries');
    await app.press(KEYS.escape);

    await selectWebServer(app, 1);
    await app.press('c');
    assert.deepEqual(held.last().query, {
      virtual: { protocol: 'tcp', address: '10.0.0.10', port: 80 },
      destinations: [{ address: '10.0.1.11', port: 8080 }],
      limit: CONNECTION_ROWS,
    });
  } finally {
    app.unmount();
  }
});

test('the view says when the rows were cut, and how many matched in a table of how many', async () => {
  const held = new HeldConnections();
  const app = await renderApp({ backend: held.wrap, timers: new FakeClock().api });
  try {
    await app.press('c');
    held.last().resolve({ rows: [entry(40001), entry(40002), entry(40003)], matched: 812_340, total: 1_240_331 });
    await app.settle();
    assert.match(app.frame(), /Connections: TCP 10\.0\.0\.10:80 — first 3 of 812,340 shown \(1,240,331 entries\) — Esc closes/);
    assert.equal(rowsOnScreen(app.lines()).length, 3);
    await app.press(KEYS.escape, 'c');
    held.last().resolve({ rows: [entry(40001), entry(40002)], matched: 2, total: 1_240_331 });
    await app.settle();
    assert.match(app.frame(), /Connections: TCP 10\.0\.0\.10:80 — 2 of 1,240,331 entries — Esc closes/);
    assert.doesNotMatch(app.frame(), /shown/);
  } finally {
    app.unmount();
  }
});

test('a slow read is never overlapped: the next starts an interval after it ends, and none is left after close', async () => {
  const held = new HeldConnections();
  const clock = new FakeClock();
  const app = await renderApp({ backend: held.wrap, timers: clock.api });
  try {
    await app.press('c');
    assert.equal(held.reads.length, 1);
    await clock.advance(10_000);
    assert.equal(held.reads.length, 1, 'no second read while the first is under way');
    assert.equal(clock.pending, 0, 'no timer while a read is under way');

    held.reads[0]!.resolve({ rows: [entry(40001)], matched: 1, total: 10 });
    await app.settle();
    assert.equal(rowsOnScreen(app.lines()).length, 1);
    await clock.advance(999);
    assert.equal(held.reads.length, 1, 'the next read waits an interval');
    await clock.advance(1);
    assert.equal(held.reads.length, 2);

    // A failed read is said, and the reads go on.
    held.reads[1]!.reject(new Error('disk on fire'));
    await app.settle();
    assert.match(app.frame(), /Unexpected failure: disk on fire\./);
    await clock.advance(1000);
    assert.equal(held.reads.length, 3);

    // Closed while a read is under way: its answer is dropped, and nothing is read again.
    await app.press(KEYS.escape);
    assert.equal(app.ui.getState().modal, null);
    held.reads[2]!.resolve({ rows: [entry(40001), entry(40002)], matched: 2, total: 10 });
    await app.settle();
    assert.equal(app.ui.getState().modal, null);
    assert.equal(clock.pending, 0, 'no timer left');
    await clock.advance(10_000);
    assert.equal(held.reads.length, 3);
  } finally {
    app.unmount();
  }
});

test('closed between reads: the timer goes with the view', async () => {
  const held = new HeldConnections();
  const clock = new FakeClock();
  const app = await renderApp({ backend: held.wrap, timers: clock.api });
  try {
    await app.press('c');
    held.last().resolve({ rows: [], matched: 0, total: 0 });
    await app.settle();
    assert.equal(clock.pending, 1);
    await app.press('q');
    assert.equal(app.ui.getState().modal, null);
    assert.equal(clock.pending, 0);
    await clock.advance(5000);
    assert.equal(held.reads.length, 1);
  } finally {
    app.unmount();
  }
});
