// The connection view's read of a big kernel connection table: a made-up /proc/net/ip_vs_conn
// of LVSTOP_BENCH_CONNS entries (default 1,240,000, over 1000 services of 5 servers each),
// read as the view used to (the whole file at once, every entry an object, then filtered:
// here with today's parser, which is no slower than the old split-and-parse) and as it does
// now (scanned in chunks, only matching lines parsed, the first 5,000 kept). Not in run.ts:
// writing and reading the file takes a while.
//
//   node --import tsx --expose-gc test/bench/connection-table.ts

import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Connection, ConnectionQuery } from '../../src/backend/backend.js';
import { readConnectionTable, scanConnectionTable } from '../../src/backend/kernel/connections.js';
import { CONNECTION_ROWS } from '../../src/ui/commands/connections.js';

const ENTRIES = Number(process.env.LVSTOP_BENCH_CONNS ?? 1_240_000);
const SERVICES = 1000;
const SERVERS = 5;
const RUNS = 3;

const hex = (value: number, digits: number) => value.toString(16).toUpperCase().padStart(digits, '0');
const virtualOf = (service: number) => 0x0a640000 + service;
const serverOf = (service: number, server: number) => 0x0a010000 + service * SERVERS + server;
const dotted = (value: number) => [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');

function table(): string {
  const lines = ['Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData'];
  for (let i = 0; i < ENTRIES; i++) {
    const service = i % SERVICES;
    const server = Math.floor(i / SERVICES) % SERVERS;
    const state = i % 7 === 0 ? 'ESTABLISHED' : 'TIME_WAIT';
    lines.push(`TCP ${hex(0xc6120000 + (i % 65536), 8)} ${hex(32768 + (i % 28000), 4)} ${hex(virtualOf(service), 8)} 0050 ${hex(serverOf(service, server), 8)} 1F90 ${state.padEnd(11)} ${String(i % 900).padStart(7)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The read as it was: the whole file, every entry an object, then filtered. */
async function wholeRead(path: string, keep: (connection: Connection) => boolean): Promise<number> {
  const all = scanConnectionTable(await readFile(path));
  return all.rows.filter(keep).length;
}

async function time(what: string, work: () => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  let peakHeap = 0;
  for (let run = 0; run < RUNS; run++) {
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    await work();
    ms.push(performance.now() - start);
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed - before);
  }
  ms.sort((a, b) => a - b);
  console.log(`${what.padEnd(58)} ${ms[Math.floor(RUNS / 2)]!.toFixed(0).padStart(6)} ms  heap +${(peakHeap / 2 ** 20).toFixed(0).padStart(4)} MB`);
}

const path = join(tmpdir(), `lvstop-bench-ip_vs_conn-${process.pid}`);
await writeFile(path, table());
try {
  console.log(`${ENTRIES.toLocaleString('en-US')} entries, ${SERVICES} services x ${SERVERS} servers; median of ${RUNS} reads`);
  const service = 17;
  const web: ConnectionQuery = { virtual: { protocol: 'tcp', address: dotted(virtualOf(service)), port: 80 }, limit: CONNECTION_ROWS };
  const servers = Array.from({ length: SERVERS }, (_, server) => ({ address: dotted(serverOf(service, server)), port: 8080 }));
  await time('before: whole table as objects, then filtered to a service', () =>
    wholeRead(path, (c) => c.virtual.address === dotted(virtualOf(service)) && c.virtual.port === 80));
  await time('a service (1/1000 of the table)', () => readConnectionTable(web, { path }));
  await time('a service and one server', () => readConnectionTable({ ...web, destinations: [servers[0]!] }, { path }));
  await time('a firewall-mark service\'s 5 servers', () => readConnectionTable({ destinations: servers, limit: CONNECTION_ROWS }, { path }));
  await time(`every entry, the first ${CONNECTION_ROWS.toLocaleString('en-US')} kept`, () => readConnectionTable({ limit: CONNECTION_ROWS }, { path }));
} finally {
  await rm(path, { force: true });
}
