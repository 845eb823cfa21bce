import type { DestinationConfig, DestinationKey, ServiceConfig, ServiceKey } from '../../ipvs/types.js';
import { parseIpAddress } from './address.js';
import { checkListOptions, checkOptionsAgainstCommand, checkTunnelOptions, schedFlagsOf } from './checks.js';
import { collect, type Collected } from './collect.js';
import type { IpvsadmCommand, IpvsadmOption, ParsedCommand } from './commands.js';
import { Refusal, withLine } from './errors.js';
import { schedFlagNames } from './flags.js';
import { scanWords } from './scan.js';
import { DEFAULT_MCAST_INTERFACE, DEFAULT_SCHEDULER, MAX_TIMEOUT, parseWhole } from './values.js';
import { splitLine } from './words.js';

// The second half of ipvsadm's option handling (process_options): the checks that need the
// whole line, ipvsadm's defaults, and the command as data. Where ipvsadm would silently send
// something other than what was written (-M before an IPv6 service, -r without a port before
// the service), lvstop refuses with the reason instead.

/** Parses the arguments of one ipvsadm command (without the program name). */
export function parseIpvsadmArgs(argv: readonly string[], lineNumber: number | null = null): ParsedCommand {
  try {
    const scanned = scanWords(argv);
    const collected = collect(scanned.occurrences, scanned.leftovers);
    const command = buildCommand(collected);
    return { command, given: new Set<IpvsadmOption>(collected.given.keys()), line: lineNumber };
  } catch (error) {
    if (error instanceof Refusal) throw withLine(error, lineNumber);
    throw error;
  }
}

/** Parses one line as `ipvsadm -R` reads it; null for a blank or comment-only line. */
export function parseIpvsadmLine(line: string, lineNumber?: number): ParsedCommand | null {
  let words: string[];
  try {
    words = splitLine(line);
  } catch (error) {
    if (error instanceof Refusal) throw withLine(error, lineNumber ?? null);
    throw error;
  }
  return words.length === 0 ? null : parseIpvsadmArgs(words, lineNumber ?? null);
}

function buildCommand(collected: Collected): IpvsadmCommand {
  const timeouts = collected.command === 'set' ? takeTimeouts(collected) : null;
  const stray = collected.leftovers[0];
  if (stray !== undefined) throw new Refusal(stray, 'unexpected word; every value must follow its option');
  const schedBits = schedFlagsOf(collected);
  checkOptionsAgainstCommand(collected);

  switch (collected.command) {
    case 'add-service':
    case 'edit-service':
      return { kind: collected.command, service: serviceConfig(collected, schedBits) };
    case 'delete-service':
      return { kind: 'delete-service', service: serviceKey(collected) };
    case 'add-server':
    case 'edit-server':
      return {
        kind: collected.command === 'add-server' ? 'add-destination' : 'edit-destination',
        service: serviceKey(collected),
        destination: destinationConfig(collected),
      };
    case 'delete-server':
      return { kind: 'delete-destination', service: serviceKey(collected), destination: destinationKey(collected) };
    case 'flush':
      return { kind: 'clear' };
    case 'zero':
      return { kind: 'zero', service: zeroTarget(collected) };
    case 'set':
      return { kind: 'set-timeouts', timeouts: timeouts ?? { tcp: 0, tcpFin: 0, udp: 0 } };
    case 'start-daemon':
      return startDaemon(collected);
    case 'stop-daemon':
      return { kind: 'stop-daemon', role: collected.daemon.role ?? 'master' };
    case 'list':
      checkListOptions(collected);
      return {
        kind: 'list',
        service: collected.given.has('service-address') ? serviceKey(collected) : null,
        view: collected.view,
      };
    case 'save':
      return { kind: 'save', numeric: collected.view.numeric };
    default:
      throw new Refusal(collected.commandFlag, 'this command is not supported here');
  }
}

/** --set takes the first three words left over, wherever they are on the line (popt). */
function takeTimeouts(collected: Collected): { tcp: number; tcpFin: number; udp: number } {
  const words = collected.leftovers.splice(0, 3);
  if (words.length < 3) {
    throw new Refusal([collected.commandFlag, ...words].join(' '), `${collected.commandFlag} needs three timeouts: tcp, tcpfin and udp`);
  }
  const [tcp, tcpFin, udp] = words.map((word) => {
    const seconds = parseWhole(word, 0, MAX_TIMEOUT);
    if (seconds === null) {
      throw new Refusal(word, `a timeout must be a whole number of seconds from 0 to ${MAX_TIMEOUT}`);
    }
    return seconds;
  }) as [number, number, number];
  return { tcp, tcpFin, udp };
}

function serviceKey(collected: Collected): ServiceKey {
  const { family, protocol, address, port, fwmark } = collected.service;
  if (fwmark !== 0) return { family: family ?? 'inet', protocol: null, address: null, port: null, fwmark };
  return { family: family ?? 'inet', protocol, address, port, fwmark: null };
}

function serviceConfig(collected: Collected, schedBits: number): ServiceConfig {
  const key = serviceKey(collected);
  const given = collected.given;
  if (key.fwmark === null && key.port === 0 && !collected.persistent) {
    throw new Refusal(given.get('service-address')?.text ?? null, 'a service on port 0 must be persistent (-p), as it takes every port');
  }
  const ops = given.get('ops');
  if (ops !== undefined && key.fwmark === null && key.protocol !== 'udp') {
    throw new Refusal(ops.text, 'one-packet scheduling is only for UDP and firewall-mark services');
  }
  checkNetmaskNeedsPersistence(collected);
  const scheduler = collected.scheduler ?? DEFAULT_SCHEDULER;
  const flags: ServiceConfig['flags'] = [];
  if (collected.persistent) flags.push('persistent');
  if (collected.onePacket) flags.push('one-packet');
  flags.push(...schedFlagNames(schedBits, scheduler));
  return {
    ...key,
    scheduler,
    flags,
    persistence: collected.persistent ? { timeout: collected.timeout, netmask: netmask(collected, key.family) } : null,
    pe: collected.pe,
  };
}

/** -M as ipvsadm reads it: a dotted mask for IPv4, a prefix length for IPv6; else all ones. */
function netmask(collected: Collected, family: ServiceKey['family']): string | number {
  const occurrence = collected.given.get('netmask');
  if (occurrence === undefined) return family === 'inet6' ? 128 : '255.255.255.255';
  if (family === 'inet6') {
    if (collected.netmaskFamilyThen !== 'inet6') {
      // ipvsadm reads such a -M as IPv4, then the IPv6 service resets the mask to 128.
      throw new Refusal(occurrence.text, 'ipvsadm ignores -M given before the IPv6 service; put -M after -t, -u, --sctp-service or -6');
    }
    const prefix = parseWhole(occurrence.value ?? '', 1, 128);
    if (prefix === null) throw new Refusal(occurrence.text, 'an IPv6 persistence netmask must be a prefix length from 1 to 128');
    return prefix;
  }
  // ipvsadm takes any inet_aton address; lvstop (src/ipvs/validate.ts) wants a contiguous mask.
  const mask = parseIpAddress(occurrence.value ?? '');
  if (mask?.family !== 'inet' || !isContiguousMask(mask.address)) {
    throw new Refusal(occurrence.text, 'an IPv4 persistence netmask must be a dotted mask such as 255.255.255.0');
  }
  return mask.address;
}

function isContiguousMask(dotted: string): boolean {
  const bits = dotted.split('.').map((octet) => Number(octet).toString(2).padStart(8, '0')).join('');
  return /^1*0*$/.test(bits);
}

function checkNetmaskNeedsPersistence(collected: Collected): void {
  const occurrence = collected.given.get('netmask');
  if (occurrence !== undefined && !collected.persistent) {
    throw new Refusal(occurrence.text, 'a persistence netmask needs -p (a persistent service)');
  }
}

/** The real server's port as ipvsadm computes it, refusing the one case that surprises. */
function destinationPort(collected: Collected, forcesServicePort: boolean): number {
  const server = collected.realServer;
  const service = collected.service;
  if (server === null) return 0;
  // DR and tunnel servers of an address service take the service's port (process_options).
  if (forcesServicePort && service.fwmark === 0) return service.port;
  if (server.port !== null) return server.port;
  if (server.beforeService && service.port !== 0) {
    throw new Refusal(
      collected.given.get('real-server')?.text ?? null,
      'ipvsadm would give this real server port 0, as -r comes before the service; write its port or put -r after the service',
    );
  }
  return service.port;
}

function destinationKey(collected: Collected, forcesServicePort = false): DestinationKey {
  const server = collected.realServer;
  return {
    family: server?.family ?? 'inet',
    address: server?.address ?? '',
    port: destinationPort(collected, forcesServicePort),
  };
}

function destinationConfig(collected: Collected): DestinationConfig {
  const forward = collected.forward;
  const key = destinationKey(collected, forward === 'tunnel' || forward === 'route');
  const serviceFamily = collected.service.family ?? 'inet';
  if (key.family !== serviceFamily && forward !== 'tunnel') {
    throw new Refusal(
      collected.given.get('real-server')?.text ?? null,
      `an ${familyName(key.family)} real server in an ${familyName(serviceFamily)} service needs tunnelling (-i)`,
    );
  }
  checkTunnelOptions(collected);
  if (collected.lowerThreshold > collected.upperThreshold) {
    throw new Refusal(
      collected.given.get('l-threshold')?.text ?? null,
      `the lower threshold (${collected.lowerThreshold}) is above the upper threshold (${collected.upperThreshold}), which the kernel refuses`,
    );
  }
  return {
    ...key,
    forward,
    weight: collected.weight,
    upperThreshold: collected.upperThreshold,
    lowerThreshold: collected.lowerThreshold,
    tunnel:
      forward === 'tunnel'
        ? { type: collected.tunnelType, port: collected.tunnelPort, flags: [...collected.tunnelFlags] }
        : null,
  };
}

function familyName(family: ServiceKey['family']): string {
  return family === 'inet6' ? 'IPv6' : 'IPv4';
}

/** ipvsadm sends no service, so zeroes all, when the service is 0.0.0.0:0 or [::]:0. */
function zeroTarget(collected: Collected): ServiceKey | null {
  if (!collected.given.has('service-address')) return null;
  const key = serviceKey(collected);
  const unspecified = key.address === '0.0.0.0' || key.address === '::';
  return key.fwmark === null && unspecified && key.port === 0 ? null : key;
}

function startDaemon(collected: Collected): IpvsadmCommand {
  const daemon = collected.daemon;
  return {
    kind: 'start-daemon',
    daemon: {
      role: daemon.role ?? 'master',
      interface: daemon.interface ?? DEFAULT_MCAST_INTERFACE,
      syncId: daemon.syncId,
      syncMaxLen: daemon.syncMaxLen,
      group: daemon.group,
      port: daemon.port,
      ttl: daemon.ttl,
    },
  };
}
