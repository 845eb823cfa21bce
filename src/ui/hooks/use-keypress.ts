import { useContext, useEffect, useRef } from 'react';
import { KeypressContext, type KeyHandler } from '../keys/dispatcher.js';

/**
 * Takes keys from the one dispatcher at `priority` while `isActive`. The latest handler is
 * always the one called, so it may close over fresh props without re-registering.
 */
export function useKeypress(handler: KeyHandler, options: { priority: number; isActive?: boolean }): void {
  const registry = useContext(KeypressContext);
  const latest = useRef(handler);
  latest.current = handler;
  const active = options.isActive ?? true;
  useEffect(() => {
    if (registry === null || !active) return;
    return registry.register(options.priority, latest);
  }, [registry, active, options.priority]);
}
