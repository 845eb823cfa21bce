// A tiny render helper for the UI tests, in the manner of ink-testing-library (whose fake
// terminal is fixed at 100 columns): fake streams with a chosen size, the seeded simulator on
// a clock the test moves, and readings applied by hand so every frame is deterministic.

import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import { CommandHistoryFile } from '../../../src/actions/command-history-file.js';
import { DrainMemory } from '../../../src/actions/drain-memory.js';
import { ChangeRunner } from '../../../src/actions/runner.js';
import type { Backend } from '../../../src/backend/backend.js';
import { createDemoBackend, type DemoBackend, type GenerateOptions, type Scenario } from '../../../src/backend/demo/index.js';
import { fixedHostStats, type HostStats, type HostStatsSource } from '../../../src/backend/host/host-stats.js';
import { HOST } from '../../support/host-stats.js';
import { Poller, type PollerOptions, type PollerTimers } from '../../../src/poller.js';
import { createLvsStore, pollerCallbacks, type LvsStore } from '../../../src/store/index.js';
import { App } from '../../../src/ui/App.js';
import { idle } from '../../../src/ui/commands/serially.js';
import type { UiServices } from '../../../src/ui/services.js';
import { createUiStore, type UiStore } from '../../../src/ui/state/ui-store.js';

class FakeStdout extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  write = (frame: string) => {
    this.frames.push(frame);
    return true;
  };
}

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
  }
  read = () => {
    const data = this.data;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
  tab: '\t',
  ctrlC: '\u0003',
  ctrlU: '\u0015',
} as const;

export { HOST };

export interface RenderOptions {
  columns?: number;
  rows?: number;
  readOnly?: boolean;
  color?: boolean;
  scenario?: Scenario;
  /** A generated table instead of the scenario. */
  generate?: GenerateOptions;
  /** Fixed stats, or a source that changes them. */
  host?: HostStats | HostStatsSource | null;
  /** Readings taken before the first frame is checked (one second apart). */
  readings?: number;
  /** `:` lines from an earlier session. */
  commandHistory?: readonly string[];
  /**
   * Take readings through lvstop's poller with these options (a low largeTableThreshold reads
   * real servers in turns), rather than whole readings applied by hand.
   */
  poller?: Pick<PollerOptions, 'largeTableThreshold' | 'refreshWithinPolls'>;
  /** Timers of the UI's own refreshes (the connection view), moved by the test. */
  timers?: PollerTimers;
  /** What the UI speaks to instead of the simulator itself, e.g. a stand-in around it. */
  backend?: (simulator: DemoBackend) => Backend;
}

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface Harness {
  backend: DemoBackend;
  store: LvsStore;
  ui: UiStore;
  services: UiServices;
  /** The terminal Ink draws to (Ink keeps its instance by it). */
  stdout: NodeJS.WriteStream;
  /** The last frame, without colours. */
  frame(): string;
  /** The last frame as written, escape codes and all. */
  rawFrame(): string;
  lines(): string[];
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  /**
   * Moves the clock on and takes a reading; by hand, `staleServices` (service id -> readings
   * since read) makes it a reading in turns that left those services' servers unread.
   */
  advance(ms: number, staleServices?: ReadonlyMap<string, number>): Promise<void>;
  read(): Promise<void>;
  waitFor(condition: () => boolean | Promise<boolean>, what: string): Promise<void>;
  /** Waits for queued changes to finish and the screen to settle. */
  settle(): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  exited: Promise<unknown>;
  unmount(): void;
}

export async function renderApp(options: RenderOptions = {}): Promise<Harness> {
  let now = 1_000_000;
  const backend = createDemoBackend({
    seed: 7,
    now: () => now,
    ...(options.scenario ? { scenario: options.scenario } : {}),
    ...(options.generate ? { generate: options.generate } : {}),
  });
  const store = createLvsStore({ now: () => now, wallClock: () => now });
  const ui = createUiStore({ commandHistory: options.commandHistory ?? [] });
  // The poller's own timers never fire: the test takes each reading.
  const noTimers = { setTimeout: () => null, clearTimeout: () => {} };
  const poller = options.poller && new Poller(backend, { intervalMs: 1000, ...pollerCallbacks(store), ...options.poller, now: () => now, timers: noTimers });
  poller?.start();
  // By hand, a reading can say that some services' servers were not read (in turns).
  const read = async (staleServices: ReadonlyMap<string, number> = new Map()) => {
    if (poller) {
      if (staleServices.size > 0) throw new Error('with a poller, the poller chooses which servers it reads');
      return poller.pollNow();
    }
    const snapshot = await backend.snapshot();
    store.getState().actions.applyReading({ snapshot, startedAt: now, at: now, staleServices, inTurns: staleServices.size > 0 });
  };
  const advance = async (ms: number, staleServices?: ReadonlyMap<string, number>) => {
    now += ms;
    await read(staleServices);
  };
  const readOnly = options.readOnly ?? false;
  const host = options.host === undefined ? HOST : options.host;
  const stateDir = mkdtempSync(join(tmpdir(), 'lvstop-ui-'));
  const services: UiServices = {
    store,
    ui,
    backend: options.backend?.(backend) ?? backend,
    runner: new ChangeRunner(backend, { readOnly, audit: null }),
    drainMemory: new DrainMemory(join(stateDir, 'drained.json')),
    commandHistory: new CommandHistoryFile(join(stateDir, 'commands')),
    host: host !== null && 'current' in host ? host : fixedHostStats(host),
    refresh: () => read(),
    readOnly,
    color: options.color ?? false,
    intervalMs: 1000,
    ...(options.timers ? { timers: options.timers } : {}),
  };
  await read();
  for (let i = 1; i < (options.readings ?? 3); i++) await advance(1000);

  const stdout = new FakeStdout(options.columns ?? 120, options.rows ?? 40);
  const stdin = new FakeStdin();
  const instance = render(<App services={services} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(80, 24) as unknown as NodeJS.WriteStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const exited = instance.waitUntilExit();
  await tick();

  const frame = () => (stdout.frames.at(-1) ?? '').replace(ANSI, '');
  const harness: Harness = {
    backend,
    store,
    ui,
    services,
    stdout: stdout as unknown as NodeJS.WriteStream,
    frame,
    rawFrame: () => stdout.frames.at(-1) ?? '',
    lines: () => frame().split('\n'),
    async press(...keys) {
      for (const key of keys) {
        stdin.write(key);
        // A lone Escape is delivered on the next turn (it may start a sequence).
        await tick();
        await tick();
      }
      await harness.settle();
    },
    async type(text) {
      for (const char of text) await harness.press(char);
    },
    advance: async (ms, staleServices) => {
      await advance(ms, staleServices);
      await tick();
    },
    read: async () => {
      await read();
      await tick();
    },
    async waitFor(condition, what) {
      const deadline = Date.now() + 3000;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${frame()}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async settle() {
      await idle(services);
      await tick();
      await tick();
    },
    async resize(columns, rows) {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize');
      await tick();
      await tick();
    },
    exited,
    unmount: () => {
      void poller?.stop();
      instance.unmount();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
  return harness;
}
