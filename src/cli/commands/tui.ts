// `lvstop` with no subcommand: the full-screen view. Wires the backend, the poller, the store,
// host stats and the change runner together, hands them to the Ink app, and takes them down
// again however the app ends. A backend that cannot open fails here, before the screen is
// taken over, so its one sentence lands on a normal terminal.

import type { Command } from 'commander';
import { AuditLog } from '../../actions/audit.js';
import { CommandHistoryFile } from '../../actions/command-history-file.js';
import { DrainMemory } from '../../actions/drain-memory.js';
import { ChangeRunner } from '../../actions/runner.js';
import { HostPoller } from '../../backend/host/host-poller.js';
import { openBackend } from '../../backend/open.js';
import { IpvsError } from '../../ipvs/errors.js';
import { keepYoungGenerationSmall, tuneHeapForLargeTables } from '../heap.js';
import { LARGE_TABLE_SERVICES, Poller } from '../../poller.js';
import { bindPaused, createLvsStore, pollerCallbacks } from '../../store/index.js';
import { createUiStore } from '../../ui/state/ui-store.js';
import { backendChoice, type GlobalOptions } from '../session.js';

/** --no-color, or NO_COLOR set to anything but the empty string (no-color.org). */
export function colorWanted(options: Pick<GlobalOptions, 'color'>, env: NodeJS.ProcessEnv = process.env): boolean {
  return options.color !== false && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export async function runTui(program: Command): Promise<void> {
  const options = program.opts<GlobalOptions>();
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    throw new IpvsError('invalid', 'The full-screen view needs a terminal; for plain output use `lvstop snapshot`.');
  }
  keepYoungGenerationSmall();
  // Tables the poller reads in rotation keep the dump helper out (see IpvsClientOptions).
  const backend = await openBackend({ ...backendChoice(options), dumpHelperMaxServices: LARGE_TABLE_SERVICES });
  const store = createLvsStore();
  tuneHeapForLargeTables(store);
  const intervalMs = options.interval * 1000;
  const poller = new Poller(backend, { intervalMs, ...pollerCallbacks(store) });
  const unbindPaused = bindPaused(store, poller);
  const host = new HostPoller();
  try {
    // Permission and availability problems surface here, as one sentence on a normal terminal.
    await backend.info();
    const runner = new ChangeRunner(backend, {
      readOnly: options.readOnly,
      audit: new AuditLog(),
      onAuditError: (error) =>
        store.getState().actions.reportError(`The change was made, but the audit log could not be written (${error.message}).`),
    });
    poller.start();
    host.start();
    const commandHistory = CommandHistoryFile.forBackend(backend.kind);
    const ui = createUiStore({ commandHistory: await commandHistory.load() });
    // React's development checks cost frames. The bundle has React's production build built in;
    // run from the sources, React loads with the app, only now, so this still applies there.
    const environment = process.env;
    environment.NODE_ENV ??= 'production';
    const { runFullScreen } = await import('../../ui/start.js');
    const { signal } = await runFullScreen({
      store,
      ui,
      backend,
      runner,
      drainMemory: DrainMemory.forBackend(backend.kind),
      commandHistory,
      host,
      refresh: () => poller.pollNow(),
      readOnly: options.readOnly,
      color: colorWanted(options),
      intervalMs,
    });
    await commandHistory.saved();
    if (signal === 'SIGTERM') process.exitCode = 143;
    else if (signal === 'SIGHUP') process.exitCode = 129;
  } finally {
    host.stop();
    unbindPaused();
    await poller.stop();
    await backend.close();
  }
}
