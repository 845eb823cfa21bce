// The hashing schedulers: sh (source address), dh (destination address) and mh (Maglev).
// A client keeps its server as long as the table does not change, which is what they are for.

import { hash32, hashString } from '../addresses.js';
import { SCHED_FALLBACK, SCHED_PORT } from '../flags.js';
import { available, gcd, type Schedulable, type ScheduleRequest, type Scheduler } from './scheduler.js';

const SH_BITS = 8;
const SH_SIZE = 1 << SH_BITS;

/**
 * sh: 256 buckets dealt out in list order, each server taking as many consecutive buckets as
 * its weight (at least one). A client hashes to a bucket; if that server cannot take it, the
 * connection fails unless the sh-fallback flag lets it walk on to the next buckets.
 */
export class SourceHashing<D extends Schedulable> implements Scheduler<D> {
  private buckets: (D | null)[] = [];

  changed(destinations: readonly D[]): void {
    this.buckets = new Array<D | null>(SH_SIZE).fill(null);
    if (destinations.length === 0) return;
    let index = 0;
    let taken = 0;
    for (let bucket = 0; bucket < SH_SIZE; bucket++) {
      const dest = destinations[index]!;
      this.buckets[bucket] = dest;
      if (++taken >= dest.config.weight) {
        index = (index + 1) % destinations.length;
        taken = 0;
      }
    }
  }

  pick(_destinations: readonly D[], request: ScheduleRequest): D | null {
    const port = request.serviceFlags & SCHED_PORT ? request.clientPort : 0;
    const bucketOf = (offset: number): number => (offset + hash32((port + request.clientFold) >>> 0, SH_BITS)) & (SH_SIZE - 1);
    const first = this.buckets[bucketOf(0)] ?? null;
    if (first === null) return null;
    if (available(first)) return first;
    if (!(request.serviceFlags & SCHED_FALLBACK)) return null;
    const start = bucketOf(0);
    for (let offset = 0; offset < SH_SIZE; offset++) {
      const dest = this.buckets[bucketOf((offset + start) % SH_SIZE)] ?? null;
      if (dest !== null && available(dest)) return dest;
    }
    return null;
  }
}

/** dh: like sh but on the destination address, one bucket per server in turn, no fallback. */
export class DestinationHashing<D extends Schedulable> implements Scheduler<D> {
  private buckets: (D | null)[] = [];

  changed(destinations: readonly D[]): void {
    this.buckets = Array.from({ length: SH_SIZE }, (_, i) => destinations[i % Math.max(1, destinations.length)] ?? null);
  }

  pick(_destinations: readonly D[], request: ScheduleRequest): D | null {
    const dest = this.buckets[(Math.imul(request.virtualFold, 2654435761) >>> 0) & (SH_SIZE - 1)] ?? null;
    return dest !== null && available(dest) ? dest : null;
  }
}

// The kernel's default Maglev table size (CONFIG_IP_VS_MH_TAB_INDEX 12): a prime.
const MH_SIZE = 4093;

/**
 * mh: Maglev hashing. Each server walks its own permutation of a 4093-slot table (offset and
 * skip from a hash of its address and port), taking free slots in turns proportional to its
 * weight. Servers with weight 0 get no slots; removing one server moves few clients.
 */
export class MaglevHashing<D extends Schedulable> implements Scheduler<D> {
  private table: (D | null)[] = [];

  changed(destinations: readonly D[]): void {
    this.table = new Array<D | null>(MH_SIZE).fill(null);
    let divisor = 0;
    for (const dest of destinations) if (dest.config.weight > 0) divisor = divisor === 0 ? dest.config.weight : gcd(divisor, dest.config.weight);
    const setups = destinations
      .filter((dest) => dest.config.weight > 0)
      .map((dest) => {
        const name = `${dest.config.address}:${dest.config.port}`;
        return {
          dest,
          next: hashString(name, 1) % MH_SIZE,
          skip: (hashString(name, 2) % (MH_SIZE - 1)) + 1,
          turns: Math.max(1, Math.round(dest.config.weight / divisor)),
        };
      });
    if (setups.length === 0) return;
    const taken = new Uint8Array(MH_SIZE);
    let filled = 0;
    while (filled < MH_SIZE) {
      for (const setup of setups) {
        for (let turn = 0; turn < setup.turns && filled < MH_SIZE; turn++) {
          while (taken[setup.next]) setup.next = (setup.next + setup.skip) % MH_SIZE;
          taken[setup.next] = 1;
          this.table[setup.next] = setup.dest;
          filled++;
        }
        if (filled >= MH_SIZE) return;
      }
    }
  }

  pick(_destinations: readonly D[], request: ScheduleRequest): D | null {
    const port = request.serviceFlags & SCHED_PORT ? request.clientPort : 0;
    const slotOf = (offset: number): number => hashString(`${request.clientFold}:${port}:${offset}`) % MH_SIZE;
    const first = this.table[slotOf(0)] ?? null;
    if (first !== null && available(first)) return first;
    if (!(request.serviceFlags & SCHED_FALLBACK)) return null;
    for (let offset = 1; offset < 64; offset++) {
      const dest = this.table[slotOf(offset)] ?? null;
      if (dest !== null && available(dest)) return dest;
    }
    return null;
  }
}
