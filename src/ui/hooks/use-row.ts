import { useMemo } from 'react';
import { selectIsExpanded, selectIsPending, selectIsSelected, selectIsStale, selectRates, selectServer, selectService } from '../../store/selectors.js';
import type { Row } from '../../store/rows.js';
import type { LvsState } from '../../store/state.js';
import { healthIn, ratesOf } from '../health/server-health.js';
import { serverFacts, serviceFacts, type RowFacts } from '../table/row-facts.js';
import { useLvs } from './use-lvs.js';

export interface RowView {
  facts: RowFacts | null;
  selected: boolean;
  pending: boolean;
  /** Its real servers' figures are from an earlier reading (read in turns). */
  stale: boolean;
}

/** One row's facts through narrow selectors: it re-renders when its own data changes. */
export function useRow(row: Row, last: boolean): RowView {
  const selectors = useMemo(
    () => ({
      service: selectService(row.serviceId),
      server: selectServer(row.id),
      rates: selectRates(row.id),
      selected: selectIsSelected(row.id),
      pending: selectIsPending(row.id),
      stale: selectIsStale(row.id),
      expanded: selectIsExpanded(row.serviceId),
      health: (state: LvsState) => (row.kind === 'server' && state.live !== null ? healthIn(state.live, row.serviceId) : null),
    }),
    [row.id, row.serviceId, row.kind],
  );
  const service = useLvs(selectors.service);
  const server = useLvs(selectors.server);
  const pair = useLvs(selectors.rates);
  const selected = useLvs(selectors.selected);
  const pending = useLvs(selectors.pending);
  const stale = useLvs(selectors.stale);
  const expanded = useLvs(selectors.expanded);
  const health = useLvs(selectors.health);
  const facts = useMemo(() => {
    const rates = ratesOf(pair);
    if (row.kind === 'service') return service === undefined ? null : serviceFacts(service, expanded, rates);
    if (server === undefined) return null;
    return serverFacts(server, last, rates, health?.shares.get(row.id) ?? null, health?.health.get(row.id) ?? 'ok');
  }, [row.kind, row.id, service, server, pair, expanded, health, last]);
  return { facts, selected, pending, stale };
}
