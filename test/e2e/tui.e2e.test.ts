// The real binary in a real terminal: tmux runs `lvstop --demo` at 120x40, keys go in with
// send-keys and the screen comes back with capture-pane. Needs tmux and a build (run here).
// Run: node --import tsx --test test/e2e/tui.e2e.test.ts

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drainActiveLeft, hasTmux, tableCell, terminalEnvironment, TmuxTerminal } from '../support/tmux.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const state = mkdtempSync(join(tmpdir(), 'lvstop-e2e-'));
const env = terminalEnvironment({ LVSTOP_STATE_DIR: state, LVSTOP_AUDIT_LOG: join(state, 'audit.log') });
const tmuxMissing = !hasTmux() && 'tmux is not installed';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const startShell = (width = 120, height = 40) => new TmuxTerminal({ cwd: root, env, width, height });

before(() => {
  if (tmuxMissing) return;
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
});

after(() => {
  rmSync(state, { recursive: true, force: true });
});

test('start, navigate, drain and watch connections fall, restore, quit to a usable shell', { skip: tmuxMissing, timeout: 90_000 }, async () => {
  const t = startShell();
  try {
    t.keys('bin/lvstop --demo', 'Enter');
    await t.waitFor('the main screen', (s) => s.includes('IPVS 1.2.1') && s.includes('TCP 10.0.0.10:80'));
    assert.ok(t.alternateOn(), 'drawn on the alternate screen');

    t.keys('Enter');
    await t.waitFor('the web service expanded', (s) => s.includes('10.0.1.11:8080'));
    t.keys('j');
    await t.waitFor('the first server selected', (s) => /^ ›\s+├ 10\.0\.1\.11:8080/m.test(s));
    assert.equal(tableCell(t.screen(), '10.0.1.11:8080', 'WGT'), '3');

    t.keys('d');
    await t.waitFor('weight 0 after the drain', (s) => tableCell(s, '10.0.1.11:8080', 'WGT') === '0');
    assert.match(t.screen(), /✓ ipvsadm -e -t 10\.0\.0\.10:80 -r 10\.0\.1\.11:8080 -m -w 0/);
    const first = await t.waitFor('the drain progress', drainActiveLeft);
    await sleep(4000);
    const later = await t.waitFor('the drain progress', drainActiveLeft);
    assert.ok(later < first || later === 0, `active connections fell: ${first} -> ${later}`);

    t.keys('r');
    await t.waitFor('weight 3 after the restore', (s) => tableCell(s, '10.0.1.11:8080', 'WGT') === '3');

    t.keys('q');
    await t.waitFor('the alternate screen left', () => !t.alternateOn());
    t.keys('echo shell-$((40+2))', 'Enter');
    await t.waitFor('a usable shell', (s) => s.includes('shell-42'));
    assert.doesNotMatch(t.screen(), /SERVICE \/ SERVER/, 'the TUI is gone from the normal screen');
  } finally {
    t.close();
  }
});

// The bundle holds its own copy of Ink, and the changed-rows writer must reach that copy's
// internals: if it did not, Ink's writer would silently erase and rewrite the whole frame.
test('the built binary writes only the rows that changed, each at its place', { skip: tmuxMissing, timeout: 60_000 }, async () => {
  const t = startShell();
  const written = join(state, 'pane-output');
  try {
    t.keys('bin/lvstop --demo', 'Enter');
    await t.waitFor('the main screen', (s) => s.includes('TCP 10.0.0.10:80'));
    t.record(written);
    await sleep(3000);
    t.stopRecording();
    const output = readFileSync(written, 'latin1');
    // Rows go to their place (CSI row;1H) and are erased to their end (CSI K)...
    assert.match(output, /\u001b\[\d+;1H/, 'rows written at their place');
    // ...never as Ink's writer does it: erase each line and move the cursor up (CSI 2K, CSI 1A).
    assert.doesNotMatch(output, /\u001b\[2K\u001b\[1A/, "Ink's whole-frame rewrite");
    t.keys('q');
    await t.waitFor('the alternate screen left', () => !t.alternateOn());
  } finally {
    t.close();
    rmSync(written, { force: true });
  }
});

test('Ctrl-C and SIGTERM also restore the terminal', { skip: tmuxMissing, timeout: 60_000 }, async () => {
  const t = startShell(80, 24);
  try {
    t.keys('bin/lvstop --demo', 'Enter');
    await t.waitFor('the main screen at 80x24', (s) => s.includes('TCP 10.0.0.10:80'));
    for (const line of t.screen().split('\n')) assert.ok(line.length <= 80);
    t.keys('C-c');
    await t.waitFor('Ctrl-C to quit', () => !t.alternateOn());

    t.keys('clear', 'Enter');
    t.keys('bin/lvstop --demo; echo status=$?', 'Enter');
    await t.waitFor('the main screen again', (s) => t.alternateOn() && s.includes('TCP 10.0.0.10:80'));
    const pid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(t.shellPid())], { encoding: 'utf8' }).trim().split('\n')[0]);
    process.kill(pid, 'SIGTERM');
    await t.waitFor('SIGTERM to end it', (s) => /status=143/.test(s));
    assert.ok(!t.alternateOn());
  } finally {
    t.close();
  }
});

test('colours mean something, and --no-color / NO_COLOR remove them', { skip: tmuxMissing, timeout: 60_000 }, async () => {
  const t = startShell();
  try {
    t.keys('bin/lvstop --demo', 'Enter');
    await t.waitFor('the main screen', (s) => s.includes('TCP 10.0.0.10:80'));
    t.keys('Enter');
    await t.waitFor('the failing server marked', (s) => /^✗/m.test(s));
    assert.match(t.screen('-e'), /\u001b\[31m✗/, 'the down marker in red');
    t.keys('q');
    await t.waitFor('quit', () => !t.alternateOn());

    for (const command of ['bin/lvstop --demo --no-color', 'NO_COLOR=1 bin/lvstop --demo']) {
      t.keys('clear', 'Enter', command, 'Enter');
      await t.waitFor('the main screen', (s) => t.alternateOn() && s.includes('TCP 10.0.0.10:80'));
      t.keys('Enter');
      await t.waitFor('the failing server marked', (s) => /^✗/m.test(s));
      assert.doesNotMatch(t.screen('-e'), /\u001b\[3[0-7]m|\u001b\[38;/, `${command}: no colours`);
      t.keys('q');
      await t.waitFor('quit', () => !t.alternateOn());
    }
  } finally {
    t.close();
  }
});

test('without IPVS: one sentence suggesting --demo, no stack trace, terminal untouched', { skip: tmuxMissing, timeout: 30_000 }, async () => {
  const t = startShell(120, 10);
  try {
    t.keys('bin/lvstop; echo status=$?', 'Enter');
    const text = await t.waitFor('the error', (s) => (/status=\d+/.test(s) ? s : null));
    if (/status=0/.test(text)) return; // a machine with IPVS: nothing to check here
    assert.match(text.replace(/\n/g, ''), /lvstop: .*(IPVS|Permission).*--demo/);
    assert.doesNotMatch(text, /\bat .*\.js:\d+/, 'no stack trace');
    assert.ok(!t.alternateOn());
  } finally {
    t.close();
  }
});
