// The tunnel options of a TUN (-i) real server, as ipvsadm takes them: --tun-type ipip, gue or
// gre; --tun-port for gue only, and required there; one checksum option (--tun-nocsum,
// --tun-csum, --tun-remcsum) for gue and gre, remcsum for gue only (tunnel_opt_check).

import type { Tunnel, TunnelType } from '../../ipvs/types.js';
import { wholeNumber } from './field-errors.js';
import type { FieldSpec, FieldValues } from './form-model.js';

const TYPES: readonly TunnelType[] = ['ipip', 'gue', 'gre'];
const CHECKSUMS = ['nocsum', 'csum', 'remcsum'] as const;

const tunnelled = (values: FieldValues) => values.forward === 'TUN';
const isGue = (values: FieldValues) => tunnelled(values) && values.tunnelType === 'gue';
const takesChecksum = (values: FieldValues) => tunnelled(values) && (values.tunnelType === 'gue' || values.tunnelType === 'gre');

export const TUNNEL_FIELDS: readonly FieldSpec[] = [
  { id: 'tunnelType', label: 'Tunnel type', choices: TYPES, choicesOnly: true, shown: tunnelled, hint: '←→: ipip (plain IP-in-IP), gue (UDP), gre (--tun-type)' },
  { id: 'tunnelPort', label: 'Tunnel port', shown: isGue, hint: 'UDP port the server decapsulates GUE on, 1 to 65535 (--tun-port)' },
  {
    id: 'tunnelChecksum',
    label: 'Tunnel checksum',
    choices: CHECKSUMS,
    choicesOnly: true,
    shown: takesChecksum,
    hint: '←→: nocsum, csum, or remcsum (remote checksum offload, gue only)',
  },
];

/** The fields' starting values: the server's own options, else ipvsadm's default (ipip). */
export function tunnelValues(tunnel: Tunnel | null | undefined): Record<string, string> {
  const flags = tunnel?.flags ?? [];
  return {
    tunnelType: tunnel?.type ?? 'ipip',
    tunnelPort: tunnel?.type === 'gue' && tunnel.port !== 0 ? String(tunnel.port) : '',
    tunnelChecksum: flags.includes('remcsum') ? 'remcsum' : flags.includes('csum') ? 'csum' : 'nocsum',
  };
}

/** The tunnel the values describe, or the reasons, each on its field; only with TUN. */
export function tunnelOf(values: FieldValues, errors: Record<string, string>): Tunnel | null {
  const type = TYPES.find((name) => name === values.tunnelType);
  if (type === undefined) {
    errors.tunnelType = 'choose the tunnel type ipip, gue or gre with ←/→';
    return null;
  }
  let port = 0;
  if (type === 'gue') {
    const typed = (values.tunnelPort ?? '').trim();
    const checked = wholeNumber(typed, 1, 65535, 'the tunnel port');
    if (typeof checked === 'string') {
      errors.tunnelPort = typed === '' ? 'the tunnel port is missing: a gue tunnel needs the UDP port its server listens on (--tun-port)' : checked;
      return null;
    }
    port = checked;
  }
  const checksum = type === 'ipip' ? 'nocsum' : (values.tunnelChecksum ?? 'nocsum');
  if (checksum === 'remcsum' && type !== 'gue') {
    errors.tunnelChecksum = `the tunnel checksum remcsum needs tunnel type gue; a ${type} tunnel takes nocsum or csum`;
    return null;
  }
  return { type, port, flags: checksum === 'csum' || checksum === 'remcsum' ? [checksum] : [] };
}
