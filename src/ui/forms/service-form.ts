// The add / edit virtual service form (A, e on a service): what ipvsadm -A/-E takes, each
// field shown only where it means something (the family for a firewall mark, the mask and
// engine with persistence, one-packet for UDP and firewall marks). Checked in
// service-form-check.ts.

import { serviceConfigOf } from '../../actions/before.js';
import { describeService } from '../../ipvs/describe.js';
import type { ServiceKey, ServiceWithDestinations } from '../../ipvs/types.js';
import { DEFAULT_SCHEDULER } from '../../model/ipvsadm/index.js';
import type { FieldSpec, FormSpec } from './form-model.js';
import { engineText, netmaskText, persistenceFields } from './persistence-fields.js';
import { SCHED_FLAGS_FIELD, schedFlagsText } from './sched-flags-field.js';
import { checkService, keepsEngine, takesOnePacket } from './service-form-check.js';

const PROTOCOLS = ['tcp', 'udp', 'sctp', 'fwmark'] as const;

export interface ServiceFormInput {
  schedulers: readonly string[];
  /** Ids of the services there are now, to refuse a duplicate. */
  existing: ReadonlySet<string>;
  /** The service being edited; absent to add one. */
  current?: ServiceWithDestinations;
  currentId?: string;
}

function addressText(service: ServiceKey): string {
  if (service.fwmark !== null) return String(service.fwmark);
  const address = service.address ?? '';
  return address.includes(':') ? `[${address}]:${service.port ?? 0}` : `${address}:${service.port ?? 0}`;
}

function fieldsFor(schedulers: readonly string[], current: ServiceWithDestinations | undefined): FieldSpec[] {
  const editing = current !== undefined;
  const onePacketSet = current?.flags.includes('one-packet') ?? false;
  return [
    { id: 'protocol', label: 'Protocol', choices: PROTOCOLS, choicesOnly: true, fixed: editing, hint: '←→: tcp (-t), udp (-u), sctp, fwmark (-f)' },
    { id: 'family', label: 'Family', choices: ['IPv4', 'IPv6'], choicesOnly: true, fixed: editing, shown: (values) => values.protocol === 'fwmark', hint: '←→: IPv4, or IPv6 (-6)' },
    { id: 'address', label: 'Address:port or mark', fixed: editing, hint: 'e.g. 10.0.0.1:80, [2001:db8::1]:443, or 5 for fwmark' },
    { id: 'scheduler', label: 'Scheduler (-s)', choices: schedulers, hint: '←→ to choose' },
    SCHED_FLAGS_FIELD,
    { id: 'persistent', label: 'Persistence (-p)', hint: 'seconds a client keeps its server; empty: not persistent' },
    ...persistenceFields(keepsEngine(current)),
    {
      id: 'onePacket',
      label: 'One-packet (-o)',
      choices: ['no', 'yes'],
      choicesOnly: true,
      // A flag already set stays in view, so it is not dropped unseen.
      shown: (values) => takesOnePacket(values) || onePacketSet,
      hint: '←→: yes schedules each UDP datagram on its own, keeping no connection entry',
    },
  ];
}

export function serviceForm({ schedulers, existing, current, currentId }: ServiceFormInput): FormSpec {
  const editing = current !== undefined;
  const scheduler = current?.scheduler ?? (schedulers.includes(DEFAULT_SCHEDULER) ? DEFAULT_SCHEDULER : (schedulers[0] ?? DEFAULT_SCHEDULER));
  return {
    title: editing ? `Edit service ${describeService(current)}` : 'Add a virtual service',
    fields: fieldsFor(schedulers, current),
    initial: {
      protocol: current === undefined ? 'tcp' : current.fwmark !== null ? 'fwmark' : (current.protocol ?? 'tcp'),
      family: current?.family === 'inet6' ? 'IPv6' : 'IPv4',
      address: current === undefined ? '' : addressText(current),
      scheduler,
      schedFlags: schedFlagsText(current?.flags ?? [], scheduler),
      persistent: current?.persistence ? String(current.persistence.timeout) : '',
      netmask: netmaskText(current?.persistence?.netmask, current?.family ?? 'inet'),
      pe: engineText(current?.pe),
      onePacket: current?.flags.includes('one-packet') ? 'yes' : 'no',
    },
    expect: current === undefined ? undefined : serviceConfigOf(current),
    targetId: currentId ?? null,
    check: (values) => checkService(values, schedulers, existing, current),
  };
}
