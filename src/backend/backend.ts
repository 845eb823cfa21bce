import type {
  DaemonRole,
  Destination,
  DestinationConfig,
  DestinationKey,
  IpvsInfo,
  Service,
  ServiceConfig,
  ServiceKey,
  Snapshot,
  SyncDaemon,
  Timeouts,
} from '../ipvs/types.js';

/** An address and port as the connection table shows them. */
export interface Endpoint {
  address: string;
  port: number;
}

/** One entry of the kernel's connection table (/proc/net/ip_vs_conn, `ipvsadm -Lnc`). */
export interface Connection {
  protocol: 'tcp' | 'udp' | 'sctp' | 'ip';
  client: Endpoint;
  virtual: Endpoint;
  destination: Endpoint;
  state: string;
  /** Seconds until the entry expires. */
  expires: number;
}

/**
 * Which entries of the connection table a read wants, and how many of them it returns. Every
 * condition given must hold; with none, every entry matches.
 */
export interface ConnectionQuery {
  /** Entries of one virtual service: its protocol, address and port. */
  virtual?: { protocol: Connection['protocol'] } & Endpoint;
  /**
   * Entries to one of these real servers: a firewall-mark service's (its entries name no
   * service of their own), or the one server selected. A server of port 0 takes any port (the
   * kernel forwards to the port the client asked for). Empty: no entry matches.
   */
  destinations?: readonly Endpoint[];
  /** Rows returned at most: the first that match, in table order. Absent: every match. */
  limit?: number;
}

/** What a read of the connection table found. */
export interface ConnectionReading {
  /** The entries that matched, in table order, at most the query's limit of them. */
  rows: Connection[];
  /** Entries that matched, also those past the limit. */
  matched: number;
  /** Entries in the whole table. */
  total: number;
}

export interface SnapshotOptions {
  /**
   * Read real servers only for the services this returns true for; the others come back with
   * empty `destinations` (the caller merges its older reading). Lets the poller rotate through
   * large tables.
   */
  readDestinationsOf?: (service: ServiceKey) => boolean;
}

/**
 * Reading and changing IPVS. The kernel (netlink) and the simulator (--demo) implement it, and
 * everything above (store, actions, UI, subcommands) speaks only to this. Every method rejects
 * with an IpvsError carrying one plain sentence.
 */
export interface Backend {
  readonly kind: 'kernel' | 'demo';

  info(): Promise<IpvsInfo>;
  /** New objects on every call: the caller owns them and may change them (the poller does). */
  snapshot(options?: SnapshotOptions): Promise<Snapshot>;
  services(): Promise<Service[]>;
  service(key: ServiceKey): Promise<Service>;
  destinations(service: ServiceKey): Promise<Destination[]>;

  addService(config: ServiceConfig): Promise<void>;
  editService(config: ServiceConfig): Promise<void>;
  deleteService(key: ServiceKey): Promise<void>;

  addDestination(service: ServiceKey, config: DestinationConfig): Promise<void>;
  editDestination(service: ServiceKey, config: DestinationConfig): Promise<void>;
  deleteDestination(service: ServiceKey, key: DestinationKey): Promise<void>;

  /** Zero the counters of one service, or of all when no service is given. */
  zero(service?: ServiceKey): Promise<void>;
  /** Delete every service. */
  flush(): Promise<void>;

  timeouts(): Promise<Timeouts>;
  setTimeouts(timeouts: Timeouts): Promise<void>;

  daemons(): Promise<SyncDaemon[]>;
  startDaemon(daemon: SyncDaemon): Promise<void>;
  stopDaemon(role: DaemonRole): Promise<void>;

  /** Scheduler names this IPVS can use (for forms; the kernel is the final judge). */
  schedulers(): Promise<string[]>;
  /**
   * The connection table, or the part of it the query asks for. A big table holds millions of
   * entries: a filtered, limited read builds objects only for the rows it returns.
   */
  connections(query?: ConnectionQuery): Promise<ConnectionReading>;

  close(): Promise<void>;
}
