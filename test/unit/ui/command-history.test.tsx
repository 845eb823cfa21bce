import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { KEYS, renderApp } from './render-app.js';
import { serverOf, statusLine } from './fixtures.js';

const SET = (server: string, weight: number | string) => `-e -t 10.0.0.10:80 -r ${server}:8080 -m -w ${weight}`;

test(': ↑/↓ walk the lines entered before, as in a shell; the line being typed comes back', async () => {
  const app = await renderApp({ commandHistory: [SET('10.0.1.11', 2)] });
  try {
    for (const line of [SET('10.0.1.12', 9), SET('10.0.1.13', 4)]) {
      await app.press(':');
      await app.type(line);
      await app.press(KEYS.enter);
    }
    assert.equal((await serverOf(app, '10.0.1.13'))?.weight, 4);
    await app.press(':');
    await app.type('-L');
    await app.press(KEYS.up);
    assert.match(statusLine(app), new RegExp(`^:${SET('10.0.1.13', 4)}▏`));
    await app.press(KEYS.up);
    assert.match(statusLine(app), new RegExp(`^:${SET('10.0.1.12', 9)}▏`));
    await app.press(KEYS.up, KEYS.up);
    assert.match(statusLine(app), new RegExp(`^:${SET('10.0.1.11', 2)}▏`), 'the earlier session\'s line, and no further');
    await app.press(KEYS.down, KEYS.down);
    assert.match(statusLine(app), new RegExp(`^:${SET('10.0.1.13', 4)}▏`));
    await app.press(KEYS.down);
    assert.match(statusLine(app), /^:-L▏/, 'what was being typed');
    await app.press(KEYS.escape);
    assert.equal(app.ui.getState().prompt, null);
  } finally {
    app.unmount();
  }
});

test(': a recalled line is edited (cursor keys, Home, Backspace) and run; the history keeps both, and is saved', async () => {
  const app = await renderApp();
  try {
    await app.press(':');
    await app.type(SET('10.0.1.12', 'abc'));
    await app.press(KEYS.enter);
    assert.match(statusLine(app), /✗ .*weight/);

    // Recall the refused line, fix the weight, put the program name in front, run it.
    await app.press(':', KEYS.up, KEYS.backspace, KEYS.backspace, KEYS.backspace);
    await app.type('6');
    await app.press(KEYS.home);
    await app.type('ipvsadm ');
    assert.match(statusLine(app), /^:ipvsadm ▏-e -t 10\.0\.0\.10:80/);
    await app.press(KEYS.left, KEYS.left, KEYS.right);
    assert.match(statusLine(app), /^:ipvsadm▏ -e/);
    await app.press(KEYS.enter);
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 6);
    assert.match(statusLine(app), /✓ ipvsadm -e -t 10\.0\.0\.10:80 -r 10\.0\.1\.12:8080 -m -w 6/);

    const history = app.ui.getState().commandHistory;
    assert.deepEqual(history, [SET('10.0.1.12', 'abc'), `ipvsadm ${SET('10.0.1.12', 6)}`]);
    // The same line again moves to the end instead of being kept twice.
    await app.press(':', KEYS.up, KEYS.up, KEYS.enter);
    assert.deepEqual(app.ui.getState().commandHistory, [`ipvsadm ${SET('10.0.1.12', 6)}`, SET('10.0.1.12', 'abc')]);

    const file = app.services.commandHistory;
    assert.ok(file);
    await file.saved();
    assert.equal(await readFile(file.path, 'utf8'), `ipvsadm ${SET('10.0.1.12', 6)}\n${SET('10.0.1.12', 'abc')}\n`);
  } finally {
    app.unmount();
  }
});

test(': a line typed faster than it is read, or pasted with its Enter, arrives in one chunk and still runs', async () => {
  const app = await renderApp();
  try {
    await app.press(':');
    await app.press(`${SET('10.0.1.12', 7)}\r`);
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 7);
    assert.equal(app.ui.getState().prompt, null, 'the line ran and closed');
  } finally {
    app.unmount();
  }
});
