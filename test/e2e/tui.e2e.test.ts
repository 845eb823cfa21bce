// The real binary in a real terminal: tmux runs `lvstop --demo` at 120x40, keys go in with
// send-keys and the screen comes back with capture-pane. Needs tmux and a build (run here).
// Run: node --import tsx --test test/e2e/tui.e2e.test.ts

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
// A fresh tmux server per test: a server whose last session was just killed is still exiting,
// and a new session sent to it fails with "server exited unexpectedly".
let socket = `lvstop-test-${process.pid}-0`;
let shells = 0;
const state = mkdtempSync(join(tmpdir(), 'lvstop-e2e-'));

// Ink draws only the last frame when it thinks it runs in CI; this is a real terminal.
const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', LVSTOP_STATE_DIR: state, LVSTOP_AUDIT_LOG: join(state, 'audit.log') };
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', env });
}

const screen = (...flags: string[]) => tmux('capture-pane', '-p', ...flags, '-t', 'lvstop');
const alternateOn = () => tmux('display-message', '-p', '-t', 'lvstop', '#{alternate_on}').trim() === '1';
const keys = (...names: string[]) => tmux('send-keys', '-t', 'lvstop', ...names);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${screen()}`);
    await sleep(100);
  }
}

/** A cell of a table row, by its right-aligned column header. */
function cell(text: string, rowMatch: string, header: string): string | null {
  const lines = text.split('\n');
  const head = lines.find((l) => l.includes('SERVICE / SERVER'));
  const row = lines.find((l) => l.includes(rowMatch));
  if (head === undefined || row === undefined) return null;
  const end = head.indexOf(header) + header.replace(/^[↑↓]/, '').length;
  const start = head.lastIndexOf(' ', head.indexOf(header) - 1) + 1;
  return row.slice(start, end).trim();
}

/** Active connections left, from the detail pane's drain line. */
function activeLeft(text: string): number | null {
  const match = /draining for \S+: (\d+) active/.exec(text);
  return match ? Number(match[1]) : null;
}

// The servers' sockets, to kill and remove at the end (tmux can leave them behind).
const sockets: Array<{ name: string; path: string | null }> = [];

function startShell(width = 120, height = 40): void {
  shells += 1;
  socket = `lvstop-test-${process.pid}-${shells}`;
  tmux('new-session', '-d', '-s', 'lvstop', '-x', String(width), '-y', String(height), '-c', root, 'env PS1="$ " bash --norc --noprofile');
  sockets.push({ name: socket, path: tmux('display-message', '-p', '-t', 'lvstop', '#{socket_path}').trim() || null });
}

before(() => {
  if (!hasTmux) return;
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
});

after(() => {
  for (const { name, path } of sockets) {
    socket = name;
    try {
      tmux('kill-server');
    } catch {
      // no server left
    }
    if (path !== null) rmSync(path, { force: true });
  }
  rmSync(state, { recursive: true, force: true });
});

test('start, navigate, drain and watch connections fall, restore, quit to a usable shell', { skip: !hasTmux && 'tmux is not installed', timeout: 90_000 }, async () => {
  startShell();
  try {
    keys('node bin/lvstop --demo', 'Enter');
    await waitFor('the main screen', () => screen().includes('IPVS 1.2.1') && screen().includes('TCP 10.0.0.10:80'));
    assert.ok(alternateOn(), 'drawn on the alternate screen');

    keys('Enter');
    await waitFor('the web service expanded', () => screen().includes('10.0.1.11:8080'));
    keys('j');
    await waitFor('the first server selected', () => /^ ›\s+├ 10\.0\.1\.11:8080/m.test(screen()));
    assert.equal(cell(screen(), '10.0.1.11:8080', 'WGT'), '3');

    keys('d');
    await waitFor('weight 0 after the drain', () => cell(screen(), '10.0.1.11:8080', 'WGT') === '0');
    assert.match(screen(), /✓ ipvsadm -e -t 10\.0\.0\.10:80 -r 10\.0\.1\.11:8080 -m -w 0/);
    const first = await waitFor('the drain progress', () => activeLeft(screen()));
    await sleep(4000);
    const later = await waitFor('the drain progress', () => activeLeft(screen()));
    assert.ok(later < first || later === 0, `active connections fell: ${first} -> ${later}`);

    keys('r');
    await waitFor('weight 3 after the restore', () => cell(screen(), '10.0.1.11:8080', 'WGT') === '3');

    keys('q');
    await waitFor('the alternate screen left', () => !alternateOn());
    keys('echo shell-$((40+2))', 'Enter');
    await waitFor('a usable shell', () => screen().includes('shell-42'));
    assert.doesNotMatch(screen(), /SERVICE \/ SERVER/, 'the TUI is gone from the normal screen');
  } finally {
    tmux('kill-session', '-t', 'lvstop');
  }
});

test('Ctrl-C and SIGTERM also restore the terminal', { skip: !hasTmux && 'tmux is not installed', timeout: 60_000 }, async () => {
  startShell(80, 24);
  try {
    keys('node bin/lvstop --demo', 'Enter');
    await waitFor('the main screen at 80x24', () => screen().includes('TCP 10.0.0.10:80'));
    for (const line of screen().split('\n')) assert.ok(line.length <= 80);
    keys('C-c');
    await waitFor('Ctrl-C to quit', () => !alternateOn());

    keys('clear', 'Enter');
    keys('node bin/lvstop --demo; echo status=$?', 'Enter');
    await waitFor('the main screen again', () => alternateOn() && screen().includes('TCP 10.0.0.10:80'));
    const shell = tmux('display-message', '-p', '-t', 'lvstop', '#{pane_pid}').trim();
    const pid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', shell], { encoding: 'utf8' }).trim().split('\n')[0]);
    process.kill(pid, 'SIGTERM');
    await waitFor('SIGTERM to end it', () => /status=143/.test(screen()));
    assert.ok(!alternateOn());
  } finally {
    tmux('kill-session', '-t', 'lvstop');
  }
});

test('colours mean something, and --no-color / NO_COLOR remove them', { skip: !hasTmux && 'tmux is not installed', timeout: 60_000 }, async () => {
  startShell();
  try {
    keys('node bin/lvstop --demo', 'Enter');
    await waitFor('the main screen', () => screen().includes('TCP 10.0.0.10:80'));
    keys('Enter');
    await waitFor('the failing server marked', () => /^✗/m.test(screen()));
    assert.match(screen('-e'), /\u001b\[31m✗/, 'the down marker in red');
    keys('q');
    await waitFor('quit', () => !alternateOn());

    for (const command of ['node bin/lvstop --demo --no-color', 'NO_COLOR=1 node bin/lvstop --demo']) {
      keys('clear', 'Enter', command, 'Enter');
      await waitFor('the main screen', () => alternateOn() && screen().includes('TCP 10.0.0.10:80'));
      keys('Enter');
      await waitFor('the failing server marked', () => /^✗/m.test(screen()));
      assert.doesNotMatch(screen('-e'), /\u001b\[3[0-7]m|\u001b\[38;/, `${command}: no colours`);
      keys('q');
      await waitFor('quit', () => !alternateOn());
    }
  } finally {
    tmux('kill-session', '-t', 'lvstop');
  }
});

test('without IPVS: one sentence suggesting --demo, no stack trace, terminal untouched', { skip: !hasTmux && 'tmux is not installed', timeout: 30_000 }, async () => {
  startShell(120, 10);
  try {
    keys('node bin/lvstop; echo status=$?', 'Enter');
    const text = await waitFor('the error', () => (/status=\d+/.test(screen()) ? screen() : null));
    if (/status=0/.test(text)) return; // a machine with IPVS: nothing to check here
    assert.match(text.replace(/\n/g, ''), /lvstop: .*(IPVS|Permission).*--demo/);
    assert.doesNotMatch(text, /\bat .*\.js:\d+/, 'no stack trace');
    assert.ok(!alternateOn());
  } finally {
    tmux('kill-session', '-t', 'lvstop');
  }
});
