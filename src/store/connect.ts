// Wiring between the poller and the store, kept out of both so each stays testable alone.

import type { Poller, PollerOptions } from '../poller.js';
import { selectWantedServices } from './selectors.js';
import type { LvsStore } from './store.js';

/** The callbacks a Poller needs to feed this store. */
export function pollerCallbacks(
  store: LvsStore,
): Pick<PollerOptions, 'onSnapshot' | 'onError' | 'onRecovered' | 'wantedServices'> {
  return {
    onSnapshot: (reading) => store.getState().actions.applyReading(reading),
    onError: (error) => store.getState().actions.reportError(error.message, 'poll'),
    onRecovered: () => store.getState().actions.clearError('poll'),
    wantedServices: () => selectWantedServices(store.getState()),
  };
}

/** Pause and resume the poller with the store's `paused` flag. Returns the unsubscribe. */
export function bindPaused(store: LvsStore, poller: Pick<Poller, 'pause' | 'resume'>): () => void {
  return store.subscribe((state, previous) => {
    if (state.paused === previous.paused) return;
    if (state.paused) poller.pause();
    else poller.resume();
  });
}
