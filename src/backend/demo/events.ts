// What the traffic model schedules for later, and how its parts ask for that.

import type { ServiceTraffic, SimService, Template } from './model.js';

export type SimEvent =
  /** A connection's current phase ends: by its slot in the connection store, no object made. */
  | number
  | { type: 'arrival'; service: SimService; traffic: ServiceTraffic; poll: boolean }
  | { type: 'template'; template: Template }
  | { type: 'sample' }
  | { type: 'action'; run: (now: number) => void };

export type Schedule = (at: number, event: SimEvent) => void;
