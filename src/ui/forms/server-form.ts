// The add / edit real server form (a, e on a server) and the exact-weight form (w). Addresses
// are read as ipvsadm reads -r (the parser's own address handling), tunnel options as it reads
// --tun-* (tunnel-fields.ts), and a DR or TUN server of an address service takes the service's
// port as ipvsadm gives it; the rest is checked by src/ipvs/validate.ts, and each refusal is
// shown beside its field.

import { destinationConfigOf } from '../../actions/before.js';
import { describeDestination, describeService } from '../../ipvs/describe.js';
import type { Destination, DestinationConfig, ForwardMethod, ServiceKey, ServiceWithDestinations } from '../../ipvs/types.js';
import { MAX_THRESHOLD, MAX_WEIGHT, validateDestinationConfig } from '../../ipvs/validate.js';
import { formatHostPort, parseHostPort } from '../../model/ipvsadm/address.js';
import { forwardName } from '../format/names.js';
import { fieldErrorOf, wholeNumber } from './field-errors.js';
import type { FieldValues, FormCheck, FormSpec } from './form-model.js';
import { TUNNEL_FIELDS, tunnelOf, tunnelValues } from './tunnel-fields.js';

const FORWARD_BY_NAME: Readonly<Record<string, ForwardMethod>> = { NAT: 'masq', DR: 'route', TUN: 'tunnel', local: 'local', bypass: 'bypass' };

const VALIDATOR_FIELDS = {
  'real server address': 'server',
  'real server port': 'server',
  'forwarding method': 'forward',
  'tunnel type': 'tunnelType',
  'tunnel port': 'tunnelPort',
  'tunnel flags': 'tunnelChecksum',
  tunnel: 'forward',
  weight: 'weight',
  'upper threshold': 'upper',
  'lower threshold': 'lower',
};

/**
 * The port a server reached by `forward` must have: ipvsadm gives a DR or TUN server of an
 * address service the service's port (process_options, for -a and -e), as only NAT rewrites
 * the port; a firewall-mark service's servers keep the port written. null: any port.
 */
function fixedPort(service: ServiceKey, forward: ForwardMethod | undefined): number | null {
  if (service.fwmark !== null || service.port === null) return null;
  return forward === 'route' || forward === 'tunnel' ? service.port : null;
}

function portReason(service: ServiceKey, forward: ForwardMethod, port: number): string {
  const where = port === 0 ? "the service's port 0 (every port)" : `the service's port ${port}`;
  return `a ${forwardName(forward)} server answers on ${where}; only NAT (-m) changes the port`;
}

/** Choosing DR or TUN writes the service's port into a typed address, so the form shows what is sent. */
function followForward(service: ServiceKey, values: FieldValues, id: string): FieldValues {
  const port = fixedPort(service, FORWARD_BY_NAME[values.forward ?? '']);
  if (id !== 'forward' || port === null) return values;
  const parsed = parseHostPort((values.server ?? '').trim());
  if (typeof parsed === 'string' || parsed.port === port) return values;
  return { ...values, server: formatHostPort(parsed.family, parsed.address, port) };
}

export function serviceKeyOf(service: ServiceKey): ServiceKey {
  const { family, protocol, address, port, fwmark } = service;
  return { family, protocol, address, port, fwmark };
}

interface ServerFormInput {
  service: ServiceWithDestinations;
  serviceId: string;
  /** The server being edited; absent to add one. */
  current?: Destination;
  targetId: string | null;
}

export function serverForm({ service, serviceId, current, targetId }: ServerFormInput): FormSpec {
  const forwards = ['NAT', 'DR', 'TUN'];
  if (current !== undefined && !forwards.includes(forwardName(current.forward))) forwards.push(forwardName(current.forward));
  const key = serviceKeyOf(service);
  // New servers are reached as their siblings are (tunnel options too), else as ipvsadm's default (-g).
  const model = current ?? service.destinations[0];
  return {
    title: current === undefined ? `Add a real server to ${describeService(service)}` : `Edit real server ${describeDestination(current)} of ${describeService(service)}`,
    fields: [
      { id: 'server', label: 'Address[:port]', fixed: current !== undefined, hint: current === undefined ? (values) => serverHint(key, values) : undefined },
      { id: 'forward', label: 'Forwarding', choices: forwards, choicesOnly: true, hint: '←→: NAT (-m), DR (-g), TUN (-i)' },
      ...TUNNEL_FIELDS,
      { id: 'weight', label: 'Weight (-w)' },
      { id: 'upper', label: 'Upper threshold (-x)', hint: '0: no limit' },
      { id: 'lower', label: 'Lower threshold (-y)' },
    ],
    initial: {
      server: current === undefined ? '' : describeDestination(current),
      forward: forwardName(model?.forward ?? 'route'),
      ...tunnelValues(model?.forward === 'tunnel' ? model.tunnel : null),
      weight: String(current?.weight ?? 1),
      upper: String(current?.upperThreshold ?? 0),
      lower: String(current?.lowerThreshold ?? 0),
    },
    expect: current === undefined ? undefined : destinationConfigOf(current),
    targetId: current === undefined ? serviceId : targetId,
    check: (values) => checkServer(values, service, key, current),
    // An edited server's address is fixed; a change of method there is checked instead.
    ...(current === undefined ? { follow: (values: FieldValues, id: string) => followForward(key, values, id) } : {}),
  };
}

function serverHint(key: ServiceKey, values: FieldValues): string {
  const forward = FORWARD_BY_NAME[values.forward ?? ''];
  const port = fixedPort(key, forward);
  if (forward === undefined || port === null) return "e.g. 10.0.1.20:8080; no port: the service's";
  return `e.g. 10.0.1.20; ${forwardName(forward)} takes the service's port ${port}`;
}

function checkServer(values: FieldValues, service: ServiceWithDestinations, key: ServiceKey, current: Destination | undefined): FormCheck {
  const errors: Record<string, string> = {};
  let address: { family: DestinationConfig['family']; address: string; port: number } | null = null;
  const forward = FORWARD_BY_NAME[values.forward ?? ''];
  if (forward === undefined) errors.forward = 'choose NAT, DR or TUN with ←/→';
  const port = fixedPort(key, forward);
  if (current !== undefined) {
    address = { family: current.family, address: current.address, port: current.port };
    // Only a change to DR/TUN is refused: ipvsadm -e would reach the server on the service's port
    // instead. One already DR/TUN on another port (made without ipvsadm) stays editable.
    if (forward !== undefined && port !== null && current.port !== port && fixedPort(key, current.forward) === null) {
      errors.forward = `port ${current.port} cannot be used with ${forwardName(forward)}: ${portReason(key, forward, port)}`;
    }
  } else {
    const parsed = parseHostPort((values.server ?? '').trim());
    if (typeof parsed === 'string') errors.server = parsed;
    else if (forward !== undefined && port !== null && parsed.port !== null && parsed.port !== port) {
      errors.server = `port ${parsed.port} cannot be used: ${portReason(key, forward, port)}`;
    } else address = { family: parsed.family, address: parsed.address, port: parsed.port ?? service.port ?? 0 };
    if (address !== null && service.destinations.some((d) => d.address === address?.address && d.port === address.port)) {
      errors.server = `${describeDestination(address)} is already a real server of this service`;
    }
  }
  const tunnel = forward === 'tunnel' ? tunnelOf(values, errors) : null;
  const weight = wholeNumber(values.weight ?? '', 0, MAX_WEIGHT, 'the weight');
  if (typeof weight === 'string') errors.weight = weight;
  const upper = wholeNumber(values.upper ?? '', 0, MAX_THRESHOLD, 'the upper threshold');
  if (typeof upper === 'string') errors.upper = upper;
  const lower = wholeNumber(values.lower ?? '', 0, MAX_THRESHOLD, 'the lower threshold');
  if (typeof lower === 'string') errors.lower = lower;
  if (Object.keys(errors).length > 0 || address === null || forward === undefined || typeof weight === 'string' || typeof upper === 'string' || typeof lower === 'string') {
    return { errors, change: null };
  }
  const destination: DestinationConfig = { ...address, forward, weight, upperThreshold: upper, lowerThreshold: lower, tunnel };
  const refused = fieldErrorOf(() => validateDestinationConfig(key, destination), VALIDATOR_FIELDS, 'server');
  if (Object.keys(refused).length > 0) return { errors: refused, change: null };
  return { errors, change: { kind: current === undefined ? 'add-destination' : 'edit-destination', service: key, destination } };
}

/** `w`: one field, the weight; everything else of the server is kept. */
export function weightForm(service: ServiceWithDestinations, current: Destination, targetId: string): FormSpec {
  const key = serviceKeyOf(service);
  return {
    title: `Weight of ${describeDestination(current)} in ${describeService(service)} (now ${current.weight})`,
    fields: [{ id: 'weight', label: 'Weight (-w)', hint: `0 to ${MAX_WEIGHT}; 0 drains` }],
    initial: { weight: String(current.weight) },
    expect: destinationConfigOf(current),
    targetId,
    check: (values): FormCheck => {
      const weight = wholeNumber(values.weight ?? '', 0, MAX_WEIGHT, 'the weight');
      if (typeof weight === 'string') return { errors: { weight }, change: null };
      return { errors: {}, change: { kind: 'edit-destination', service: key, destination: { ...destinationConfigOf(current), weight } } };
    },
  };
}
