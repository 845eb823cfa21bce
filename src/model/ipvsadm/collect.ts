import type {
  AddressFamily,
  DaemonRole,
  ForwardMethod,
  Protocol,
  TunnelFlag,
  TunnelType,
} from '../../ipvs/types.js';
import { parseHostPort } from './address.js';
import type { IpvsadmOption, ListView } from './commands.js';
import { Refusal } from './errors.js';
import { MAX_WEIGHT } from '../../ipvs/validate.js';
import { optionSlot, type CommandName } from './options.js';
import type { Occurrence } from './scan.js';
import { DEFAULT_PERSISTENT_TIMEOUT, MAX_TIMEOUT, multicastGroupValue, nameValue, wholeValue } from './values.js';

// The first half of ipvsadm's option handling (parse_options): walk the options in order,
// refusing a bad value or a repeated option as soon as it is seen, and collect what they say.
// Checks that need the whole line come after, in parse.ts (process_options).

export interface Collected {
  command: CommandName;
  commandFlag: string;
  given: Map<IpvsadmOption, Occurrence>;
  leftovers: string[];
  /** The service as ipvsadm's struct holds it: no family until -t/-u/--sctp-service/-f. */
  service: { family: AddressFamily | null; protocol: Protocol | null; address: string | null; port: number; fwmark: number };
  scheduler: string | null;
  persistent: boolean;
  timeout: number;
  /** -M is read once the family is known; ipvsadm reads it as IPv4 unless IPv6 came first. */
  netmaskFamilyThen: AddressFamily | null;
  onePacket: boolean;
  pe: string | null;
  realServer: { family: AddressFamily; address: string; port: number | null; beforeService: boolean } | null;
  forward: ForwardMethod;
  weight: number;
  upperThreshold: number;
  lowerThreshold: number;
  tunnelType: TunnelType;
  tunnelPort: number;
  tunnelFlags: TunnelFlag[];
  daemon: {
    role: DaemonRole | null;
    interface: string | null;
    syncId: number;
    syncMaxLen: number | null;
    group: string | null;
    port: number | null;
    ttl: number | null;
  };
  view: ListView;
}

const COMMAND_NOTE =
  'a command must come first: -A, -E, -D, -a, -e, -d, -C, -Z, -L, --set, --start-daemon or --stop-daemon';

export function collect(occurrences: readonly Occurrence[], leftovers: string[]): Collected {
  const first = occurrences[0];
  if (first === undefined) {
    const stray = leftovers[0];
    throw stray === undefined ? new Refusal(null, 'no command given') : new Refusal(stray, COMMAND_NOTE);
  }
  if (first.spec.type !== 'command') throw new Refusal(first.text, COMMAND_NOTE);

  const collected = startCollecting(first, leftovers);
  for (const occurrence of occurrences.slice(1)) {
    if (occurrence.spec.type === 'command') {
      throw new Refusal(occurrence.text, `only one command may be given, and ${first.flag} came first`);
    }
    const slot = optionSlot(occurrence.spec.id);
    if (slot !== null) {
      const earlier = collected.given.get(slot);
      if (earlier !== undefined && slot !== 'ipv6') {
        throw new Refusal(occurrence.text, `${earlier.flag} was already given; each option may appear only once`);
      }
      collected.given.set(slot, occurrence);
    }
    applyOption(collected, occurrence);
  }
  return collected;
}

function startCollecting(first: Occurrence, leftovers: string[]): Collected {
  const command = first.spec.id as CommandName;
  if (command === 'help' || command === 'version') {
    throw new Refusal(first.text, `${first.flag} is not available here; see "man ipvsadm"`);
  }
  if (command === 'restore') {
    throw new Refusal(first.text, 'rules are restored with "lvstop restore FILE", not one line at a time');
  }
  let role: DaemonRole | null = null;
  if (command === 'start-daemon' || command === 'stop-daemon') {
    if (first.value !== 'master' && first.value !== 'backup') {
      throw new Refusal(first.text, 'the sync daemon role must be master or backup');
    }
    role = first.value;
  }
  return {
    command,
    commandFlag: first.flag,
    given: new Map(),
    leftovers,
    service: { family: null, protocol: null, address: null, port: 0, fwmark: 0 },
    scheduler: null,
    persistent: false,
    timeout: 0,
    netmaskFamilyThen: null,
    onePacket: false,
    pe: null,
    realServer: null,
    forward: 'route', // ipvsadm's default: direct routing (-g)
    weight: 1,
    upperThreshold: 0,
    lowerThreshold: 0,
    tunnelType: 'ipip',
    tunnelPort: 0,
    tunnelFlags: [],
    daemon: { role, interface: null, syncId: 0, syncMaxLen: null, group: null, port: null, ttl: null },
    view: {
      numeric: false,
      connections: false,
      timeouts: false,
      daemons: false,
      stats: false,
      rate: false,
      thresholds: false,
      persistentConns: false,
      exact: false,
      noSort: false,
      tunnelInfo: false,
    },
  };
}

function applyOption(into: Collected, occurrence: Occurrence): void {
  const value = occurrence.value ?? '';
  switch (occurrence.spec.id) {
    case 'tcp':
    case 'udp':
    case 'sctp': {
      const parsed = parseHostPort(value);
      if (typeof parsed === 'string') throw new Refusal(occurrence.text, parsed);
      into.service = {
        family: parsed.family,
        protocol: occurrence.spec.id,
        address: parsed.address,
        port: parsed.port ?? 0,
        fwmark: 0,
      };
      return;
    }
    case 'fwmark':
      into.service = {
        family: 'inet',
        protocol: null,
        address: null,
        port: 0,
        fwmark: wholeValue(occurrence, 1, 4294967295, 'the firewall mark'),
      };
      return;
    case 'ipv6':
      if (into.service.fwmark === 0) {
        throw new Refusal(occurrence.text, '-6 is only for a firewall-mark service and must come after -f');
      }
      into.service.family = 'inet6';
      return;
    case 'scheduler':
      into.scheduler = nameValue(occurrence, 15, 'the scheduler name', true);
      return;
    case 'persistent':
      into.persistent = true;
      into.timeout =
        occurrence.value === null
          ? DEFAULT_PERSISTENT_TIMEOUT
          : wholeValue(occurrence, 1, MAX_TIMEOUT, 'the persistence timeout in seconds');
      return;
    case 'netmask':
      into.netmaskFamilyThen = into.service.family;
      return;
    case 'ops':
      into.onePacket = true;
      return;
    case 'pe':
      into.pe = nameValue(occurrence, 15, 'the persistence engine name', true);
      return;
    case 'real-server': {
      const parsed = parseHostPort(value);
      if (typeof parsed === 'string') throw new Refusal(occurrence.text, parsed);
      const beforeService = !into.given.has('service-address');
      into.realServer = { family: parsed.family, address: parsed.address, port: parsed.port, beforeService };
      return;
    }
    case 'masquerading':
      into.forward = 'masq';
      return;
    case 'ipip':
      into.forward = 'tunnel';
      return;
    case 'gatewaying':
      into.forward = 'route';
      return;
    case 'weight':
      into.weight = wholeValue(occurrence, 0, MAX_WEIGHT, 'the weight');
      return;
    case 'u-threshold':
      into.upperThreshold = wholeValue(occurrence, 0, 2147483647, 'the upper threshold');
      return;
    case 'l-threshold':
      into.lowerThreshold = wholeValue(occurrence, 0, 2147483647, 'the lower threshold');
      return;
    case 'tun-type':
      if (value !== 'ipip' && value !== 'gue' && value !== 'gre') {
        throw new Refusal(occurrence.text, 'the tunnel type must be ipip, gue or gre');
      }
      into.tunnelType = value;
      return;
    case 'tun-port':
      into.tunnelPort = wholeValue(occurrence, 1, 65535, 'the tunnel port');
      return;
    case 'tun-csum':
      into.tunnelFlags.push('csum');
      return;
    case 'tun-remcsum':
      into.tunnelFlags.push('remcsum');
      return;
    default:
      applyListOrDaemonOption(into, occurrence);
  }
}

function applyListOrDaemonOption(into: Collected, occurrence: Occurrence): void {
  switch (occurrence.spec.id) {
    case 'mcast-interface':
      into.daemon.interface = nameValue(occurrence, 15, 'the interface name', false);
      return;
    case 'syncid':
      into.daemon.syncId = wholeValue(occurrence, 0, 255, 'the sync id');
      return;
    case 'sync-maxlen':
      into.daemon.syncMaxLen = wholeValue(occurrence, 1, 65535 - 20 - 8, 'the sync message length');
      return;
    case 'mcast-group':
      into.daemon.group = multicastGroupValue(occurrence);
      return;
    case 'mcast-port':
      into.daemon.port = wholeValue(occurrence, 1, 65535, 'the multicast port');
      return;
    case 'mcast-ttl':
      into.daemon.ttl = wholeValue(occurrence, 1, 255, 'the multicast TTL');
      return;
    case 'numeric':
      into.view.numeric = true;
      return;
    case 'connection':
      into.view.connections = true;
      return;
    case 'timeout':
      into.view.timeouts = true;
      return;
    case 'daemon':
      into.view.daemons = true;
      return;
    case 'stats':
      into.view.stats = true;
      return;
    case 'rate':
      into.view.rate = true;
      return;
    case 'thresholds':
      into.view.thresholds = true;
      return;
    case 'persistent-conn':
      into.view.persistentConns = true;
      return;
    case 'nosort':
      into.view.noSort = true;
      return;
    case 'exact':
      into.view.exact = true;
      return;
    case 'tun-info':
      into.view.tunnelInfo = true;
      return;
    default:
      return; // --sort, --tun-nocsum: nothing to record (nocsum is the zero flag)
  }
}
