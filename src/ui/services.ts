// What the UI works with, handed in once by whoever starts it (the tui command, or a test):
// no component opens a backend, reads a file or starts a timer of its own.

import { createContext } from 'react';
import type { CommandHistoryFile } from '../actions/command-history-file.js';
import type { DrainMemory } from '../actions/drain-memory.js';
import type { ChangeRunner } from '../actions/runner.js';
import type { Backend } from '../backend/backend.js';
import type { HostStatsSource } from '../backend/host/host-stats.js';
import type { PollerTimers } from '../poller.js';
import type { LvsStore } from '../store/store.js';
import type { UiStore } from './state/ui-store.js';

export interface UiServices {
  store: LvsStore;
  ui: UiStore;
  backend: Backend;
  runner: ChangeRunner;
  /** Where drained servers' old weights are kept across runs; null to keep them in memory only. */
  drainMemory: DrainMemory | null;
  /** Where the `:` line's history is kept across runs; absent or null: this session only. */
  commandHistory?: CommandHistoryFile | null;
  host: HostStatsSource;
  /** Read the backend now (after a change), rather than at the next tick. */
  refresh(): Promise<void>;
  readOnly: boolean;
  color: boolean;
  /** The polling interval; the connection view refreshes at the same pace. */
  intervalMs: number;
  /** Timers of the connection view's refreshes; absent: the real ones (tests move their own). */
  timers?: PollerTimers;
}

export const ServicesContext = createContext<UiServices | null>(null);
