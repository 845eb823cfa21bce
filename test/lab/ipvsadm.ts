// ipvsadm is the reference implementation: lab tests configure the kernel with it and compare
// what lvstop reads (and the other way round).

import { execFileSync } from 'node:child_process';

/** True inside the lab guest, where the kernel has IPVS and tests run as root. */
export function inLab(): boolean {
  return process.env.LVSTOP_LAB === '1';
}

function run(args: string[], input?: string): string {
  try {
    return execFileSync('ipvsadm', args, { encoding: 'utf8', input, stdio: 'pipe' });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`ipvsadm ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

/** Runs ipvsadm and returns its stdout; throws with its stderr when it fails. */
export function ipvsadm(...args: string[]): string {
  return run(args);
}

/** Loads rules in `ipvsadm -S` format (`ipvsadm -R`). */
export function ipvsadmRestore(text: string): void {
  run(['-R'], text);
}

/** Empties the kernel's virtual server table. */
export function clearIpvs(): void {
  run(['-C']);
}
