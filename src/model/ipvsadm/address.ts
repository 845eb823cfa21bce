import ipaddr from 'ipaddr.js';
import type { AddressFamily } from '../../ipvs/types.js';

// Addresses as ipvsadm reads them (parse_service) and prints them with -n
// (addrport_to_anyname: inet_ntop, IPv6 in brackets). Names are never resolved: an operator's
// change must not depend on DNS, so host and service names are refused.

export interface IpAddress {
  family: AddressFamily;
  /** Normalised as inet_ntop prints it, so it compares and prints like ipvsadm's. */
  address: string;
}

export interface HostPort extends IpAddress {
  /** null when no port was written. */
  port: number | null;
}

/** An IPv4 address in dotted form or an IPv6 address, normalised; null for anything else. */
export function parseIpAddress(text: string): IpAddress | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { family: 'inet', address: ipaddr.IPv4.parse(text).toString() };
  }
  const parts = parseIpv6Parts(text);
  return parts === null ? null : { family: 'inet6', address: formatIpv6(parts) };
}

/**
 * The eight 16-bit groups of an IPv6 address as inet_pton reads it ("::" once, a dotted IPv4
 * tail allowed, no "%zone"), or null. Not ipaddr.js: it reads "::10.0.0.1" as "::ffff:10.0.0.1".
 */
export function parseIpv6Parts(text: string): number[] | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (half: string): number[] | null => {
    if (half === '') return [];
    const groups: number[] = [];
    const words = half.split(':');
    for (const [index, word] of words.entries()) {
      if (/^[0-9A-Fa-f]{1,4}$/.test(word)) {
        groups.push(parseInt(word, 16));
      } else if (index === words.length - 1 && half === halves.at(-1) && ipaddr.IPv4.isValidFourPartDecimal(word)) {
        const [a, b, c, d] = ipaddr.IPv4.parse(word).octets as [number, number, number, number];
        groups.push((a << 8) | b, (c << 8) | d);
      } else {
        return null;
      }
    }
    return groups;
  };
  const head = groupsOf(halves[0] ?? '');
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing < 1 ? null : [...head, ...Array<number>(missing).fill(0), ...tail];
}

/** The address normalised if it parses, else as it is (for printing what the kernel gave). */
export function normaliseAddress(text: string): string {
  return parseIpAddress(text)?.address ?? text;
}

/**
 * host[:port] as ipvsadm's parse_service reads it: "10.0.0.1:80", "10.0.0.1", "[2001:db8::1]:80",
 * or a bare IPv6 address without a port. Returns a reason instead when it is none of these.
 */
export function parseHostPort(text: string): HostPort | string {
  if (text === '' || /^\d*$/.test(text)) {
    return 'expected an address such as 10.0.0.1:80 or [2001:db8::1]:80';
  }
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1 || text[close + 1] !== ':') {
      return 'an IPv6 address in brackets must be followed by a port, e.g. [2001:db8::1]:80';
    }
    const inner = text.slice(1, close);
    const address = parseIpAddress(inner);
    if (address?.family !== 'inet6') return `"${inner}" is not an IPv6 address`;
    return withPort(address, text.slice(close + 2));
  }
  const bareIpv6 = parseIpAddress(text);
  if (bareIpv6?.family === 'inet6') return { ...bareIpv6, port: null };

  const colon = text.lastIndexOf(':');
  const host = colon === -1 ? text : text.slice(0, colon);
  const address = parseIpAddress(host);
  if (address === null) return notAnAddress(host);
  return colon === -1 ? { ...address, port: null } : withPort(address, text.slice(colon + 1));
}

function withPort(address: IpAddress, portText: string): HostPort | string {
  if (/^\d+$/.test(portText)) {
    const port = Number(portText);
    if (port <= 65535) return { ...address, port };
  }
  if (/^[A-Za-z][\w.+-]*$/.test(portText)) {
    return `"${portText}" is a service name; lvstop does not look up names, use a port number from 0 to 65535`;
  }
  return 'the port must be a whole number from 0 to 65535';
}

function notAnAddress(host: string): string {
  if (/^[A-Za-z0-9.-]+$/.test(host) && /[A-Za-z]/.test(host)) {
    return `"${host}" is a host name; lvstop does not resolve names, use a numeric address`;
  }
  return `"${host}" is not an IP address; use a dotted IPv4 address or an IPv6 address`;
}

/** "10.0.0.1:80", "[2001:db8::1]:80": how ipvsadm -n prints an address and port. */
export function formatHostPort(family: AddressFamily, address: string, port: number): string {
  const normalised = normaliseAddress(address);
  return family === 'inet6' ? `[${normalised}]:${port}` : `${normalised}:${port}`;
}

/**
 * IPv6 as glibc's inet_ntop prints it: the longest run of two or more zero groups (the first
 * if tied) becomes "::", and IPv4-mapped or -compatible addresses end in dotted IPv4.
 */
export function formatIpv6(parts: readonly number[]): string {
  const groups = Array.from({ length: 8 }, (_, index) => parts[index] ?? 0);
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  if (bestLength < 2) bestStart = -1;

  const embedsIpv4 = bestStart === 0 && (bestLength === 6 || (bestLength === 5 && groups[5] === 0xffff));
  let text = '';
  for (let index = 0; index < 8; index += 1) {
    if (bestStart !== -1 && index >= bestStart && index < bestStart + bestLength) {
      if (index === bestStart) text += ':';
      continue;
    }
    if (index !== 0) text += ':';
    if (index === 6 && embedsIpv4) {
      const high = groups[6] as number;
      const low = groups[7] as number;
      text += `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
      return text;
    }
    text += (groups[index] as number).toString(16);
  }
  if (bestStart !== -1 && bestStart + bestLength === 8) text += ':';
  return text;
}
