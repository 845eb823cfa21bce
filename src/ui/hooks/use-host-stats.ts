import { useCallback, useSyncExternalStore } from 'react';
import type { HostStats } from '../../backend/host/host-stats.js';
import { useServices } from './use-services.js';

export function useHostStats(): HostStats | null {
  const { host } = useServices();
  const subscribe = useCallback((listener: () => void) => host.subscribe(listener), [host]);
  const current = useCallback(() => host.current(), [host]);
  return useSyncExternalStore(subscribe, current);
}
