import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../../src/actions/audit.js';
import { ChangeRunner } from '../../../src/actions/runner.js';
import type { Change } from '../../../src/actions/change.js';
import { createDemoBackend } from '../../../src/backend/demo/index.js';
import { errors } from '../../../src/ipvs/errors.js';
import { formatRules, parseIpvsadmLine, parseRules } from '../../../src/model/ipvsadm/index.js';
import type { Backend } from '../../../src/backend/backend.js';

const TABLE = `-A -t 10.0.0.1:80 -s wrr
-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 3
-a -t 10.0.0.1:80 -r 10.0.1.2:80 -m -w 1 -x 50 -y 10
-A -u 10.0.0.53:53 -s rr
-a -u 10.0.0.53:53 -r 10.0.2.1:53 -g -w 1
`;

function emptyBackend(): Backend {
  return createDemoBackend({ scenario: { services: [], preRollSeconds: 0 }, newServiceTraffic: null, now: () => 0 });
}

const change = (line: string): Change => {
  const parsed = parseIpvsadmLine(line);
  assert.ok(parsed && parsed.command.kind !== 'list' && parsed.command.kind !== 'save');
  return parsed.command as Change;
};

async function loaded(): Promise<{ backend: Backend; runner: ChangeRunner; auditPath: string }> {
  const backend = emptyBackend();
  const auditPath = join(mkdtempSync(join(tmpdir(), 'lvstop-audit-')), 'audit.log');
  const runner = new ChangeRunner(backend, { readOnly: false, audit: new AuditLog(auditPath) });
  await runner.applyAll(parseRules(TABLE).map((p) => p.command as Change));
  return { backend, runner, auditPath };
}

/** The table as rules, services sorted (the kernel lists them in hash order), servers as listed. */
async function rules(backend: Backend): Promise<string> {
  const blocks = (await backend.snapshot()).services.map((service) => formatRules([service], { thresholds: true }));
  return blocks.sort().join('');
}

describe('ChangeRunner', () => {
  it('applies a change, echoes its ipvsadm command, and undoes it', async () => {
    const { backend, runner } = await loaded();
    const before = await rules(backend);
    const applied = await runner.apply(change('-e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 0'));
    assert.equal(applied.ipvsadm, 'ipvsadm -e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 0');
    assert.match(await rules(backend), /-r 10\.0\.1\.1:80 -m -w 0/);
    for (const undo of applied.undo ?? []) await runner.apply(undo);
    assert.equal(await rules(backend), before);
  });

  const undoable = [
    '-D -t 10.0.0.1:80',
    '-d -t 10.0.0.1:80 -r 10.0.1.2:80',
    '-E -t 10.0.0.1:80 -s sh -p 60',
    '-a -t 10.0.0.1:80 -r 10.0.1.9:80 -m -w 2',
    '-A -t 10.0.0.2:443 -s rr',
    '-C',
  ];
  for (const line of undoable) {
    it(`undoes "${line}" exactly, thresholds and server order included`, async () => {
      const { backend, runner } = await loaded();
      const before = await rules(backend);
      const applied = await runner.apply(change(line));
      assert.notEqual(await rules(backend), before);
      assert.ok(applied.undo);
      await runner.applyAll(applied.undo);
      assert.equal(await rules(backend), before);
    });
  }

  it('cannot undo zeroing counters', async () => {
    const { runner } = await loaded();
    assert.equal((await runner.apply(change('-Z'))).undo, null);
  });

  it('refuses every change under --read-only and changes nothing', async () => {
    const backend = emptyBackend();
    const runner = new ChangeRunner(backend, { readOnly: true, audit: null });
    await assert.rejects(runner.apply(change('-A -t 10.0.0.1:80 -s rr')), { message: errors.readOnly().message });
    await assert.rejects(runner.applyAll([change('-A -t 10.0.0.1:80 -s rr')]), { message: errors.readOnly().message });
    assert.equal((await backend.services()).length, 0);
  });

  it('rolls back the changes already applied when a later one fails, and names it', async () => {
    const { backend, runner } = await loaded();
    const before = await rules(backend);
    const changes = [
      change('-A -t 10.0.0.3:80 -s rr'),
      change('-a -t 10.0.0.3:80 -r 10.0.3.1:80 -m -w 1'),
      change('-a -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 1'), // exists already
    ];
    await assert.rejects(runner.applyAll(changes, (i) => `line ${i + 1}`), {
      kind: 'exists',
      message: 'line 3: Real server 10.0.1.1:80 already exists in service TCP 10.0.0.1:80; the 2 earlier changes were rolled back, so nothing was changed.',
    });
    assert.equal(await rules(backend), before);
  });

  it('refuses an edit when the table changed since the form was opened', async () => {
    const { backend, runner } = await loaded();
    const seen = (await backend.destinations({ family: 'inet', protocol: 'tcp', address: '10.0.0.1', port: 80, fwmark: null })).find((d) => d.address === '10.0.1.1')!;
    await runner.apply(change('-e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 7')); // someone else
    await assert.rejects(runner.apply(change('-e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 5'), { expect: seen }), {
      kind: 'conflict',
      message: 'Real server 10.0.1.1:80 changed since this form was opened (someone else changed the table); nothing was changed, look again and retry.',
    });
    assert.match(await rules(backend), /-r 10\.0\.1\.1:80 -m -w 7/);
  });

  it('appends every write to the audit log, failures included', async () => {
    const { runner, auditPath } = await loaded();
    await runner.apply(change('-e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 0'));
    await assert.rejects(runner.apply(change('-d -t 10.0.0.1:80 -r 10.9.9.9:80')));
    const entries = readFileSync(auditPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(entries.length, 5 + 2);
    const edit = entries[5];
    assert.equal(edit.action, 'edit-destination');
    assert.equal(edit.ipvsadm, 'ipvsadm -e -t 10.0.0.1:80 -r 10.0.1.1:80 -m -w 0');
    assert.equal(edit.backend, 'demo');
    assert.equal(edit.result, 'ok');
    assert.equal(edit.before[0].destinations.find((d: { address: string }) => d.address === '10.0.1.1').weight, 3);
    assert.equal(edit.after.weight, 0);
    assert.ok(typeof edit.user === 'string' && edit.time.endsWith('Z'));
    assert.deepEqual(entries[6].result, { error: errors.destinationNotFound({ family: 'inet', protocol: 'tcp', address: '10.0.0.1', port: 80, fwmark: null }, { family: 'inet', address: '10.9.9.9', port: 80 }).message });
  });
});
