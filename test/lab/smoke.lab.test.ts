// Proves the lab itself: a real IPVS kernel, ipvsadm talking to it, every scheduler loadable.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { release } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { SCHEDULERS } from './guest.js';
import { clearIpvs, inLab, ipvsadm } from './ipvsadm.js';

/** Whether the running kernel ships a module (or has it built in) at all. */
function kernelHas(module: string): boolean {
  const dir = `/lib/modules/${release()}`;
  const listed = (file: string): boolean =>
    existsSync(`${dir}/${file}`) && readFileSync(`${dir}/${file}`, 'utf8').includes(`/${module}.ko`);
  return listed('modules.dep') || listed('modules.builtin');
}

describe('lab smoke', { skip: inLab() ? false : 'needs the lab guest (npm run test:lab)' }, () => {
  before(clearIpvs);
  after(clearIpvs);

  test('the kernel has IPVS', () => {
    assert.ok(existsSync('/proc/net/ip_vs'));
  });

  test('ipvsadm adds and lists a service', () => {
    ipvsadm('-A', '-t', '10.0.0.1:80', '-s', 'rr');
    assert.match(ipvsadm('-Ln'), /^TCP {2}10\.0\.0\.1:80 rr\s*$/m);
  });

  describe('every scheduler', () => {
    SCHEDULERS.forEach((scheduler, index) => {
      const module = `ip_vs_${scheduler}`;
      const skip = kernelHas(module) ? false : `kernel ${release()} has no ${module}`;
      test(scheduler, { skip }, () => {
        const address = `10.0.1.${index + 1}:80`;
        ipvsadm('-A', '-t', address, '-s', scheduler);
        const line = ipvsadm('-Ln', '-t', address).split('\n').find((text) => text.startsWith('TCP'));
        assert.match(line ?? '', new RegExp(`^TCP {2}${address.replaceAll('.', '\\.')} ${scheduler}\\b`));
      });
    });
  });
});
