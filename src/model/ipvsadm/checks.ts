import type { IpvsadmOption } from './commands.js';
import type { Collected } from './collect.js';
import { Refusal } from './errors.js';
import { schedFlagBits, schedFlagsProblem } from './flags.js';
import { CHECKED_OPTIONS, COMMAND_OPTIONS, type CommandName } from './options.js';
import { DEFAULT_SCHEDULER } from './values.js';

// The checks ipvsadm makes once every option is read: scheduler flags against the scheduler
// (parse_sched_flags), options against the command (generic_opt_check), tunnel options against
// the tunnel type (tunnel_opt_check).

/** The -b flags as bits 0..2, checked against the scheduler (wlc when -s is not given). */
export function schedFlagsOf(collected: Collected): number {
  const occurrence = collected.given.get('sched-flags');
  if (occurrence === undefined) return 0;
  const names = (occurrence.value ?? '').split(',').filter((name) => name !== '');
  if (names.length === 0) throw new Refusal(occurrence.text, 'no scheduler flag given');
  const problem = schedFlagsProblem(names, collected.scheduler ?? DEFAULT_SCHEDULER);
  if (problem !== null) throw new Refusal(occurrence.text, problem);
  return schedFlagBits(names);
}

const COMMAND_NAMES_SHOWN: Partial<Record<CommandName, string>> = { flush: 'clear', set: 'set timeouts' };

function commandLabel(collected: Collected): string {
  const name = COMMAND_NAMES_SHOWN[collected.command] ?? collected.command;
  return collected.commandFlag.startsWith('--') ? collected.commandFlag : `${collected.commandFlag} (${name})`;
}

function optionLabel(flag: string, slot: IpvsadmOption): string {
  return flag.startsWith('--') ? flag : `${flag} (${slot})`;
}

const NEEDED: Partial<Record<IpvsadmOption, string>> = {
  'service-address': 'a service: -t, -u, --sctp-service or -f',
  'real-server': 'a real server (-r)',
};

/** generic_opt_check: every option allowed by the command, compulsory ones given, one of '1'. */
export function checkOptionsAgainstCommand(collected: Collected): void {
  if (collected.command === 'help' || collected.command === 'version') return;
  const row = COMMAND_OPTIONS[collected.command];
  let exclusive: { flag: string } | null = null;
  CHECKED_OPTIONS.forEach((slot, column) => {
    const rule = row[column];
    const occurrence = collected.given.get(slot);
    if (occurrence === undefined) {
      if (rule === '+') {
        throw new Refusal(collected.commandFlag, `${commandLabel(collected)} needs ${NEEDED[slot] ?? slot}`);
      }
      return;
    }
    if (rule === 'x') {
      throw new Refusal(
        occurrence.text,
        `${optionLabel(occurrence.flag, slot)} cannot be used with ${commandLabel(collected)}`,
      );
    }
    if (rule === '1') {
      if (exclusive !== null) {
        throw new Refusal(
          occurrence.text,
          `${occurrence.flag} conflicts with ${exclusive.flag}; ${commandLabel(collected)} takes only one of them`,
        );
      }
      exclusive = occurrence;
    }
  });
}

/** ipvsadm's own list conflicts (process_options, CMD_LIST). */
export function checkListOptions(collected: Collected): void {
  const given = (slot: IpvsadmOption) => collected.given.get(slot);
  const what = given('connection') ?? given('timeout') ?? given('daemon');
  const shown = given('stats') ?? given('rate') ?? given('thresholds');
  if (what !== undefined && shown !== undefined) {
    throw new Refusal(shown.text, `${shown.flag} cannot be combined with ${what.flag} when listing`);
  }
  const config = given('timeout') ?? given('daemon');
  const persistent = given('persistent-conn');
  if (config !== undefined && persistent !== undefined) {
    throw new Refusal(persistent.text, `${persistent.flag} cannot be combined with ${config.flag} when listing`);
  }
}

type TunnelRule = 'x' | '+' | '1';
const TUNNEL_OPTIONS: readonly IpvsadmOption[] = ['tun-port', 'tun-nocsum', 'tun-csum', 'tun-remcsum'];
const TUNNEL_RULES: Readonly<Record<'ipip' | 'gue' | 'gre', readonly TunnelRule[]>> = {
  ipip: ['x', 'x', 'x', 'x'],
  gue: ['+', '1', '1', '1'],
  gre: ['x', '1', '1', 'x'],
};

/** Tunnel options only with -i, and only those the tunnel type takes (tunnel_opt_check). */
export function checkTunnelOptions(collected: Collected): void {
  const tunnelOptions = (['tun-type', ...TUNNEL_OPTIONS] as const)
    .map((slot) => collected.given.get(slot))
    .filter((occurrence) => occurrence !== undefined);
  const firstTunnelOption = tunnelOptions[0];
  if (firstTunnelOption !== undefined && collected.forward !== 'tunnel') {
    throw new Refusal(firstTunnelOption.text, `${firstTunnelOption.flag} needs the tunnelling forwarding method (-i)`);
  }
  const type = collected.tunnelType;
  let exclusive: string | null = null;
  TUNNEL_OPTIONS.forEach((slot, column) => {
    const rule = TUNNEL_RULES[type][column];
    const occurrence = collected.given.get(slot);
    if (occurrence === undefined) {
      if (rule === '+') throw new Refusal(collected.given.get('tun-type')?.text ?? '-i', `${article(type)} ${type} tunnel needs --${slot}`);
      return;
    }
    if (rule === 'x') throw new Refusal(occurrence.text, `--${slot} does not apply to ${article(type)} ${type} tunnel`);
    if (rule === '1') {
      if (exclusive !== null) {
        throw new Refusal(occurrence.text, `--${slot} conflicts with --${exclusive}; give only one checksum option`);
      }
      exclusive = slot;
    }
  });
}

function article(type: string): string {
  return type === 'ipip' ? 'an' : 'a';
}
