// How each real server of a service is doing, for the row colours and the detail pane:
//   draining — weight 0;
//   down     — weight > 0 but no new connections while its siblings get them; or it does not
//              answer: through NAT, packets go in and none come back; by DR or TUN, where
//              replies bypass the director, it has connections but none is established while
//              its siblings' are (UDP has no established state, so this needs active siblings);
//   over     — it takes clearly more than its weight's share of new (or active) connections.

import type { ServiceWithDestinations } from '../../ipvs/types.js';
import { serverId } from '../../model/identity.js';
import type { LiveData } from '../../model/live.js';
import type { RatePair, Rates } from '../../model/rates.js';

export type Health = 'ok' | 'draining' | 'down' | 'over';

export interface ServerShare {
  /** 0-100: the server's weight over the sum of its service's weights. */
  weight: number | null;
  /** 0-100: the server's new connections over its service's; null while rates are unknown. */
  connections: number | null;
}

/** Rates as the table shows them: ours from counter deltas, else the kernel's estimate. */
export function ratesOf(pair: RatePair | undefined): Rates | null {
  if (pair === undefined) return null;
  return pair.ours ?? pair.kernel;
}

// A share must be this many points above the weight's, and half as much again, to count as over.
const OVER_POINTS = 15;
const OVER_FACTOR = 1.5;
// Below this many new connections a second (or active connections) shares say little.
const MIN_CPS = 1;
const MIN_ACTIVE = 10;

function isOver(share: number, weightShare: number): boolean {
  return share - weightShare > OVER_POINTS && share > weightShare * OVER_FACTOR;
}

export interface ServiceHealth {
  health: Map<string, Health>;
  shares: Map<string, ServerShare>;
}

export function serviceHealth(serviceId: string, service: ServiceWithDestinations, rates: ReadonlyMap<string, RatePair>): ServiceHealth {
  const servers = service.destinations.map((destination) => {
    const id = serverId(serviceId, destination);
    const ours = rates.get(id)?.ours ?? null;
    return { id, destination, cps: ours?.cps ?? null, answersNothing: ours !== null && ours.inPps > 0 && ours.outPps === 0 };
  });
  const health = new Map<string, Health>();
  const shares = new Map<string, ServerShare>();
  // First the servers that take nothing: drained, or down while their siblings work.
  for (const { id, destination, cps, answersNothing } of servers) {
    const siblings = servers.filter((s) => s.id !== id && s.destination.weight > 0);
    if (destination.weight === 0) health.set(id, 'draining');
    else if (cps === 0 && siblings.some((s) => (s.cps ?? 0) > 0)) health.set(id, 'down');
    else if (destination.forward === 'masq') {
      // Short connections leave a healthy server with no active ones between requests.
      if (answersNothing) health.set(id, 'down');
    } else if (destination.activeConns === 0 && destination.inactiveConns > 0 && siblings.some((s) => s.destination.activeConns > 0)) {
      health.set(id, 'down');
    }
  }
  // Then shares among the rest: a server covering for a dead sibling is not "over".
  const working = servers.filter((s) => !health.has(s.id));
  const totalWeight = working.reduce((sum, s) => sum + s.destination.weight, 0);
  const cpsKnown = servers.every((s) => s.cps !== null);
  const totalCps = working.reduce((sum, s) => sum + (s.cps ?? 0), 0);
  const totalActive = working.reduce((sum, s) => sum + s.destination.activeConns, 0);
  const allWeight = servers.reduce((sum, s) => sum + s.destination.weight, 0);
  const allCps = servers.reduce((sum, s) => sum + (s.cps ?? 0), 0);
  for (const { id, destination, cps } of servers) {
    // Shown shares are of the whole service, as an operator reads them.
    shares.set(id, {
      weight: allWeight > 0 ? (destination.weight / allWeight) * 100 : null,
      connections: cpsKnown && allCps > 0 && cps !== null ? (cps / allCps) * 100 : null,
    });
    if (health.has(id)) continue;
    let verdict: Health = 'ok';
    if (working.length > 1 && totalWeight > 0) {
      const weightShare = (destination.weight / totalWeight) * 100;
      if (cpsKnown && totalCps >= MIN_CPS && isOver(((cps ?? 0) / totalCps) * 100, weightShare)) verdict = 'over';
      else if (totalActive >= MIN_ACTIVE && isOver((destination.activeConns / totalActive) * 100, weightShare)) verdict = 'over';
    }
    health.set(id, verdict);
  }
  return { health, shares };
}

// One computation per service per reading, shared by all its rows.
const cache = new WeakMap<LiveData, Map<string, ServiceHealth>>();

export function healthIn(live: LiveData, serviceId: string): ServiceHealth | null {
  let byService = cache.get(live);
  if (byService === undefined) {
    byService = new Map();
    cache.set(live, byService);
  }
  let result = byService.get(serviceId);
  if (result === undefined) {
    const service = live.services.get(serviceId);
    if (service === undefined) return null;
    result = serviceHealth(serviceId, service, live.rates);
    byService.set(serviceId, result);
  }
  return result;
}

/** Words for the detail pane. */
export function describeHealth(health: Health): string | null {
  switch (health) {
    case 'draining':
      return 'draining: weight 0, gets no new connections';
    case 'down':
      return 'down or failing: weight above 0, but no new or established connections while its siblings get them';
    case 'over':
      return 'over its share: takes clearly more connections than its weight gives it';
    default:
      return null;
  }
}
