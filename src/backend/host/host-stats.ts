// What the director bar shows about the machine itself, read outside React by HostPoller.

export interface CpuShares {
  /** Percent of all CPU time in the last interval, 0-100. */
  busy: number;
  /** Hard interrupts. */
  irq: number;
  /** Soft interrupts: where IPVS does its packet work. */
  softirq: number;
}

export interface NicStats {
  name: string;
  /** Bytes per second; null until two readings exist. */
  rxBps: number | null;
  txBps: number | null;
  /** Packets dropped since boot. */
  rxDropped: number;
  txDropped: number;
  /** Packets dropped per second; null until two readings exist. */
  dropsPerSecond: number | null;
}

export interface HostStats {
  hostname: string;
  uptimeSeconds: number;
  /** Null until two readings of /proc/stat exist (or where there is none). */
  cpu: CpuShares | null;
  load: readonly [number, number, number];
  memory: { total: number; available: number } | null;
  nics: NicStats[];
  /** Plain sentences: who else manages IPVS here, sysctls that defeat a drain, estimator off. */
  warnings: string[];
}

/** Where the UI gets host stats from: the poller in production, a fixed value in tests. */
export interface HostStatsSource {
  current(): HostStats | null;
  /** Returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** A source that never changes (tests, screenshots). */
export function fixedHostStats(stats: HostStats | null): HostStatsSource {
  return { current: () => stats, subscribe: () => () => {} };
}
