// The IPVS codec: records (types.ts) to netlink attributes and back. Pure; the byte fixtures
// in test/fixtures/ipvs were captured from a real kernel and pin it down.

import ipaddr from 'ipaddr.js';
import {
  AF_INET,
  AF_INET6,
  CmdAttr,
  DaemonAttr,
  DestAttr,
  FWD_MASK,
  FwdMethod,
  InfoAttr,
  IPPROTO_SCTP,
  IPPROTO_TCP,
  IPPROTO_UDP,
  StatsAttr,
  SvcAttr,
  SvcFlag,
  TunnelFlag as TunnelFlagBit,
  TunnelType as TunnelTypeCode,
} from './constants.js';
import {
  AttributeWriter,
  parseAttributes,
  readBe16,
  readString,
  readU16,
  readU32,
  readU64,
  readU8,
  writeU32,
  type AttributeMap,
} from './attributes.js';
import type {
  AddressFamily,
  DaemonRole,
  Destination,
  DestinationConfig,
  DestinationKey,
  ForwardMethod,
  IpvsInfo,
  Protocol,
  Service,
  ServiceConfig,
  ServiceFlag,
  ServiceKey,
  Stats,
  SyncDaemon,
  Timeouts,
  TunnelFlag,
  TunnelType,
} from './types.js';

// ---- small tables -------------------------------------------------------------------------

const PROTOCOL_NUMBER: Record<Protocol, number> = { tcp: IPPROTO_TCP, udp: IPPROTO_UDP, sctp: IPPROTO_SCTP };
const PROTOCOL_NAME = new Map<number, Protocol>([
  [IPPROTO_TCP, 'tcp'],
  [IPPROTO_UDP, 'udp'],
  [IPPROTO_SCTP, 'sctp'],
]);
const FAMILY_NUMBER: Record<AddressFamily, number> = { inet: AF_INET, inet6: AF_INET6 };
const FORWARD_NUMBER: Record<ForwardMethod, number> = {
  masq: FwdMethod.MASQ,
  local: FwdMethod.LOCALNODE,
  tunnel: FwdMethod.TUNNEL,
  route: FwdMethod.DROUTE,
  bypass: FwdMethod.BYPASS,
};
const FORWARD_NAME = new Map<number, ForwardMethod>(
  Object.entries(FORWARD_NUMBER).map(([name, code]) => [code, name as ForwardMethod]),
);
const TUNNEL_NUMBER: Record<TunnelType, number> = {
  ipip: TunnelTypeCode.IPIP,
  gue: TunnelTypeCode.GUE,
  gre: TunnelTypeCode.GRE,
};
const TUNNEL_NAME = new Map<number, TunnelType>(
  Object.entries(TUNNEL_NUMBER).map(([name, code]) => [code, name as TunnelType]),
);

/** How the three scheduler flag bits are named for a scheduler, as ipvsadm names them. */
function schedulerFlagNames(scheduler: string): [ServiceFlag, ServiceFlag, ServiceFlag] {
  if (scheduler === 'sh') return ['sh-fallback', 'sh-port', 'flag-3'];
  if (scheduler === 'mh') return ['mh-fallback', 'mh-port', 'flag-3'];
  return ['flag-1', 'flag-2', 'flag-3'];
}

const FLAG_BIT: Record<ServiceFlag, number> = {
  persistent: SvcFlag.PERSISTENT,
  hashed: SvcFlag.HASHED,
  'one-packet': SvcFlag.ONEPACKET,
  'sh-fallback': SvcFlag.SCHED1,
  'mh-fallback': SvcFlag.SCHED1,
  'flag-1': SvcFlag.SCHED1,
  'sh-port': SvcFlag.SCHED2,
  'mh-port': SvcFlag.SCHED2,
  'flag-2': SvcFlag.SCHED2,
  'flag-3': SvcFlag.SCHED3,
};

export function serviceFlagsToBits(flags: readonly ServiceFlag[]): number {
  return flags.reduce((bits, flag) => bits | FLAG_BIT[flag], 0);
}

export function serviceFlagsFromBits(bits: number, scheduler: string): ServiceFlag[] {
  const [sched1, sched2, sched3] = schedulerFlagNames(scheduler);
  const flags: ServiceFlag[] = [];
  if (bits & SvcFlag.PERSISTENT) flags.push('persistent');
  if (bits & SvcFlag.HASHED) flags.push('hashed');
  if (bits & SvcFlag.ONEPACKET) flags.push('one-packet');
  if (bits & SvcFlag.SCHED1) flags.push(sched1);
  if (bits & SvcFlag.SCHED2) flags.push(sched2);
  if (bits & SvcFlag.SCHED3) flags.push(sched3);
  return flags;
}

// ---- addresses ----------------------------------------------------------------------------

/** IPVS carries every address in a 16-byte union nf_inet_addr; IPv4 uses the first 4 bytes. */
export function encodeAddress(address: string): Buffer {
  const bytes = Buffer.alloc(16);
  Buffer.from(ipaddr.parse(address).toByteArray()).copy(bytes);
  return bytes;
}

export function decodeAddress(bytes: Buffer, family: AddressFamily): string {
  if (family === 'inet') return ipaddr.fromByteArray([...bytes.subarray(0, 4)]).toString();
  return ipaddr.fromByteArray([...bytes.subarray(0, 16)]).toString();
}

function familyName(code: number): AddressFamily {
  if (code === AF_INET) return 'inet';
  if (code === AF_INET6) return 'inet6';
  throw new RangeError(`unknown address family ${code}`);
}

// ---- services -----------------------------------------------------------------------------

function writeServiceKey(writer: AttributeWriter, key: ServiceKey): void {
  writer.u16(SvcAttr.AF, FAMILY_NUMBER[key.family]);
  if (key.fwmark !== null) {
    writer.u32(SvcAttr.FWMARK, key.fwmark);
    return;
  }
  writer.u16(SvcAttr.PROTOCOL, PROTOCOL_NUMBER[key.protocol ?? 'tcp']);
  writer.raw(SvcAttr.ADDR, encodeAddress(key.address ?? '0.0.0.0'));
  writer.be16(SvcAttr.PORT, key.port ?? 0);
}

/** IPv4 persistence masks are raw network-order bytes; IPv6 ones a prefix length (host order). */
function encodeNetmask(family: AddressFamily, netmask: string | number | undefined): Buffer {
  if (family === 'inet6') return hostU32(typeof netmask === 'number' ? netmask : 128);
  const mask = typeof netmask === 'string' ? netmask : '255.255.255.255';
  return Buffer.from(ipaddr.IPv4.parse(mask).toByteArray());
}

function hostU32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  writeU32(buffer, value, 0);
  return buffer;
}

function decodeNetmask(family: AddressFamily, bytes: Buffer): string | number {
  if (family === 'inet6') return readU32(bytes);
  return ipaddr.fromByteArray([...bytes.subarray(0, 4)]).toString();
}

/** The nested service attribute that names a service (for lookups, deletes, dest commands). */
export function encodeServiceKey(key: ServiceKey): Buffer {
  return new AttributeWriter().nested(CmdAttr.SERVICE, (writer) => writeServiceKey(writer, key)).toBuffer();
}

/** The nested service attribute with everything NEW_SERVICE / SET_SERVICE need. */
export function encodeService(config: ServiceConfig): Buffer {
  return new AttributeWriter()
    .nested(CmdAttr.SERVICE, (writer) => {
      writeServiceKey(writer, config);
      writer.string(SvcAttr.SCHED_NAME, config.scheduler);
      if (config.pe !== null) writer.string(SvcAttr.PE_NAME, config.pe);
      // The kernel owns "hashed"; persistence is a flag too, set from the persistence field.
      let bits = serviceFlagsToBits(config.flags.filter((flag) => flag !== 'hashed' && flag !== 'persistent'));
      if (config.persistence !== null) bits |= SvcFlag.PERSISTENT;
      const flags = Buffer.alloc(8);
      flags.set(hostU32(bits), 0);
      flags.set(hostU32(0xffffffff), 4); // mask: every flag is given
      writer.raw(SvcAttr.FLAGS, flags);
      writer.u32(SvcAttr.TIMEOUT, config.persistence?.timeout ?? 0);
      writer.raw(SvcAttr.NETMASK, encodeNetmask(config.family, config.persistence?.netmask));
    })
    .toBuffer();
}

export function decodeStats(attributes: AttributeMap): Stats {
  const wide = attributes.get(SvcAttr.STATS64); // same number for DestAttr.STATS64
  const nested = wide ?? attributes.get(SvcAttr.STATS);
  const stats = nested ? parseAttributes(nested) : new Map<number, Buffer>();
  // STATS64 carries every value as u64; the old STATS only the byte counters.
  const read = (type: number): number => {
    const value = stats.get(type);
    if (!value) return 0;
    return value.length >= 8 ? readU64(value) : readU32(value);
  };
  return {
    conns: read(StatsAttr.CONNS),
    inPackets: read(StatsAttr.INPKTS),
    outPackets: read(StatsAttr.OUTPKTS),
    inBytes: read(StatsAttr.INBYTES),
    outBytes: read(StatsAttr.OUTBYTES),
    cps: read(StatsAttr.CPS),
    inPps: read(StatsAttr.INPPS),
    outPps: read(StatsAttr.OUTPPS),
    inBps: read(StatsAttr.INBPS),
    outBps: read(StatsAttr.OUTBPS),
  };
}

function required(attributes: AttributeMap, type: number, what: string): Buffer {
  const value = attributes.get(type);
  if (!value) throw new RangeError(`the kernel's ${what} is missing attribute ${type}`);
  return value;
}

/** Decodes the attributes inside IPVS_CMD_ATTR_SERVICE. */
export function decodeService(nested: Buffer): Service {
  const attributes = parseAttributes(nested);
  const family = familyName(readU16(required(attributes, SvcAttr.AF, 'service')));
  const fwmarkValue = attributes.get(SvcAttr.FWMARK);
  const fwmark = fwmarkValue ? readU32(fwmarkValue) : 0;
  const scheduler = readString(required(attributes, SvcAttr.SCHED_NAME, 'service'));
  const flagBits = readU32(required(attributes, SvcAttr.FLAGS, 'service'));
  const peValue = attributes.get(SvcAttr.PE_NAME);
  const pe = peValue ? readString(peValue) || null : null;
  const timeout = readU32(required(attributes, SvcAttr.TIMEOUT, 'service'));
  const netmask = decodeNetmask(family, required(attributes, SvcAttr.NETMASK, 'service'));
  const key: ServiceKey =
    fwmark !== 0
      ? { family, protocol: null, address: null, port: null, fwmark }
      : {
          family,
          protocol: PROTOCOL_NAME.get(readU16(required(attributes, SvcAttr.PROTOCOL, 'service'))) ?? 'tcp',
          address: decodeAddress(required(attributes, SvcAttr.ADDR, 'service'), family),
          port: readBe16(required(attributes, SvcAttr.PORT, 'service')),
          fwmark: null,
        };
  return {
    ...key,
    scheduler,
    flags: serviceFlagsFromBits(flagBits, scheduler),
    persistence: flagBits & SvcFlag.PERSISTENT ? { timeout, netmask } : null,
    pe,
    stats: decodeStats(attributes),
  };
}

// ---- destinations -------------------------------------------------------------------------

function writeDestinationKey(writer: AttributeWriter, key: DestinationKey): void {
  writer.raw(DestAttr.ADDR, encodeAddress(key.address));
  writer.be16(DestAttr.PORT, key.port);
  writer.u16(DestAttr.ADDR_FAMILY, FAMILY_NUMBER[key.family]);
}

/** Service key plus the nested destination key (DEL_DEST). */
export function encodeDestinationKey(service: ServiceKey, key: DestinationKey): Buffer {
  return Buffer.concat([
    encodeServiceKey(service),
    new AttributeWriter().nested(CmdAttr.DEST, (writer) => writeDestinationKey(writer, key)).toBuffer(),
  ]);
}

/** Service key plus the full nested destination (NEW_DEST / SET_DEST). */
export function encodeDestination(service: ServiceKey, config: DestinationConfig): Buffer {
  return Buffer.concat([
    encodeServiceKey(service),
    new AttributeWriter()
      .nested(CmdAttr.DEST, (writer) => {
        writeDestinationKey(writer, config);
        writer.u32(DestAttr.FWD_METHOD, FORWARD_NUMBER[config.forward]);
        writer.u32(DestAttr.WEIGHT, config.weight);
        writer.u32(DestAttr.U_THRESH, config.upperThreshold);
        writer.u32(DestAttr.L_THRESH, config.lowerThreshold);
        if (config.forward === 'tunnel') {
          const tunnel = config.tunnel ?? { type: 'ipip', port: 0, flags: [] };
          writer.u8(DestAttr.TUN_TYPE, TUNNEL_NUMBER[tunnel.type]);
          writer.be16(DestAttr.TUN_PORT, tunnel.port);
          writer.u16(DestAttr.TUN_FLAGS, tunnelFlagsToBits(tunnel.flags));
        }
      })
      .toBuffer(),
  ]);
}

function tunnelFlagsToBits(flags: readonly TunnelFlag[]): number {
  return flags.reduce((bits, flag) => bits | (flag === 'csum' ? TunnelFlagBit.CSUM : TunnelFlagBit.REMCSUM), 0);
}

function tunnelFlagsFromBits(bits: number): TunnelFlag[] {
  const flags: TunnelFlag[] = [];
  if (bits & TunnelFlagBit.CSUM) flags.push('csum');
  if (bits & TunnelFlagBit.REMCSUM) flags.push('remcsum');
  return flags;
}

/** Decodes the attributes inside IPVS_CMD_ATTR_DEST. Old kernels omit the family: the service's. */
export function decodeDestination(nested: Buffer, serviceFamily: AddressFamily): Destination {
  const attributes = parseAttributes(nested);
  const familyValue = attributes.get(DestAttr.ADDR_FAMILY);
  const family = familyValue ? familyName(readU16(familyValue)) : serviceFamily;
  const forward = FORWARD_NAME.get(readU32(required(attributes, DestAttr.FWD_METHOD, 'real server')) & FWD_MASK) ?? 'masq';
  const u32 = (type: number): number => {
    const value = attributes.get(type);
    return value ? readU32(value) : 0;
  };
  const tunnelType = attributes.get(DestAttr.TUN_TYPE);
  const tunnelPort = attributes.get(DestAttr.TUN_PORT);
  const tunnelFlags = attributes.get(DestAttr.TUN_FLAGS);
  return {
    family,
    address: decodeAddress(required(attributes, DestAttr.ADDR, 'real server'), family),
    port: readBe16(required(attributes, DestAttr.PORT, 'real server')),
    forward,
    weight: u32(DestAttr.WEIGHT),
    upperThreshold: u32(DestAttr.U_THRESH),
    lowerThreshold: u32(DestAttr.L_THRESH),
    activeConns: u32(DestAttr.ACTIVE_CONNS),
    inactiveConns: u32(DestAttr.INACT_CONNS),
    persistentConns: u32(DestAttr.PERSIST_CONNS),
    tunnel:
      forward === 'tunnel'
        ? {
            type: TUNNEL_NAME.get(tunnelType ? readU8(tunnelType) : 0) ?? 'ipip',
            port: tunnelPort ? readBe16(tunnelPort) : 0,
            flags: tunnelFlags ? tunnelFlagsFromBits(readU16(tunnelFlags)) : [],
          }
        : null,
    stats: decodeStats(attributes),
  };
}

// ---- info, timeouts, daemons --------------------------------------------------------------

export function decodeInfo(attributes: AttributeMap): IpvsInfo {
  const version = readU32(required(attributes, InfoAttr.VERSION, 'info'));
  return {
    version: `${(version >> 16) & 0xff}.${(version >> 8) & 0xff}.${version & 0xff}`,
    connTableSize: readU32(required(attributes, InfoAttr.CONN_TAB_SIZE, 'info')),
  };
}

export function decodeTimeouts(attributes: AttributeMap): Timeouts {
  const read = (type: number): number => {
    const value = attributes.get(type);
    return value ? readU32(value) : 0;
  };
  return {
    tcp: read(CmdAttr.TIMEOUT_TCP),
    tcpFin: read(CmdAttr.TIMEOUT_TCP_FIN),
    udp: read(CmdAttr.TIMEOUT_UDP),
  };
}

/** Only the non-zero timeouts are sent: the kernel leaves the others as they are. */
export function encodeTimeouts(timeouts: Timeouts): Buffer {
  const writer = new AttributeWriter();
  if (timeouts.tcp) writer.u32(CmdAttr.TIMEOUT_TCP, timeouts.tcp);
  if (timeouts.tcpFin) writer.u32(CmdAttr.TIMEOUT_TCP_FIN, timeouts.tcpFin);
  if (timeouts.udp) writer.u32(CmdAttr.TIMEOUT_UDP, timeouts.udp);
  return writer.toBuffer();
}

const ROLE_STATE: Record<DaemonRole, number> = { master: 1, backup: 2 };

export function decodeDaemon(nested: Buffer): SyncDaemon {
  const attributes = parseAttributes(nested);
  const state = readU32(required(attributes, DaemonAttr.STATE, 'sync daemon'));
  const maxLen = attributes.get(DaemonAttr.SYNC_MAXLEN);
  const group4 = attributes.get(DaemonAttr.MCAST_GROUP);
  const group6 = attributes.get(DaemonAttr.MCAST_GROUP6);
  const port = attributes.get(DaemonAttr.MCAST_PORT);
  const ttl = attributes.get(DaemonAttr.MCAST_TTL);
  let group: string | null = null;
  if (group6 && group6.some((byte) => byte !== 0)) group = decodeAddress(group6, 'inet6');
  else if (group4 && group4.some((byte) => byte !== 0)) group = decodeAddress(group4, 'inet');
  return {
    role: state === ROLE_STATE.backup ? 'backup' : 'master',
    interface: readString(required(attributes, DaemonAttr.MCAST_IFN, 'sync daemon')),
    syncId: readU32(required(attributes, DaemonAttr.SYNC_ID, 'sync daemon')),
    syncMaxLen: maxLen ? readU16(maxLen) : null,
    group,
    port: port ? readBe16(port) : null,
    ttl: ttl ? readU8(ttl) : null,
  };
}

export function encodeDaemon(daemon: SyncDaemon): Buffer {
  return new AttributeWriter()
    .nested(CmdAttr.DAEMON, (writer) => {
      writer.u32(DaemonAttr.STATE, ROLE_STATE[daemon.role]);
      writer.string(DaemonAttr.MCAST_IFN, daemon.interface);
      writer.u32(DaemonAttr.SYNC_ID, daemon.syncId);
      if (daemon.syncMaxLen !== null) writer.u16(DaemonAttr.SYNC_MAXLEN, daemon.syncMaxLen);
      if (daemon.group !== null) {
        if (daemon.group.includes(':')) writer.raw(DaemonAttr.MCAST_GROUP6, encodeAddress(daemon.group));
        else writer.raw(DaemonAttr.MCAST_GROUP, Buffer.from(ipaddr.IPv4.parse(daemon.group).toByteArray()));
      }
      if (daemon.port !== null) writer.be16(DaemonAttr.MCAST_PORT, daemon.port);
      if (daemon.ttl !== null) writer.u8(DaemonAttr.MCAST_TTL, daemon.ttl);
    })
    .toBuffer();
}

export function encodeDaemonStop(role: DaemonRole): Buffer {
  return new AttributeWriter()
    .nested(CmdAttr.DAEMON, (writer) => writer.u32(DaemonAttr.STATE, ROLE_STATE[role]))
    .toBuffer();
}
