import type { Snapshot } from '../ipvs/types.js';

/** One answer of the backend as the poller hands it on, with the times it was taken. */
export interface Reading {
  snapshot: Snapshot;
  /** When the poll began, in ms on the poller's clock (monotonic by default). */
  startedAt: number;
  /** When the backend answered, same clock. Rates use the real time between two of these. */
  at: number;
  /**
   * Services whose real servers were NOT read this time (large tables read them in rotation):
   * service id -> polls since they were last read (>= 1). Their `destinations` are the ones
   * from that last read. A service absent from this map had its real servers read now.
   */
  staleServices: ReadonlyMap<string, number>;
  /**
   * Real servers were read in turns this time (a large table, or whole readings over the read
   * budget), so services off screen may be in `staleServices`; false for a whole reading.
   */
  inTurns: boolean;
}
