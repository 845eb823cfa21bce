// The IPVS generic-netlink family as the kernel defines it (include/uapi/linux/ip_vs.h).
// Names follow the header so a reader can grep one against the other.

export const IPVS_GENL_NAME = 'IPVS';
export const IPVS_GENL_VERSION = 1;

export const Cmd = {
  NEW_SERVICE: 1,
  SET_SERVICE: 2,
  DEL_SERVICE: 3,
  GET_SERVICE: 4,
  NEW_DEST: 5,
  SET_DEST: 6,
  DEL_DEST: 7,
  GET_DEST: 8,
  NEW_DAEMON: 9,
  DEL_DAEMON: 10,
  GET_DAEMON: 11,
  SET_CONFIG: 12,
  GET_CONFIG: 13,
  SET_INFO: 14,
  GET_INFO: 15,
  ZERO: 16,
  FLUSH: 17,
} as const;

export const CmdAttr = {
  SERVICE: 1,
  DEST: 2,
  DAEMON: 3,
  TIMEOUT_TCP: 4,
  TIMEOUT_TCP_FIN: 5,
  TIMEOUT_UDP: 6,
} as const;

export const SvcAttr = {
  AF: 1,
  PROTOCOL: 2,
  ADDR: 3,
  PORT: 4,
  FWMARK: 5,
  SCHED_NAME: 6,
  FLAGS: 7,
  TIMEOUT: 8,
  NETMASK: 9,
  STATS: 10,
  PE_NAME: 11,
  STATS64: 12,
} as const;

export const DestAttr = {
  ADDR: 1,
  PORT: 2,
  FWD_METHOD: 3,
  WEIGHT: 4,
  U_THRESH: 5,
  L_THRESH: 6,
  ACTIVE_CONNS: 7,
  INACT_CONNS: 8,
  PERSIST_CONNS: 9,
  STATS: 10,
  ADDR_FAMILY: 11,
  STATS64: 12,
  TUN_TYPE: 13,
  TUN_PORT: 14,
  TUN_FLAGS: 15,
} as const;

export const DaemonAttr = {
  STATE: 1,
  MCAST_IFN: 2,
  SYNC_ID: 3,
  SYNC_MAXLEN: 4,
  MCAST_GROUP: 5,
  MCAST_GROUP6: 6,
  MCAST_PORT: 7,
  MCAST_TTL: 8,
} as const;

export const StatsAttr = {
  CONNS: 1,
  INPKTS: 2,
  OUTPKTS: 3,
  INBYTES: 4,
  OUTBYTES: 5,
  CPS: 6,
  INPPS: 7,
  OUTPPS: 8,
  INBPS: 9,
  OUTBPS: 10,
  PAD: 11,
} as const;

export const InfoAttr = {
  VERSION: 1,
  CONN_TAB_SIZE: 2,
} as const;

export const SvcFlag = {
  PERSISTENT: 0x0001,
  HASHED: 0x0002,
  ONEPACKET: 0x0004,
  SCHED1: 0x0008,
  SCHED2: 0x0010,
  SCHED3: 0x0020,
} as const;

export const FwdMethod = {
  MASQ: 0,
  LOCALNODE: 1,
  TUNNEL: 2,
  DROUTE: 3,
  BYPASS: 4,
} as const;
export const FWD_MASK = 0x0007;

export const TunnelType = { IPIP: 0, GUE: 1, GRE: 2 } as const;
export const TunnelFlag = { CSUM: 1 << 0, REMCSUM: 1 << 1 } as const;

export const DaemonState = { NONE: 0, MASTER: 1, BACKUP: 2 } as const;

export const AF_INET = 2;
export const AF_INET6 = 10;

export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
export const IPPROTO_SCTP = 132;

export const SCHED_NAME_MAXLEN = 16;
export const PE_NAME_MAXLEN = 16;
export const IFNAME_MAXLEN = 16;

// Generic netlink controller, used once to resolve the family id of "IPVS".
export const GENL_ID_CTRL = 0x10;
export const CTRL_CMD_GETFAMILY = 3;
export const CTRL_ATTR_FAMILY_ID = 1;
export const CTRL_ATTR_FAMILY_NAME = 2;

// Netlink message header (linux/netlink.h).
export const NLMSG_HDRLEN = 16;
export const GENL_HDRLEN = 4;
export const NLA_HDRLEN = 4;
export const NLA_F_NESTED = 0x8000;
export const NLA_F_NET_BYTEORDER = 0x4000;
export const NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

export const NlmsgType = { NOOP: 1, ERROR: 2, DONE: 3, OVERRUN: 4 } as const;
export const NlmFlag = {
  REQUEST: 0x01,
  MULTI: 0x02,
  ACK: 0x04,
  ECHO: 0x08,
  DUMP_INTR: 0x10,
  ROOT: 0x100,
  MATCH: 0x200,
  DUMP: 0x300,
  CAPPED: 0x100, // in ERROR messages: the echoed request was cut to its header
  ACK_TLVS: 0x200, // in ERROR messages: extended-ack attributes follow
} as const;
export const NLMSGERR_ATTR_MSG = 1;
