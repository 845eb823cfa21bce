// What one table row says, from the store's data, independent of how wide the columns are.

import type { Destination, ServiceWithDestinations } from '../../ipvs/types.js';
import type { Rates } from '../../model/rates.js';
import { describeDestination, describeService } from '../../ipvs/describe.js';
import { forwardName } from '../format/names.js';
import type { Health, ServerShare } from '../health/server-health.js';

export interface RowFacts {
  name: string;
  mode: string;
  flags: string;
  weight: number;
  share: ServerShare | null;
  active: number;
  inactive: number;
  rates: Rates | null;
  health: Health;
}

/** Service flags, compactly: p300 persistent 300 s, o one-packet, b scheduler flags. */
export function serviceFlags(service: ServiceWithDestinations): string {
  let flags = '';
  if (service.persistence !== null) flags += `p${service.persistence.timeout}`;
  if (service.flags.includes('one-packet')) flags += 'o';
  if (service.flags.some((f) => f.startsWith('sh-') || f.startsWith('mh-') || f.startsWith('flag-'))) flags += 'b';
  return flags;
}

export function serviceFacts(service: ServiceWithDestinations, expanded: boolean, rates: Rates | null): RowFacts {
  let weight = 0;
  let active = 0;
  let inactive = 0;
  for (const d of service.destinations) {
    weight += d.weight;
    active += d.activeConns;
    inactive += d.inactiveConns;
  }
  return {
    name: `${expanded ? '▾' : '▸'} ${describeService(service)}`,
    mode: service.scheduler,
    flags: serviceFlags(service),
    weight,
    share: null,
    active,
    inactive,
    rates,
    health: 'ok',
  };
}

export function serverFacts(server: Destination, last: boolean, rates: Rates | null, share: ServerShare | null, health: Health): RowFacts {
  const thresholds = server.upperThreshold > 0 ? `x${server.upperThreshold}` : '';
  return {
    name: `  ${last ? '└' : '├'} ${describeDestination(server)}`,
    mode: forwardName(server.forward),
    flags: thresholds,
    weight: server.weight,
    share,
    active: server.activeConns,
    inactive: server.inactiveConns,
    rates,
    health,
  };
}
