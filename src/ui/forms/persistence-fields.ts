// What goes with persistence (-p) in the service form: the netmask clients share a server
// under (-M: a dotted mask for IPv4, a prefix length for IPv6) and the persistence engine
// (--pe). Both are shown only for a persistent service.

import ipaddr from 'ipaddr.js';
import { PE_NAME_MAXLEN } from '../../ipvs/constants.js';
import type { AddressFamily } from '../../ipvs/types.js';
import { parseHostPort } from '../../model/ipvsadm/address.js';
import { wholeNumber } from './field-errors.js';
import type { FieldSpec, FieldValues } from './form-model.js';

/** Also taken when typed; the field draws an empty value as it. */
const NONE = 'none';
/** None, or the engines the kernel ships (ip_vs_pe_sip); others may be typed. */
const ENGINES = ['', 'sip'];

/** The family the service will have, as far as the values tell (IPv4 until an IPv6 address is seen). */
export function familyOfValues(values: FieldValues): AddressFamily {
  if (values.protocol === 'fwmark') return values.family === 'IPv6' ? 'inet6' : 'inet';
  const text = (values.address ?? '').trim();
  const parsed = parseHostPort(text);
  if (typeof parsed !== 'string') return parsed.family;
  return text.includes(':') && !/^\d{1,3}(\.\d{1,3}){3}:/.test(text) ? 'inet6' : 'inet';
}

export const defaultNetmask = (family: AddressFamily): string | number => (family === 'inet6' ? 128 : '255.255.255.255');

const persistent = (values: FieldValues) => (values.persistent ?? '').trim() !== '';

/** The engine is shown with persistence; one already set stays in view so it is not dropped unseen. */
export const engineShown = (values: FieldValues, keepEngine: boolean) => persistent(values) || keepEngine;

function netmaskHint(values: FieldValues): string {
  if (familyOfValues(values) === 'inet6') return 'prefix length clients share a server under, 1 to 128, e.g. 64; empty: 128';
  return 'clients under this mask share a server, e.g. 255.255.255.0 or 24; empty: 255.255.255.255';
}

export function persistenceFields(keepEngine: boolean): FieldSpec[] {
  return [
    { id: 'netmask', label: 'Persistence mask (-M)', shown: persistent, hint: netmaskHint },
    {
      id: 'pe',
      label: 'Persist engine (--pe)',
      choices: ENGINES,
      emptyText: NONE,
      shown: (values) => engineShown(values, keepEngine),
      hint: '←→: none, or sip (persist by SIP Call-ID); the kernel needs ip_vs_pe_<name>',
    },
  ];
}

/** The netmask typed, or the reason it is refused; empty gives the family's default (all ones). */
export function netmaskOf(values: FieldValues, family: AddressFamily): string | number | { error: string } {
  const text = (values.netmask ?? '').trim().replace(/^\//, '');
  if (text === '') return defaultNetmask(family);
  if (family === 'inet6') {
    const prefix = wholeNumber(text, 1, 128, 'an IPv6 persistence mask');
    return typeof prefix === 'string' ? { error: `${prefix} (a prefix length)` } : prefix;
  }
  if (/^\d{1,2}$/.test(text) && Number(text) <= 32) return ipaddr.IPv4.subnetMaskFromPrefixLength(Number(text)).toString();
  if (!ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { error: `the persistence mask "${text}" is neither a dotted mask such as 255.255.255.0 nor a prefix length 0 to 32` };
  }
  const mask = ipaddr.IPv4.parse(text);
  if (mask.prefixLengthFromSubnetMask() === null) return { error: `the persistence mask ${mask.toString()} has a gap; a mask is ones then zeros, e.g. 255.255.255.0` };
  return mask.toString();
}

/** The starting text of the mask: empty when it is the default. */
export function netmaskText(netmask: string | number | undefined, family: AddressFamily): string {
  return netmask === undefined || netmask === defaultNetmask(family) ? '' : String(netmask);
}

/** The engine typed (null for none), or the reason it is refused. */
export function engineOf(values: FieldValues): string | null | { error: string } {
  const text = (values.pe ?? '').trim();
  if (text === '' || text === NONE) return null;
  if (!/^\w+$/.test(text) || text.length >= PE_NAME_MAXLEN) {
    return { error: `the persistence engine "${text}" is not a module name (letters, digits, _; at most ${PE_NAME_MAXLEN - 1})` };
  }
  if (!persistent(values)) return { error: 'a persistence engine works only for a persistent service: give Persistence (-p) a timeout, or choose none' };
  return text;
}

export function engineText(pe: string | null | undefined): string {
  return pe ?? '';
}
