// What one table row shows, selected from the store: the selectors behind useRow.

import type { Destination, ServiceWithDestinations } from '../../ipvs/types.js';
import type { RatePair } from '../../model/rates.js';
import { selectIsExpanded, selectIsPending, selectIsSelected, selectIsStale, selectRates, selectServer, selectService } from '../../store/selectors.js';
import type { Row } from '../../store/rows.js';
import type { LvsState } from '../../store/state.js';
import { healthIn, ratesOf, type Health, type ServerShare } from '../health/server-health.js';
import { sparkline } from '../format/sparkline.js';
import { serverFacts, serviceFacts, type RowFacts } from './row-facts.js';

// One buffer for every row's samples: a sparkline is drawn from them at once and not kept.
let scratch = new Float32Array(0);

/**
 * A selector of one row's sparkline as drawn, `width` characters of the chosen metric. It
 * returns a string, so a row whose picture did not change at a reading (an idle server's
 * flat line, a steady rate) is not re-rendered; and it draws again only at a new reading.
 */
export function selectSparkline(id: string, width: number): (state: LvsState) => string {
  let drawnAt = -1;
  let drawnFrom: LvsState['history'] = null;
  let drawnMetric: LvsState['metric'] | null = null;
  let drawn = sparkline([], width);
  return (state) => {
    if (state.historyReadings === drawnAt && state.history === drawnFrom && state.metric === drawnMetric) return drawn;
    drawnAt = state.historyReadings;
    drawnFrom = state.history;
    drawnMetric = state.metric;
    if (state.history === null || width <= 0) return (drawn = sparkline([], width));
    if (scratch.length < width) scratch = new Float32Array(width);
    return (drawn = sparkline(state.history.last(id, state.metric, width, scratch), width));
  };
}

export interface RowView {
  facts: RowFacts | null;
  selected: boolean;
  pending: boolean;
  /** Its real servers' figures are from an earlier reading (read in turns). */
  stale: boolean;
  /** The sparkline as drawn, as wide as its column. */
  spark: string;
}

/** What a row's facts are made of, each compared by identity or, for the share, by value. */
interface FactInputs {
  service: ServiceWithDestinations | undefined;
  server: Destination | undefined;
  rates: RatePair | undefined;
  expanded: boolean;
  share: ServerShare | null;
  health: Health;
}

const sameShare = (a: ServerShare | null, b: ServerShare | null): boolean =>
  a === b || (a !== null && b !== null && a.weight === b.weight && a.connections === b.connections);

const sameInputs = (a: FactInputs, b: FactInputs): boolean =>
  a.service === b.service &&
  a.server === b.server &&
  a.rates === b.rates &&
  a.expanded === b.expanded &&
  a.health === b.health &&
  sameShare(a.share, b.share);

function factsOf(row: Row, last: boolean, inputs: FactInputs): RowFacts | null {
  const rates = ratesOf(inputs.rates);
  if (row.kind === 'service') return inputs.service === undefined ? null : serviceFacts(inputs.service, inputs.expanded, rates);
  if (inputs.server === undefined) return null;
  return serverFacts(inputs.server, last, rates, inputs.share, inputs.health);
}

/**
 * Everything one row shows, as one selector: a row mounts with one store subscription (page
 * down mounts a screenful), and the view is a new object only when something the row shows
 * changed. A server's health and share are compared by value: they are worked out afresh for
 * every reading, and an unchanged server's row is not redrawn for that.
 */
export function selectRowView(row: Row, last: boolean, sparkWidth: number): (state: LvsState) => RowView {
  const service = selectService(row.serviceId);
  const server = selectServer(row.id);
  const rates = selectRates(row.id);
  const selected = selectIsSelected(row.id);
  const pending = selectIsPending(row.id);
  const stale = selectIsStale(row.id);
  const expanded = selectIsExpanded(row.serviceId);
  const spark = selectSparkline(row.id, sparkWidth);
  let inputs: FactInputs | null = null;
  let facts: RowFacts | null = null;
  let view: RowView | null = null;
  return (state) => {
    const health = row.kind === 'server' && state.live !== null ? healthIn(state.live, row.serviceId) : null;
    const now: FactInputs = {
      service: service(state),
      server: row.kind === 'server' ? server(state) : undefined,
      rates: rates(state),
      expanded: expanded(state),
      share: health?.shares.get(row.id) ?? null,
      health: health?.health.get(row.id) ?? 'ok',
    };
    if (inputs === null || !sameInputs(now, inputs)) {
      inputs = now;
      facts = factsOf(row, last, now);
    }
    const isSelected = selected(state);
    const isPending = pending(state);
    const isStale = stale(state);
    const drawn = spark(state);
    if (
      view !== null &&
      view.facts === facts &&
      view.selected === isSelected &&
      view.pending === isPending &&
      view.stale === isStale &&
      view.spark === drawn
    ) {
      return view;
    }
    view = { facts, selected: isSelected, pending: isPending, stale: isStale, spark: drawn };
    return view;
  };
}
