// What the traffic model schedules for later, and how its parts ask for that.

import type { ServiceTraffic, SimConnection, SimService, Template } from './model.js';

export type SimEvent =
  | { type: 'arrival'; service: SimService; traffic: ServiceTraffic; poll: boolean }
  | { type: 'phase'; connection: SimConnection }
  | { type: 'template'; template: Template }
  | { type: 'sample' }
  | { type: 'action'; run: (now: number) => void };

export type Schedule = (at: number, event: SimEvent) => void;
