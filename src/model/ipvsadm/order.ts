// The order `ipvsadm -L` and `-S` print in (unless --nosort): libipvs's ipvs_cmp_services and
// ipvs_cmp_dests, copied exactly, including their C arithmetic: addresses and marks are
// subtracted as unsigned 32-bit values and the difference read as a signed int, so 10.0.0.1
// sorts after 200.0.0.1 (0x0a000001 - 0xc8000001 wraps to a positive int).

import ipaddr from 'ipaddr.js';
import type { AddressFamily, DestinationKey, Protocol, ServiceKey } from '../../ipvs/types.js';

const AF: Record<AddressFamily, number> = { inet: 2, inet6: 10 };
const PROTOCOL: Record<Protocol, number> = { tcp: 6, udp: 17, sctp: 132 };

/** a - b on uint32 values, as C returns it into an int. */
const wrappedDifference = (a: number, b: number): number => (a - b) | 0;

function words(address: string | null, family: AddressFamily): number[] {
  if (address === null) return family === 'inet6' ? [0, 0, 0, 0] : [0];
  const bytes = ipaddr.parse(address).toByteArray();
  const result: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    result.push((((bytes[i] ?? 0) << 24) | ((bytes[i + 1] ?? 0) << 16) | ((bytes[i + 2] ?? 0) << 8) | (bytes[i + 3] ?? 0)) >>> 0);
  }
  return result;
}

function compareAddresses(a: string | null, b: string | null, family: AddressFamily): number {
  const left = words(a, family);
  const right = words(b, family);
  let r = 0;
  for (let i = 0; r === 0 && i < left.length; i += 1) r = wrappedDifference(left[i] ?? 0, right[i] ?? 0);
  return r;
}

export function compareServicesLikeIpvsadm(a: ServiceKey, b: ServiceKey): number {
  let r = wrappedDifference(a.fwmark ?? 0, b.fwmark ?? 0);
  if (r !== 0) return r;
  r = AF[a.family] - AF[b.family];
  if (r !== 0) return r;
  r = (a.protocol ? PROTOCOL[a.protocol] : 0) - (b.protocol ? PROTOCOL[b.protocol] : 0);
  if (r !== 0) return r;
  r = compareAddresses(a.address, b.address, a.family);
  if (r !== 0) return r;
  return (a.port ?? 0) - (b.port ?? 0);
}

export function compareDestinationsLikeIpvsadm(a: DestinationKey, b: DestinationKey): number {
  const r = compareAddresses(a.address, b.address, a.family);
  return r !== 0 ? r : a.port - b.port;
}

/** Services and their servers in ipvsadm's listing order (new arrays; the input is kept). */
export function sortLikeIpvsadm<S extends ServiceKey & { destinations: readonly D[] }, D extends DestinationKey>(services: readonly S[]): S[] {
  return [...services]
    .sort(compareServicesLikeIpvsadm)
    .map((service) => ({ ...service, destinations: [...service.destinations].sort(compareDestinationsLikeIpvsadm) }));
}
