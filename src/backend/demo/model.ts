// The simulator's own state: services, real servers, connections and persistence templates.
// Records handed to callers are built from these (records.ts), never these themselves.

import type { Connection } from '../backend.js';
import type { DestinationConfig, Persistence, ServiceKey } from '../../ipvs/types.js';
import { Counters, type Flow } from './counters.js';
import type { Scheduler } from './schedulers/index.js';
import type { TrafficProfile } from './traffic-profile.js';

/**
 * How a real server behaves towards the clients the scheduler sends it:
 * failing answers nothing (connections stay half-open and inactive, none become active);
 * overloaded answers slowly (connections last several times longer, so it holds more).
 */
export type Behaviour = 'normal' | 'failing' | 'overloaded';

export class SimDestination {
  activeConns = 0;
  inactiveConns = 0;
  persistentConns = 0;
  overloaded = false;
  behaviour: Behaviour = 'normal';
  removed = false;
  readonly counters: Counters;
  readonly connections = new Set<SimConnection>();

  constructor(
    public config: DestinationConfig,
    now: number,
  ) {
    this.counters = new Counters(now);
  }

  get totalConns(): number {
    return this.activeConns + this.inactiveConns;
  }
}

export interface ServiceTraffic {
  profile: TrafficProfile;
  /** Where in its slow wave this service starts, so services do not peak together. */
  wavePhase: number;
  /** The random wander around the wave, updated every estimator tick. */
  wander: number;
}

export interface SimService {
  readonly id: string;
  /** As the kernel reports it: canonical addresses. */
  readonly key: ServiceKey;
  scheduler: string;
  flagBits: number;
  persistence: Persistence | null;
  pe: string | null;
  /** Newest first, as the kernel lists them (it adds at the head of the list). */
  destinations: SimDestination[];
  readonly counters: Counters;
  policy: Scheduler<SimDestination>;
  readonly templates: Map<string, Template>;
  traffic: ServiceTraffic | null;
  removed: boolean;
}

/** A persistence template: which server a client (under the netmask) sticks to, and until when. */
export interface Template {
  readonly key: string;
  readonly service: SimService;
  readonly dest: SimDestination;
  readonly entry: Omit<Connection, 'state' | 'expires'>;
  expiresAt: number;
  /** Live connections it controls; the kernel keeps the template while there are any. */
  controlled: number;
  gone: boolean;
}

/** How a connection lives: which states it goes through, chosen when it opens. */
export type Plan = 'tcp-nat' | 'tcp-direct' | 'tcp-unanswered' | 'udp' | 'sctp';

export interface SimConnection {
  readonly service: SimService;
  readonly dest: SimDestination;
  readonly entry: Omit<Connection, 'state' | 'expires'>;
  readonly plan: Plan;
  /** Seconds of data exchange (the established part of TCP and SCTP). */
  readonly lifetime: number;
  /** Everything it sends and receives over its life, spread over its flowing phase. */
  readonly volume: Flow;
  readonly template: Template | null;
  phase: number;
  state: string;
  active: boolean;
  /** The flow it adds to its counters while flowing, or null. */
  flow: Flow | null;
  phaseEndsAt: number;
  gone: boolean;
}
