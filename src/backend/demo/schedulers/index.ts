// The schedulers the kernel ships, by name.

import { MaglevHashing, DestinationHashing, SourceHashing } from './hashing.js';
import { WeightedFailover, WeightedOverflow } from './failover.js';
import {
  LeastConnection,
  LocalityBasedLeastConnection,
  NeverQueue,
  ShortestExpectedDelay,
  TwoChoices,
  WeightedLeastConnection,
} from './least-connection.js';
import { RoundRobin, WeightedRoundRobin } from './round-robin.js';
import type { Schedulable, Scheduler } from './scheduler.js';

export type { Schedulable, ScheduleRequest, Scheduler } from './scheduler.js';

/** Every scheduler module of a current kernel (net/netfilter/ipvs/ip_vs_*.c). */
export const KERNEL_SCHEDULERS = [
  'rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'fo', 'ovf', 'mh', 'twos',
] as const;

/** "none" is no module: the kernel takes it as "no scheduler", and new connections find no server. */
export const NO_SCHEDULER = 'none';

export function isKernelScheduler(name: string): boolean {
  return name === NO_SCHEDULER || (KERNEL_SCHEDULERS as readonly string[]).includes(name);
}

export function createScheduler<D extends Schedulable>(name: string): Scheduler<D> {
  switch (name) {
    case 'rr': return new RoundRobin<D>();
    case 'wrr': return new WeightedRoundRobin<D>();
    case 'lc': return new LeastConnection<D>();
    case 'sed': return new ShortestExpectedDelay<D>();
    case 'nq': return new NeverQueue<D>();
    case 'twos': return new TwoChoices<D>();
    case 'lblc':
    case 'lblcr': return new LocalityBasedLeastConnection<D>();
    case 'sh': return new SourceHashing<D>();
    case 'dh': return new DestinationHashing<D>();
    case 'mh': return new MaglevHashing<D>();
    case 'fo': return new WeightedFailover<D>();
    case 'ovf': return new WeightedOverflow<D>();
    case NO_SCHEDULER: return { changed() {}, pick: () => null };
    default: return new WeightedLeastConnection<D>();
  }
}
