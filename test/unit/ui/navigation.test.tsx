import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEY_TABLE } from '../../../src/ui/keys/key-table.js';
import { KEYS, renderApp } from './render-app.js';

const WEB = 'tcp|10.0.0.10|80';

test('↑↓ jk g G PgUp PgDn move the selection; Enter → l expand, ← h collapse', async () => {
  const app = await renderApp();
  try {
    const selection = () => app.store.getState().selection;
    assert.equal(selection(), WEB);
    await app.press('j');
    assert.equal(selection(), 'tcp|10.0.0.10|443');
    await app.press(KEYS.down, 'k', KEYS.up);
    assert.equal(selection(), WEB);
    await app.press('G');
    assert.equal(selection(), 'fwm|inet|7');
    await app.press('g');
    assert.equal(selection(), WEB);
    await app.press(KEYS.pageDown);
    assert.equal(selection(), 'fwm|inet|7');
    await app.press(KEYS.pageUp);
    assert.equal(selection(), WEB);

    await app.press(KEYS.enter);
    assert.ok(app.frame().includes('▾ TCP 10.0.0.10:80'));
    assert.ok(app.frame().includes('10.0.1.12:8080'));
    await app.press('j');
    assert.equal(selection(), `${WEB}>10.0.1.11|8080`);
    await app.press('h');
    assert.equal(selection(), WEB, 'collapsing from a server selects its service');
    assert.ok(!app.frame().includes('10.0.1.12:8080'));
    await app.press('l');
    assert.ok(app.frame().includes('10.0.1.12:8080'));
    await app.press(KEYS.left, KEYS.right);
    assert.ok(app.frame().includes('10.0.1.12:8080'));
    await app.press(KEYS.enter);
    assert.ok(!app.frame().includes('10.0.1.12:8080'), 'Enter toggles');
  } finally {
    app.unmount();
  }
});

test('/ filters as typed; Enter keeps it, Esc clears it', async () => {
  const app = await renderApp();
  try {
    await app.press('/');
    await app.type('udp');
    assert.ok(app.frame().includes('/udp▏'), 'the prompt shows what is typed');
    assert.ok(app.frame().includes('UDP 10.0.0.53:53'));
    assert.ok(!app.frame().includes('TCP 10.0.0.10:80'));
    await app.press(KEYS.enter);
    assert.equal(app.store.getState().filter, 'udp');
    assert.ok(app.frame().includes('[filter "udp"]'));
    await app.press('/', KEYS.backspace, KEYS.backspace, KEYS.backspace);
    await app.type('zzz');
    assert.ok(app.frame().includes('No service matches "zzz"'));
    await app.press(KEYS.escape);
    assert.equal(app.store.getState().filter, '');
    assert.ok(app.frame().includes('TCP 10.0.0.10:80'));
    assert.equal(app.ui.getState().prompt, null);
  } finally {
    app.unmount();
  }
});

test('s sorts by the next column, S reverses; m cycles the metric', async () => {
  const app = await renderApp();
  try {
    assert.ok(app.frame().includes('SERVICE / SERVER↑'));
    await app.press('s');
    assert.deepEqual(app.store.getState().sort, { column: 'scheduler', direction: 'asc' });
    assert.ok(app.frame().includes('MODE↑'));
    await app.press('S');
    assert.deepEqual(app.store.getState().sort, { column: 'scheduler', direction: 'desc' });
    const names = () => app.lines().filter((l) => /[▸▾] /.test(l)).map((l) => /[▸▾] (\S+ \S+)/.exec(l)?.[1]);
    assert.deepEqual(names(), ['TCP 10.0.0.10:80', 'TCP 10.0.0.10:443', 'TCP [2001:db8:10::80]:80', 'FWM 7', 'UDP 10.0.0.53:53'], 'wrr, wlc, wlc, sh, rr');
    await app.press('m');
    assert.equal(app.store.getState().metric, 'activeConns');
    assert.ok(app.frame().includes('▁▃▇ ACT'));
    assert.ok(app.frame().includes('─ active conns'));
  } finally {
    app.unmount();
  }
});

test('p pauses and resumes polling', async () => {
  const app = await renderApp();
  try {
    await app.press('p');
    assert.equal(app.store.getState().paused, true);
    assert.ok(app.frame().includes('[PAUSED]'));
    assert.ok(app.frame().includes('Polling paused'));
    await app.press('p');
    assert.equal(app.store.getState().paused, false);
    assert.ok(!app.frame().includes('[PAUSED]'));
  } finally {
    app.unmount();
  }
});

test('? shows every key of the key table; Esc closes it', async () => {
  const app = await renderApp({ rows: 50 });
  try {
    await app.press('?');
    const screen = app.frame();
    for (const binding of KEY_TABLE) assert.ok(screen.includes(binding.description), `help lacks ${binding.label}: ${binding.description}`);
    await app.press(KEYS.escape);
    assert.equal(app.ui.getState().modal, null);
    assert.ok(app.frame().includes('TCP 10.0.0.10:80'));
  } finally {
    app.unmount();
  }
});

test('q quits, and so does Ctrl-C', async () => {
  for (const key of ['q', KEYS.ctrlC]) {
    const app = await renderApp();
    await app.press(key);
    await app.exited;
    app.unmount();
  }
});
