import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HostPoller, nicStatsBetween } from '../../../src/backend/host/host-poller.js';
import type { HostReader } from '../../../src/backend/host/host-reader.js';
import { parseMemInfo, parseNetDev } from '../../../src/backend/host/proc-reads.js';
import { cpuSharesBetween, parseProcStat } from '../../../src/backend/host/proc-stat.js';
import { runningManagers, sysctlWarnings } from '../../../src/backend/host/warnings.js';

test('CPU shares from two /proc/stat readings, softirq included', () => {
  const before = parseProcStat('cpu  100 0 100 700 0 0 100 0 0 0\ncpu0 1 2 3\n');
  const after = parseProcStat('cpu  225 0 225 1300 0 50 200 0 0 0\n');
  assert.ok(before && after);
  const shares = cpuSharesBetween(before, after);
  assert.deepEqual(shares, { busy: 40, irq: 5, softirq: 10 });
  assert.equal(parseProcStat('nothing here'), null);
});

test('warnings name other IPVS managers and sysctls that defeat a drain', () => {
  assert.deepEqual(runningManagers(['bash', 'keepalived', 'kube-proxy', 'sshd']), ['keepalived', 'kube-proxy']);
  const warnings = sysctlWarnings({ expire_nodest_conn: 1, expire_quiescent_template: 1, run_estimation: 0 });
  assert.equal(warnings.length, 3);
  assert.match(warnings[0] ?? '', /expire_nodest_conn=1/);
  assert.match(warnings[2] ?? '', /estimator off/);
  assert.deepEqual(sysctlWarnings({ expire_nodest_conn: 0, run_estimation: 1 }), []);
  assert.deepEqual(sysctlWarnings({}), [], 'no IPVS sysctls: nothing to say');
});

test('NIC rates from byte and drop counters, busiest first', () => {
  const first = [{ name: 'eth0', rxBytes: 1000, txBytes: 0, rxDropped: 0, txDropped: 0 }, { name: 'eth1', rxBytes: 0, txBytes: 0, rxDropped: 0, txDropped: 0 }];
  const second = [{ name: 'eth0', rxBytes: 3000, txBytes: 1000, rxDropped: 4, txDropped: 0 }, { name: 'eth1', rxBytes: 10_000, txBytes: 0, rxDropped: 0, txDropped: 0 }];
  const stats = nicStatsBetween(new Map(first.map((n) => [n.name, n])), second, 2);
  assert.deepEqual(stats.map((n) => [n.name, n.rxBps, n.txBps, n.dropsPerSecond]), [['eth1', 5000, 0, 0], ['eth0', 1000, 500, 2]]);
  assert.equal(nicStatsBetween(null, second, 0)[0]?.rxBps, null, 'no rate from one reading');
});

test('the host poller reads through its reader and tells subscribers', async () => {
  let ticks = 0;
  const reader: HostReader = {
    basics: () => ({ hostname: 'lb1', uptimeSeconds: 10, load: [1, 2, 3] }),
    procStat: async () => `cpu  ${100 + ticks * 10} 0 0 ${1000 + ticks * 90} 0 0 0 0\n`,
    memory: async () => ({ total: 100, available: 25 }),
    nics: async () => [],
    sysctls: async () => ({ expire_nodest_conn: 1 }),
    processNames: async () => new Set(['ldirectord']),
  };
  let now = 0;
  const poller = new HostPoller({ reader, now: () => now });
  let told = 0;
  poller.subscribe(() => told++);
  await poller.poll();
  ticks++;
  now += 2000;
  const stats = await poller.poll();
  assert.equal(told, 2);
  assert.equal(stats.hostname, 'lb1');
  assert.deepEqual(stats.cpu, { busy: 10, irq: 0, softirq: 0 });
  assert.deepEqual(stats.warnings, ['ldirectord is running: it may revert manual changes', 'expire_nodest_conn=1: deleting a server drops its connections at once']);
  assert.equal(poller.current(), stats);
});

test('NIC counters from /proc/net/dev (lo left out), memory from /proc/meminfo', () => {
  const netDev = `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo:    6386      58    0    0    0     0          0         0     6386      58    0    0    0     0       0          0
  eth0: 568410363   15479    0    7    0     0          0         0  1195574   10653    0    2    0     0       0          0
`;
  assert.deepEqual(parseNetDev(netDev), [{ name: 'eth0', rxBytes: 568410363, rxDropped: 7, txBytes: 1195574, txDropped: 2 }]);
  const memInfo = 'MemTotal:       24683648 kB\nMemFree:        22782044 kB\nMemAvailable:   23030632 kB\n';
  assert.deepEqual(parseMemInfo(memInfo), { total: 24683648 * 1024, available: 23030632 * 1024 });
  assert.equal(parseMemInfo('MemTotal: 1 kB\n'), null, 'a kernel without MemAvailable');
});
