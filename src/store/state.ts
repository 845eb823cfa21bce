import type { Snapshot } from '../ipvs/types.js';
import type { History } from '../model/history.js';
import type { LiveData } from '../model/live.js';
import type { Reading } from '../model/reading.js';
import type { NavAction, NavState } from './navigation.js';
import type { Sort, SortColumn, SortDirection } from './sort.js';

/** Metrics the sparklines can show, in the order `m` cycles through them. */
export const SPARK_METRICS = ['cps', 'activeConns', 'inBps', 'outBps', 'inPps'] as const;
export type SparkMetric = (typeof SPARK_METRICS)[number];

/** A change sent to the backend and not yet answered. */
export interface PendingOperation {
  id: string;
  /** The row it acts on (service or server id), or null for table-wide changes. */
  targetId: string | null;
  /** What it does, e.g. the ipvsadm equivalent. */
  description: string;
  /** Wall-clock ms. */
  startedAt: number;
}

export interface StatusMessage {
  text: string;
  /** Wall-clock ms. */
  at: number;
}

export interface ErrorMessage extends StatusMessage {
  /** 'poll' errors clear themselves when polling recovers; 'action' ones stay until replaced. */
  source: 'poll' | 'action';
}

export type OperationOutcome = { ok: true; action?: string } | { ok: false; error: string };

export interface LvsActions {
  /**
   * Rates, history, drain tracking and structural sharing for a new reading. Returns the
   * snapshot the store keeps for it: the same table, with the objects of earlier readings
   * where nothing changed (the poller holds that one, not a second copy).
   */
  applyReading(reading: Reading): Snapshot;
  navigate(action: NavAction): void;
  /** Rows the table shows at once (for paging and for which servers the poller reads). */
  setPageSize(rows: number): void;
  setFilter(text: string): void;
  /** Next sort column, in its natural direction. */
  nextSort(): void;
  reverseSort(): void;
  setSort(column: SortColumn, direction?: SortDirection): void;
  nextMetric(): void;
  setPaused(paused: boolean): void;
  /**
   * lvstop set this server's weight to 0, replacing `previousWeight` (restore uses it). With
   * `inFlight` the change is still on its way: no reading can end the mark until it is
   * marked again once applied, or unmarked if it failed.
   */
  markDrained(serverId: string, previousWeight: number, inFlight?: boolean): void;
  /** The drain marked for this server did not happen (its change failed). */
  unmarkDrained(serverId: string): void;
  /** The weight a drained server had before, if known. */
  rememberedWeight(serverId: string): number | null;
  /** Returns the operation's id. */
  beginOperation(targetId: string | null, description: string): string;
  endOperation(id: string, outcome: OperationOutcome): void;
  reportAction(text: string): void;
  reportError(text: string, source?: ErrorMessage['source']): void;
  /** Clears the error; with a source, only an error from that source. */
  clearError(source?: ErrorMessage['source']): void;
}

export interface LvsState extends NavState {
  /** The latest reading and what was derived from it; null before the first. */
  live: LiveData | null;
  /** Mutable rings, filled as readings arrive; `historyReadings` changes with each. */
  history: History | null;
  historyReadings: number;
  pageSize: number;
  filter: string;
  sort: Sort;
  metric: SparkMetric;
  paused: boolean;
  pending: ReadonlyMap<string, PendingOperation>;
  lastAction: StatusMessage | null;
  lastError: ErrorMessage | null;
  actions: LvsActions;
}
