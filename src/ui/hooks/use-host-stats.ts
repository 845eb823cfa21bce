import { useCallback, useSyncExternalStore } from 'react';
import type { HostStats } from '../../backend/host/host-stats.js';
import { useServices } from './use-services.js';

/**
 * The host's latest stats, shown with each IPVS reading so that both land in one frame: every
 * frame redraws the whole screen, and host stats on a timer of their own would double an idle
 * screen's frames. Only while readings stall (paused, failing) do host stats draw alone.
 */
export function useHostStats(): HostStats | null {
  const { host, store, intervalMs } = useServices();
  const subscribe = useCallback(
    (listener: () => void) => {
      let lastReadingAt = performance.now();
      const offStore = store.subscribe((state, previous) => {
        if (state.live === previous.live) return;
        lastReadingAt = performance.now();
        listener();
      });
      const offHost = host.subscribe(() => {
        if (performance.now() - lastReadingAt > 1.5 * intervalMs) listener();
      });
      return () => {
        offStore();
        offHost();
      };
    },
    [host, store, intervalMs],
  );
  const current = useCallback(() => host.current(), [host]);
  return useSyncExternalStore(subscribe, current);
}
