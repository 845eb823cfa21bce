import { useMemo } from 'react';
import { sparkline } from '../format/sparkline.js';
import type { LvsState } from '../../store/state.js';
import { useLvs } from './use-lvs.js';

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

/** The row's sparkline; the row re-renders only when the picture changes. */
export function useSparkline(id: string, width: number): string {
  const selector = useMemo(() => selectSparkline(id, width), [id, width]);
  return useLvs(selector);
}
