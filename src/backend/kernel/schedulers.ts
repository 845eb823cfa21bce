// The kernel cannot list its schedulers; what it can load is what its module tree holds (or
// has built in). Forms offer these; the kernel stays the final judge when a service is added.

import { readdir, readFile } from 'node:fs/promises';
import { release } from 'node:os';

const NOT_SCHEDULERS = new Set(['ftp', 'pe_sip']);
const SCHEDULER_MODULE = /^ip_vs_([a-z0-9_]+)\.ko/;

export async function availableSchedulers(kernelRelease = release(), root = '/lib/modules'): Promise<string[]> {
  const names = new Set<string>();
  const base = `${root}/${kernelRelease}`;
  const files = await readdir(`${base}/kernel/net/netfilter/ipvs`).catch(() => [] as string[]);
  for (const file of files) {
    const match = SCHEDULER_MODULE.exec(file);
    if (match?.[1] && !NOT_SCHEDULERS.has(match[1])) names.add(match[1]);
  }
  const builtin = await readFile(`${base}/modules.builtin`, 'utf8').catch(() => '');
  for (const line of builtin.split('\n')) {
    const match = /\/ipvs\/ip_vs_([a-z0-9_]+)\.ko$/.exec(line);
    if (match?.[1] && !NOT_SCHEDULERS.has(match[1])) names.add(match[1]);
  }
  const loaded = await readFile('/proc/modules', 'utf8').catch(() => '');
  for (const line of loaded.split('\n')) {
    const match = /^ip_vs_([a-z0-9_]+)\s/.exec(line);
    if (match?.[1] && !NOT_SCHEDULERS.has(match[1])) names.add(match[1]);
  }
  return [...names].sort();
}
