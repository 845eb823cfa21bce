// List navigation as a pure reducer over the visible rows. Selection is by row id, so it
// follows its row when a reading reorders the table.

import { isServerId, serviceIdOf } from '../model/identity.js';
import type { Row } from './rows.js';

export type NavAction =
  | { type: 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom' }
  | { type: 'expand' | 'collapse' | 'toggle' }
  | { type: 'select'; id: string };

export interface NavState {
  selection: string | null;
  expanded: ReadonlySet<string>;
  /** Index of the first row shown. */
  scrollTop: number;
}

/**
 * Moves keep the selection on screen (`pageSize` rows). Expand/collapse act on the selected
 * service, or on the service of the selected real server (collapsing selects the service).
 * Scroll after expand/collapse is settled by `settle` once the rows are rebuilt.
 */
export function navigate(state: NavState, rows: readonly Row[], action: NavAction, pageSize: number): NavState {
  const page = Math.max(1, pageSize);
  switch (action.type) {
    case 'up':
      return moveTo(state, rows, indexOf(state, rows) - 1, page);
    case 'down':
      return moveTo(state, rows, indexOf(state, rows) + 1, page);
    case 'pageUp':
      return moveTo(state, rows, indexOf(state, rows) - page, page);
    case 'pageDown':
      return moveTo(state, rows, indexOf(state, rows) + page, page);
    case 'top':
      return moveTo(state, rows, 0, page);
    case 'bottom':
      return moveTo(state, rows, rows.length - 1, page);
    case 'select':
      return rows.some((row) => row.id === action.id) ? moveTo(state, rows, rows.findIndex((row) => row.id === action.id), page) : state;
    case 'expand':
    case 'collapse':
    case 'toggle':
      return expandOrCollapse(state, action.type);
  }
}

function indexOf(state: NavState, rows: readonly Row[]): number {
  if (state.selection === null) return -1;
  return rows.findIndex((row) => row.id === state.selection);
}

function moveTo(state: NavState, rows: readonly Row[], index: number, page: number): NavState {
  if (rows.length === 0) return state.selection === null && state.scrollTop === 0 ? state : { ...state, selection: null, scrollTop: 0 };
  const target = Math.min(rows.length - 1, Math.max(0, index));
  const selection = rows[target]?.id ?? null;
  const scrollTop = scrollToShow(state.scrollTop, target, page, rows.length);
  if (selection === state.selection && scrollTop === state.scrollTop) return state;
  return { ...state, selection, scrollTop };
}

function expandOrCollapse(state: NavState, type: 'expand' | 'collapse' | 'toggle'): NavState {
  const selection = state.selection;
  if (selection === null) return state;
  const service = serviceIdOf(selection);
  const onServer = isServerId(selection);
  if (onServer && type === 'expand') return state;
  const isExpanded = state.expanded.has(service);
  // On a real server, collapse and toggle fold its service.
  const open = onServer ? false : type === 'expand' || (type === 'toggle' && !isExpanded);
  if (open === isExpanded) return onServer && !open ? { ...state, selection: service } : state;
  const expanded = new Set(state.expanded);
  if (open) expanded.add(service);
  else expanded.delete(service);
  return { ...state, expanded, selection: open ? selection : service };
}

/** The smallest scroll change that shows row `index` within a page of `page` rows. */
export function scrollToShow(scrollTop: number, index: number, page: number, rowCount: number): number {
  let top = Math.max(0, Math.min(scrollTop, rowCount - page));
  if (index < top) top = index;
  else if (index >= top + page) top = index - page + 1;
  return Math.max(0, top);
}

/**
 * After the rows changed (a reading, a filter, expand/collapse): a selection that is gone moves
 * to its service if that is shown, else to the row now at its old position; the scroll keeps
 * the selection on screen.
 */
export function settle(state: NavState, rows: readonly Row[], previousRows: readonly Row[], pageSize: number): NavState {
  const page = Math.max(1, pageSize);
  let index = indexOf(state, rows);
  if (index === -1 && state.selection !== null) {
    const service = serviceIdOf(state.selection);
    index = rows.findIndex((row) => row.id === service);
    if (index === -1) {
      const before = previousRows.findIndex((row) => row.id === state.selection);
      index = Math.min(Math.max(before, 0), rows.length - 1);
    }
  }
  if (index === -1) index = 0;
  const selection = rows[index]?.id ?? null;
  const scrollTop = selection === null ? 0 : scrollToShow(state.scrollTop, index, page, rows.length);
  if (selection === state.selection && scrollTop === state.scrollTop) return state;
  return { ...state, selection, scrollTop };
}
