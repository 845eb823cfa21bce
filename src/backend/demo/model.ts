// The simulator's own state: services, real servers and persistence templates (connections
// are in connection-store.ts). Records handed to callers are built from these (records.ts),
// never these themselves.

import type { Connection } from '../backend.js';
import type { DestinationConfig, Persistence, ServiceKey } from '../../ipvs/types.js';
import { Counters } from './counters.js';
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
  /** Its entries in the connection store (connection-store.ts): first and last slot, or -1. */
  firstConnection = -1;
  lastConnection = -1;
  /** Its index in the connection store, given with its first entry; -1 before. */
  storeIndex = -1;

  constructor(
    public config: DestinationConfig,
    /** The service it belongs to. */
    readonly service: SimService,
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
  /** The virtual address its connections show, by its index in the connection store. */
  virtualId: number;
  /** The folded virtual address, for the hashing schedulers. */
  virtualFold: number;
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
