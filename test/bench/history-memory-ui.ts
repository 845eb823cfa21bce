// The Ink app of `lvstop` for history-memory-run.ts, rendered as `lvstop` renders it to a
// fake 200x60 terminal (bench-app.ts). Loaded only for the runs that measure it.

import { renderBenchApp } from './bench-app.js';
import { HostPoller } from '../../src/backend/host/host-poller.js';
import { movingBackend } from './moving-table.js';
import type { Backend } from '../../src/backend/backend.js';
import type { LvsStore } from '../../src/store/index.js';

const RIGHT = '\u001b[C';

export function renderApp(store: LvsStore, table: Pick<Backend, 'snapshot'>, refresh: () => Promise<void>) {
  // The director's own stats, read as lvstop reads them. The app's actions are not used here.
  const host = new HostPoller();
  host.start();
  const { stdin, unmount } = renderBenchApp({ store, backend: movingBackend(table), refresh, host, columns: 200, rows: 60 });
  return {
    expand: () => stdin.press(RIGHT),
    unmount: () => {
      unmount();
      host.stop();
    },
  };
}
