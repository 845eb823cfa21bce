// rr and wrr (ip_vs_rr.c, ip_vs_wrr.c).

import { available, gcd, type Schedulable, type Scheduler } from './scheduler.js';

/** rr: the next available server after the last one chosen, in list order. */
export class RoundRobin<D extends Schedulable> implements Scheduler<D> {
  private last: D | null = null;
  private lastIndex = -1;

  changed(): void {
    // The kernel keeps its place in the list; a position index would drift, so re-find it.
    this.lastIndex = -1;
  }

  pick(destinations: readonly D[]): D | null {
    const count = destinations.length;
    if (count === 0) return null;
    let start = -1;
    if (this.last !== null) {
      start = destinations[this.lastIndex] === this.last ? this.lastIndex : destinations.indexOf(this.last);
    }
    for (let step = 1; step <= count; step++) {
      const index = (start + step) % count;
      const dest = destinations[index]!;
      if (available(dest)) {
        this.last = dest;
        this.lastIndex = index;
        return dest;
      }
    }
    return null;
  }
}

/**
 * wrr: the kernel's interleaved sequence. A current weight `cw` starts at the maximum weight
 * and drops by the gcd of the weights after each pass over the list; each pass picks, in list
 * order, the servers whose weight is at least `cw`. Weights 3 and 1 give A A A B, repeated.
 */
export class WeightedRoundRobin<D extends Schedulable> implements Scheduler<D> {
  private index = -1;
  private currentWeight = 0;
  private maxWeight = 0;
  private step = 1;

  changed(destinations: readonly D[]): void {
    let divisor = 0;
    let max = 0;
    for (const dest of destinations) {
      const weight = dest.config.weight;
      if (weight > 0) divisor = divisor === 0 ? weight : gcd(weight, divisor);
      max = Math.max(max, weight);
    }
    this.step = divisor === 0 ? 1 : divisor;
    this.maxWeight = max - (this.step - 1);
    this.index = -1;
    if (this.currentWeight > this.maxWeight || this.currentWeight === 0) this.currentWeight = this.maxWeight;
    else if (this.step > 1) this.currentWeight = Math.floor(this.currentWeight / this.step) * this.step + 1;
  }

  pick(destinations: readonly D[]): D | null {
    let maxAvailable = 0;
    for (const dest of destinations) if (available(dest)) maxAvailable = Math.max(maxAvailable, dest.config.weight);
    if (this.maxWeight <= 0 || maxAvailable === 0) return null;
    for (;;) {
      for (let i = this.index + 1; i < destinations.length; i++) {
        const dest = destinations[i]!;
        if (!dest.overloaded && dest.config.weight >= this.currentWeight) {
          this.index = i;
          return dest;
        }
      }
      this.index = -1;
      this.currentWeight -= this.step;
      if (this.currentWeight <= 0) this.currentWeight = this.maxWeight;
      // Passes above the highest weight that can take a connection find nothing: skip them
      // at once (weights up to 2^31 would otherwise mean that many empty passes).
      if (this.currentWeight > maxAvailable) {
        this.currentWeight -= Math.ceil((this.currentWeight - maxAvailable) / this.step) * this.step;
      }
    }
  }
}
