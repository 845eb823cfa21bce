import type { SparkMetric } from '../../store/state.js';

const NAMES: Readonly<Record<SparkMetric, string>> = {
  cps: 'new conns/s',
  activeConns: 'active conns',
  inBps: 'in bytes/s',
  outBps: 'out bytes/s',
  inPps: 'in packets/s',
};

export function metricName(metric: SparkMetric): string {
  return NAMES[metric];
}

const SHORT: Readonly<Record<SparkMetric, string>> = {
  cps: 'CPS',
  activeConns: 'ACT',
  inBps: 'IN B/s',
  outBps: 'OUT B/s',
  inPps: 'IN pps',
};

/** For the sparkline column's header. */
export function shortMetricName(metric: SparkMetric): string {
  return SHORT[metric];
}
