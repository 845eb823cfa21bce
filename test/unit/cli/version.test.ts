// The built binary answers --version with package.json's version (npm test builds first).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const root = new URL('../../../', import.meta.url);
const { version } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string };

test('--version and -V print the version and exit 0', () => {
  for (const flag of ['--version', '-V']) {
    assert.equal(execFileSync('bin/lvstop', [flag], { cwd: root, encoding: 'utf8' }).trim(), version);
  }
});
