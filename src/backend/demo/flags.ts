// Service flags are bits in the kernel. The three scheduler bits have no fixed meaning: sh and
// mh read them as fallback/port, other schedulers ignore them. So the simulator stores bits and
// names them by the current scheduler on every read, as a netlink read followed by ipvsadm would.

import { SvcFlag } from '../../ipvs/constants.js';
import type { ServiceFlag } from '../../ipvs/types.js';

const BIT_OF: Record<ServiceFlag, number> = {
  persistent: SvcFlag.PERSISTENT,
  hashed: SvcFlag.HASHED,
  'one-packet': SvcFlag.ONEPACKET,
  'sh-fallback': SvcFlag.SCHED1,
  'sh-port': SvcFlag.SCHED2,
  'mh-fallback': SvcFlag.SCHED1,
  'mh-port': SvcFlag.SCHED2,
  'flag-1': SvcFlag.SCHED1,
  'flag-2': SvcFlag.SCHED2,
  'flag-3': SvcFlag.SCHED3,
};

export function flagBits(flags: readonly ServiceFlag[]): number {
  let bits = 0;
  for (const flag of flags) bits |= BIT_OF[flag];
  return bits;
}

export function flagNames(bits: number, scheduler: string): ServiceFlag[] {
  const names: ServiceFlag[] = [];
  if (bits & SvcFlag.PERSISTENT) names.push('persistent');
  if (bits & SvcFlag.HASHED) names.push('hashed');
  if (bits & SvcFlag.ONEPACKET) names.push('one-packet');
  const hashing = scheduler === 'sh' || scheduler === 'mh' ? scheduler : null;
  if (bits & SvcFlag.SCHED1) names.push(hashing ? `${hashing}-fallback` : 'flag-1');
  if (bits & SvcFlag.SCHED2) names.push(hashing ? `${hashing}-port` : 'flag-2');
  if (bits & SvcFlag.SCHED3) names.push('flag-3');
  return names;
}

export const SCHED_FALLBACK = SvcFlag.SCHED1;
export const SCHED_PORT = SvcFlag.SCHED2;
export { SvcFlag };
