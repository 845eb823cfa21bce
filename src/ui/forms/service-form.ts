// The add / edit virtual service form (A, e on a service). The address is read as ipvsadm reads
// -t/-u/--sctp-service (the parser's address handling), the scheduler must be one this IPVS
// has, and the rest is checked by src/ipvs/validate.ts.

import { serviceConfigOf } from '../../actions/before.js';
import { describeService } from '../../ipvs/describe.js';
import type { Protocol, ServiceConfig, ServiceKey, ServiceWithDestinations } from '../../ipvs/types.js';
import { validateServiceConfig } from '../../ipvs/validate.js';
import { serviceId } from '../../model/identity.js';
import { parseHostPort } from '../../model/ipvsadm/address.js';
import { DEFAULT_SCHEDULER } from '../../model/ipvsadm/index.js';
import { fieldErrorOf, wholeNumber } from './field-errors.js';
import type { FieldValues, FormCheck, FormSpec } from './form-model.js';

const PROTOCOLS = ['tcp', 'udp', 'sctp', 'fwmark'] as const;
const MAX_FWMARK = 0xffffffff;
const MAX_PERSISTENCE = 0x7fffffff;

const VALIDATOR_FIELDS = {
  'address family': 'address',
  'firewall mark': 'address',
  service: 'address',
  protocol: 'protocol',
  'service address': 'address',
  'service port': 'address',
  scheduler: 'scheduler',
  persistence: 'persistent',
  'service flags': 'scheduler',
};

interface ServiceFormInput {
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

export function serviceForm({ schedulers, existing, current, currentId }: ServiceFormInput): FormSpec {
  const editing = current !== undefined;
  return {
    title: editing ? `Edit service ${describeService(current)}` : 'Add a virtual service',
    fields: [
      { id: 'protocol', label: 'Protocol', choices: PROTOCOLS, choicesOnly: true, fixed: editing, hint: '←→: tcp (-t), udp (-u), sctp, fwmark (-f)' },
      { id: 'address', label: 'Address:port or mark', fixed: editing, hint: 'e.g. 10.0.0.1:80, [2001:db8::1]:443, or 5 for fwmark' },
      { id: 'scheduler', label: 'Scheduler (-s)', choices: schedulers, hint: '←→ to choose' },
      { id: 'persistent', label: 'Persistence (-p)', hint: 'seconds; empty: not persistent' },
    ],
    initial: {
      protocol: current === undefined ? 'tcp' : current.fwmark !== null ? 'fwmark' : (current.protocol ?? 'tcp'),
      address: current === undefined ? '' : addressText(current),
      scheduler: current?.scheduler ?? (schedulers.includes(DEFAULT_SCHEDULER) ? DEFAULT_SCHEDULER : (schedulers[0] ?? DEFAULT_SCHEDULER)),
      persistent: current?.persistence ? String(current.persistence.timeout) : '',
    },
    expect: current === undefined ? undefined : serviceConfigOf(current),
    targetId: currentId ?? null,
    check: (values) => checkService(values, schedulers, existing, current),
  };
}

function keyFrom(values: FieldValues, errors: Record<string, string>): ServiceKey | null {
  const protocol = values.protocol ?? 'tcp';
  const text = (values.address ?? '').trim();
  if (protocol === 'fwmark') {
    const mark = wholeNumber(text, 1, MAX_FWMARK, 'the firewall mark');
    if (typeof mark === 'string') {
      errors.address = mark;
      return null;
    }
    return { family: 'inet', protocol: null, address: null, port: null, fwmark: mark };
  }
  const parsed = parseHostPort(text);
  if (typeof parsed === 'string') {
    errors.address = parsed;
    return null;
  }
  if (parsed.port === null) {
    errors.address = 'a port is needed, e.g. 10.0.0.1:80';
    return null;
  }
  return { family: parsed.family, protocol: protocol as Protocol, address: parsed.address, port: parsed.port, fwmark: null };
}

function checkService(values: FieldValues, schedulers: readonly string[], existing: ReadonlySet<string>, current: ServiceWithDestinations | undefined): FormCheck {
  const errors: Record<string, string> = {};
  const key = current === undefined ? keyFrom(values, errors) : { family: current.family, protocol: current.protocol, address: current.address, port: current.port, fwmark: current.fwmark };
  if (current === undefined && key !== null && existing.has(serviceId(key))) errors.address = `${describeService(key)} already exists`;
  const scheduler = (values.scheduler ?? '').trim();
  if (scheduler === '') errors.scheduler = 'choose a scheduler with ←/→';
  else if (schedulers.length > 0 && !schedulers.includes(scheduler)) errors.scheduler = `this IPVS has no "${scheduler}" scheduler; ←/→ lists the ones it has`;
  const persistentText = (values.persistent ?? '').trim();
  const timeout = persistentText === '' ? null : wholeNumber(persistentText, 1, MAX_PERSISTENCE, 'the persistence timeout');
  if (typeof timeout === 'string') errors.persistent = timeout;
  if (key !== null && key.fwmark === null && key.port === 0 && timeout === null && errors.persistent === undefined) {
    errors.persistent = 'a service on port 0 takes every port and must be persistent';
  }
  if (Object.keys(errors).length > 0 || key === null || typeof timeout === 'string') return { errors, change: null };
  const base = current === undefined ? null : serviceConfigOf(current);
  const netmask = base?.persistence?.netmask ?? (key.family === 'inet6' ? 128 : '255.255.255.255');
  const flags = (base?.flags ?? []).filter((flag) => flag !== 'persistent' && flag !== 'hashed');
  const config: ServiceConfig = {
    ...key,
    scheduler,
    flags: timeout === null ? flags : ['persistent', ...flags],
    persistence: timeout === null ? null : { timeout, netmask },
    pe: base?.pe ?? null,
  };
  const refused = fieldErrorOf(() => validateServiceConfig(config), VALIDATOR_FIELDS, 'address');
  if (Object.keys(refused).length > 0) return { errors: refused, change: null };
  return { errors, change: { kind: current === undefined ? 'add-service' : 'edit-service', service: config } };
}
