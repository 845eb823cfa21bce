// A connection query checked once, before any entry is read: a bad one fails naming the field,
// with nothing read. Both backends then match entries in their own terms (the kernel against
// the raw text of /proc/net/ip_vs_conn, the simulator against its store), so the addresses
// come with their bytes as well as their text.

import ipaddr from 'ipaddr.js';
import { errors } from '../ipvs/errors.js';
import type { AddressFamily } from '../ipvs/types.js';
import { checkWhole, familyOf } from '../ipvs/validate.js';
import type { Connection, ConnectionQuery, Endpoint } from './backend.js';

const PROTOCOLS: ReadonlySet<string> = new Set<Connection['protocol']>(['tcp', 'udp', 'sctp', 'ip']);

export interface CheckedEndpoint extends Endpoint {
  family: AddressFamily;
  /** 4 bytes for IPv4, 16 for IPv6. */
  bytes: readonly number[];
}

export interface CheckedConnectionQuery {
  virtual: ({ protocol: Connection['protocol'] } & CheckedEndpoint) | null;
  /** Null: any real server. */
  destinations: readonly CheckedEndpoint[] | null;
  /** Infinity when the query sets none. */
  limit: number;
}

function checkEndpoint(field: string, endpoint: Endpoint): CheckedEndpoint {
  const address = endpoint?.address;
  const family = typeof address === 'string' ? familyOf(address) : null;
  if (family === null) throw errors.invalid(`${field} address`, `"${String(address)}" is not a numeric IPv4 or IPv6 address`);
  checkWhole(`${field} port`, endpoint.port, 0, 65535);
  return { family, address, port: endpoint.port, bytes: ipaddr.parse(address).toByteArray() };
}

export function checkConnectionQuery(query: ConnectionQuery = {}): CheckedConnectionQuery {
  let virtual: CheckedConnectionQuery['virtual'] = null;
  if (query.virtual !== undefined) {
    const { protocol } = query.virtual;
    if (!PROTOCOLS.has(protocol)) throw errors.invalid('connection filter protocol', `"${String(protocol)}" is not tcp, udp, sctp or ip`);
    virtual = { protocol, ...checkEndpoint('connection filter', query.virtual) };
  }
  let destinations: CheckedEndpoint[] | null = null;
  if (query.destinations !== undefined) {
    if (!Array.isArray(query.destinations)) throw errors.invalid('connection filter servers', 'they are not a list');
    destinations = query.destinations.map((destination) => checkEndpoint('connection filter server', destination));
  }
  const limit = query.limit ?? Infinity;
  if (limit !== Infinity && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw errors.invalid('connection limit', `${limit} is not a whole number of rows, 0 or more`);
  }
  return { virtual, destinations, limit };
}
