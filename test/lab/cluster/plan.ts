// The lab cluster's names and addresses, in one place. Everything lives inside the guest:
// the director is the guest's root network namespace (where IPVS runs), the client and the
// real servers are network namespaces on one bridge, and nothing outside is ever addressed.
//
//   client 10.77.0.2/24 ─┐
//                        ├─ bridge (director: 10.77.0.1/24, 10.77.1.1/24 and the three VIPs)
//   rs1..rs3 10.77.1.11-13/24 ─┘
//
// The client and the real servers are on different subnets, so NAT replies go back through
// the director (the real servers' default gateway); DR and TUN replies leave from the VIP
// and go straight to the client over the bridge (a source rule on the real servers).

import type { ForwardMethod } from '../../../src/ipvs/types.js';

export const BRIDGE = 'lvsbr0';

export const DIRECTOR = { clientSide: '10.77.0.1', serverSide: '10.77.1.1' } as const;

export const CLIENT = { namespace: 'lvs-client', address: '10.77.0.2', prefix: 24, network: '10.77.0.0/24' } as const;

export interface RealServerPlan {
  /** What the server answers with, so the client can tell who served a request. */
  name: string;
  namespace: string;
  address: string;
}

export const REAL_SERVERS: readonly RealServerPlan[] = [
  { name: 'rs1', namespace: 'lvs-rs1', address: '10.77.1.11' },
  { name: 'rs2', namespace: 'lvs-rs2', address: '10.77.1.12' },
  { name: 'rs3', namespace: 'lvs-rs3', address: '10.77.1.13' },
];
export const SERVER_PREFIX = 24;

/** One VIP per forwarding method, all on the director, so the three scenarios never mix. */
export const VIPS = {
  masq: '10.77.0.80',
  route: '10.77.0.90',
  tunnel: '10.77.0.70',
} as const satisfies Partial<Record<ForwardMethod, string>>;

export type LabMethod = keyof typeof VIPS;

/**
 * The ports every real server listens on. Each test takes a port of its own: the kernel keeps
 * a deleted real server (with its counters) while old connections still name it, and gives
 * it back when the same VIP:port adds it again, which would mix one test's counters into the
 * next. DR and TUN cannot change the port, so the real servers listen on all of them.
 */
export const PORTS = { first: 8001, count: 40 } as const;

/** The routing table the real servers answer from when the source is a DR or TUN VIP. */
export const DIRECT_REPLY_TABLE = 90;
