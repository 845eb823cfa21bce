// Scheduler flags (-b) in the service form: ←/→ offers the combinations the chosen scheduler
// reads (sh-fallback, sh-port for sh; mh-* for mh; flag-1..3 otherwise), typing takes any
// comma-separated list, and the names are checked as ipvsadm checks them (parse_sched_flags).

import { bitNames, schedFlagBits, schedFlagNames, schedFlagsProblem, type SchedFlag } from '../../model/ipvsadm/flags.js';
import type { FieldSpec, FieldValues } from './form-model.js';

/** Also taken when typed; the field draws an empty value as it. */
const NONE = 'none';

/** Schedulers that read the flags, as fallback (bit 0) and port (bit 1). */
const HASHING = new Set(['sh', 'mh']);

function schedulerOf(values: FieldValues): string {
  return (values.scheduler ?? '').trim();
}

function choices(values: FieldValues): string[] {
  const scheduler = schedulerOf(values);
  // sh and mh use two bits; any other scheduler may carry all three, unused by the kernel.
  const combinations = HASHING.has(scheduler) ? 4 : 8;
  return Array.from({ length: combinations }, (_, bits) => schedFlagNames(bits, scheduler).join(','));
}

function hint(values: FieldValues): string {
  const scheduler = schedulerOf(values);
  if (HASHING.has(scheduler)) {
    return `←→ or type: ${scheduler}-fallback (skip unavailable servers), ${scheduler}-port (hash ports too)`;
  }
  return `←→ or type: ${bitNames(scheduler).join(', ')}; ${scheduler || 'this scheduler'} ignores them (sh and mh read them)`;
}

export const SCHED_FLAGS_FIELD: FieldSpec = { id: 'schedFlags', label: 'Scheduler flags (-b)', choices, emptyText: NONE, hint };

/** The field's starting value: the service's flags, named for its scheduler. */
export function schedFlagsText(flags: readonly string[], scheduler: string): string {
  return schedFlagNames(schedFlagBits(flags), scheduler).join(',');
}

/** The flags typed, in canonical form, or the reason they are refused. */
export function schedFlagsOf(values: FieldValues): SchedFlag[] | string {
  const text = (values.schedFlags ?? '').trim();
  const names = text === NONE ? [] : text.split(/[\s,]+/).filter((name) => name !== '');
  const scheduler = schedulerOf(values);
  const problem = schedFlagsProblem(names, scheduler);
  if (problem !== null) return problem;
  return schedFlagNames(schedFlagBits(names), scheduler);
}
