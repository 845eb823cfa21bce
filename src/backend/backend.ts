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

/** One entry of the kernel's connection table (/proc/net/ip_vs_conn, `ipvsadm -Lnc`). */
export interface Connection {
  protocol: 'tcp' | 'udp' | 'sctp' | 'ip';
  client: { address: string; port: number };
  virtual: { address: string; port: number };
  destination: { address: string; port: number };
  state: string;
  /** Seconds until the entry expires. */
  expires: number;
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
  connections(): Promise<Connection[]>;

  close(): Promise<void>;
}
