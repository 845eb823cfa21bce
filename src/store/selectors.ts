// Selectors. Narrow ones return objects that keep their identity while their data is
// unchanged (see model/share.ts), so `useStore(store, selectService(id))` re-renders a row
// only when that row changed. Build a row's selectors once per id (e.g. in useMemo).

import type { Destination, ServiceWithDestinations } from '../ipvs/types.js';
import type { DrainStatus } from '../model/drain.js';
import { serviceIdOf } from '../model/identity.js';
import { findServer } from '../model/live.js';
import type { RatePair } from '../model/rates.js';
import { createVisibleRowsSelector, type Row } from './rows.js';
import type { LvsState } from './state.js';

/** The table's rows: filtered, sorted, servers under expanded services. Memoised. */
export const selectVisibleRows: (state: Pick<LvsState, 'live' | 'expanded' | 'filter' | 'sort'>) => readonly Row[] =
  createVisibleRowsSelector();

export const selectService =
  (id: string) =>
  (state: LvsState): ServiceWithDestinations | undefined =>
    state.live?.services.get(id);

export const selectServer =
  (id: string) =>
  (state: LvsState): Destination | undefined =>
    state.live === null ? undefined : findServer(state.live.services, id);

/** Rates of a service or a server. */
export const selectRates =
  (id: string) =>
  (state: LvsState): RatePair | undefined =>
    state.live?.rates.get(id);

export const selectDrain =
  (serverId: string) =>
  (state: LvsState): DrainStatus | null =>
    state.live?.drains.get(serverId) ?? null;

/** Readings since the service's real servers were read (0: read in the latest reading). */
export const selectStaleness =
  (id: string) =>
  (state: LvsState): number =>
    state.live?.staleServices.get(serviceIdOf(id)) ?? 0;

/**
 * Whether the row's real server figures are from an earlier reading. A boolean, so a row
 * left out of several readings in a row re-renders once, not at every reading.
 */
export const selectIsStale = (id: string): ((state: LvsState) => boolean) => {
  const staleness = selectStaleness(id);
  return (state) => staleness(state) > 0;
};

/** Whether the latest reading read real servers in turns (see poller.ts). */
export const selectReadInTurns = (state: LvsState): boolean => state.live?.inTurns ?? false;

export const selectIsSelected =
  (id: string) =>
  (state: LvsState): boolean =>
    state.selection === id;

export const selectIsExpanded =
  (serviceId: string) =>
  (state: LvsState): boolean =>
    state.expanded.has(serviceId);

/** Changes on every reading: subscribe to it to redraw sparklines from `state.history`. */
export const selectHistoryReadings = (state: LvsState): number => state.historyReadings;

export const selectIsPending =
  (id: string) =>
  (state: LvsState): boolean => {
    for (const operation of state.pending.values()) if (operation.targetId === id) return true;
    return false;
  };

/**
 * Services whose real servers the poller should read every time: those on screen (the page
 * from scrollTop), the expanded ones, and the selected one.
 */
export function selectWantedServices(state: LvsState): Set<string> {
  const wanted = new Set<string>(state.expanded);
  const rows = selectVisibleRows(state);
  const end = Math.min(rows.length, state.scrollTop + state.pageSize);
  for (let i = state.scrollTop; i < end; i++) {
    const row = rows[i];
    if (row !== undefined) wanted.add(row.serviceId);
  }
  if (state.selection !== null) wanted.add(serviceIdOf(state.selection));
  return wanted;
}
