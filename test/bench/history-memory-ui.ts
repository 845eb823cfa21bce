// The Ink app of `lvstop` for history-memory-run.ts, rendered as `lvstop` renders it to a
// fake 200x60 terminal (bench-app.ts). Loaded only for the runs that measure it.

import { renderBenchApp } from './bench-app.js';
import { movingBackend } from './moving-table.js';
import type { Backend } from '../../src/backend/backend.js';
import type { LvsStore } from '../../src/store/index.js';

const RIGHT = '\u001b[C';

export function renderApp(store: LvsStore, table: Pick<Backend, 'snapshot'>, refresh: () => Promise<void>) {
  // The app's actions are not used here.
  const { stdin, unmount } = renderBenchApp({ store, backend: movingBackend(table), refresh, host: null, columns: 200, rows: 60 });
  return { expand: () => stdin.press(RIGHT), unmount };
}
