// Memory of the history rings for 5000 services x 5 real servers (30,000 entries), filled
// with 600 fine samples (and the coarse tier those make), with the default tiers and with the
// tiers the table size gets under the default budget.
//   node --import tsx --expose-gc test/bench/history-memory.ts            (both, one process each)
//   node --import tsx --expose-gc test/bench/history-memory.ts default    (one)

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_HISTORY_OPTIONS,
  History,
  historyBytesPerEntry,
  historyOptionsFor,
  METRIC_COUNT,
  type HistoryOptions,
} from '../../src/model/history.js';

const SERVICES = 5000;
const SERVERS = 5;
const READINGS = 600;
const MiB = 1024 * 1024;

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) throw new Error('run with --expose-gc');
  collect();
  collect();
}

function measure(mode: 'default' | 'budget'): void {
  const ids: string[] = [];
  for (let s = 0; s < SERVICES; s++) {
    const service = `tcp|10.${s >> 8}.${s & 255}.1|80`;
    ids.push(service);
    for (let d = 1; d <= SERVERS; d++) ids.push(`${service}>192.168.${s & 255}.${d}|8080`);
  }
  const options: HistoryOptions = mode === 'default' ? { ...DEFAULT_HISTORY_OPTIONS } : historyOptionsFor(ids.length);
  gc();
  const before = process.memoryUsage();
  const history = new History(options);
  const sample = new Float64Array(METRIC_COUNT);
  const started = performance.now();
  for (let r = 0; r < READINGS; r++) {
    history.beginReading();
    for (let i = 0; i < ids.length; i++) {
      sample.fill(r + i);
      history.record(ids[i] ?? '', sample);
    }
    history.endReading();
  }
  const fillMs = performance.now() - started;
  gc();
  const after = process.memoryUsage();
  const used = (key: keyof NodeJS.MemoryUsage) => ((after[key] - before[key]) / MiB).toFixed(1);
  const measured = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
  console.log(
    `${mode.padEnd(7)} tiers fine ${options.fineCapacity} / coarse ${options.coarseCapacity} x ${options.coarseEvery}: ` +
      `${history.size} entries, coarse held ${history.count(ids[0] ?? '', 'coarse')}\n` +
      `        predicted ${((ids.length * historyBytesPerEntry(options)) / MiB).toFixed(1)} MiB ` +
      `(${historyBytesPerEntry(options)} B/entry); samples ${(history.sampleBytes() / MiB).toFixed(1)} MiB\n` +
      `        measured: heap +${used('heapUsed')} MiB, arrayBuffers +${used('arrayBuffers')} MiB, ` +
      `rss +${used('rss')} MiB (rss ${(after.rss / MiB).toFixed(0)} MiB); ` +
      `${(measured / ids.length).toFixed(0)} B/entry; fill ${(fillMs / READINGS).toFixed(2)} ms/reading`,
  );
}

const mode = process.argv[2];
if (mode === 'default' || mode === 'budget') {
  measure(mode);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const each of ['default', 'budget']) {
    execFileSync(process.execPath, [...process.execArgv, self, each], { stdio: 'inherit' });
  }
}
