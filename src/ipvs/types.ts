// The records lvstop speaks in. They mirror the `snapshot --json` schema of PRODUCT.md, so a
// snapshot serialises as it is; the codec turns them into netlink attributes and back.

export type AddressFamily = 'inet' | 'inet6';
export type Protocol = 'tcp' | 'udp' | 'sctp';
export type ForwardMethod = 'masq' | 'local' | 'tunnel' | 'route' | 'bypass';
export type TunnelType = 'ipip' | 'gue' | 'gre';
export type TunnelFlag = 'csum' | 'remcsum';

/**
 * Service flags by name. The scheduler flags are named as ipvsadm names them: sh-fallback
 * and sh-port for sh, mh-fallback and mh-port for mh, flag-1..3 for any other scheduler.
 */
export const SERVICE_FLAGS = [
  'persistent',
  'hashed',
  'one-packet',
  'sh-fallback',
  'sh-port',
  'mh-fallback',
  'mh-port',
  'flag-1',
  'flag-2',
  'flag-3',
] as const;
export type ServiceFlag = (typeof SERVICE_FLAGS)[number];

/** Identifies a virtual service: protocol + address + port, or a firewall mark. */
export interface ServiceKey {
  family: AddressFamily;
  protocol: Protocol | null;
  address: string | null;
  port: number | null;
  fwmark: number | null;
}

export interface Persistence {
  timeout: number;
  /** A dotted mask for IPv4, a prefix length for IPv6. */
  netmask: string | number;
}

/** Counters (64-bit in the kernel) and the kernel's own rate estimates. */
export interface Stats {
  conns: number;
  inPackets: number;
  outPackets: number;
  inBytes: number;
  outBytes: number;
  cps: number;
  inPps: number;
  outPps: number;
  inBps: number;
  outBps: number;
}

/** What is needed to create or change a service. */
export interface ServiceConfig extends ServiceKey {
  scheduler: string;
  /** Flags set by the operator; `hashed` is the kernel's and is ignored when writing. */
  flags: ServiceFlag[];
  persistence: Persistence | null;
  /** Persistence engine, e.g. "sip"; null for none. */
  pe: string | null;
}

export interface Service extends ServiceConfig {
  stats: Stats;
}

export interface DestinationKey {
  family: AddressFamily;
  address: string;
  port: number;
}

export interface Tunnel {
  type: TunnelType;
  port: number;
  flags: TunnelFlag[];
}

/** What is needed to create or change a real server. */
export interface DestinationConfig extends DestinationKey {
  forward: ForwardMethod;
  weight: number;
  upperThreshold: number;
  lowerThreshold: number;
  /** Only for forward = tunnel; null means ipip with no options. */
  tunnel: Tunnel | null;
}

export interface Destination extends DestinationConfig {
  activeConns: number;
  inactiveConns: number;
  persistentConns: number;
  stats: Stats;
}

export interface ServiceWithDestinations extends Service {
  destinations: Destination[];
}

export interface IpvsInfo {
  /** Dotted, e.g. "1.2.1". */
  version: string;
  connTableSize: number;
}

export interface Snapshot {
  ipvs: IpvsInfo;
  services: ServiceWithDestinations[];
}

/** Connection timeouts in seconds; 0 in a write leaves that timeout unchanged. */
export interface Timeouts {
  tcp: number;
  tcpFin: number;
  udp: number;
}

export type DaemonRole = 'master' | 'backup';

export interface SyncDaemon {
  role: DaemonRole;
  interface: string;
  syncId: number;
  /** Optional tuning; null when the kernel did not report it or it is left to the default. */
  syncMaxLen: number | null;
  group: string | null;
  port: number | null;
  ttl: number | null;
}
