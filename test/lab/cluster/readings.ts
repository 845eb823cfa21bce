// One service's counters as lvstop reads them and as `ipvsadm -Ln --stats --exact` prints them,
// in one shape so a test can compare them field by field.

import { setTimeout as sleep } from 'node:timers/promises';
import type { Backend } from '../../../src/backend/backend.js';
import type { Stats } from '../../../src/ipvs/types.js';
import { ipvsadm } from '../ipvsadm.js';
import type { LabService } from './services.js';

export interface Counters {
  conns: number;
  inPackets: number;
  outPackets: number;
  inBytes: number;
  outBytes: number;
}

export interface ServerReading extends Counters {
  /** "address:port" as ipvsadm prints it. */
  server: string;
  weight: number;
  activeConns: number;
  inactiveConns: number;
}

export interface Reading {
  service: Counters;
  servers: ServerReading[];
}

const counters = (stats: Stats): Counters => ({
  conns: stats.conns,
  inPackets: stats.inPackets,
  outPackets: stats.outPackets,
  inBytes: stats.inBytes,
  outBytes: stats.outBytes,
});

const byServer = (a: ServerReading, b: ServerReading): number => a.server.localeCompare(b.server);

export async function readLvstop(backend: Backend, service: LabService): Promise<Reading> {
  const [found, destinations] = await Promise.all([backend.service(service.key), backend.destinations(service.key)]);
  return {
    service: counters(found.stats),
    servers: destinations
      .map((d) => ({
        server: `${d.address}:${d.port}`,
        weight: d.weight,
        activeConns: d.activeConns,
        inactiveConns: d.inactiveConns,
        ...counters(d.stats),
      }))
      .sort(byServer),
  };
}

const STATS_LINE = /^(?:TCP|UDP|SCTP)\s+\S+\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;
const SERVER_STATS_LINE = /^\s+->\s+(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;
const SERVER_LINE = /^\s+->\s+(\S+)\s+\S+\s+(\d+)\s+(\d+)\s+(\d+)\s*$/;

const numbers = (match: RegExpExecArray): number[] => match.slice(2).map(Number);
const counterFields = ([conns = 0, inPackets = 0, outPackets = 0, inBytes = 0, outBytes = 0]: number[]): Counters => ({
  conns,
  inPackets,
  outPackets,
  inBytes,
  outBytes,
});

/** The same service as ipvsadm sees it: `-Ln --stats --exact` for counters, `-Ln --exact` for connections. */
export function readIpvsadm(service: LabService): Reading {
  const target = ['-t', `${service.vip}:${service.port}`];
  const stats = ipvsadm('-Ln', '--stats', '--exact', ...target).split('\n');
  const listing = ipvsadm('-Ln', '--exact', ...target).split('\n');
  const serviceMatch = stats.map((line) => STATS_LINE.exec(line)).find((match) => match !== null);
  if (!serviceMatch) throw new Error(`no service line in ipvsadm's listing:\n${stats.join('\n')}`);
  const connections = new Map<string, number[]>();
  for (const line of listing) {
    const match = SERVER_LINE.exec(line);
    if (match?.[1]) connections.set(match[1], numbers(match));
  }
  const servers = stats.flatMap((line): ServerReading[] => {
    const match = SERVER_STATS_LINE.exec(line);
    if (!match?.[1]) return [];
    const [weight = -1, activeConns = -1, inactiveConns = -1] = connections.get(match[1]) ?? [];
    return [{ server: match[1], weight, activeConns, inactiveConns, ...counterFields(numbers(match)) }];
  });
  return { service: counterFields(serviceMatch.slice(1).map(Number)), servers: servers.sort(byServer) };
}

/**
 * Waits until the counters stop moving. The kernel adds up its per-CPU counters only when its
 * estimator runs (every 2 s), so a reading right after traffic can be short by up to 2 s.
 */
export async function settledLvstop(backend: Backend, service: LabService, timeoutMs = 30_000): Promise<Reading> {
  const deadline = Date.now() + timeoutMs;
  let last = await readLvstop(backend, service);
  for (;;) {
    await sleep(2_500);
    const now = await readLvstop(backend, service);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    if (Date.now() > deadline) throw new Error(`the counters kept moving for ${timeoutMs / 1000} s`);
    last = now;
  }
}

/**
 * lvstop, then ipvsadm, then lvstop again, until both lvstop readings agree (an inactive
 * connection may expire in between), so the ipvsadm reading is of the same table state.
 */
export async function readBoth(backend: Backend, service: LabService): Promise<{ lvstop: Reading; ipvsadm: Reading }> {
  for (let attempt = 1; ; attempt += 1) {
    const before = await readLvstop(backend, service);
    const fromIpvsadm = readIpvsadm(service);
    const after = await readLvstop(backend, service);
    if (JSON.stringify(before) === JSON.stringify(after) || attempt === 3) return { lvstop: after, ipvsadm: fromIpvsadm };
  }
}

export interface RateSample {
  phase: 'load' | 'after';
  cps: number;
  inPps: number;
  outPps: number;
}

/** The kernel's rate estimates for `service`, read every second while `load` runs and for `afterSeconds` beyond. */
export async function sampleRates(backend: Backend, service: LabService, load: Promise<unknown>, afterSeconds: number): Promise<RateSample[]> {
  const samples: RateSample[] = [];
  let loading = true;
  const stop = (): void => {
    loading = false;
  };
  load.then(stop, stop);
  const read = async (phase: RateSample['phase']): Promise<void> => {
    const { stats } = await backend.service(service.key);
    samples.push({ phase, cps: stats.cps, inPps: stats.inPps, outPps: stats.outPps });
  };
  while (loading) {
    await read('load');
    await sleep(1_000);
  }
  for (let second = 0; second < afterSeconds; second += 1) {
    await sleep(1_000);
    await read('after');
  }
  return samples;
}
