// The few /proc files the host poller reads directly. Each read returns null (or nothing) when
// the file is absent: not Linux, no IPVS, or a process that ended while being read.
//
// Read synchronously: /proc files are made by the kernel as they are read and never wait for a
// disk, while an asynchronous read is four trips through libuv's thread pool (open, stat, read,
// close) and their promises: most of the cost of an idle lvstop's host line, and hundreds of
// trips for a scan of the processes.

import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { SYSCTL_NAMES, type IpvsSysctls } from './warnings.js';

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
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
    const text = readText(`${root}/sys/net/ipv4/vs/${name}`);
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
    entries = readdirSync(root);
  } catch {
    return names;
  }
  for (const pid of entries) {
    if (!/^\d+$/.test(pid)) continue;
    const comm = readText(`${root}/${pid}/comm`);
    if (comm !== null) names.add(comm.trim());
    const cmdline = readText(`${root}/${pid}/cmdline`);
    if (cmdline === null) continue;
    for (const arg of cmdline.split('\0').slice(0, 2)) if (arg !== '') names.add(basename(arg));
  }
  return names;
}

export interface NetDevCounters {
  name: string;
  rxBytes: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
}

/** Counters of every interface but lo, from /proc/net/dev; null without the file. */
export async function readNetDev(root = '/proc'): Promise<NetDevCounters[] | null> {
  const text = readText(`${root}/net/dev`);
  return text === null ? null : parseNetDev(text);
}

// "  eth0: rxBytes rxPackets rxErrs rxDrop fifo frame compressed multicast txBytes txPackets txErrs txDrop ..."
export function parseNetDev(text: string): NetDevCounters[] {
  const nics: NetDevCounters[] = [];
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === -1 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    const fields = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (name === 'lo' || fields.length < 12) continue;
    nics.push({ name, rxBytes: fields[0]!, rxDropped: fields[3]!, txBytes: fields[8]!, txDropped: fields[11]! });
  }
  return nics;
}

/** Total and available memory in bytes, from /proc/meminfo; null without the file. */
export async function readMemInfo(root = '/proc'): Promise<{ total: number; available: number } | null> {
  const text = readText(`${root}/meminfo`);
  return text === null ? null : parseMemInfo(text);
}

export function parseMemInfo(text: string): { total: number; available: number } | null {
  const kib = (key: string) => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return match === null ? null : Number(match[1]) * 1024;
  };
  const total = kib('MemTotal');
  const available = kib('MemAvailable');
  return total === null || available === null ? null : { total, available };
}
