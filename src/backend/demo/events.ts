// What the traffic model schedules for later, and how its parts ask for that.

import type { ServiceTraffic, SimService, Template } from './model.js';

export type SimEvent =
  /** A connection's current phase ends: by its slot in the connection store, no object made. */
  | number
  | { type: 'arrival'; service: SimService; traffic: ServiceTraffic; poll: boolean }
  | { type: 'template'; template: Template }
  | { type: 'sample' }
  | { type: 'action'; run: (now: number) => void };

/** `lane`: the event comes a delay after now that is the same for all of its lane (event-queue.ts). */
export type Schedule = (at: number, event: SimEvent, lane?: number) => void;
