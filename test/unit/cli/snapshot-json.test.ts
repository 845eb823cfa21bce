// `lvstop snapshot --json` prints one answer of the backend in the stable schema of the product
// design; what the poller adds to a reading for the screen (which services' servers were not
// read, whether it reads in turns) stays out of it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const root = new URL('../../../', import.meta.url);

test('snapshot --json keeps the schema, with nothing of the TUI reading in it', async () => {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', '--demo', 'snapshot', '--json'], { cwd: root });
  assert.equal(stderr, '');
  const printed = JSON.parse(stdout) as { ipvs: object; services: Record<string, unknown>[] };
  assert.deepEqual(Object.keys(printed).sort(), ['ipvs', 'services']);
  assert.deepEqual(Object.keys(printed.ipvs).sort(), ['connTableSize', 'version']);
  assert.ok(printed.services.length > 0);
  for (const service of printed.services) {
    for (const key of ['family', 'protocol', 'address', 'port', 'fwmark', 'scheduler', 'flags', 'persistence', 'stats', 'destinations']) {
      assert.ok(key in service, `service has ${key}`);
    }
  }
  for (const key of ['staleServices', 'inTurns', 'startedAt']) assert.ok(!stdout.includes(`"${key}"`), `no ${key}`);
});
