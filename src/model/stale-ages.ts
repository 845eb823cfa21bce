// A reading's staleness (service id -> polls since its real servers were read), without a Map
// per reading: at 5000 services read in rotation, ~4500 of them are stale on every reading,
// and a Map of them was a few hundred KB of garbage each time. The ages are one array by
// listing position; the id -> position index is shared by every reading that lists the same
// services in the same order, and built only when someone looks an id up.

/** The services of a reading by id, in listing order. Immutable. */
export class Listing {
  private positions: Map<string, number> | null = null;

  constructor(readonly ids: readonly string[]) {}

  positionOf(id: string): number | undefined {
    if (this.positions === null) {
      const positions = new Map<string, number>();
      for (let p = 0; p < this.ids.length; p++) positions.set(this.ids[p] as string, p);
      this.positions = positions;
    }
    return this.positions.get(id);
  }
}

/** Service id -> polls since its real servers were read (>= 1); absent when read this time. */
export class StaleAges implements ReadonlyMap<string, number> {
  /**
   * `ages[p]`: the age of the service at position `p` of `listing`, 0 when it was read;
   * `size`: how many are not 0. Both are the caller's to give and not to change afterwards.
   */
  constructor(
    private readonly listing: Listing,
    private readonly ages: Uint32Array,
    readonly size: number,
  ) {}

  get(id: string): number | undefined {
    const position = this.listing.positionOf(id);
    const age = position === undefined ? 0 : (this.ages[position] ?? 0);
    return age === 0 ? undefined : age;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    for (const [id, age] of this.entries()) callback.call(thisArg, age, id, this);
  }

  *entries(): MapIterator<[string, number]> {
    const { ids } = this.listing;
    for (let p = 0; p < ids.length; p++) {
      const age = this.ages[p] ?? 0;
      if (age !== 0) yield [ids[p] as string, age];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<number> {
    for (const [, age] of this.entries()) yield age;
  }

  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.entries();
  }
}
