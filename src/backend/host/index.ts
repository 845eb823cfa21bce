export { HostPoller, nicStatsBetween, type HostPollerOptions } from './host-poller.js';
export type { HostReader, RawNic } from './host-reader.js';
export { fixedHostStats, type CpuShares, type HostStats, type HostStatsSource, type NicStats } from './host-stats.js';
export { cpuSharesBetween, parseProcStat } from './proc-stat.js';
export { managerWarnings, runningManagers, sysctlWarnings, IPVS_MANAGERS } from './warnings.js';
