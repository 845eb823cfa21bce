// bin/lvstop is a shell script that becomes node on the bundle: it must pass its arguments,
// work through a symlink (as `npm install -g` links it), and set glibc's arena limit, which
// only takes effect in the environment a process starts with (npm test builds the bundle), and
// say in one line what is missing when it cannot start node on the bundle.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

/** A copy of bin/lvstop in a folder of its own, with `files` beside it (paths relative to it). */
function launcherCopy(files: string[]): { dir: string; copy: string } {
  const dir = mkdtempSync(join(tmpdir(), 'lvstop-copy-'));
  mkdirSync(join(dir, 'bin'));
  const copy = join(dir, 'bin', 'lvstop');
  copyFileSync(launcher, copy);
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return { dir, copy };
}

test('bin/lvstop says in one line that it is not built, rather than a stack trace of node', () => {
  const { dir, copy } = launcherCopy([]);
  try {
    const result = spawnSync(copy, ['--demo', 'snapshot'], { encoding: 'utf8' });
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'lvstop: it is not built (no dist/bundle/lvstop.js beside bin/): run npm ci in its folder.\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bin/lvstop says in one line that node is not on the PATH, as under sudo with a node of nvm', () => {
  const { dir, copy } = launcherCopy(['dist/bundle/lvstop.js']);
  try {
    // A PATH with only the two tools the launcher uses to find its folder.
    const tools = join(dir, 'tools');
    mkdirSync(tools);
    for (const tool of ['dirname', 'readlink']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(tools, tool));
    const result = spawnSync(copy, ['--demo', 'snapshot'], { encoding: 'utf8', env: { PATH: tools } });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^lvstop: node is not on the PATH \(lvstop needs Node\.js 20 or later\); under sudo, try sudo env PATH="\$PATH" lvstop\.\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
