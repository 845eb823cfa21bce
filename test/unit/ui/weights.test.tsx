import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, renderApp } from './render-app.js';
import { selectWebServer, serverOf, statusLine, WEB, WEB_ID } from './fixtures.js';

test('d drains: weight 0 in the backend, the ipvsadm command shown, the drain followed to "safe to remove"; r restores', async () => {
  const app = await renderApp();
  try {
    await selectWebServer(app, 1);
    assert.equal(app.store.getState().selection, `${WEB_ID}>10.0.1.11|8080`);
    await app.press('d');
    assert.equal((await serverOf(app, '10.0.1.11'))?.weight, 0);
    assert.match(statusLine(app), /✓ ipvsadm -e -t 10\.0\.0\.10:80 -r 10\.0\.1\.11:8080 -m -w 0/);
    assert.equal(await app.services.drainMemory?.recall(WEB, { family: 'inet', address: '10.0.1.11', port: 8080 }), 3, 'old weight kept on disk');
    await app.advance(1000);
    const row = app.lines().find((l) => l.includes('10.0.1.11:8080')) ?? '';
    assert.match(row, /^↓›/, 'marked draining');
    assert.match(app.frame(), /weight 0, was 3/);
    assert.match(app.frame(), /draining for \d+s: \d+ active/);
    const activeNow = async () => (await serverOf(app, '10.0.1.11'))?.activeConns ?? -1;
    const before = await activeNow();
    for (let i = 0; i < 30 && !app.frame().includes('safe to remove'); i++) await app.advance(1000);
    assert.ok((await activeNow()) < before || before === 0);
    assert.match(app.frame(), /✓ safe to remove: no active or persistent connections/);

    await app.press('r');
    assert.equal((await serverOf(app, '10.0.1.11'))?.weight, 3);
    assert.match(statusLine(app), /-r 10\.0\.1\.11:8080 -m -w 3/);
    assert.equal(await app.services.drainMemory?.recall(WEB, { family: 'inet', address: '10.0.1.11', port: 8080 }), null, 'forgotten once restored');
  } finally {
    app.unmount();
  }
});

test('d on a drained server and r on a live one say why nothing happens', async () => {
  const app = await renderApp();
  try {
    await selectWebServer(app, 2);
    await app.press('r');
    assert.match(statusLine(app), /✗ 10\.0\.1\.12:8080 is not drained: its weight is 3/);
    await app.press('g');
    await app.press('d');
    assert.match(statusLine(app), /d works on a real server: expand a service/);
    // The IPv6 site's third server was drained before lvstop started: no weight to restore.
    await app.press('G', 'k', KEYS.enter, 'j', 'j', 'j');
    assert.match(app.store.getState().selection ?? '', /2001:db8:20::13/);
    await app.press('r');
    assert.match(statusLine(app), /No remembered weight for \[2001:db8:20::13\]:8080/);
  } finally {
    app.unmount();
  }
});

test('+ and - step the weight, one change at a time', async () => {
  const app = await renderApp();
  try {
    await selectWebServer(app, 2);
    await app.press('+', '+');
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 5);
    await app.press('-');
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 4);
    assert.match(statusLine(app), /-w 4$/);
  } finally {
    app.unmount();
  }
});

test('w sets an exact weight through a one-field form that refuses bad input', async () => {
  const app = await renderApp();
  try {
    await selectWebServer(app, 2);
    await app.press('w');
    assert.match(app.frame(), /Weight of 10\.0\.1\.12:8080 in TCP 10\.0\.0\.10:80 \(now 3\)/);
    await app.press(KEYS.ctrlU);
    await app.type('7x');
    assert.match(app.frame(), /✗ the weight must be a whole number from 0 to 2147483647/);
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal?.kind, 'form', 'refused: the form stays open');
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 3);
    await app.press(KEYS.backspace, KEYS.enter);
    assert.equal(app.ui.getState().modal, null);
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 7);
    await app.press('w', KEYS.escape);
    assert.equal(app.ui.getState().modal, null);
    assert.match(statusLine(app), /Nothing was changed/);
  } finally {
    app.unmount();
  }
});

test('u undoes the last change with the undo the runner returned', async () => {
  const app = await renderApp();
  try {
    await selectWebServer(app, 2);
    await app.press('d');
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 0);
    await app.press('u');
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 3);
    assert.match(statusLine(app), /undid ipvsadm -e .* -w 0: ipvsadm -e .* -w 3/);
    await app.press('u');
    assert.match(statusLine(app), /Nothing to undo/);
  } finally {
    app.unmount();
  }
});
