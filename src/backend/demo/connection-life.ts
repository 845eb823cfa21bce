// One connection from the scheduler's pick to its expiry: counted, moved through its states
// (lifecycle.ts), its packets flowing into the counters, and the overload mark kept as the
// kernel keeps it (ip_vs_bind_dest / ip_vs_unbind_dest).

import type { Connection } from '../backend.js';
import type { Protocol, Timeouts } from '../../ipvs/types.js';
import type { Client } from './clients.js';
import { emptyFlow, type Flow } from './counters.js';
import type { Schedule } from './events.js';
import { SvcFlag } from './flags.js';
import { expiresShown, phaseOf } from './lifecycle.js';
import type { Plan, SimConnection, SimDestination, SimService, Template } from './model.js';
import type { Random } from './random.js';
import { connectionVolume, type TrafficProfile } from './traffic-profile.js';

/** How much longer an overloaded (slow) server keeps each connection. */
const SLOW_SERVER_FACTOR = 6;

export interface LifeContext {
  random: Random;
  timeouts: Timeouts;
  schedule: Schedule;
}

export interface Opening {
  service: SimService;
  dest: SimDestination;
  template: Template | null;
  profile: TrafficProfile;
  who: Client;
  clientPort: number;
  virtual: Connection['virtual'];
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

  const connection: SimConnection = {
    service,
    dest,
    entry: {
      protocol,
      client: { address: opening.who.address, port: opening.clientPort },
      virtual: opening.virtual,
      destination: { address: dest.config.address, port: dest.config.port },
    },
    plan: planOf(protocol, dest.config.forward, answered),
    lifetime,
    volume,
    template,
    phase: -1,
    state: '',
    active: false,
    flow: null,
    phaseEndsAt: now,
    gone: false,
  };
  dest.connections.add(connection);
  enterPhase(connection, 0, now, context);
  // Reaching the upper threshold marks the server overloaded.
  if (dest.config.upperThreshold !== 0 && dest.totalConns >= dest.config.upperThreshold) dest.overloaded = true;
}

/** Move a connection into phase `index` (counting it active or inactive), or expire it. */
export function enterPhase(connection: SimConnection, index: number, now: number, context: LifeContext): void {
  const { service, dest } = connection;
  if (connection.flow !== null) {
    dest.counters.changeFlow(now, connection.flow, -1);
    service.counters.changeFlow(now, connection.flow, -1);
    connection.flow = null;
  }
  if (index > 0) {
    if (connection.active) dest.activeConns -= 1;
    else dest.inactiveConns -= 1;
  }
  const phase = phaseOf(connection.plan, index, connection.lifetime, context.timeouts);
  if (phase === null) {
    expire(connection);
    return;
  }
  connection.phase = index;
  connection.state = phase.state;
  connection.active = phase.active;
  if (phase.active) dest.activeConns += 1;
  else dest.inactiveConns += 1;
  const duration = Math.max(1, phase.seconds * 1000);
  if (phase.flowing) {
    connection.flow = perMillisecond(connection.volume, duration);
    dest.counters.changeFlow(now, connection.flow, 1);
    service.counters.changeFlow(now, connection.flow, 1);
  }
  connection.phaseEndsAt = now + duration;
  context.schedule(connection.phaseEndsAt, { type: 'phase', connection });
}

/** The entry leaves the table, and the overload mark may lift (with hysteresis). */
function expire(connection: SimConnection): void {
  const { dest, template } = connection;
  connection.gone = true;
  dest.connections.delete(connection);
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

/** The connection table as `ipvsadm -Lnc` lists it: templates, then connections. */
export function connectionEntries(services: Iterable<SimService>, now: number, timeouts: Timeouts): Connection[] {
  const entries: Connection[] = [];
  for (const service of services) {
    for (const template of service.templates.values()) {
      entries.push({ ...copyEntry(template.entry), state: 'NONE', expires: Math.max(0, Math.ceil((template.expiresAt - now) / 1000)) });
    }
    for (const dest of service.destinations) {
      for (const connection of dest.connections) {
        const secondsLeft = (connection.phaseEndsAt - now) / 1000;
        entries.push({
          ...copyEntry(connection.entry),
          state: connection.state,
          expires: expiresShown(connection.state, connection.flow !== null, secondsLeft, timeouts),
        });
      }
    }
  }
  return entries;
}

function planOf(protocol: Protocol, forward: string, answered: boolean): Plan {
  if (protocol === 'udp') return 'udp';
  if (!answered) return 'tcp-unanswered';
  if (protocol === 'sctp') return 'sctp';
  return forward === 'masq' ? 'tcp-nat' : 'tcp-direct';
}

function perMillisecond(volume: Flow, duration: number): Flow {
  const flow = emptyFlow();
  flow.inPackets = volume.inPackets / duration;
  flow.outPackets = volume.outPackets / duration;
  flow.inBytes = volume.inBytes / duration;
  flow.outBytes = volume.outBytes / duration;
  return flow;
}

function copyEntry(entry: Omit<Connection, 'state' | 'expires'>): Omit<Connection, 'state' | 'expires'> {
  return {
    protocol: entry.protocol,
    client: { ...entry.client },
    virtual: { ...entry.virtual },
    destination: { ...entry.destination },
  };
}
