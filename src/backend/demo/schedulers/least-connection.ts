// The schedulers that look at connection counts: lc, wlc, sed, nq, twos, lblc and lblcr.

import { available, connectionOverhead, type Schedulable, type ScheduleRequest, type Scheduler } from './scheduler.js';

/** lc: the smallest overhead (active*256 + inactive), ignoring weights; first one wins ties. */
export class LeastConnection<D extends Schedulable> implements Scheduler<D> {
  changed(): void {}

  pick(destinations: readonly D[]): D | null {
    let least: D | null = null;
    let leastOverhead = 0;
    for (const dest of destinations) {
      if (!available(dest)) continue;
      const overhead = connectionOverhead(dest);
      if (least === null || overhead < leastOverhead) {
        least = dest;
        leastOverhead = overhead;
      }
    }
    return least;
  }
}

/**
 * The smallest overhead per unit of weight, compared by cross-multiplying as the kernel does
 * (no division, so no rounding). wlc uses active*256 + inactive, sed active + 1.
 */
function leastPerWeight<D extends Schedulable>(destinations: readonly D[], overheadOf: (dest: D) => number): D | null {
  let least: D | null = null;
  let leastOverhead = 0;
  for (const dest of destinations) {
    if (!available(dest)) continue;
    const overhead = overheadOf(dest);
    if (least === null || leastOverhead * dest.config.weight > overhead * least.config.weight) {
      least = dest;
      leastOverhead = overhead;
    }
  }
  return least;
}

export class WeightedLeastConnection<D extends Schedulable> implements Scheduler<D> {
  changed(): void {}

  pick(destinations: readonly D[]): D | null {
    return leastPerWeight(destinations, connectionOverhead);
  }
}

/** sed: shortest expected delay, (active + 1) / weight. */
export class ShortestExpectedDelay<D extends Schedulable> implements Scheduler<D> {
  changed(): void {}

  pick(destinations: readonly D[]): D | null {
    return leastPerWeight(destinations, (dest) => dest.activeConns + 1);
  }
}

/** nq: never queue. An idle server (no active connection) is taken at once, else as sed. */
export class NeverQueue<D extends Schedulable> implements Scheduler<D> {
  changed(): void {}

  pick(destinations: readonly D[]): D | null {
    for (const dest of destinations) {
      if (available(dest) && dest.activeConns === 0) return dest;
    }
    return leastPerWeight(destinations, (dest) => dest.activeConns + 1);
  }
}

/** twos: two servers drawn at random by weight; the less loaded (per weight) of the two. */
export class TwoChoices<D extends Schedulable> implements Scheduler<D> {
  changed(): void {}

  pick(destinations: readonly D[], request: ScheduleRequest): D | null {
    let total = 0;
    for (const dest of destinations) if (available(dest)) total += dest.config.weight;
    if (total === 0) return null;
    // The kernel draws from 0 to the total inclusive, so the first server in the list is drawn
    // a little more often than its weight says ((w + 1) / (total + 1)); kept as it is.
    let first = request.random.below(total + 1);
    let second = request.random.below(total + 1);
    let choice1: D | null = null;
    let choice2: D | null = null;
    for (const dest of destinations) {
      if (!available(dest)) continue;
      first -= dest.config.weight;
      second -= dest.config.weight;
      if (first <= 0 && choice1 === null) choice1 = dest;
      if (second <= 0 && choice2 === null) choice2 = dest;
      if (choice1 !== null && choice2 !== null) break;
    }
    if (choice1 === null) return choice2;
    if (choice2 !== null && choice2.config.weight * connectionOverhead(choice1) > choice1.config.weight * connectionOverhead(choice2)) {
      return choice2;
    }
    return choice1;
  }
}

/**
 * lblc: locality-based least connection. Each destination address (the VIP, for an ordinary
 * service) keeps the server it was given until that server is overloaded in lblc's sense
 * (more active connections than its weight while another is under half its weight); then wlc
 * picks a new one. lblcr keeps a set of servers per address in the kernel; here it behaves
 * as lblc, which for one VIP differs only in how quickly load spreads.
 */
export class LocalityBasedLeastConnection<D extends Schedulable> implements Scheduler<D> {
  private readonly assigned = new Map<number, D>();

  changed(destinations: readonly D[]): void {
    for (const [address, dest] of this.assigned) {
      if (!destinations.includes(dest)) this.assigned.delete(address);
    }
  }

  pick(destinations: readonly D[], request: ScheduleRequest): D | null {
    const cached = this.assigned.get(request.virtualFold);
    if (cached !== undefined && cached.config.weight > 0 && !this.busy(cached, destinations)) return cached;
    const dest = leastPerWeight(destinations, connectionOverhead);
    if (dest !== null) this.assigned.set(request.virtualFold, dest);
    return dest;
  }

  private busy(dest: D, destinations: readonly D[]): boolean {
    if (dest.activeConns <= dest.config.weight) return false;
    return destinations.some((other) => other.activeConns * 2 < other.config.weight);
  }
}
