// lvstop's Ink app for benchmarks, rendered as `lvstop` renders it: Ink loaded with the CI
// variables removed (under CI it draws only the last frame), production React, lvstop's frame
// options, only changed rows written; to a fake terminal, on a backend the bench supplies.

import { FakeStdin, FakeStdout, neutraliseCi } from './fake-terminal.js';
import type { Backend } from '../../src/backend/backend.js';
import type { HostStats, HostStatsSource } from '../../src/backend/host/host-stats.js';
import type { LvsStore } from '../../src/store/index.js';

neutraliseCi();
// As `lvstop` run from the sources does before loading the app: React's development checks
// cost frames. (Bundled, as the memory bench runs it, React is its production build anyway.)
const environment = process.env;
environment.NODE_ENV ??= 'production';
// The module object itself: a bundle imports a CommonJS package as its default export only.
const { createElement } = (await import('react')).default;
const { render } = await import('ink');
const { App } = await import('../../src/ui/App.js');
const { FRAME_OPTIONS } = await import('../../src/ui/start.js');
const { writeChangedRowsOnly } = await import('../../src/ui/terminal/screen-writer.js');
const { ChangeRunner } = await import('../../src/actions/runner.js');
const { fixedHostStats } = await import('../../src/backend/host/host-stats.js');
const { createUiStore } = await import('../../src/ui/state/ui-store.js');

export interface BenchAppOptions {
  store: LvsStore;
  backend: Backend;
  /** What the app's refresh does (the bench's poll). */
  refresh: () => Promise<void>;
  /** Fixed host stats, or a live source (a HostPoller, as lvstop runs one). */
  host: HostStats | null | HostStatsSource;
  columns: number;
  rows: number;
  /** Ink's own timing of each frame's output stage. */
  onRender?: (metrics: { renderTime: number }) => void;
}

export function renderBenchApp(options: BenchAppOptions) {
  const stdout = new FakeStdout(options.columns, options.rows);
  const stdin = new FakeStdin();
  const services = {
    store: options.store,
    ui: createUiStore(),
    backend: options.backend,
    runner: new ChangeRunner(options.backend, { readOnly: true, audit: null }),
    drainMemory: null,
    host: options.host !== null && 'subscribe' in options.host ? options.host : fixedHostStats(options.host),
    refresh: options.refresh,
    readOnly: true,
    color: true,
    intervalMs: 1000,
  };
  const instance = render(createElement(App, { services }), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(80, 24) as unknown as NodeJS.WriteStream,
    ...FRAME_OPTIONS,
    exitOnCtrlC: false,
    patchConsole: false,
    ...(options.onRender ? { onRender: options.onRender } : {}),
  });
  if (!writeChangedRowsOnly(stdout)) throw new Error('the changed-rows writer is not installed');
  return { stdout, stdin, unmount: () => instance.unmount() };
}

/** Ink's throttle window at lvstop's frame rate: a frame's trailing render lands within it. */
export const FRAME_INTERVAL_MS = Math.ceil(1000 / FRAME_OPTIONS.maxFps);
