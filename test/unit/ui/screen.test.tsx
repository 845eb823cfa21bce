import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorWanted } from '../../../src/cli/commands/tui.js';
import { themeFor } from '../../../src/ui/theme.js';
import { KEYS, renderApp } from './render-app.js';

function assertFits(lines: string[], columns: number, rows: number): void {
  assert.equal(lines.length, rows - 1, 'one line less than the terminal, so nothing scrolls');
  for (const line of lines) assert.ok(line.length <= columns, `${line.length} > ${columns}: ${line}`);
}

test('80x24: every line fits, and the essentials are on screen', async () => {
  const app = await renderApp({ columns: 80, rows: 24 });
  try {
    await app.press(KEYS.enter);
    const lines = app.lines();
    assertFits(lines, 80, 24);
    const screen = app.frame();
    for (const text of ['director-1', 'IPVS 1.2.1', 'TCP 10.0.0.10:80', '10.0.1.11:8080', 'WGT', 'ACT', 'CPS', 'W%/C%', '? help']) {
      assert.ok(screen.includes(text), `missing ${text}:\n${screen}`);
    }
    assert.ok(lines.some((l) => l.startsWith('─ new conns/s')), 'detail pane shown');
  } finally {
    app.unmount();
  }
});

test('80x24: a form fits inside its box', async () => {
  const app = await renderApp({ columns: 80, rows: 24 });
  try {
    await app.press('a');
    assertFits(app.lines(), 80, 24);
    const weight = app.lines().find((l) => l.includes('Weight (-w)')) ?? '';
    assert.match(weight, /^│ +Weight \(-w\) +1 +│$/, 'nothing cut inside the box');
  } finally {
    app.unmount();
  }
});

test('200x60: more columns and a taller chart, still within the width', async () => {
  const app = await renderApp({ columns: 200, rows: 60 });
  try {
    assertFits(app.lines(), 200, 60);
    for (const header of ['INPPS', 'OUTPPS', 'IN B/s', 'OUTB/s', 'FLAGS', 'MODE']) assert.ok(app.frame().includes(header), header);
  } finally {
    app.unmount();
  }
});

test('a resize re-lays out the screen', async () => {
  const app = await renderApp({ columns: 200, rows: 60 });
  try {
    await app.resize(80, 24);
    assertFits(app.lines(), 80, 24);
    assert.ok(!app.frame().includes('OUTPPS'));
    await app.resize(120, 40);
    assertFits(app.lines(), 120, 40);
  } finally {
    app.unmount();
  }
});

test('narrow and short terminals still fit the width', async () => {
  const app = await renderApp({ columns: 60, rows: 16 });
  try {
    for (const line of app.lines()) assert.ok(line.length <= 60, line);
  } finally {
    app.unmount();
  }
});

test('markers carry meaning without colour: down server, draining server, selection', async () => {
  const app = await renderApp();
  try {
    await app.press(KEYS.enter);
    const failing = app.lines().find((l) => l.includes('10.0.1.13:8080'));
    assert.match(failing ?? '', /^✗/, 'the failing web server (no established connections) is marked down');
    assert.match(app.lines().find((l) => l.includes('TCP 10.0.0.10:80')) ?? '', /^ ›/, 'the selection is pointed at');
    await app.press('G', 'k', KEYS.enter);
    assert.match(app.lines().find((l) => l.includes('2001:db8:20::13')) ?? '', /^↓/, 'the drained IPv6 server is marked draining');
  } finally {
    app.unmount();
  }
});

test('the director bar shows host stats and warnings', async () => {
  const app = await renderApp({ host: { ...(await import('./render-app.js')).HOST, warnings: ['keepalived is running: it may revert manual changes'] } });
  try {
    const screen = app.frame();
    assert.match(screen, /CPU 23% \(irq 0\.5% softirq 4\.2%\)/);
    assert.match(screen, /load 0\.52 0\.40 0\.33/);
    assert.match(screen, /eth0 rx 1\.2MB\/s tx 34MB\/s/);
    assert.match(screen, /⚠ keepalived is running/);
    assert.match(screen, /5 svc 14 srv/);
  } finally {
    app.unmount();
  }
});

test('--no-color and NO_COLOR turn colours off; meaning stays in the markers', () => {
  assert.equal(colorWanted({ color: true }, {}), true);
  assert.equal(colorWanted({ color: false }, {}), false);
  assert.equal(colorWanted({ color: true }, { NO_COLOR: '1' }), false);
  assert.equal(colorWanted({ color: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count');
  assert.equal(themeFor(true).down, 'red');
  assert.deepEqual(Object.values(themeFor(false)).filter((c) => c !== undefined), []);
});
