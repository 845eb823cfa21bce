export { createLvsStore, type LvsStore, type LvsStoreOptions } from './store.js';
export * from './state.js';
export * from './selectors.js';
export { navigate, settle, scrollToShow, type NavAction, type NavState } from './navigation.js';
export { buildRows, createVisibleRowsSelector, matchesFilter, type Row, type RowInputs } from './rows.js';
export { SORT_COLUMNS, defaultDirection, type Sort, type SortColumn, type SortDirection } from './sort.js';
export { pollerCallbacks, bindPaused } from './connect.js';
