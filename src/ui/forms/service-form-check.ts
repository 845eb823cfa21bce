// Checks the service form as ipvsadm checks -A/-E: the address as ipvsadm reads -t/-u/-f, a
// scheduler this IPVS has, -b names the scheduler takes, -M and --pe only with -p, -o only for
// UDP and firewall marks; then src/ipvs/validate.ts as the backends do. One reason per field.

import type { ServiceConfig, ServiceFlag, ServiceKey, ServiceWithDestinations } from '../../ipvs/types.js';
import { validateServiceConfig } from '../../ipvs/validate.js';
import { describeService } from '../../ipvs/describe.js';
import { serviceId } from '../../model/identity.js';
import { parseHostPort } from '../../model/ipvsadm/address.js';
import { MAX_TIMEOUT } from '../../model/ipvsadm/values.js';
import { fieldErrorOf, wholeNumber } from './field-errors.js';
import type { FieldValues, FormCheck } from './form-model.js';
import { engineOf, engineShown, familyOfValues, netmaskOf } from './persistence-fields.js';
import { schedFlagsOf } from './sched-flags-field.js';

const MAX_FWMARK = 0xffffffff;

/** ipvsadm takes -o for UDP services and firewall marks (which may carry UDP). */
export const takesOnePacket = (values: FieldValues) => values.protocol === 'udp' || values.protocol === 'fwmark';

/** A service with an engine but no persistence (made elsewhere) keeps the engine field in view. */
export const keepsEngine = (current: ServiceWithDestinations | undefined) => current !== undefined && current.persistence === null && current.pe !== null;

const VALIDATOR_FIELDS = {
  'address family': 'address',
  'firewall mark': 'address',
  service: 'address',
  protocol: 'protocol',
  'service address': 'address',
  'service port': 'address',
  scheduler: 'scheduler',
  'persistence netmask': 'netmask',
  'persistence engine': 'pe',
  persistence: 'persistent',
  'service flags': 'schedFlags',
};

function keyFrom(values: FieldValues, errors: Record<string, string>): ServiceKey | null {
  const protocol = values.protocol ?? 'tcp';
  const text = (values.address ?? '').trim();
  if (protocol === 'fwmark') {
    const mark = wholeNumber(text, 1, MAX_FWMARK, 'the firewall mark');
    if (typeof mark === 'string') {
      errors.address = mark;
      return null;
    }
    return { family: values.family === 'IPv6' ? 'inet6' : 'inet', protocol: null, address: null, port: null, fwmark: mark };
  }
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') {
    errors.protocol = 'choose tcp, udp, sctp or fwmark with ←/→';
    return null;
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
  return { family: parsed.family, protocol, address: parsed.address, port: parsed.port, fwmark: null };
}

function checkScheduler(values: FieldValues, schedulers: readonly string[], errors: Record<string, string>): string {
  const scheduler = (values.scheduler ?? '').trim();
  if (scheduler === '') errors.scheduler = 'choose a scheduler with ←/→';
  else if (schedulers.length > 0 && !schedulers.includes(scheduler)) errors.scheduler = `this IPVS has no "${scheduler}" scheduler; ←/→ lists the ones it has`;
  return scheduler;
}

export function checkService(values: FieldValues, schedulers: readonly string[], existing: ReadonlySet<string>, current: ServiceWithDestinations | undefined): FormCheck {
  const errors: Record<string, string> = {};
  const key = current === undefined ? keyFrom(values, errors) : { family: current.family, protocol: current.protocol, address: current.address, port: current.port, fwmark: current.fwmark };
  if (current === undefined && key !== null && existing.has(serviceId(key))) errors.address = `${describeService(key)} already exists`;
  const scheduler = checkScheduler(values, schedulers, errors);
  const schedFlags = schedFlagsOf(values);
  if (typeof schedFlags === 'string') errors.schedFlags = schedFlags;

  const persistentText = (values.persistent ?? '').trim();
  const timeout = persistentText === '' ? null : wholeNumber(persistentText, 1, MAX_TIMEOUT, 'the persistence timeout in seconds');
  if (typeof timeout === 'string') errors.persistent = timeout;
  if (key !== null && key.fwmark === null && key.port === 0 && timeout === null) {
    errors.persistent = 'a service on port 0 takes every port and must be persistent';
  }
  const netmask = timeout === null ? null : netmaskOf(values, key?.family ?? familyOfValues(values));
  if (typeof netmask === 'object' && netmask !== null) errors.netmask = netmask.error;
  const pe = engineShown(values, keepsEngine(current)) ? engineOf(values) : null;
  if (typeof pe === 'object' && pe !== null) errors.pe = pe.error;
  const onePacket = values.onePacket === 'yes' && (takesOnePacket(values) || current?.flags.includes('one-packet') === true);
  if (onePacket && !takesOnePacket(values)) errors.onePacket = 'one-packet scheduling (-o) is only for UDP and firewall-mark services';

  if (Object.keys(errors).length > 0 || key === null || typeof timeout === 'string' || typeof schedFlags === 'string') return { errors, change: null };
  const flags: ServiceFlag[] = [...(timeout === null ? [] : ['persistent' as const]), ...(onePacket ? ['one-packet' as const] : []), ...schedFlags];
  // No reasons left, so the mask and the engine are values, not refusals.
  const config: ServiceConfig = {
    ...key,
    scheduler,
    flags,
    persistence: timeout === null ? null : { timeout, netmask: netmask as string | number },
    pe: pe as string | null,
  };
  const refused = fieldErrorOf(() => validateServiceConfig(config), VALIDATOR_FIELDS, 'address');
  if (Object.keys(refused).length > 0) return { errors: refused, change: null };
  return { errors, change: { kind: current === undefined ? 'add-service' : 'edit-service', service: config } };
}
