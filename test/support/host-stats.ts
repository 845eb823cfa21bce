// A director's host line as tests and benchmarks draw it: fixed, so frames are comparable.

import type { HostStats } from '../../src/backend/host/host-stats.js';

export const HOST: HostStats = {
  hostname: 'director-1',
  uptimeSeconds: 50 * 3600,
  cpu: { busy: 23, irq: 0.5, softirq: 4.2 },
  load: [0.52, 0.4, 0.33],
  memory: { total: 8e9, available: 6e9 },
  nics: [{ name: 'eth0', rxBps: 1.2e6, txBps: 3.4e7, rxDropped: 0, txDropped: 0, dropsPerSecond: 0 }],
  warnings: [],
};
