// Checks made before anything reaches the kernel. The kernel answers a bad argument with a
// bare EINVAL; checking here first lets the error name the field and the reason. The simulator
// runs the same checks, so both backends refuse the same things with the same words.

import ipaddr from 'ipaddr.js';
import { errors } from './errors.js';
import { IFNAME_MAXLEN, PE_NAME_MAXLEN, SCHED_NAME_MAXLEN } from './constants.js';
import { SERVICE_FLAGS } from './types.js';
import type {
  AddressFamily,
  DestinationConfig,
  DestinationKey,
  ServiceConfig,
  ServiceKey,
  SyncDaemon,
  Timeouts,
} from './types.js';

/** The kernel keeps a weight in an int; Debian's ipvsadm accepts the whole range too. */
export const MAX_WEIGHT = 0x7fffffff;
export const MAX_THRESHOLD = 0x7fffffff;

const KNOWN_FLAGS: ReadonlySet<string> = new Set(SERVICE_FLAGS);

export function familyOf(address: string): AddressFamily | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return 'inet';
  if (!address.includes(':')) return null;
  return ipaddr.IPv6.isValid(address) ? 'inet6' : null;
}

function checkAddress(field: string, address: string, family: AddressFamily): void {
  const actual = familyOf(address);
  if (actual === null) throw errors.invalid(field, `"${address}" is not a numeric IPv4 or IPv6 address`);
  if (actual !== family) {
    throw errors.invalid(field, `"${address}" is ${actual === 'inet' ? 'IPv4' : 'IPv6'} but the ${family === 'inet' ? 'IPv4' : 'IPv6'} family was asked for`);
  }
}

export function checkWhole(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw errors.invalid(field, `${value} is not a whole number from ${min} to ${max}`);
  }
}

export function validateServiceKey(key: ServiceKey): void {
  if (key.family !== 'inet' && key.family !== 'inet6') {
    throw errors.invalid('address family', `"${String(key.family)}" is neither inet nor inet6`);
  }
  if (key.fwmark !== null) {
    checkWhole('firewall mark', key.fwmark, 1, 0xffffffff);
    if (key.protocol !== null || key.address !== null || key.port !== null) {
      throw errors.invalid('service', 'a firewall-mark service has no protocol, address or port');
    }
    return;
  }
  if (key.protocol !== 'tcp' && key.protocol !== 'udp' && key.protocol !== 'sctp') {
    throw errors.invalid('protocol', `"${String(key.protocol)}" is not tcp, udp or sctp`);
  }
  if (key.address === null) throw errors.invalid('service address', 'it is missing');
  checkAddress('service address', key.address, key.family);
  if (key.port === null) throw errors.invalid('service port', 'it is missing');
  checkWhole('service port', key.port, 0, 65535);
}

export function validateServiceConfig(config: ServiceConfig): void {
  validateServiceKey(config);
  if (!/^[a-z0-9_]+$/i.test(config.scheduler) || config.scheduler.length >= SCHED_NAME_MAXLEN) {
    throw errors.invalid('scheduler', `"${config.scheduler}" is not a scheduler name`);
  }
  for (const flag of config.flags) {
    if (!KNOWN_FLAGS.has(flag)) throw errors.invalid('service flags', `"${flag}" is not a known flag`);
  }
  if (config.persistence !== null) {
    checkWhole('persistence timeout', config.persistence.timeout, 1, 0x7fffffff);
    const { netmask } = config.persistence;
    if (config.family === 'inet6') {
      if (typeof netmask !== 'number') throw errors.invalid('persistence netmask', 'an IPv6 service takes a prefix length from 1 to 128');
      checkWhole('persistence netmask', netmask, 1, 128);
    } else if (typeof netmask !== 'string' || !ipaddr.IPv4.isValidFourPartDecimal(netmask) || ipaddr.IPv4.parse(netmask).prefixLengthFromSubnetMask() === null) {
      throw errors.invalid('persistence netmask', `"${String(netmask)}" is not an IPv4 netmask such as 255.255.255.0`);
    }
  }
  if (config.pe !== null) {
    if (!/^[a-z0-9_]+$/i.test(config.pe) || config.pe.length >= PE_NAME_MAXLEN) {
      throw errors.invalid('persistence engine', `"${config.pe}" is not a persistence engine name`);
    }
  }
}

export function validateDestinationKey(key: DestinationKey): void {
  checkAddress('real server address', key.address, key.family);
  checkWhole('real server port', key.port, 0, 65535);
}

export function validateDestinationConfig(service: ServiceKey, config: DestinationConfig): void {
  validateDestinationKey(config);
  if (config.family !== service.family && config.forward !== 'tunnel') {
    // The kernel mixes families only for tunnelled servers (an IPv6 service over IPv4 tunnels).
    throw errors.invalid('real server address', `a ${config.family === 'inet' ? 'IPv4' : 'IPv6'} real server needs tunnelling (-i) in a ${service.family === 'inet' ? 'IPv4' : 'IPv6'} service`);
  }
  if (!['masq', 'local', 'tunnel', 'route', 'bypass'].includes(config.forward)) {
    throw errors.invalid('forwarding method', `"${config.forward}" is not masq, route, tunnel, local or bypass`);
  }
  checkWhole('weight', config.weight, 0, MAX_WEIGHT);
  checkWhole('upper threshold', config.upperThreshold, 0, MAX_THRESHOLD);
  checkWhole('lower threshold', config.lowerThreshold, 0, MAX_THRESHOLD);
  if (config.lowerThreshold > config.upperThreshold) {
    // The kernel refuses this even when the upper threshold is 0 (no limit).
    throw errors.invalid('lower threshold', `${config.lowerThreshold} is above the upper threshold ${config.upperThreshold}`);
  }
  if (config.tunnel !== null) {
    if (config.forward !== 'tunnel') throw errors.invalid('tunnel options', 'they apply only to tunnelled (-i) real servers');
    if (!['ipip', 'gue', 'gre'].includes(config.tunnel.type)) {
      throw errors.invalid('tunnel type', `"${config.tunnel.type}" is not ipip, gue or gre`);
    }
    checkWhole('tunnel port', config.tunnel.port, 0, 65535);
    if (config.tunnel.type === 'gue' && config.tunnel.port === 0) {
      throw errors.invalid('tunnel port', 'a GUE tunnel needs a destination port');
    }
    // The rules ipvsadm applies: a port only for GUE, checksum options not for IPIP, remote
    // checksum offload only for GUE, and one checksum option at most.
    const { type, port, flags } = config.tunnel;
    if (port !== 0 && type !== 'gue') throw errors.invalid('tunnel port', `only a GUE tunnel takes a port, not ${type}`);
    if (flags.length > 1) throw errors.invalid('tunnel flags', 'choose one of csum and remcsum');
    for (const flag of flags) {
      if (flag !== 'csum' && flag !== 'remcsum') throw errors.invalid('tunnel flags', `"${flag}" is not csum or remcsum`);
      if (type === 'ipip') throw errors.invalid('tunnel flags', `an IPIP tunnel takes no ${flag} option`);
      if (flag === 'remcsum' && type !== 'gue') throw errors.invalid('tunnel flags', `remcsum needs a GUE tunnel, not ${type}`);
    }
  }
}

/** ipvsadm's limit (31 days); a kernel with HZ=1000 refuses above INT_MAX / HZ, about 24 days. */
export const MAX_TIMEOUT_SECONDS = 31 * 24 * 3600;

export function validateTimeouts(timeouts: Timeouts): void {
  for (const [field, value] of [['TCP timeout', timeouts.tcp], ['TCP FIN timeout', timeouts.tcpFin], ['UDP timeout', timeouts.udp]] as const) {
    checkWhole(field, value, 0, MAX_TIMEOUT_SECONDS);
  }
}

export function validateDaemon(daemon: SyncDaemon): void {
  if (daemon.role !== 'master' && daemon.role !== 'backup') {
    throw errors.invalid('sync daemon role', `"${String(daemon.role)}" is neither master nor backup`);
  }
  if (daemon.interface.length === 0 || daemon.interface.length >= IFNAME_MAXLEN) {
    throw errors.invalid('sync daemon interface', `"${daemon.interface}" is not an interface name`);
  }
  checkWhole('sync ID', daemon.syncId, 0, 255);
}
