import { SERVICE_FLAGS, type ServiceFlag } from '../../ipvs/types.js';

// Scheduler flags are three bits (IP_VS_SVC_F_SCHED1..3) whose names depend on the scheduler:
// for sh, SCHED1 is sh-fallback and SCHED2 sh-port; for mh, mh-fallback and mh-port; for any
// scheduler they may be written flag-1..3 (ipvsadm.c parse_sched_flags, print_sched_flags).

export type SchedFlag = Exclude<ServiceFlag, 'persistent' | 'hashed' | 'one-packet'>;

export const SCHED_FLAG_NAMES: readonly SchedFlag[] = SERVICE_FLAGS.filter(
  (flag): flag is SchedFlag => flag !== 'persistent' && flag !== 'hashed' && flag !== 'one-packet',
);

const BIT_OF: Readonly<Record<SchedFlag, number>> = {
  'flag-1': 0,
  'flag-2': 1,
  'flag-3': 2,
  'sh-fallback': 0,
  'sh-port': 1,
  'mh-fallback': 0,
  'mh-port': 1,
};

export function isSchedFlag(name: string): name is SchedFlag {
  return (SCHED_FLAG_NAMES as readonly string[]).includes(name);
}

/** The scheduler a flag is only valid with, as ipvsadm checks it; null for flag-1..3. */
export function schedulerOfFlag(flag: SchedFlag): 'sh' | 'mh' | null {
  if (flag.startsWith('sh-')) return 'sh';
  if (flag.startsWith('mh-')) return 'mh';
  return null;
}

/** The names of the three bits for this scheduler, as lvstop records and prints them. */
export function bitNames(scheduler: string): readonly [SchedFlag, SchedFlag, SchedFlag] {
  if (scheduler === 'sh') return ['sh-fallback', 'sh-port', 'flag-3'];
  if (scheduler === 'mh') return ['mh-fallback', 'mh-port', 'flag-3'];
  return ['flag-1', 'flag-2', 'flag-3'];
}

/** Why ipvsadm refuses these -b names with this scheduler (parse_sched_flags); null when it takes them. */
export function schedFlagsProblem(names: readonly string[], scheduler: string): string | null {
  for (const name of names) {
    if (!isSchedFlag(name)) return `"${name}" is not a scheduler flag (${SCHED_FLAG_NAMES.join(', ')})`;
    const needed = schedulerOfFlag(name);
    if (needed !== null && needed !== scheduler) return `${name} needs the ${needed} scheduler (-s ${needed}), not ${scheduler}`;
  }
  return null;
}

/** The scheduler flags set among these, as bits 0..2. */
export function schedFlagBits(flags: readonly string[]): number {
  let bits = 0;
  for (const flag of flags) if (isSchedFlag(flag)) bits |= 1 << BIT_OF[flag];
  return bits;
}

/** Bits 0..2 as this scheduler's names, in bit order. */
export function schedFlagNames(bits: number, scheduler: string): SchedFlag[] {
  const names = bitNames(scheduler);
  return names.filter((_, bit) => (bits & (1 << bit)) !== 0);
}

/**
 * Flags in lvstop's canonical form: persistent, one-packet, then the scheduler flags named
 * for the scheduler in bit order; "hashed" (the kernel's own) is dropped.
 */
export function canonicalFlags(flags: readonly string[], scheduler: string): ServiceFlag[] {
  const canonical: ServiceFlag[] = [];
  if (flags.includes('persistent')) canonical.push('persistent');
  if (flags.includes('one-packet')) canonical.push('one-packet');
  canonical.push(...schedFlagNames(schedFlagBits(flags), scheduler));
  return canonical;
}
