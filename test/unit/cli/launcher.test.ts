// bin/lvstop is a shell script that becomes node on the bundle: it must pass its arguments,
// work through a symlink (as `npm install -g` links it), and set glibc's arena limit, which
// only takes effect in the environment a process starts with (npm test builds the bundle).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const launcher = fileURLToPath(new URL('../../../bin/lvstop', import.meta.url));

/** The environment of the process bin/lvstop became, read while it waits on its stdin. */
async function environmentOfLvstop(env: NodeJS.ProcessEnv): Promise<{ command: string; environment: Map<string, string> }> {
  // `restore` reads the rules from stdin: lvstop waits there until the test closes it.
  const child = spawn(launcher, ['--demo', 'restore'], { env, stdio: ['pipe', 'ignore', 'ignore'] });
  try {
    const pid = child.pid;
    assert.ok(pid !== undefined, 'bin/lvstop started');
    // The shell replaces itself with node (exec), so its pid is node's once node runs.
    let command = '';
    for (let tries = 0; tries < 200 && command !== 'node'; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    }
    const environment = new Map(
      readFileSync(`/proc/${pid}/environ`, 'utf8')
        .split('\0')
        .filter((entry) => entry !== '')
        .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)] as [string, string]),
    );
    return { command, environment };
  } finally {
    child.stdin.end();
    await new Promise((resolve) => child.on('close', resolve));
  }
}

test('bin/lvstop becomes node itself, with two malloc arenas unless the operator chose', async () => {
  const { MALLOC_ARENA_MAX: _unset, ...env } = process.env;
  const chosenByLvstop = await environmentOfLvstop(env);
  assert.equal(chosenByLvstop.command, 'node', 'the shell execs node: signals reach lvstop directly');
  assert.equal(chosenByLvstop.environment.get('MALLOC_ARENA_MAX'), '2');
  const chosenByOperator = await environmentOfLvstop({ ...env, MALLOC_ARENA_MAX: '8' });
  assert.equal(chosenByOperator.environment.get('MALLOC_ARENA_MAX'), '8');
});

test('bin/lvstop passes its arguments through, also when run through a symlink from elsewhere', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lvstop-link-'));
  try {
    const link = join(dir, 'lvstop');
    symlinkSync(launcher, link);
    const output = execFileSync(link, ['--demo', 'save'], { cwd: dir, encoding: 'utf8' });
    assert.match(output, /^-A -t \S+ -s \w+/m, 'the demo rules, in ipvsadm -S form');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
