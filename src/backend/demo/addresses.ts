// Address helpers of the simulator: the canonical text the kernel would report, the 32-bit
// fold its hashing schedulers use, persistence masks, and made-up client addresses.

import ipaddr from 'ipaddr.js';
import type { AddressFamily } from '../../ipvs/types.js';

/** The text a netlink read would give back: "2001:db8::1", never "2001:DB8:0::1". */
export function canonicalAddress(address: string): string {
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv6' ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString();
}

export function addressBytes(address: string): number[] {
  return ipaddr.parse(address).toByteArray();
}

/** The address as the kernel's hashing schedulers fold it: IPv4 as is, IPv6 as the XOR of its words. */
export function foldAddress(bytes: readonly number[]): number {
  let fold = 0;
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    fold ^= ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0;
  }
  return fold >>> 0;
}

/** The kernel's hash_32: multiply by the golden ratio and keep the top bits. */
export function hash32(value: number, bits: number): number {
  return Math.imul(value >>> 0, 0x61c88647) >>> (32 - bits);
}

/** A well-mixed 32-bit hash of a string (FNV-1a plus a final avalanche). */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * The client address with the persistence netmask applied: clients that share the result share
 * a persistence template. IPv4 takes a dotted mask, IPv6 a prefix length.
 */
export function maskAddress(bytes: readonly number[], netmask: string | number): string {
  const masked = [...bytes];
  if (typeof netmask === 'string') {
    const mask = ipaddr.IPv4.parse(netmask).toByteArray();
    for (let i = 0; i < masked.length; i++) masked[i] = masked[i]! & (mask[i] ?? 255);
  } else {
    for (let i = 0; i < masked.length; i++) {
      const keep = Math.max(0, Math.min(8, netmask - i * 8));
      masked[i] = masked[i]! & ((0xff << (8 - keep)) & 0xff);
    }
  }
  return canonicalAddress(ipaddr.fromByteArray(masked).toString());
}

/**
 * Client number `index` of a pool: spread over 198.18.0.0/15 (the range set aside for
 * benchmarks) or 2001:db8:c000::/40, so demo traffic never looks like anyone's real network.
 */
export function clientAddress(family: AddressFamily, index: number): string {
  const spread = Math.imul(index + 1, 0x9e3779b1) >>> 0;
  if (family === 'inet') {
    const host = spread & 0x1ffff;
    return `198.${18 + (host >>> 16)}.${(host >>> 8) & 0xff}.${host & 0xff}`;
  }
  const word = (n: number): string => (n & 0xffff).toString(16);
  return canonicalAddress(`2001:db8:c0${((spread >>> 24) & 0xff).toString(16).padStart(2, '0')}:${word(spread >>> 8)}::${word(index + 1)}`);
}

/** How the kernel shows a firewall-mark template's virtual address: the mark as an address. */
export function fwmarkAddress(family: AddressFamily, fwmark: number): string {
  const text = `${fwmark >>> 24}.${(fwmark >>> 16) & 0xff}.${(fwmark >>> 8) & 0xff}.${fwmark & 0xff}`;
  if (family === 'inet') return text;
  return canonicalAddress(`::${(fwmark >>> 16).toString(16)}:${(fwmark & 0xffff).toString(16)}`);
}
