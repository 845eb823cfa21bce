// The one keypress dispatcher. Ink's useInput is called once, here; parts of the screen
// register handlers with a priority, and a key goes to the highest-priority active handler
// first: a dialog (MODAL) sees every key before a prompt line (PROMPT), which sees them before
// the main screen (MAIN). A handler returns true when it took the key.

import { createContext, useCallback, useMemo, useRef, type ReactNode } from 'react';
import { useInput, type Key } from 'ink';
import { keyEvent, type KeyEvent } from './key-name.js';

export const PRIORITY = { MAIN: 0, PROMPT: 100, MODAL: 200 } as const;

export type KeyHandler = (event: KeyEvent) => boolean;

interface Registration {
  priority: number;
  handler: { current: KeyHandler };
  order: number;
}

export interface KeypressRegistry {
  register(priority: number, handler: { current: KeyHandler }): () => void;
}

export const KeypressContext = createContext<KeypressRegistry | null>(null);

/** Delivers a key to the registrations, highest priority (then latest registered) first. */
export function dispatchKey(registrations: Iterable<Registration>, event: KeyEvent): boolean {
  const ordered = [...registrations].sort((a, b) => b.priority - a.priority || b.order - a.order);
  for (const registration of ordered) if (registration.handler.current(event)) return true;
  return false;
}

/**
 * The keys in one read of the terminal. Text typed faster than we read it, or pasted, comes
 * as one chunk in which Ink sees no Enter: "-w 5\r" is split into the text and an Enter, as
 * the person typed it.
 */
export function keyEventsOf(input: string, key: Key): KeyEvent[] {
  if (input.length < 2 || !/[\r\n]/.test(input) || key.ctrl || key.meta) return [keyEvent(input, key)];
  const events: KeyEvent[] = [];
  for (const part of input.split(/(\r\n|\r|\n)/)) {
    if (part === '') continue;
    events.push(/^[\r\n]/.test(part) ? keyEvent('', { ...key, return: true }) : keyEvent(part, key));
  }
  return events;
}

export function KeypressProvider({ children, isActive = true }: { children: ReactNode; isActive?: boolean }) {
  const registrations = useRef(new Set<Registration>());
  const counter = useRef(0);

  const register = useCallback((priority: number, handler: { current: KeyHandler }) => {
    const registration: Registration = { priority, handler, order: counter.current++ };
    registrations.current.add(registration);
    return () => {
      registrations.current.delete(registration);
    };
  }, []);

  useInput(
    (input, key) => {
      for (const event of keyEventsOf(input, key)) dispatchKey(registrations.current, event);
    },
    { isActive },
  );

  const registry = useMemo(() => ({ register }), [register]);
  return <KeypressContext.Provider value={registry}>{children}</KeypressContext.Provider>;
}
