// `lvstop snapshot | head`: the reader closes the pipe early; lvstop must end quietly, not
// with an EPIPE stack trace (npm test builds bin/lvstop first).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateScenario } from '../../../src/backend/demo/generate.js';

const root = new URL('../../../', import.meta.url);

test('a reader that closes the pipe early ends lvstop quietly with status 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lvstop-pipe-'));
  try {
    // Far more output than a pipe holds, so lvstop is still writing when the pipe closes.
    const scenario = join(dir, 'scenario.json');
    writeFileSync(scenario, JSON.stringify(generateScenario({ services: 2000, serversPerService: 5 })));
    const child = spawn('bin/lvstop', ['--demo-scenario', scenario, 'snapshot'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(stderr, '');
    assert.equal(status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
