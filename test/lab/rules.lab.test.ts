// lvstop's ipvsadm-compatible text against ipvsadm on the real kernel: `lvstop save` against
// `ipvsadm -S -n` on tables from different seeds, restore round trips (thresholds included),
// all-or-nothing restores, and the weight/drain/undrain subcommands.

import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomRules } from '../fixtures/random-table.js';
import { clearIpvs, ipvsadm, ipvsadmRestore } from './ipvsadm.js';

const LVSTOP = join(process.cwd(), 'bin', 'lvstop');
const state = mkdtempSync(join(tmpdir(), 'lvstop-lab-'));
const env = { ...process.env, LVSTOP_STATE_DIR: state, LVSTOP_AUDIT_LOG: join(state, 'audit.log') };

function lvstop(args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(LVSTOP, args, { encoding: 'utf8', input, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(() => clearIpvs());
after(() => clearIpvs());

const SEEDS = [1, 2, 3, 4, 5];

describe('lvstop save against ipvsadm -S -n', () => {
  for (const seed of SEEDS) {
    it(`prints the same rules, line for line, for table seed ${seed}`, () => {
      ipvsadmRestore(randomRules(seed));
      const saved = lvstop(['save', '--no-thresholds']);
      assert.equal(saved.stderr, '');
      assert.equal(saved.stdout, ipvsadm('-S', '-n'));
      // With thresholds kept, only -x/-y are added to the same lines.
      const withThresholds = lvstop(['save']).stdout.split('\n');
      const reference = ipvsadm('-S', '-n').split('\n');
      assert.equal(withThresholds.length, reference.length);
      withThresholds.forEach((line, index) => {
        assert.equal(line.replace(/ -x \d+| -y \d+/g, ''), reference[index]);
      });
    });
  }
});

describe('lvstop restore', () => {
  for (const seed of SEEDS) {
    it(`gives back the identical table, thresholds included, after a clear (seed ${seed})`, () => {
      ipvsadmRestore(randomRules(seed));
      const listing = ipvsadm('-Ln', '--thresholds');
      const rules = ipvsadm('-S', '-n');
      const saved = lvstop(['save']).stdout;
      clearIpvs();
      const restored = lvstop(['restore'], saved);
      assert.equal(restored.status, 0, restored.stderr);
      assert.equal(ipvsadm('-Ln', '--thresholds'), listing);
      assert.equal(ipvsadm('-S', '-n'), rules);
    });
  }

  it('loads what `ipvsadm -S -n` printed', () => {
    ipvsadmRestore(randomRules(11));
    const rules = ipvsadm('-S', '-n');
    clearIpvs();
    const restored = lvstop(['restore'], rules);
    assert.equal(restored.status, 0, restored.stderr);
    assert.equal(ipvsadm('-S', '-n'), rules);
  });

  it('changes nothing when any line is bad, and names the line', () => {
    ipvsadmRestore(randomRules(21, 3));
    const before = ipvsadm('-S', '-n');
    const rules = `-A -t 10.9.0.1:80 -s rr\n-a -t 10.9.0.1:80 -r 10.9.1.1:80 -m -w 1\n-a -t 10.9.0.1:80 -r 10.9.1.2:80 -m -w lots\n`;
    const result = lvstop(['restore'], rules);
    assert.equal(result.status, 1);
    assert.equal(result.stderr, 'lvstop: line 3: "-w lots": the weight must be a whole number from 0 to 2147483647.\n');
    assert.equal(ipvsadm('-S', '-n'), before);
  });

  it('rolls back the lines already applied when the kernel refuses a later one', () => {
    ipvsadmRestore(randomRules(22, 3));
    const before = ipvsadm('-S', '-n');
    const rules = `-A -t 10.9.0.1:80 -s rr\n-a -t 10.9.0.1:80 -r 10.9.1.1:80 -m -w 1\n-A -t 10.9.0.2:80 -s nosuch\n`;
    const result = lvstop(['restore'], rules);
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr,
      'lvstop: line 3: Scheduler "nosuch" is not available in this kernel (is the module ip_vs_nosuch installed?); the 2 earlier changes were rolled back, so nothing was changed.\n',
    );
    assert.equal(ipvsadm('-S', '-n'), before);
  });

  it('refuses under --read-only and changes nothing', () => {
    const result = lvstop(['--read-only', 'restore'], '-A -t 10.9.0.1:80 -s rr\n');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /--read-only/);
    assert.equal(ipvsadm('-S', '-n'), '');
  });
});

describe('weight, drain and undrain', () => {
  it('set, remember and give back weights as ipvsadm shows them, and log every write', () => {
    ipvsadmRestore('-A -t 10.9.0.1:80 -s wrr\n-a -t 10.9.0.1:80 -r 10.9.1.1:8080 -m -w 5 -x 100 -y 10\n');
    const target = ['-t', '10.9.0.1:80', '-r', '10.9.1.1:8080'];
    assert.equal(lvstop(['weight', ...target, '7']).status, 0);
    assert.match(ipvsadm('-Ln'), /-> 10\.9\.1\.1:8080\s+Masq\s+7\s/);
    assert.match(ipvsadm('-Ln', '--thresholds'), /-> 10\.9\.1\.1:8080\s+100\s+10\s/);
    const drained = lvstop(['drain', ...target, '--wait', '--timeout', '20']);
    assert.equal(drained.status, 0, drained.stderr);
    assert.match(drained.stderr, /ipvsadm -e -t 10\.9\.0\.1:80 -r 10\.9\.1\.1:8080 -m -w 0 -x 100 -y 10/);
    assert.match(drained.stderr, /is drained: no active or persistent connections; safe to remove\./);
    assert.match(ipvsadm('-Ln'), /-> 10\.9\.1\.1:8080\s+Masq\s+0\s/);
    assert.equal(lvstop(['undrain', ...target]).status, 0);
    assert.match(ipvsadm('-Ln'), /-> 10\.9\.1\.1:8080\s+Masq\s+7\s/);
    const again = lvstop(['undrain', ...target]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /No remembered weight for 10\.9\.1\.1:8080/);
    const audit = readFileSync(join(state, 'audit.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { ipvsadm: string; result: unknown });
    assert.deepEqual(audit.slice(-3).map((entry) => [entry.ipvsadm, entry.result]), [
      ['ipvsadm -e -t 10.9.0.1:80 -r 10.9.1.1:8080 -m -w 7 -x 100 -y 10', 'ok'],
      ['ipvsadm -e -t 10.9.0.1:80 -r 10.9.1.1:8080 -m -w 0 -x 100 -y 10', 'ok'],
      ['ipvsadm -e -t 10.9.0.1:80 -r 10.9.1.1:8080 -m -w 7 -x 100 -y 10', 'ok'],
    ]);
  });
});
