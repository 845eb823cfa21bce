import ipaddr from 'ipaddr.js';
import { formatIpv6, parseIpv6Parts } from './address.js';
import { Refusal } from './errors.js';
import type { Occurrence } from './scan.js';

/** ipvsadm's MAX_TIMEOUT: 31 days, the most for -p and --set. */
export const MAX_TIMEOUT = 86400 * 31;

/**
 * What ipvsadm sends for -p without a value: IPVS_SVC_PERSISTENT_TIMEOUT, (6*60) in
 * libipvs.h. Its man page says 300, but the code (and so the kernel) gets 360.
 */
export const DEFAULT_PERSISTENT_TIMEOUT = 360;

export const DEFAULT_SCHEDULER = 'wlc';
export const DEFAULT_MCAST_INTERFACE = 'eth0';

/** A whole number as ipvsadm's string_to_number (strtol) takes it, or null. */
export function parseWhole(text: string, min: number, max: number): number | null {
  if (!/^[+-]?\d+$/.test(text)) return null;
  const number = Number(text);
  if (!Number.isSafeInteger(number) || number < min || number > max) return null;
  return number === 0 ? 0 : number; // "-0" is 0, not -0
}

/** The occurrence's value as a whole number in range, or a refusal saying what it must be. */
export function wholeValue(occurrence: Occurrence, min: number, max: number, what: string): number {
  const number = parseWhole(occurrence.value ?? '', min, max);
  if (number === null) {
    throw new Refusal(occurrence.text, `${what} must be a whole number from ${min} to ${max}`);
  }
  return number;
}

/**
 * A name ipvsadm copies into a fixed buffer: refused rather than cut short as ipvsadm does.
 * Kernel module names (schedulers, persistence engines) are letters, digits and "_".
 */
export function nameValue(occurrence: Occurrence, maxLength: number, what: string, moduleName: boolean): string {
  const name = occurrence.value ?? '';
  const allowed = moduleName ? /^\w+$/ : /^\S+$/;
  if (!allowed.test(name) || name.length > maxLength) {
    const characters = moduleName ? 'letters, digits or underscores' : 'characters';
    throw new Refusal(occurrence.text, `${what} must be 1 to ${maxLength} ${characters}`);
  }
  return name;
}

/** --mcast-group: an IPv4 (224.0.0.0/4) or IPv6 (ff00::/8) multicast address, normalised. */
export function multicastGroupValue(occurrence: Occurrence): string {
  const text = occurrence.value ?? '';
  if (text.includes(':')) {
    const parts = parseIpv6Parts(text);
    if (parts !== null && ((parts[0] ?? 0) & 0xff00) === 0xff00) return formatIpv6(parts);
  } else if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    const address = ipaddr.IPv4.parse(text);
    if (address.range() === 'multicast') return address.toString();
  }
  throw new Refusal(
    occurrence.text,
    'the multicast group must be an IPv4 multicast address (224.0.0.0/4) or an IPv6 one (ff00::/8)',
  );
}
