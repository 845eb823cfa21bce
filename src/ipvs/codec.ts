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
  AttributeCursor,
  AttributeWriter,
  copyAttributes,
  parseAttributes,
  readStringAt,
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
  const dotted = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const octets = dotted ? dotted.slice(1).map(Number) : [];
  if (octets.length === 4 && octets.every((octet) => octet <= 255)) {
    bytes.set(octets);
  } else {
    bytes.set(ipaddr.parse(address).toByteArray());
  }
  return bytes;
}

export function decodeAddress(bytes: Buffer, family: AddressFamily): string {
  return formatAddressAt(bytes, 0, family);
}

const HEX = Array.from({ length: 0x10000 }, (_, value) => value.toString(16));

/**
 * The address at `offset` in the canonical text form (RFC 5952 for IPv6: lower case, leading
 * zeros dropped, the longest run of two or more zero groups as "::"), without allocating views.
 * It matches ipaddr.js, which parses and prints addresses everywhere else in lvstop.
 */
export function formatAddressAt(buffer: Buffer, offset: number, family: AddressFamily): string {
  if (family === 'inet') {
    return `${buffer[offset]}.${buffer[offset + 1]}.${buffer[offset + 2]}.${buffer[offset + 3]}`;
  }
  const groups: number[] = [];
  for (let i = 0; i < 8; i += 1) groups.push(buffer.readUInt16BE(offset + 2 * i));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const text = (from: number, to: number) => groups.slice(from, to).map((group) => HEX[group]).join(':');
  if (bestStart === -1) return text(0, 8);
  return `${text(0, bestStart)}::${text(bestStart + bestLength, 8)}`;
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

/** What names a service: the family, then a firewall mark or protocol, address and port. */
const SERVICE_KEY_ATTRIBUTES: ReadonlySet<number> = new Set([SvcAttr.AF, SvcAttr.FWMARK, SvcAttr.PROTOCOL, SvcAttr.ADDR, SvcAttr.PORT]);

/**
 * The nested service attribute naming a service the kernel just dumped, copied from the dump:
 * one per server dump on every poll, so no address is parsed and re-encoded. Its bytes also
 * identify the service (the kernel writes a key the same way every time).
 */
export function serviceKeyOfDumped(nested: Buffer, start = 0, end = nested.length): Buffer {
  return copyAttributes(nested, SERVICE_KEY_ATTRIBUTES, CmdAttr.SERVICE, start, end);
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

/** Counters from a nested STATS64 (every value u64) or STATS (bytes u64, the rest u32). */
export function decodeStatsAt(buffer: Buffer, start: number, end: number): Stats {
  const stats: Stats = { conns: 0, inPackets: 0, outPackets: 0, inBytes: 0, outBytes: 0, cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 };
  for (const at = new AttributeCursor(buffer, start, end); at.next(); ) {
    const value = at.end - at.start >= 8 ? readU64(buffer, at.start) : readU32(buffer, at.start);
    switch (at.type) {
      case StatsAttr.CONNS: stats.conns = value; break;
      case StatsAttr.INPKTS: stats.inPackets = value; break;
      case StatsAttr.OUTPKTS: stats.outPackets = value; break;
      case StatsAttr.INBYTES: stats.inBytes = value; break;
      case StatsAttr.OUTBYTES: stats.outBytes = value; break;
      case StatsAttr.CPS: stats.cps = value; break;
      case StatsAttr.INPPS: stats.inPps = value; break;
      case StatsAttr.OUTPPS: stats.outPps = value; break;
      case StatsAttr.INBPS: stats.inBps = value; break;
      case StatsAttr.OUTBPS: stats.outBps = value; break;
    }
  }
  return stats;
}

const NO_STATS = (): Stats => decodeStatsAt(Buffer.alloc(0), 0, 0);

/** Where the stats of a service or server are: STATS64 preferred, STATS on old kernels. */
class StatsSpan {
  start = -1;
  end = -1;
  wide = false;
  note(start: number, end: number, wide: boolean): void {
    if (this.wide && !wide) return;
    this.start = start;
    this.end = end;
    this.wide = wide;
  }
  decode(buffer: Buffer): Stats {
    return this.start === -1 ? NO_STATS() : decodeStatsAt(buffer, this.start, this.end);
  }
}

function missing(what: string, name: string): RangeError {
  return new RangeError(`the kernel's ${what} is missing its ${name}`);
}

function required(attributes: AttributeMap, type: number, what: string): Buffer {
  const value = attributes.get(type);
  if (!value) throw new RangeError(`the kernel's ${what} is missing attribute ${type}`);
  return value;
}

/** Decodes the attributes inside IPVS_CMD_ATTR_SERVICE. */
export function decodeService(nested: Buffer): Service {
  return decodeServiceAt(nested, 0, nested.length);
}

/** Decodes the attributes of a service at [start, end) of `buffer`, in place. */
export function decodeServiceAt(buffer: Buffer, start: number, end: number): Service {
  let af = -1;
  let protocol = 0;
  let addressAt = -1;
  let port = 0;
  let fwmark = 0;
  let scheduler: string | null = null;
  let flagBits = -1;
  let pe: string | null = null;
  let timeout = 0;
  let netmaskAt = -1;
  const stats = new StatsSpan();
  for (const at = new AttributeCursor(buffer, start, end); at.next(); ) {
    switch (at.type) {
      case SvcAttr.AF: af = readU16(buffer, at.start); break;
      case SvcAttr.PROTOCOL: protocol = readU16(buffer, at.start); break;
      case SvcAttr.ADDR: addressAt = at.start; break;
      case SvcAttr.PORT: port = readBe16(buffer, at.start); break;
      case SvcAttr.FWMARK: fwmark = readU32(buffer, at.start); break;
      case SvcAttr.SCHED_NAME: scheduler = readStringAt(buffer, at.start, at.end); break;
      case SvcAttr.FLAGS: flagBits = readU32(buffer, at.start); break;
      case SvcAttr.PE_NAME: pe = readStringAt(buffer, at.start, at.end) || null; break;
      case SvcAttr.TIMEOUT: timeout = readU32(buffer, at.start); break;
      case SvcAttr.NETMASK: netmaskAt = at.start; break;
      case SvcAttr.STATS: stats.note(at.start, at.end, false); break;
      case SvcAttr.STATS64: stats.note(at.start, at.end, true); break;
    }
  }
  if (af === -1) throw missing('service', 'address family');
  if (scheduler === null) throw missing('service', 'scheduler');
  if (flagBits === -1) throw missing('service', 'flags');
  if (netmaskAt === -1) throw missing('service', 'netmask');
  const family = familyName(af);
  if (fwmark === 0 && addressAt === -1) throw missing('service', 'address');
  const netmask = family === 'inet6' ? readU32(buffer, netmaskAt) : formatAddressAt(buffer, netmaskAt, 'inet');
  // One object literal, every field in one order: a service made by spreading its key took
  // five times as long as a real server to decode.
  return {
    family,
    protocol: fwmark !== 0 ? null : (PROTOCOL_NAME.get(protocol) ?? 'tcp'),
    address: fwmark !== 0 ? null : formatAddressAt(buffer, addressAt, family),
    port: fwmark !== 0 ? null : port,
    fwmark: fwmark !== 0 ? fwmark : null,
    scheduler,
    flags: serviceFlagsFromBits(flagBits, scheduler),
    persistence: flagBits & SvcFlag.PERSISTENT ? { timeout, netmask } : null,
    pe,
    stats: stats.decode(buffer),
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
  return decodeDestinationAt(nested, 0, nested.length, serviceFamily);
}

/** Decodes the attributes of a real server at [start, end) of `buffer`, in place. */
export function decodeDestinationAt(buffer: Buffer, start: number, end: number, serviceFamily: AddressFamily): Destination {
  let af = -1;
  let addressAt = -1;
  let port = -1;
  let forwardCode = -1;
  let weight = 0;
  let upperThreshold = 0;
  let lowerThreshold = 0;
  let activeConns = 0;
  let inactiveConns = 0;
  let persistentConns = 0;
  let tunnelType = 0;
  let tunnelPort = 0;
  let tunnelFlags = 0;
  const stats = new StatsSpan();
  for (const at = new AttributeCursor(buffer, start, end); at.next(); ) {
    switch (at.type) {
      case DestAttr.ADDR_FAMILY: af = readU16(buffer, at.start); break;
      case DestAttr.ADDR: addressAt = at.start; break;
      case DestAttr.PORT: port = readBe16(buffer, at.start); break;
      case DestAttr.FWD_METHOD: forwardCode = readU32(buffer, at.start) & FWD_MASK; break;
      case DestAttr.WEIGHT: weight = readU32(buffer, at.start); break;
      case DestAttr.U_THRESH: upperThreshold = readU32(buffer, at.start); break;
      case DestAttr.L_THRESH: lowerThreshold = readU32(buffer, at.start); break;
      case DestAttr.ACTIVE_CONNS: activeConns = readU32(buffer, at.start); break;
      case DestAttr.INACT_CONNS: inactiveConns = readU32(buffer, at.start); break;
      case DestAttr.PERSIST_CONNS: persistentConns = readU32(buffer, at.start); break;
      case DestAttr.TUN_TYPE: tunnelType = readU8(buffer, at.start); break;
      case DestAttr.TUN_PORT: tunnelPort = readBe16(buffer, at.start); break;
      case DestAttr.TUN_FLAGS: tunnelFlags = readU16(buffer, at.start); break;
      case DestAttr.STATS: stats.note(at.start, at.end, false); break;
      case DestAttr.STATS64: stats.note(at.start, at.end, true); break;
    }
  }
  if (addressAt === -1) throw missing('real server', 'address');
  if (port === -1) throw missing('real server', 'port');
  if (forwardCode === -1) throw missing('real server', 'forwarding method');
  const family = af === -1 ? serviceFamily : familyName(af);
  const forward = FORWARD_NAME.get(forwardCode) ?? 'masq';
  return {
    family,
    address: formatAddressAt(buffer, addressAt, family),
    port,
    forward,
    weight,
    upperThreshold,
    lowerThreshold,
    activeConns,
    inactiveConns,
    persistentConns,
    tunnel:
      forward === 'tunnel'
        ? { type: TUNNEL_NAME.get(tunnelType) ?? 'ipip', port: tunnelPort, flags: tunnelFlagsFromBits(tunnelFlags) }
        : null,
    stats: stats.decode(buffer),
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
