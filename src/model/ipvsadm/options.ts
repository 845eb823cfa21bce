import type { IpvsadmOption } from './commands.js';

// ipvsadm's option table (the popt options_table in parse_options, ipvsadm.c v1.31) and its
// table of legal command/option combinations (commands_v_options), as data.

/** ipvsadm's command names (cmdnames[]), which its option checks speak of. */
export type CommandName =
  | 'add-service'
  | 'edit-service'
  | 'delete-service'
  | 'flush'
  | 'list'
  | 'add-server'
  | 'delete-server'
  | 'edit-server'
  | 'set'
  | 'start-daemon'
  | 'stop-daemon'
  | 'restore'
  | 'save'
  | 'zero'
  | 'help'
  | 'version';

export type OptionId =
  | 'tcp'
  | 'udp'
  | 'sctp'
  | 'fwmark'
  | 'scheduler'
  | 'persistent'
  | 'netmask'
  | 'real-server'
  | 'masquerading'
  | 'ipip'
  | 'gatewaying'
  | 'weight'
  | 'u-threshold'
  | 'l-threshold'
  | 'numeric'
  | 'connection'
  | 'mcast-interface'
  | 'syncid'
  | 'timeout'
  | 'daemon'
  | 'stats'
  | 'rate'
  | 'thresholds'
  | 'persistent-conn'
  | 'nosort'
  | 'sort'
  | 'exact'
  | 'ipv6'
  | 'ops'
  | 'pe'
  | 'sched-flags'
  | 'mcast-group'
  | 'mcast-port'
  | 'mcast-ttl'
  | 'sync-maxlen'
  | 'tun-info'
  | 'tun-type'
  | 'tun-port'
  | 'tun-nocsum'
  | 'tun-csum'
  | 'tun-remcsum';

export type ArgKind = 'none' | 'required' | 'optional';

export type OptionSpec =
  | { type: 'command'; id: CommandName; long: string; short: string | null; arg: ArgKind }
  | { type: 'option'; id: OptionId; long: string; short: string | null; arg: ArgKind };

const command = (id: CommandName, long: string, short: string | null, arg: ArgKind = 'none'): OptionSpec => ({
  type: 'command',
  id,
  long,
  short,
  arg,
});
const option = (id: OptionId, long: string, short: string | null, arg: ArgKind = 'none'): OptionSpec => ({
  type: 'option',
  id,
  long,
  short,
  arg,
});

export const OPTION_SPECS: readonly OptionSpec[] = [
  command('add-service', 'add-service', 'A'),
  command('edit-service', 'edit-service', 'E'),
  command('delete-service', 'delete-service', 'D'),
  command('flush', 'clear', 'C'),
  command('list', 'list', 'L'),
  command('list', 'list', 'l'),
  command('zero', 'zero', 'Z'),
  command('add-server', 'add-server', 'a'),
  command('edit-server', 'edit-server', 'e'),
  command('delete-server', 'delete-server', 'd'),
  command('set', 'set', null),
  command('help', 'help', 'h'),
  command('version', 'version', 'v'),
  command('restore', 'restore', 'R'),
  command('save', 'save', 'S'),
  command('start-daemon', 'start-daemon', null, 'required'),
  command('stop-daemon', 'stop-daemon', null, 'required'),
  option('tcp', 'tcp-service', 't', 'required'),
  option('udp', 'udp-service', 'u', 'required'),
  option('sctp', 'sctp-service', null, 'required'),
  option('fwmark', 'fwmark-service', 'f', 'required'),
  option('scheduler', 'scheduler', 's', 'required'),
  // popt's optional argument: the next word is taken unless it starts with "-".
  option('persistent', 'persistent', 'p', 'optional'),
  option('netmask', 'netmask', 'M', 'required'),
  option('real-server', 'real-server', 'r', 'required'),
  option('masquerading', 'masquerading', 'm'),
  option('ipip', 'ipip', 'i'),
  option('gatewaying', 'gatewaying', 'g'),
  option('weight', 'weight', 'w', 'required'),
  option('u-threshold', 'u-threshold', 'x', 'required'),
  option('l-threshold', 'l-threshold', 'y', 'required'),
  option('numeric', 'numeric', 'n'),
  option('connection', 'connection', 'c'),
  option('mcast-interface', 'mcast-interface', null, 'required'),
  option('syncid', 'syncid', null, 'required'),
  option('timeout', 'timeout', null),
  option('daemon', 'daemon', null),
  option('stats', 'stats', null),
  option('rate', 'rate', null),
  option('thresholds', 'thresholds', null),
  option('persistent-conn', 'persistent-conn', null),
  option('nosort', 'nosort', null),
  option('sort', 'sort', null),
  option('exact', 'exact', 'X'),
  option('ipv6', 'ipv6', '6'),
  option('ops', 'ops', 'o'),
  option('pe', 'pe', null, 'required'),
  option('sched-flags', 'sched-flags', 'b', 'required'),
  option('mcast-group', 'mcast-group', null, 'required'),
  option('mcast-port', 'mcast-port', null, 'required'),
  option('mcast-ttl', 'mcast-ttl', null, 'required'),
  option('sync-maxlen', 'sync-maxlen', null, 'required'),
  option('tun-info', 'tun-info', null),
  option('tun-type', 'tun-type', null, 'required'),
  option('tun-port', 'tun-port', null, 'required'),
  option('tun-nocsum', 'tun-nocsum', null),
  option('tun-csum', 'tun-csum', null),
  option('tun-remcsum', 'tun-remcsum', null),
];

/** The option each id counts as in ipvsadm's checks; null for --sort, which counts as nothing. */
export function optionSlot(id: OptionId): IpvsadmOption | null {
  switch (id) {
    case 'tcp':
    case 'udp':
    case 'sctp':
    case 'fwmark':
      return 'service-address';
    case 'masquerading':
    case 'ipip':
    case 'gatewaying':
      return 'forwarding-method';
    case 'sort':
      return null;
    default:
      return id;
  }
}

/** The columns of commands_v_options, in ipvsadm's order (which is also its check order). */
export const CHECKED_OPTIONS: readonly IpvsadmOption[] = [
  'numeric',
  'connection',
  'service-address',
  'scheduler',
  'persistent',
  'netmask',
  'real-server',
  'forwarding-method',
  'weight',
  'u-threshold',
  'l-threshold',
  'mcast-interface',
  'timeout',
  'daemon',
  'stats',
  'rate',
  'thresholds',
  'persistent-conn',
  'nosort',
  'syncid',
  'exact',
  'ops',
  'pe',
  'sched-flags',
  'mcast-group',
  'mcast-port',
  'mcast-ttl',
  'sync-maxlen',
  'tun-info',
  'tun-type',
  'tun-port',
  'tun-nocsum',
  'tun-csum',
  'tun-remcsum',
];

/**
 * One row of commands_v_options per command, a character per column of CHECKED_OPTIONS:
 * '+' compulsory, 'x' illegal, '1' exclusive (only one '1' option may be given), ' ' optional.
 * -6 and --sort are not in ipvsadm's table, so any command takes them.
 */
const X = (count: number) => 'x'.repeat(count);
export const COMMAND_OPTIONS: Readonly<Record<Exclude<CommandName, 'help' | 'version'>, string>> = {
  'add-service': `xx+   ${X(15)}   ${X(10)}`,
  'edit-service': `xx+   ${X(15)}   ${X(10)}`,
  'delete-service': `xx+${X(31)}`,
  flush: X(34),
  list: ` 11${X(9)}11       ${X(7)} ${X(5)}`,
  'add-server': `xx+xxx+    ${X(18)}     `,
  'delete-server': `xx+xxx+${X(27)}`,
  'edit-server': `xx+xxx+    ${X(18)}     `,
  set: X(34),
  'start-daemon': `${X(11)} ${X(7)} ${X(4)}    ${X(6)}`,
  'stop-daemon': `${X(19)} ${X(14)}`,
  restore: X(34),
  save: ` ${X(33)}`,
  zero: `xx ${X(31)}`,
};
