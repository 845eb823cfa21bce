// LVS words as the screen prints them.

import type { ForwardMethod } from '../../ipvs/types.js';

const FORWARD_NAMES: Readonly<Record<ForwardMethod, string>> = {
  masq: 'NAT',
  route: 'DR',
  tunnel: 'TUN',
  local: 'local',
  bypass: 'bypass',
};

/** NAT (-m), DR (-g), TUN (-i), local, bypass. */
export function forwardName(forward: ForwardMethod): string {
  return FORWARD_NAMES[forward];
}
