// The zustand store (vanilla: no React here; the UI binds it with useStore). It holds the
// latest reading and the view state; the rates, history and drain trackers live in a
// LiveModel owned by the store and are updated in `applyReading`.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { LiveModel, type LiveModelOptions } from '../model/live.js';
import { navigate, settle, type NavState } from './navigation.js';
import { selectVisibleRows } from './selectors.js';
import { defaultDirection, SORT_COLUMNS, type Sort } from './sort.js';
import { SPARK_METRICS, type LvsState, type PendingOperation } from './state.js';

export type LvsStore = StoreApi<LvsState>;

export interface LvsStoreOptions {
  /** The poller's clock (monotonic ms), for drain marks; default performance.now. */
  now?: () => number;
  /** For message and operation times; default Date.now. */
  wallClock?: () => number;
  live?: LiveModelOptions;
  pageSize?: number;
}

const DEFAULT_SORT: Sort = { column: 'address', direction: 'asc' };

export function createLvsStore(options: LvsStoreOptions = {}): LvsStore {
  const now = options.now ?? (() => performance.now());
  const wallClock = options.wallClock ?? (() => Date.now());
  const model = new LiveModel(options.live);
  let operations = 0;

  return createStore<LvsState>()((set, get) => {
    // Apply a change to the row inputs, then keep the selection and scroll valid.
    const changeRows = (change: Partial<LvsState>): void => {
      const state = get();
      const previousRows = selectVisibleRows(state);
      const next = { ...state, ...change };
      const rows = selectVisibleRows(next);
      const nav = settle(next, rows, previousRows, next.pageSize);
      set({ ...change, selection: nav.selection, scrollTop: nav.scrollTop });
    };

    return {
      live: null,
      history: null,
      historyReadings: 0,
      selection: null,
      expanded: new Set<string>(),
      scrollTop: 0,
      pageSize: options.pageSize ?? 20,
      filter: '',
      sort: DEFAULT_SORT,
      metric: 'cps',
      paused: false,
      pending: new Map(),
      lastAction: null,
      lastError: null,

      actions: {
        applyReading(reading) {
          const state = get();
          const live = model.apply(reading, state.live);
          // Forget expanded services that are gone, keeping the set's identity when none is.
          let expanded = state.expanded;
          for (const id of expanded) {
            if (!live.services.has(id)) {
              expanded = new Set([...expanded].filter((keep) => live.services.has(keep)));
              break;
            }
          }
          changeRows({ live, expanded, history: model.history, historyReadings: model.history?.readings ?? 0 });
          return live.snapshot;
        },

        navigate(action) {
          const state = get();
          const nav: NavState = navigate(state, selectVisibleRows(state), action, state.pageSize);
          if (nav.expanded !== state.expanded) {
            changeRows({ expanded: nav.expanded, selection: nav.selection, scrollTop: nav.scrollTop });
          } else if (nav !== state) {
            set({ selection: nav.selection, scrollTop: nav.scrollTop });
          }
        },

        setPageSize(rows) {
          const pageSize = Math.max(1, Math.floor(rows));
          if (pageSize !== get().pageSize) changeRows({ pageSize });
        },

        setFilter(filter) {
          if (filter !== get().filter) changeRows({ filter, scrollTop: 0 });
        },

        nextSort() {
          const { column } = get().sort;
          const next = SORT_COLUMNS[(SORT_COLUMNS.indexOf(column) + 1) % SORT_COLUMNS.length] ?? 'address';
          changeRows({ sort: { column: next, direction: defaultDirection(next) } });
        },

        reverseSort() {
          const { sort } = get();
          changeRows({ sort: { column: sort.column, direction: sort.direction === 'asc' ? 'desc' : 'asc' } });
        },

        setSort(column, direction = defaultDirection(column)) {
          const { sort } = get();
          if (sort.column !== column || sort.direction !== direction) changeRows({ sort: { column, direction } });
        },

        nextMetric() {
          const { metric } = get();
          set({ metric: SPARK_METRICS[(SPARK_METRICS.indexOf(metric) + 1) % SPARK_METRICS.length] ?? 'cps' });
        },

        setPaused(paused) {
          if (paused !== get().paused) set({ paused });
        },

        markDrained(serverId, previousWeight, inFlight = false) {
          model.drain.markDrained(serverId, previousWeight, inFlight ? Number.POSITIVE_INFINITY : now());
        },

        unmarkDrained(serverId) {
          model.drain.unmarkDrained(serverId);
        },

        rememberedWeight(serverId) {
          return model.drain.rememberedWeight(serverId);
        },

        beginOperation(targetId, description) {
          const id = `op-${++operations}`;
          const operation: PendingOperation = { id, targetId, description, startedAt: wallClock() };
          set({ pending: new Map(get().pending).set(id, operation) });
          return id;
        },

        endOperation(id, outcome) {
          const pending = new Map(get().pending);
          const operation = pending.get(id);
          pending.delete(id);
          const at = wallClock();
          if (outcome.ok) {
            set({ pending, lastAction: { text: outcome.action ?? operation?.description ?? '', at } });
          } else {
            set({ pending, lastError: { text: outcome.error, at, source: 'action' } });
          }
        },

        reportAction(text) {
          set({ lastAction: { text, at: wallClock() } });
        },

        reportError(text, source = 'action') {
          set({ lastError: { text, at: wallClock(), source } });
        },

        clearError(source) {
          const { lastError } = get();
          if (lastError !== null && (source === undefined || lastError.source === source)) set({ lastError: null });
        },
      },
    };
  });
}
