// lvstop holds a steady working set for hours and makes garbage at a steady pace, a reading's
// worth per interval. V8's defaults are tuned for bursts: the old generation may grow to 4x what
// survived the last full collection before the next one, and the young generation to 2 x 16 MB.
// At 5000 services x 5 servers that kept 250-400 MB resident for ~55 MB of live heap. Optimising
// for size grows the old generation by at most 1.3x (in 2 MB steps rather than 8), and the young
// generation stays at its starting 2 x 1 MB: about 180 MB. The cost is CPU, more and shorter
// collections (test/bench/history-memory.ts prints both), so it is only worth it for a large
// table: below the poller's threshold for one (1000 services) the heap is small anyway, and
// idle CPU at 100 x 5 rose from 2.8 % to 3.5 % of a core with it.
// Node 20 reads both flags at each collection, so setting them while running takes effect.
// The young generation's limit is set from the start, though: the first reading of a large
// table and loading the app grow it to 2 x 16 MB at once, and those pages stayed resident
// (about 9 MB of RSS at 5000 services) after it shrank back. A small table makes little
// garbage, so its young generation rarely grew past the start anyway.

import { setFlagsFromString } from 'node:v8';
import { LARGE_TABLE_SERVICES } from '../poller.js';
import type { LvsStore } from '../store/index.js';

/** Keep the young generation at its starting size; call before loading the app or reading a table. */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/** Tune the heap once a reading shows a large table. Returns the unsubscribe. */
export function tuneHeapForLargeTables(store: LvsStore): () => void {
  const unsubscribe = store.subscribe((state) => {
    if ((state.live?.services.size ?? 0) <= LARGE_TABLE_SERVICES) return;
    unsubscribe();
    setFlagsFromString('--optimize-for-size');
  });
  return unsubscribe;
}
