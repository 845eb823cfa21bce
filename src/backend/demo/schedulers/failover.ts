// fo and ovf: the highest weight wins, for standby servers and overflow.

import { available, type Schedulable, type Scheduler } from './scheduler.js';

/** fo: weighted failover. Everything goes to the available server with the highest weight. */
export class WeightedFailover<D extends Schedulable> implements Scheduler<D> {
  changed(): void {}

  pick(destinations: readonly D[]): D | null {
    let highest: D | null = null;
    for (const dest of destinations) {
      if (available(dest) && (highest === null || dest.config.weight > highest.config.weight)) highest = dest;
    }
    return highest;
  }
}

/**
 * ovf: weighted overflow. The highest-weight server takes connections until its active count
 * exceeds its weight, then the next highest does.
 */
export class WeightedOverflow<D extends Schedulable> implements Scheduler<D> {
  changed(): void {}

  pick(destinations: readonly D[]): D | null {
    let highest: D | null = null;
    for (const dest of destinations) {
      const weight = dest.config.weight;
      if (!available(dest) || dest.activeConns > weight) continue;
      if (highest === null || weight > highest.config.weight) highest = dest;
    }
    return highest;
  }
}
