// Colours by meaning. With --no-color or NO_COLOR every colour is undefined, and meaning is
// carried by the marker characters and words instead (attributes like inverse still work).

import type { ForegroundColorName } from 'chalk';
import { createContext } from 'react';

/** Named colours only: lines are styled with chalk by name (format/paint.ts). */
export type Colour = ForegroundColorName | undefined;

export interface Theme {
  draining: Colour;
  down: Colour;
  over: Colour;
  pending: Colour;
  error: Colour;
  ok: Colour;
  warning: Colour;
  accent: Colour;
  muted: Colour;
}

export function themeFor(color: boolean): Theme {
  if (!color) {
    return { draining: undefined, down: undefined, over: undefined, pending: undefined, error: undefined, ok: undefined, warning: undefined, accent: undefined, muted: undefined };
  }
  return { draining: 'yellow', down: 'red', over: 'magenta', pending: 'cyan', error: 'red', ok: 'green', warning: 'yellow', accent: 'cyan', muted: 'gray' };
}

export const ThemeContext = createContext<Theme>(themeFor(false));
