// Reads host stats every few seconds outside React and tells subscribers. Like the IPVS poller
// it never overlaps itself; the process list (the costliest read) is scanned less often.

import type { HostStats, HostStatsSource, NicStats } from './host-stats.js';
import { systemReader, type HostReader, type RawNic } from './host-reader.js';
import { cpuSharesBetween, parseProcStat, type CpuTimes } from './proc-stat.js';
import { managerWarnings, runningManagers, sysctlWarnings, type IpvsSysctls } from './warnings.js';

export interface HostPollerOptions {
  intervalMs?: number;
  /** How often the process list is scanned for other IPVS managers, and the IPVS sysctls read. */
  processScanEveryMs?: number;
  reader?: HostReader;
  /** Monotonic ms. */
  now?: () => number;
}

interface Previous {
  at: number;
  cpu: CpuTimes | null;
  nics: Map<string, RawNic>;
}

/** NIC rates between two readings, busiest first. */
export function nicStatsBetween(previous: Map<string, RawNic> | null, nics: readonly RawNic[], seconds: number): NicStats[] {
  const rate = (now: number, before: number | undefined) =>
    before === undefined || !(seconds > 0) || now < before ? null : (now - before) / seconds;
  return nics
    .map((nic): NicStats => {
      const before = previous?.get(nic.name);
      const rxDrops = rate(nic.rxDropped, before?.rxDropped);
      const txDrops = rate(nic.txDropped, before?.txDropped);
      return {
        name: nic.name,
        rxBps: rate(nic.rxBytes, before?.rxBytes),
        txBps: rate(nic.txBytes, before?.txBytes),
        rxDropped: nic.rxDropped,
        txDropped: nic.txDropped,
        dropsPerSecond: rxDrops === null || txDrops === null ? null : rxDrops + txDrops,
      };
    })
    .sort((a, b) => (b.rxBps ?? 0) + (b.txBps ?? 0) - ((a.rxBps ?? 0) + (a.txBps ?? 0)) || a.name.localeCompare(b.name));
}

export class HostPoller implements HostStatsSource {
  private stats: HostStats | null = null;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private previous: Previous | null = null;
  private managers: string[] = [];
  private sysctls: IpvsSysctls = {};
  private lastProcessScan = Number.NEGATIVE_INFINITY;
  private readonly reader: HostReader;
  private readonly now: () => number;

  constructor(private readonly options: HostPollerOptions = {}) {
    this.reader = options.reader ?? systemReader;
    this.now = options.now ?? (() => performance.now());
  }

  // Arrow properties: React's useSyncExternalStore calls them unbound.
  readonly current = (): HostStats | null => this.stats;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One reading; exposed for tests. A failed read leaves the last stats in place. */
  async poll(): Promise<HostStats> {
    const at = this.now();
    const basics = this.reader.basics();
    const [procStat, memory, nics] = await Promise.all([this.reader.procStat(), this.reader.memory(), this.reader.nics()]);
    // What the warnings come from changes seldom: the processes and IPVS sysctls, every 10 s.
    if (at - this.lastProcessScan >= (this.options.processScanEveryMs ?? 10_000)) {
      this.lastProcessScan = at;
      this.managers = runningManagers(await this.reader.processNames());
      this.sysctls = await this.reader.sysctls();
    }
    const sysctls = this.sysctls;
    const cpuTimes = procStat === null ? null : parseProcStat(procStat);
    const previous = this.previous;
    const seconds = previous === null ? 0 : (at - previous.at) / 1000;
    const stats: HostStats = {
      ...basics,
      cpu: previous?.cpu && cpuTimes ? cpuSharesBetween(previous.cpu, cpuTimes) : null,
      memory,
      nics: nicStatsBetween(previous?.nics ?? null, nics, seconds),
      warnings: [...managerWarnings(this.managers), ...sysctlWarnings(sysctls)],
    };
    this.previous = { at, cpu: cpuTimes, nics: new Map(nics.map((nic) => [nic.name, nic])) };
    this.stats = stats;
    for (const listener of this.listeners) listener();
    return stats;
  }

  private async tick(): Promise<void> {
    try {
      await this.poll();
    } catch {
      // Host stats are a nicety: a failed read keeps the last ones and tries again.
    }
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), this.options.intervalMs ?? 2000);
    // Host stats alone never keep the process alive.
    this.timer.unref();
  }
}
