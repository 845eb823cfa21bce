// Small integer slots for the ids of services and real servers, so what is kept per entity can
// live in typed arrays indexed by slot (at 30,000 entities an object each costs more than its
// data), and one Map finds them for every tracker. A slot is taken when an id is first seen and
// freed at the end of the first reading that did not see it; trackers forget it in `onFree`.

export class EntitySlots {
  private readonly slots = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private readonly listeners: ((slot: number) => void)[] = [];
  private seenIn = new Int32Array(0);
  private taken = 0;
  private reading = 0;
  // Ids seen in this reading: when all were, there is nothing to free.
  private seenCount = 0;

  get size(): number {
    return this.slots.size;
  }

  /** One more than the highest slot ever taken: how far per-slot arrays must reach. */
  get capacity(): number {
    return this.taken;
  }

  /** `listener(slot)` runs for each slot freed, before the slot can be taken again. */
  onFree(listener: (slot: number) => void): void {
    this.listeners.push(listener);
  }

  beginReading(): void {
    this.reading++;
    this.seenCount = 0;
  }

  /** The slot of `id`, taken if it has none; marks it seen in this reading. */
  take(id: string): number {
    let slot = this.slots.get(id);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.taken++;
      if (slot >= this.seenIn.length) {
        const grown = new Int32Array(Math.max(64, Math.ceil(slot * 1.5)));
        grown.set(this.seenIn);
        this.seenIn = grown;
      }
      this.slots.set(id, slot);
    }
    if (this.seenIn[slot] !== this.reading) {
      this.seenIn[slot] = this.reading;
      this.seenCount++;
    }
    return slot;
  }

  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  /** [id, slot] of every id that has a slot. */
  entries(): MapIterator<[string, number]> {
    return this.slots.entries();
  }

  /** Free the slots of ids not seen in this reading. */
  endReading(): void {
    if (this.seenCount === this.slots.size) return;
    // forEach: a for-of over 30,000 entries allocates an [id, slot] pair for each.
    this.slots.forEach((slot, id) => {
      if (this.seenIn[slot] !== this.reading) this.free(id);
    });
  }

  /** Free one id's slot now. */
  free(id: string): void {
    const slot = this.slots.get(id);
    if (slot === undefined) return;
    this.slots.delete(id);
    for (const listener of this.listeners) listener(slot);
    this.freeSlots.push(slot);
  }
}
