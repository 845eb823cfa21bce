// The Ink app of `lvstop` for history-memory-run.ts: rendered as the tui command renders it
// (production React, its frame options) to a fake 200x60 terminal. Loaded only for the runs
// that measure it.

import { neutraliseCi, FakeStdin, FakeStdout } from './fake-terminal.js';
import type { Backend } from '../../src/backend/backend.js';
import type { LvsStore } from '../../src/store/index.js';

neutraliseCi();
// As the tui command does before it loads the app.
process.env.NODE_ENV ??= 'production';
const { createElement } = await import('react');
const { render } = await import('ink');
const { App } = await import('../../src/ui/App.js');
const { FRAME_OPTIONS } = await import('../../src/ui/start.js');
const { ChangeRunner } = await import('../../src/actions/runner.js');
const { fixedHostStats } = await import('../../src/backend/host/host-stats.js');
const { createUiStore } = await import('../../src/ui/state/ui-store.js');

const RIGHT = '\u001b[C';

export function renderApp(store: LvsStore, table: Pick<Backend, 'snapshot'>, refresh: () => Promise<void>) {
  // The app's actions are not used here: a backend that reads the table and refuses the rest.
  const backend = new Proxy(table, {
    get: (target, key) => (key === 'kind' ? 'kernel' : key === 'snapshot' ? target.snapshot : () => Promise.reject(new Error('not in this bench'))),
  }) as Backend;
  const stdin = new FakeStdin();
  const instance = render(
    createElement(App, {
      services: {
        store,
        ui: createUiStore(),
        backend,
        runner: new ChangeRunner(backend, { readOnly: true, audit: null }),
        drainMemory: null,
        host: fixedHostStats(null),
        refresh,
        readOnly: true,
        color: true,
        intervalMs: 1000,
      },
    }),
    {
      stdout: new FakeStdout(200, 60) as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      stderr: new FakeStdout(80, 24) as unknown as NodeJS.WriteStream,
      ...FRAME_OPTIONS,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );
  return {
    expand: () => stdin.press(RIGHT),
    unmount: () => instance.unmount(),
  };
}
