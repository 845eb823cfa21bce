// The raw readings behind HostStats, behind one interface so the poller can be tested with
// made-up numbers. The default reads /proc directly; systeminformation is the fallback for
// NICs and memory only where /proc lacks them, as it reads NICs by starting a shell and
// seven `cat`s per interface on every call, a cost an idle lvstop should not pay. It is loaded
// only when first needed: loading it adds ~11 MB of RSS and ~70 ms to the start.

import { hostname, loadavg, uptime } from 'node:os';
import { readIpvsSysctls, readMemInfo, readNetDev, readProcessNames, readProcStat } from './proc-reads.js';
import type { IpvsSysctls } from './warnings.js';

export interface RawNic {
  name: string;
  rxBytes: number;
  txBytes: number;
  rxDropped: number;
  txDropped: number;
}

export interface HostReader {
  basics(): { hostname: string; uptimeSeconds: number; load: readonly [number, number, number] };
  procStat(): Promise<string | null>;
  memory(): Promise<{ total: number; available: number } | null>;
  nics(): Promise<RawNic[]>;
  sysctls(): Promise<IpvsSysctls>;
  processNames(): Promise<Set<string>>;
}

type SystemInformation = typeof import('systeminformation');
let loaded: Promise<SystemInformation> | undefined;
const systemInformation = (): Promise<SystemInformation> => (loaded ??= import('systeminformation').then((module) => module.default));

export const systemReader: HostReader = {
  basics() {
    const [one = 0, five = 0, fifteen = 0] = loadavg();
    return { hostname: hostname(), uptimeSeconds: uptime(), load: [one, five, fifteen] };
  },
  procStat: () => readProcStat(),
  async memory() {
    const fromProc = await readMemInfo();
    if (fromProc !== null) return fromProc;
    try {
      const memory = await (await systemInformation()).mem();
      return { total: memory.total, available: memory.available };
    } catch {
      return null;
    }
  },
  async nics() {
    const fromProc = await readNetDev();
    if (fromProc !== null) return fromProc;
    try {
      const stats = await (await systemInformation()).networkStats('*');
      return stats
        .filter((nic) => nic.iface !== 'lo')
        .map((nic) => ({
          name: nic.iface,
          rxBytes: nic.rx_bytes,
          txBytes: nic.tx_bytes,
          rxDropped: nic.rx_dropped,
          txDropped: nic.tx_dropped,
        }));
    } catch {
      return [];
    }
  },
  sysctls: () => readIpvsSysctls(),
  processNames: () => readProcessNames(),
};
