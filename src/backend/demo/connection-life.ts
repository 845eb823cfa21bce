// One connection from the scheduler's pick to its expiry: counted, moved through its states
// (lifecycle.ts), its packets flowing into the counters, and the overload mark kept as the
// kernel keeps it (ip_vs_bind_dest / ip_vs_unbind_dest).

import type { Connection, ConnectionReading, Endpoint } from '../backend.js';
import type { CheckedConnectionQuery } from '../connection-query.js';
import { canonicalAddress } from './addresses.js';
import type { Protocol, Timeouts } from '../../ipvs/types.js';
import { client } from './clients.js';
import { addressKey, type ConnectionStore } from './connection-store.js';
import type { Schedule } from './events.js';
import { SvcFlag } from './flags.js';
import { expiresShown, phaseKind, phaseSeconds } from './lifecycle.js';
import type { Plan, SimDestination, SimService, Template } from './model.js';
import type { Random } from './random.js';
import { connectionVolume, type TrafficProfile } from './traffic-profile.js';

/** How much longer an overloaded (slow) server keeps each connection. */
const SLOW_SERVER_FACTOR = 6;

export interface LifeContext {
  random: Random;
  timeouts: Timeouts;
  schedule: Schedule;
  connections: ConnectionStore;
}

export interface Opening {
  service: SimService;
  dest: SimDestination;
  template: Template | null;
  profile: TrafficProfile;
  /** The client's index in its family's pool (clients.ts). */
  clientIndex: number;
  clientPort: number;
  /** The virtual address's index in the connection store. */
  virtualId: number;
  protocol: Protocol;
}

export function openConnection(opening: Opening, now: number, context: LifeContext): void {
  const { service, dest, template, profile, protocol } = opening;
  const answered = dest.behaviour !== 'failing';
  const volume = connectionVolume(profile, protocol, dest.config.forward, answered, context.random);
  const slowness = dest.behaviour === 'overloaded' ? SLOW_SERVER_FACTOR : 1;
  const lifetime = Math.max(0.05, context.random.lognormal(profile.lifetimeSeconds)) * slowness;
  service.counters.countConnection();
  dest.counters.countConnection();

  if (protocol === 'udp' && service.flagBits & SvcFlag.ONEPACKET) {
    // One-packet scheduling: each datagram is scheduled on its own and leaves no entry.
    service.counters.addBurst(volume);
    dest.counters.addBurst(volume);
    if (template !== null) template.controlled -= 1;
    return;
  }

  const slot = context.connections.open({
    dest,
    protocol,
    client: opening.clientIndex,
    clientPort: opening.clientPort,
    virtual: opening.virtualId,
    plan: planOf(protocol, dest.config.forward, answered),
    lifetime,
    volume,
    template,
  });
  enterPhase(slot, 0, now, context);
  // Reaching the upper threshold marks the server overloaded.
  if (dest.config.upperThreshold !== 0 && dest.totalConns >= dest.config.upperThreshold) dest.overloaded = true;
}

/** Move a connection into phase `index` (counting it active or inactive), or expire it. */
export function enterPhase(slot: number, index: number, now: number, context: LifeContext): void {
  const store = context.connections;
  const dest = store.dest(slot);
  const service = dest.service;
  if (store.flowing(slot)) {
    const flow = store.flowOf(slot);
    dest.counters.changeFlow(now, flow, -1);
    service.counters.changeFlow(now, flow, -1);
    store.stopFlowing(slot);
  }
  if (index > 0) {
    if (store.active(slot)) dest.activeConns -= 1;
    else dest.inactiveConns -= 1;
  }
  const plan = store.plan(slot);
  const phase = phaseKind(plan, index);
  if (phase === undefined) {
    expire(slot, store);
    return;
  }
  if (phase.active) dest.activeConns += 1;
  else dest.inactiveConns += 1;
  const duration = Math.max(1, phaseSeconds(plan, index, store.lifetime(slot), context.timeouts) * 1000);
  const endsAt = now + duration;
  store.setPhase(slot, index, phase.active, endsAt, phase.flowing ? duration : 0);
  if (phase.flowing) {
    const flow = store.flowOf(slot);
    dest.counters.changeFlow(now, flow, 1);
    service.counters.changeFlow(now, flow, 1);
  }
  context.schedule(endsAt, slot, phase.lane);
}

/** The entry leaves the table, and the overload mark may lift (with hysteresis). */
function expire(slot: number, store: ConnectionStore): void {
  const dest = store.dest(slot);
  const template = store.template(slot);
  store.unlink(slot);
  if (template !== null) template.controlled -= 1;
  const { upperThreshold, lowerThreshold } = dest.config;
  if (lowerThreshold !== 0) {
    if (dest.totalConns < lowerThreshold) dest.overloaded = false;
  } else if (upperThreshold !== 0) {
    if (dest.totalConns * 4 < upperThreshold * 3) dest.overloaded = false;
  } else {
    dest.overloaded = false;
  }
}

/**
 * The connection table as `ipvsadm -Lnc` lists it (templates, then connections), read for the
 * query: a real server that does not match is passed over whole, and an entry becomes an
 * object only when it matches and fits within the limit.
 */
export function connectionEntries(services: Iterable<SimService>, now: number, timeouts: Timeouts, store: ConnectionStore, query: CheckedConnectionQuery): ConnectionReading {
  const rows: Connection[] = [];
  let matched = 0;
  // Stored addresses are canonical: the query's are made so once, here.
  const virtual = query.virtual && { protocol: query.virtual.protocol, address: canonicalAddress(query.virtual.address), port: query.virtual.port };
  const virtualId = virtual === null ? -1 : store.knownVirtualId(virtual);
  const servers = query.destinations && new Set(query.destinations.map((d) => addressKey({ address: canonicalAddress(d.address), port: d.port })));
  // A server of port 0 in the query takes any port, as in the kernel's table.
  const wanted = (destination: Endpoint) =>
    servers === null || servers.has(addressKey(destination)) || servers.has(addressKey({ address: destination.address, port: 0 }));
  let total = store.size;
  for (const service of services) {
    total += service.templates.size;
    for (const template of service.templates.values()) {
      const { entry } = template;
      if (!wanted(entry.destination)) continue;
      if (virtual !== null && !(entry.protocol === virtual.protocol && entry.virtual.port === virtual.port && entry.virtual.address === virtual.address)) continue;
      matched += 1;
      if (rows.length < query.limit) rows.push({ ...copyEntry(entry), state: 'NONE', expires: Math.max(0, Math.ceil((template.expiresAt - now) / 1000)) });
    }
    const family = service.key.family;
    for (const dest of service.destinations) {
      if (!wanted(dest.config) || (virtual !== null && virtualId === -1)) continue;
      for (let slot = dest.firstConnection; slot !== -1; slot = store.next(slot)) {
        if (virtual !== null && !store.shows(slot, virtual.protocol, virtualId)) continue;
        matched += 1;
        if (rows.length >= query.limit) continue;
        const state = phaseKind(store.plan(slot), store.phase(slot))!.state;
        const secondsLeft = (store.endsAtOf(slot) - now) / 1000;
        const expires = expiresShown(state, store.flowing(slot), secondsLeft, timeouts);
        rows.push(store.entry(slot, client(family, store.clientIndex(slot)).address, state, expires));
      }
    }
  }
  return { rows, matched, total };
}

function planOf(protocol: Protocol, forward: string, answered: boolean): Plan {
  if (protocol === 'udp') return 'udp';
  if (!answered) return 'tcp-unanswered';
  if (protocol === 'sctp') return 'sctp';
  return forward === 'masq' ? 'tcp-nat' : 'tcp-direct';
}

function copyEntry(entry: Omit<Connection, 'state' | 'expires'>): Omit<Connection, 'state' | 'expires'> {
  return {
    protocol: entry.protocol,
    client: { ...entry.client },
    virtual: { ...entry.virtual },
    destination: { ...entry.destination },
  };
}
