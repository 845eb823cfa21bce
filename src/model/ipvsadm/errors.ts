import { IpvsError } from '../../ipvs/errors.js';

/**
 * Bad ipvsadm syntax, as one sentence naming the line (when known), the words and why:
 * `line 3: "-w abc": weight must be a whole number from 0 to 2147483647.`
 * It is an IpvsError of kind "invalid", so it shows like any other refusal.
 */
export class IpvsadmSyntaxError extends IpvsError {
  constructor(
    /** Why, without the line and words. */
    readonly reason: string,
    /** The words refused, as typed (or as printed for cross-line problems); null if none. */
    readonly words: string | null,
    readonly line: number | null,
  ) {
    super('invalid', syntaxMessage(reason, words, line), 'EINVAL');
  }
}

function syntaxMessage(reason: string, words: string | null, line: number | null): string {
  const where = line === null ? '' : `line ${line}: `;
  const what = words === null ? '' : `"${words}": `;
  return `${where}${what}${reason}.`;
}

/** Thrown inside the parser, which does not know the line; the entry points add it. */
export class Refusal extends Error {
  constructor(
    readonly words: string | null,
    readonly reason: string,
  ) {
    super(reason);
  }
}

export function withLine(refusal: Refusal, line: number | null): IpvsadmSyntaxError {
  return new IpvsadmSyntaxError(refusal.reason, refusal.words, line);
}
