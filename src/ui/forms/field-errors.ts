// Turns a refusal from src/ipvs/validate.ts ("Invalid weight: 5x is not a whole number...")
// into a reason beside the form field it is about.

import { isIpvsError } from '../../ipvs/errors.js';

/**
 * Runs `validate`; if it refuses, returns { [formField]: reason } using `fields` to map the
 * validator's field name (e.g. "real server port") to a form field id. Unmapped names go to
 * `fallback`.
 */
export function fieldErrorOf(validate: () => void, fields: Readonly<Record<string, string>>, fallback: string): Record<string, string> {
  try {
    validate();
    return {};
  } catch (error) {
    if (!isIpvsError(error)) throw error;
    const match = /^Invalid (.+?): (.*?)\.?$/.exec(error.message);
    if (match === null) return { [fallback]: error.message };
    const [, name = '', reason = ''] = match;
    const field = fields[name] ?? Object.entries(fields).find(([prefix]) => name.startsWith(prefix))?.[1] ?? fallback;
    return { [field]: reason };
  }
}

/** A whole number from min to max, or the reason it is not. */
export function wholeNumber(text: string, min: number, max: number, what: string): number | string {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < min || Number(trimmed) > max) {
    return trimmed === '' ? `${what} is missing` : `${what} must be a whole number from ${min} to ${max}`;
  }
  return Number(trimmed);
}
