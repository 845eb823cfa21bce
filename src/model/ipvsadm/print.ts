import type { DestinationConfig, DestinationKey, ServiceConfig, ServiceKey, Tunnel } from '../../ipvs/types.js';
import { formatHostPort, normaliseAddress } from './address.js';
import type { IpvsadmCommand, ListView } from './commands.js';
import { schedFlagBits, schedFlagNames } from './flags.js';

// ipvsadm syntax out: `ipvsadm -S -n` text (print_service_entry with FMT_RULE|FMT_NUMERIC in
// ipvsadm.c) and any command as the ipvsadm line that does the same.

/** A service with its real servers, as lvstop holds them (ServiceWithDestinations fits). */
export interface RulesService extends ServiceConfig {
  destinations: readonly DestinationConfig[];
}

export interface FormatRulesOptions {
  /** Append -x/-y where non-zero; ipvsadm -S drops thresholds, lvstop keeps them. */
  thresholds: boolean;
}

/** The rules as `ipvsadm -S -n` prints them, in the order given; `ipvsadm -R` loads it. */
export function formatRules(
  services: readonly RulesService[],
  options: FormatRulesOptions = { thresholds: false },
): string {
  const lines: string[] = [];
  for (const service of services) {
    lines.push(serviceRule('-A', service));
    for (const destination of service.destinations) {
      lines.push(destinationRule('-a', service, destination, options.thresholds));
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}

/** The command as one `ipvsadm ...` line, with every value ipvsadm would send spelled out. */
export function formatCommand(command: IpvsadmCommand): string {
  return `ipvsadm ${commandArguments(command)}`;
}

function commandArguments(command: IpvsadmCommand): string {
  switch (command.kind) {
    case 'add-service':
      return serviceRule('-A', command.service);
    case 'edit-service':
      return serviceRule('-E', command.service);
    case 'delete-service':
      return `-D ${serviceOption(command.service)}`;
    case 'add-destination':
      return destinationRule('-a', command.service, command.destination, true);
    case 'edit-destination':
      return destinationRule('-e', command.service, command.destination, true);
    case 'delete-destination':
      return `-d ${serviceOption(command.service)} -r ${destinationAddress(command.destination)}`;
    case 'clear':
      return '-C';
    case 'zero':
      return command.service === null ? '-Z' : `-Z ${serviceOption(command.service)}`;
    case 'set-timeouts':
      return `--set ${command.timeouts.tcp} ${command.timeouts.tcpFin} ${command.timeouts.udp}`;
    case 'start-daemon': {
      const daemon = command.daemon;
      const words = [`--start-daemon ${daemon.role}`, `--mcast-interface ${daemon.interface}`, `--syncid ${daemon.syncId}`];
      if (daemon.syncMaxLen !== null) words.push(`--sync-maxlen ${daemon.syncMaxLen}`);
      if (daemon.group !== null) words.push(`--mcast-group ${normaliseAddress(daemon.group)}`);
      if (daemon.port !== null) words.push(`--mcast-port ${daemon.port}`);
      if (daemon.ttl !== null) words.push(`--mcast-ttl ${daemon.ttl}`);
      return words.join(' ');
    }
    case 'stop-daemon':
      return `--stop-daemon ${command.role}`;
    case 'list':
      return listArguments(command.service, command.view);
    case 'save':
      return command.numeric ? '-S -n' : '-S';
  }
}

const LIST_FLAGS: readonly (readonly [keyof ListView, string])[] = [
  ['numeric', '-n'],
  ['connections', '-c'],
  ['timeouts', '--timeout'],
  ['daemons', '--daemon'],
  ['stats', '--stats'],
  ['rate', '--rate'],
  ['thresholds', '--thresholds'],
  ['persistentConns', '--persistent-conn'],
  ['exact', '--exact'],
  ['noSort', '--nosort'],
  ['tunnelInfo', '--tun-info'],
];

function listArguments(service: ServiceKey | null, view: ListView): string {
  const words = ['-L'];
  if (service !== null) words.push(serviceOption(service));
  for (const [key, flag] of LIST_FLAGS) if (view[key]) words.push(flag);
  return words.join(' ');
}

/** "-t 10.0.0.1:80", "--sctp-service [2001:db8::1]:80", "-f 5", "-f 5 -6". */
export function serviceOption(service: ServiceKey): string {
  if (service.fwmark !== null) return service.family === 'inet6' ? `-f ${service.fwmark} -6` : `-f ${service.fwmark}`;
  const option = service.protocol === 'udp' ? '-u' : service.protocol === 'sctp' ? '--sctp-service' : '-t';
  return `${option} ${formatHostPort(service.family, service.address ?? '', service.port ?? 0)}`;
}

export function destinationAddress(destination: DestinationKey): string {
  return formatHostPort(destination.family, destination.address, destination.port);
}

/** "-A -t ... -s wlc -p 360 -M 255.255.255.0 --pe sip -o -b sh-port", in ipvsadm's order. */
function serviceRule(command: '-A' | '-E', service: ServiceConfig): string {
  let rule = `${command} ${serviceOption(service)} -s ${service.scheduler}`;
  const persistence = service.persistence;
  if (persistence !== null) {
    rule += ` -p ${persistence.timeout}`;
    const defaultMask = service.family === 'inet6' ? 128 : '255.255.255.255';
    const mask = typeof persistence.netmask === 'string' ? normaliseAddress(persistence.netmask) : persistence.netmask;
    if (mask !== defaultMask) rule += ` -M ${mask}`;
  }
  if (service.pe !== null && service.pe !== '') rule += ` --pe ${service.pe}`;
  if (service.flags.includes('one-packet')) rule += ' -o';
  // ipvsadm prints only sh-* for sh and mh-* for mh, so "-b flag-3" under sh came out as a
  // bare "-b" that -R refuses; naming every bit keeps the line loadable.
  const schedFlags = schedFlagNames(schedFlagBits(service.flags), service.scheduler);
  if (schedFlags.length > 0) rule += ` -b ${schedFlags.join(',')}`;
  return rule;
}

/** "-a -t ... -r 10.0.0.2:80 -m -w 1", then tunnel options as ipvsadm -S prints them. */
function destinationRule(
  command: '-a' | '-e',
  service: ServiceKey,
  destination: DestinationConfig,
  withThresholds: boolean,
): string {
  let rule = `${command} ${serviceOption(service)} -r ${destinationAddress(destination)} ${forwardOption(destination)} -w ${destination.weight}`;
  if (destination.forward === 'tunnel') rule += tunnelOptions(destination.tunnel);
  if (withThresholds) {
    if (destination.upperThreshold !== 0) rule += ` -x ${destination.upperThreshold}`;
    if (destination.lowerThreshold !== 0) rule += ` -y ${destination.lowerThreshold}`;
  }
  return rule;
}

/** ipvsadm's fwd_switch: local (and bypass, which no real server has) print as -g. */
function forwardOption(destination: DestinationConfig): string {
  if (destination.forward === 'masq') return '-m';
  if (destination.forward === 'tunnel') return '-i';
  return '-g';
}

/** print_tunnel_rule: the type always; gue its port; gue and gre their checksum option. */
function tunnelOptions(tunnel: Tunnel | null): string {
  const type = tunnel?.type ?? 'ipip';
  if (type === 'ipip' || tunnel === null) return ' --tun-type ipip';
  const checksum = checksumOptions(tunnel);
  if (type === 'gre') return ` --tun-type gre ${checksum}`;
  return ` --tun-type gue --tun-port ${tunnel.port} ${checksum}`;
}

function checksumOptions(tunnel: Tunnel): string {
  const options: string[] = [];
  if (tunnel.flags.includes('csum')) options.push('--tun-csum');
  if (tunnel.flags.includes('remcsum')) options.push('--tun-remcsum');
  return options.length === 0 ? '--tun-nocsum' : options.join(' ');
}
