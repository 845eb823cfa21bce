// Ink 6.8 keeps every distinct text it has measured in a module-level Map that is never cleared
// (ink#986), and lvstop's rows change every second. What Ink measures must therefore come from
// a bounded set (components/Line.tsx), or a screen left open for days grows without limit. These
// tests run the real App through hundreds of readings with every counter moving and count the
// keys that Map takes in.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { HostStats, HostStatsSource } from '../../../src/backend/host/host-stats.js';
import { human } from '../../../src/ui/format/units.js';
import { FakeClock } from '../poller/fake-clock.js';
import { HOST, KEYS, renderApp, type Harness } from './render-app.js';

const TABLE = { services: 200, serversPerService: 5, cps: 2, preRollSeconds: 30 };

/** Every key Ink's measure cache takes in while `body` runs: Map.prototype.set, watched. */
async function keysInkMeasures(body: (measured: Set<string>) => Promise<void>): Promise<void> {
  const measured = new Set<string>();
  const set = Map.prototype.set;
  const stackTraceLimit = Error.stackTraceLimit;
  let inkCache: Map<unknown, unknown> | null = null;
  // Ink's Map is found by who calls set on it (measure-text.js, or .ts where source maps are
  // applied to stacks, as under tsx); then by identity, which is cheap.
  const fromInkMeasure = () => /\/ink\/(build|src)\/measure-text\.[jt]s:/.test(new Error().stack ?? '');
  Map.prototype.set = function (this: Map<unknown, unknown>, key: unknown, value: unknown) {
    if (typeof key === 'string' && (this === inkCache || (inkCache === null && fromInkMeasure()))) {
      inkCache = this;
      measured.add(key);
    }
    return set.call(this, key, value);
  };
  Error.stackTraceLimit = 3;
  try {
    await body(measured);
  } finally {
    Map.prototype.set = set;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** Host stats that move with every reading, as the host poller's do. */
function movingHost(): HostStatsSource & { next(): void } {
  let reading = 0;
  let stats: HostStats = HOST;
  const listeners = new Set<() => void>();
  return {
    current: () => stats,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    next() {
      reading += 1;
      const wave = (period: number) => (reading % period) / period;
      stats = {
        ...HOST,
        uptimeSeconds: HOST.uptimeSeconds + reading,
        cpu: { busy: 100 * wave(97), irq: 3 * wave(13), softirq: 20 * wave(31) },
        load: [4 * wave(89), 3 * wave(83), 2 * wave(79)],
        memory: { total: 8e9, available: 6e9 - 1e7 * reading },
        nics: [{ name: 'eth0', rxBps: 1e6 * (1 + wave(37)), txBps: 3e7 * (1 + wave(41)), rxDropped: reading, txDropped: 0, dropsPerSecond: reading % 7 }],
      };
      for (const listener of listeners) listener();
    },
  };
}

function directorCps(app: Harness): string {
  const live = app.store.getState().live;
  assert.ok(live !== null);
  return `CPS ${human(live.totals.cps)}`;
}

test('200x60, a real server selected: Ink measures no more strings after 300 readings than after 30', async () => {
  const host = movingHost();
  const app = await renderApp({ columns: 200, rows: 60, color: true, generate: TABLE, host });
  try {
    await app.press('g', KEYS.enter, 'j');
    await keysInkMeasures(async (measured) => {
      const counts = new Map<number, number>();
      const frames = new Map<number, string>();
      for (let reading = 1; reading <= 300; reading++) {
        host.next();
        await app.advance(1000);
        if (reading % 30 === 0) {
          counts.set(reading, measured.size);
          frames.set(reading, app.frame());
          // The screen shows this reading's numbers, not numbers frozen at some earlier one.
          assert.ok(app.frame().includes(directorCps(app)), `reading ${reading}: ${directorCps(app)} not on screen:\n${app.frame()}`);
          const cpu = `CPU ${Math.round(host.current()!.cpu!.busy)}%`;
          assert.ok(app.frame().includes(cpu), `reading ${reading}: ${cpu} not on screen:\n${app.frame()}`);
        }
      }
      console.log(`strings Ink measured, by reading: ${[...counts].map(([reading, count]) => `${reading}: ${count}`).join(', ')}`);
      assert.notEqual(frames.get(270), frames.get(300), 'the frames change with the readings');
      assert.ok(counts.get(300)! <= counts.get(30)! + 10, `Ink's measure cache keeps growing: ${counts.get(30)} strings after 30 readings, ${counts.get(300)} after 300`);
    });
  } finally {
    app.unmount();
  }
});

test('the connection view, re-read every second: Ink measures no more strings after 150 readings than after 15', async () => {
  // The view re-reads the connection table on a timer of its own; the test moves that timer.
  const clock = new FakeClock();
  const app = await renderApp({ columns: 200, rows: 60, color: true, generate: { ...TABLE, services: 20 }, timers: clock.api });
  try {
    await app.press('c');
    await keysInkMeasures(async (measured) => {
      const counts = new Map<number, number>();
      const frames = new Map<number, string>();
      for (let reading = 1; reading <= 150; reading++) {
        await app.advance(1000);
        await clock.advance(1000);
        await app.settle();
        if (reading % 15 === 0) {
          counts.set(reading, measured.size);
          frames.set(reading, app.frame());
        }
      }
      console.log(`strings Ink measured, by reading: ${[...counts].map(([reading, count]) => `${reading}: ${count}`).join(', ')}`);
      assert.match(app.frame(), /Connections: .+ — [\d,]+ of [\d,]+ entries/);
      assert.notEqual(frames.get(135), frames.get(150), 'the frames change with the readings');
      assert.ok(counts.get(150)! <= counts.get(15)! + 10, `Ink's measure cache keeps growing: ${counts.get(15)} strings after 15 readings, ${counts.get(150)} after 150`);
    });
  } finally {
    app.unmount();
  }
});
