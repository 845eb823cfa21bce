// Stable string ids for services and real servers. They are React keys and map keys, so they
// depend only on what identifies the object to the kernel, never on its position in a list.

import type { DestinationKey, ServiceKey } from '../ipvs/types.js';

// Ids are joined, not concatenated: V8 keeps a `${a}|${b}` string as a tree of its pieces
// (about 220 B for a server id) and a joined one flat (about 60 B), and lvstop keeps one id
// per service and server, 30,000 in a large table.

/** "tcp|10.0.0.1|80", "udp|2001:db8::1|53", "fwm|inet6|5". */
export function serviceId(key: ServiceKey): string {
  if (key.fwmark !== null) return ['fwm', key.family, key.fwmark].join('|');
  return [key.protocol ?? 'tcp', key.address ?? '', key.port ?? 0].join('|');
}

/** "tcp|10.0.0.1|80>10.0.0.2|80": the service id, '>', then the server's `serverKey`. */
export function serverId(ofService: string, key: DestinationKey): string {
  return [ofService, serverKey(key)].join('>');
}

/** "10.0.0.2|80": a server within its service. */
export function serverKey(key: DestinationKey): string {
  return [key.address, key.port].join('|');
}

// '>' appears in no address, protocol or number, so it splits a server id unambiguously.
const SERVER_SEPARATOR = '>';

export function isServerId(id: string): boolean {
  return id.includes(SERVER_SEPARATOR);
}

/** The service a server id belongs to; a service id is returned as it is. */
export function serviceIdOf(id: string): string {
  const at = id.indexOf(SERVER_SEPARATOR);
  return at === -1 ? id : id.slice(0, at);
}
