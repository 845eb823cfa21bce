// Telling a torn dump from a whole one. The kernel walks an IPVS table afresh for every
// datagram of a dump, skipping as many entries as it already sent, and sets no
// NLM_F_DUMP_INTR: a service or server added or removed between two datagrams shifts that
// count, so the dump repeats or skips an entry. A dump that fits one datagram was read under
// one lock and cannot tear. For the others: a repeated key proves a tear, and a second dump
// with the same keys in the same order proves nothing was added or removed in between (a
// skipped entry would be missing from the first and present in the second).

import type { DestinationKey } from './types.js';

/** A record's identity from the bytes that name it. */
export const identity = (key: Buffer): string => key.toString('latin1');

export const destinationKeyText = (key: DestinationKey): string => `${key.family} ${key.address} ${key.port}`;

export function hasRepeats(keys: readonly string[]): boolean {
  return new Set(keys).size !== keys.length;
}

export function sameKeys(first: readonly string[], second: readonly string[]): boolean {
  return first.length === second.length && first.every((key, index) => key === second[index]);
}
