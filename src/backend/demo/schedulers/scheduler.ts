// What every simulated scheduler sees of a real server, and what it is asked to do. Each one
// follows the kernel's ip_vs_<name>.c: the same candidates (weight > 0, not over the upper
// threshold), the same order of the list, the same tie-breaks, so the split of new connections
// looks like a real director's.

import type { Random } from '../random.js';

export interface Schedulable {
  readonly config: { readonly weight: number; readonly address: string; readonly port: number };
  readonly activeConns: number;
  readonly inactiveConns: number;
  /** The kernel's IP_VS_DEST_F_OVERLOAD: set at the upper threshold, cleared below the lower. */
  readonly overloaded: boolean;
}

export interface ScheduleRequest {
  /** The client address folded to 32 bits (see foldAddress). */
  clientFold: number;
  clientPort: number;
  /** The virtual (destination) address of the packet, folded; dh and lblc hash on it. */
  virtualFold: number;
  /** The service's flag bits (sh/mh read the fallback and port bits). */
  serviceFlags: number;
  random: Random;
}

export interface Scheduler<D extends Schedulable> {
  /** The list of real servers, their order, or a weight changed: rebuild what depends on it. */
  changed(destinations: readonly D[]): void;
  /** The real server for a new connection, or null when none can take it. */
  pick(destinations: readonly D[], request: ScheduleRequest): D | null;
}

/** Whether a real server may be given new connections at all. */
export function available(dest: Schedulable): boolean {
  return dest.config.weight > 0 && !dest.overloaded;
}

/** The kernel's ip_vs_dest_conn_overhead: an active connection costs 256 inactive ones. */
export function connectionOverhead(dest: Schedulable): number {
  return dest.activeConns * 256 + dest.inactiveConns;
}

export function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
