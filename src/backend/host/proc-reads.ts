// The few /proc files the host poller reads directly. Each read returns null (or nothing) when
// the file is absent: not Linux, no IPVS, or a process that ended while being read.

import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SYSCTL_NAMES, type IpvsSysctls } from './warnings.js';

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return null;
  }
}

export async function readProcStat(root = '/proc'): Promise<string | null> {
  return readText(`${root}/stat`);
}

export async function readIpvsSysctls(root = '/proc'): Promise<IpvsSysctls> {
  const sysctls: IpvsSysctls = {};
  for (const name of SYSCTL_NAMES) {
    const text = await readText(`${root}/sys/net/ipv4/vs/${name}`);
    const value = text === null ? Number.NaN : Number(text.trim());
    if (Number.isInteger(value)) sysctls[name] = value;
  }
  return sysctls;
}

/**
 * Names of running processes: each one's comm, and the basenames of its first two arguments
 * (a script such as ldirectord runs as "perl /usr/sbin/ldirectord").
 */
export async function readProcessNames(root = '/proc'): Promise<Set<string>> {
  const names = new Set<string>();
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    return names;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    const comm = await readText(`${root}/${pid}/comm`);
    if (comm !== null) names.add(comm.trim());
    const cmdline = await readText(`${root}/${pid}/cmdline`);
    if (cmdline === null) continue;
    for (const arg of cmdline.split('\0').slice(0, 2)) if (arg !== '') names.add(basename(arg));
  }
  return names;
}
