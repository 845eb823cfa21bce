// CPU time shares from /proc/stat. systeminformation reports irq but not softirq, and softirq
// is where IPVS forwards packets, so the director bar reads the counters itself.

import type { CpuShares } from './host-stats.js';

export interface CpuTimes {
  total: number;
  idle: number;
  irq: number;
  softirq: number;
}

/** The aggregate "cpu" line: user nice system idle iowait irq softirq steal ... (in ticks). */
export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (line === undefined) return null;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  if (fields.length < 7 || fields.some((n) => !Number.isFinite(n))) return null;
  // guest and guest_nice are already counted in user and nice.
  const counted = fields.slice(0, 8);
  const total = counted.reduce((sum, n) => sum + n, 0);
  const [, , , idle = 0, iowait = 0, irq = 0, softirq = 0] = fields;
  return { total, idle: idle + iowait, irq, softirq };
}

/** Shares of the time between two readings; null if no time passed. */
export function cpuSharesBetween(before: CpuTimes, after: CpuTimes): CpuShares | null {
  const total = after.total - before.total;
  if (!(total > 0)) return null;
  const share = (a: number, b: number) => Math.min(100, Math.max(0, ((b - a) / total) * 100));
  return {
    busy: 100 - share(before.idle, after.idle),
    irq: share(before.irq, after.irq),
    softirq: share(before.softirq, after.softirq),
  };
}
