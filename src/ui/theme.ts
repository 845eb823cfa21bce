// Colours by meaning. With --no-color or NO_COLOR every colour is undefined, and meaning is
// carried by the marker characters and words instead (attributes like inverse still work).

import { createContext } from 'react';

export interface Theme {
  draining: string | undefined;
  down: string | undefined;
  over: string | undefined;
  pending: string | undefined;
  error: string | undefined;
  ok: string | undefined;
  warning: string | undefined;
  accent: string | undefined;
  muted: string | undefined;
}

export function themeFor(color: boolean): Theme {
  if (!color) {
    return { draining: undefined, down: undefined, over: undefined, pending: undefined, error: undefined, ok: undefined, warning: undefined, accent: undefined, muted: undefined };
  }
  return { draining: 'yellow', down: 'red', over: 'magenta', pending: 'cyan', error: 'red', ok: 'green', warning: 'yellow', accent: 'cyan', muted: 'gray' };
}

export const ThemeContext = createContext<Theme>(themeFor(false));
