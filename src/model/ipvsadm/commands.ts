import type {
  DaemonRole,
  DestinationConfig,
  DestinationKey,
  ServiceConfig,
  ServiceKey,
  SyncDaemon,
  Timeouts,
} from '../../ipvs/types.js';

// An ipvsadm command line as data. Configs are fully defaulted exactly as ipvsadm would send
// them to the kernel: an edit (-E, -e) replaces every field, so an omitted -s is "wlc", an
// omitted -w is 1 and an omitted forwarding method is -g, as with ipvsadm itself.

/** What `ipvsadm -L` was asked to show; lvstop only needs to recognise the command. */
export interface ListView {
  numeric: boolean;
  connections: boolean;
  timeouts: boolean;
  daemons: boolean;
  stats: boolean;
  rate: boolean;
  thresholds: boolean;
  persistentConns: boolean;
  exact: boolean;
  noSort: boolean;
  tunnelInfo: boolean;
}

export type IpvsadmCommand =
  | { kind: 'add-service'; service: ServiceConfig }
  | { kind: 'edit-service'; service: ServiceConfig }
  | { kind: 'delete-service'; service: ServiceKey }
  | { kind: 'add-destination'; service: ServiceKey; destination: DestinationConfig }
  | { kind: 'edit-destination'; service: ServiceKey; destination: DestinationConfig }
  | { kind: 'delete-destination'; service: ServiceKey; destination: DestinationKey }
  | { kind: 'clear' }
  /** service null: every service (also what ipvsadm sends for -Z -t 0.0.0.0:0). */
  | { kind: 'zero'; service: ServiceKey | null }
  | { kind: 'set-timeouts'; timeouts: Timeouts }
  | { kind: 'start-daemon'; daemon: SyncDaemon }
  | { kind: 'stop-daemon'; role: DaemonRole }
  | { kind: 'list'; service: ServiceKey | null; view: ListView }
  | { kind: 'save'; numeric: boolean };

export type IpvsadmCommandKind = IpvsadmCommand['kind'];

/**
 * Options by the names ipvsadm gives them in its messages (optnames[] in ipvsadm.c), plus
 * "ipv6" for -6. -t, -u, --sctp-service and -f are all "service-address"; -g, -i and -m are
 * all "forwarding-method".
 */
export type IpvsadmOption =
  | 'numeric'
  | 'connection'
  | 'service-address'
  | 'scheduler'
  | 'persistent'
  | 'netmask'
  | 'real-server'
  | 'forwarding-method'
  | 'weight'
  | 'u-threshold'
  | 'l-threshold'
  | 'mcast-interface'
  | 'timeout'
  | 'daemon'
  | 'stats'
  | 'rate'
  | 'thresholds'
  | 'persistent-conn'
  | 'nosort'
  | 'syncid'
  | 'exact'
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
  | 'tun-remcsum'
  | 'ipv6';

export interface ParsedCommand {
  command: IpvsadmCommand;
  /** The options actually given, so a form can tell "weight not given" from "weight 1". */
  given: ReadonlySet<IpvsadmOption>;
  /** 1-based line of a rules file, or null for a single command line. */
  line: number | null;
}
