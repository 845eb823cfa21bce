import { Refusal } from './errors.js';
import { OPTION_SPECS, type OptionSpec } from './options.js';

// Turns words into options the way popt does for ipvsadm: "-Ln" bundles short options,
// "-t10.0.0.1:80" and "--weight=5" carry their value inline, a required value is the next
// word whatever it looks like ("-w -1" is weight "-1"), an optional one (-p) is the next word
// unless it starts with "-". Words that are no option's value are left over, as popt does.

export interface Occurrence {
  spec: OptionSpec;
  /** The option as typed, e.g. "-w" or "--weight". */
  flag: string;
  value: string | null;
  /** The words as typed, for messages: "-w 5", "-w5", "--weight=5", "-Ln". */
  text: string;
}

export interface Scanned {
  occurrences: Occurrence[];
  leftovers: string[];
}

const BY_LONG = new Map(OPTION_SPECS.map((spec) => [spec.long, spec]));
const BY_SHORT = new Map(
  OPTION_SPECS.flatMap((spec) => (spec.short === null ? [] : [[spec.short, spec] as const])),
);

export function scanWords(words: readonly string[]): Scanned {
  const occurrences: Occurrence[] = [];
  const leftovers: string[] = [];
  let next = 0;
  let optionsEnded = false;

  /** The value of an option whose value is not inline, taking the next word if it may. */
  const takeValue = (spec: OptionSpec, flag: string): { value: string | null; text: string } => {
    const following = words[next];
    if (spec.arg === 'optional' && (following === undefined || following.startsWith('-'))) {
      return { value: null, text: flag };
    }
    if (following === undefined) throw new Refusal(flag, `${flag} needs a value`);
    next += 1;
    return { value: following, text: `${flag} ${following}` };
  };

  while (next < words.length) {
    const word = words[next] as string;
    next += 1;
    if (optionsEnded || word === '-' || !word.startsWith('-')) {
      leftovers.push(word);
    } else if (word === '--') {
      optionsEnded = true;
    } else if (word.startsWith('--')) {
      occurrences.push(scanLong(word, takeValue));
    } else {
      occurrences.push(...scanShortBundle(word, takeValue));
    }
  }
  return { occurrences, leftovers };
}

type TakeValue = (spec: OptionSpec, flag: string) => { value: string | null; text: string };

function scanLong(word: string, takeValue: TakeValue): Occurrence {
  const equals = word.indexOf('=');
  const flag = equals === -1 ? word : word.slice(0, equals);
  const spec = BY_LONG.get(flag.slice(2));
  if (spec === undefined) throw new Refusal(word, `ipvsadm has no option ${flag}`);
  if (equals !== -1) {
    if (spec.arg === 'none') throw new Refusal(word, `${flag} takes no value`);
    return { spec, flag, value: word.slice(equals + 1), text: word };
  }
  if (spec.arg === 'none') return { spec, flag, value: null, text: word };
  return { spec, flag, ...takeValue(spec, flag) };
}

function scanShortBundle(word: string, takeValue: TakeValue): Occurrence[] {
  const found: Occurrence[] = [];
  for (let index = 1; index < word.length; index += 1) {
    const letter = word[index] as string;
    const flag = `-${letter}`;
    const spec = BY_SHORT.get(letter);
    if (spec === undefined) throw new Refusal(word, `ipvsadm has no option ${flag}`);
    if (spec.arg === 'none') {
      found.push({ spec, flag, value: null, text: word.length === 2 ? word : flag });
      continue;
    }
    const rest = word.slice(index + 1);
    if (rest !== '') {
      found.push({ spec, flag, value: rest, text: `${flag}${rest}` });
    } else {
      found.push({ spec, flag, ...takeValue(spec, flag) });
    }
    break;
  }
  return found;
}
