import type { DestinationKey, ServiceKey } from './types.js';

/** A service as an operator reads it: "TCP 10.0.0.1:80", "UDP [2001:db8::1]:53", "FWM 5". */
export function describeService(key: ServiceKey): string {
  if (key.fwmark !== null) {
    return key.family === 'inet6' ? `FWM ${key.fwmark} (IPv6)` : `FWM ${key.fwmark}`;
  }
  const protocol = (key.protocol ?? 'tcp').toUpperCase();
  return `${protocol} ${hostPort(key.address ?? '?', key.port ?? 0)}`;
}

/** A real server as an operator reads it: "10.0.0.2:80", "[2001:db8::2]:80". */
export function describeDestination(key: DestinationKey): string {
  return hostPort(key.address, key.port);
}

export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
