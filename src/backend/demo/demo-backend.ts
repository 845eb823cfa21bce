// The Backend behind --demo: an in-memory IPVS with the kernel's table rules and errors, and
// a traffic model driven by a clock. Nothing runs in the background: each call first brings
// the model up to the clock's time, so an idle demo costs nothing.

import type { Backend, ConnectionQuery, ConnectionReading, SnapshotOptions } from '../backend.js';
import { checkConnectionQuery } from '../connection-query.js';
import { IpvsError } from '../../ipvs/errors.js';
import type {
  DaemonRole,
  Destination,
  DestinationConfig,
  DestinationKey,
  IpvsInfo,
  Service,
  ServiceConfig,
  ServiceKey,
  ServiceWithDestinations,
  Snapshot,
  SyncDaemon,
  Timeouts,
} from '../../ipvs/types.js';
import { validateDestinationConfig, validateDestinationKey, validateServiceConfig, validateServiceKey, validateTimeouts } from '../../ipvs/validate.js';
import { SyncDaemons } from './daemons.js';
import { generateScenario, type GenerateOptions } from './generate.js';
import type { Behaviour } from './model.js';
import { Random } from './random.js';
import { destinationRecord, serviceRecord, serviceWithDestinations } from './records.js';
import { planService, type Scenario } from './scenario.js';
import { BUILT_IN_SCENARIO, readScenarioFile } from './scenario-file.js';
import { KERNEL_SCHEDULERS } from './schedulers/index.js';
import { IpvsTable } from './table.js';
import { TrafficEngine, type TrafficSettings } from './traffic.js';
import { completeTraffic, type TrafficProfile } from './traffic-profile.js';

export interface DemoBackendOptions {
  /** A scenario, or the path of a scenario JSON file; the built-in one by default. */
  scenario?: Scenario | string;
  /** A generated table instead of a scenario (benchmarks, scale tests). */
  generate?: GenerateOptions;
  /** Seed of every random draw: the same seed and the same calls give the same run. */
  seed?: number;
  /** Milliseconds; Date.now by default. Tests pass their own, or call advance(). */
  now?: () => number;
  /** Clients for services added while running; null for none. A modest web load by default. */
  newServiceTraffic?: Partial<TrafficProfile> | null;
  /** After a long idle gap (a laptop asleep), simulate at most this much and skip the rest. */
  maxCatchUpSeconds?: number;
}

export const DEMO_IPVS_INFO: Readonly<IpvsInfo> = Object.freeze({ version: '1.2.1', connTableSize: 4096 });
export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = Object.freeze({ tcp: 900, tcpFin: 120, udp: 300 });
const DEFAULT_PRE_ROLL_SECONDS = 180;
const NEW_SERVICE_TRAFFIC: Partial<TrafficProfile> = { cps: 5 };

export class DemoBackend implements Backend {
  readonly kind = 'demo' as const;

  private readonly clock: () => number;
  /** Model time = clock() + offset: advance() moves it on; skipped idle time moves it back. */
  private offset = 0;
  private readonly maxCatchUpMs: number;
  private readonly settings: TrafficSettings;
  private readonly engine: TrafficEngine;
  private readonly table: IpvsTable;
  private readonly daemonTable = new SyncDaemons();
  private readonly newServiceTraffic: TrafficProfile | null;
  /** Clients of deleted services, so that undoing a delete brings its traffic back too. */
  private readonly trafficOfDeleted = new Map<string, TrafficProfile | null>();

  constructor(options: DemoBackendOptions = {}) {
    this.clock = options.now ?? Date.now;
    this.maxCatchUpMs = (options.maxCatchUpSeconds ?? 300) * 1000;
    this.newServiceTraffic = options.newServiceTraffic === null ? null : completeTraffic({ ...NEW_SERVICE_TRAFFIC, ...options.newServiceTraffic });
    const scenario = loadScenario(options);
    const opened = this.clock();
    const start = opened - (scenario.preRollSeconds ?? DEFAULT_PRE_ROLL_SECONDS) * 1000;
    this.settings = { timeouts: { ...DEFAULT_TIMEOUTS, ...scenario.timeouts }, origin: start };
    this.engine = new TrafficEngine(new Random(options.seed ?? 1), this.settings, start);
    this.table = new IpvsTable(this.engine);
    this.load(scenario, opened);
    this.engine.runTo(opened);
  }

  /** Move the model on by `ms` now, whatever the clock says (tests, fast-forward). */
  advance(ms: number): void {
    this.offset += ms;
    this.engine.runTo(this.clock() + this.offset);
  }

  /** The model's current time in milliseconds. */
  get time(): number {
    return this.engine.now;
  }

  /** Change the clients of a service (null: none). Demo only: the kernel has no such thing. */
  setTraffic(key: ServiceKey, traffic: Partial<TrafficProfile> | null): void {
    validateServiceKey(key);
    this.sync();
    this.engine.setTraffic(this.table.find(key), traffic === null ? null : completeTraffic(traffic));
  }

  /** Make a real server fail, slow down, or recover. Demo only. */
  setBehaviour(service: ServiceKey, server: DestinationKey, behaviour: Behaviour): void {
    validateServiceKey(service);
    validateDestinationKey(server);
    this.sync();
    this.table.findDestination(this.table.find(service), server, service).behaviour = behaviour;
  }

  async info(): Promise<IpvsInfo> {
    return { ...DEMO_IPVS_INFO };
  }

  async snapshot(options: SnapshotOptions = {}): Promise<Snapshot> {
    const now = this.sync();
    const wanted = options.readDestinationsOf;
    const services: ServiceWithDestinations[] = [];
    for (const service of this.table.services()) services.push(serviceWithDestinations(service, now, wanted));
    return { ipvs: { ...DEMO_IPVS_INFO }, services };
  }

  async services(): Promise<Service[]> {
    const now = this.sync();
    return this.table.list().map((service) => serviceRecord(service, now));
  }

  async service(key: ServiceKey): Promise<Service> {
    validateServiceKey(key);
    const now = this.sync();
    return serviceRecord(this.table.find(key), now);
  }

  async destinations(key: ServiceKey): Promise<Destination[]> {
    validateServiceKey(key);
    const now = this.sync();
    // As the kernel: listing the servers of a service that is not there lists nothing.
    return (this.table.lookup(key)?.destinations ?? []).map((dest) => destinationRecord(dest, now));
  }

  async addService(config: ServiceConfig): Promise<void> {
    validateServiceConfig(config);
    const now = this.sync();
    const service = this.table.addService(config, now);
    const remembered = this.trafficOfDeleted.get(service.id);
    this.engine.setTraffic(service, remembered === undefined ? this.newServiceTraffic : remembered);
  }

  async editService(config: ServiceConfig): Promise<void> {
    validateServiceConfig(config);
    this.sync();
    this.table.editService(config);
  }

  async deleteService(key: ServiceKey): Promise<void> {
    validateServiceKey(key);
    this.sync();
    const service = this.table.find(key);
    this.trafficOfDeleted.set(service.id, service.traffic?.profile ?? null);
    this.table.deleteService(key);
  }

  async addDestination(service: ServiceKey, config: DestinationConfig): Promise<void> {
    validateServiceKey(service);
    validateDestinationConfig(service, config);
    const now = this.sync();
    this.table.addDestination(service, config, now);
  }

  async editDestination(service: ServiceKey, config: DestinationConfig): Promise<void> {
    validateServiceKey(service);
    validateDestinationConfig(service, config);
    this.sync();
    this.table.editDestination(service, config);
  }

  async deleteDestination(service: ServiceKey, key: DestinationKey): Promise<void> {
    validateServiceKey(service);
    validateDestinationKey(key);
    this.sync();
    this.table.deleteDestination(service, key);
  }

  async zero(service?: ServiceKey): Promise<void> {
    if (service !== undefined) validateServiceKey(service);
    const now = this.sync();
    const targets = service === undefined ? this.table.list() : [this.table.find(service)];
    for (const target of targets) {
      target.counters.zero(now);
      for (const dest of target.destinations) dest.counters.zero(now);
    }
  }

  async flush(): Promise<void> {
    this.sync();
    for (const service of this.table.list()) this.trafficOfDeleted.set(service.id, service.traffic?.profile ?? null);
    this.table.flush();
  }

  async timeouts(): Promise<Timeouts> {
    return { ...this.settings.timeouts };
  }

  async setTimeouts(timeouts: Timeouts): Promise<void> {
    validateTimeouts(timeouts);
    this.sync();
    // As the kernel: 0 leaves that timeout as it is.
    for (const key of ['tcp', 'tcpFin', 'udp'] as const) {
      if (timeouts[key] !== 0) this.settings.timeouts[key] = timeouts[key];
    }
  }

  async daemons(): Promise<SyncDaemon[]> {
    return this.daemonTable.list();
  }

  async startDaemon(daemon: SyncDaemon): Promise<void> {
    this.daemonTable.start(daemon);
  }

  async stopDaemon(role: DaemonRole): Promise<void> {
    this.daemonTable.stop(role);
  }

  async schedulers(): Promise<string[]> {
    return [...KERNEL_SCHEDULERS];
  }

  async connections(query?: ConnectionQuery): Promise<ConnectionReading> {
    const checked = checkConnectionQuery(query);
    this.sync();
    return this.engine.connections(checked);
  }

  async close(): Promise<void> {}

  /** Bring the model up to the clock; returns the model time. */
  private sync(): number {
    const gap = this.clock() + this.offset - this.engine.now;
    if (gap > this.maxCatchUpMs) this.offset -= gap - this.maxCatchUpMs;
    this.engine.runTo(this.clock() + this.offset);
    return this.engine.now;
  }

  private load(scenario: Scenario, opened: number): void {
    scenario.services.forEach((entry, index) => {
      const where = `services[${index}]${entry.name ? ` (${entry.name})` : ''}`;
      const plan = inScenario(where, () => planService(entry, where));
      inScenario(where, () => validateServiceConfig(plan.config));
      const service = inScenario(where, () => this.table.addService(plan.config, this.engine.now));
      this.engine.setTraffic(service, plan.traffic);
      // Added last to first: the kernel lists the newest first, so the file's order shows.
      [...plan.servers].reverse().forEach((server) => {
        const config = { ...server.config, weight: server.drained?.weightBefore ?? server.config.weight };
        inScenario(where, () => validateDestinationConfig(plan.config, server.config));
        const dest = inScenario(where, () => this.table.addDestination(plan.config, config, this.engine.now));
        dest.behaviour = server.behaviour;
        if (server.drained !== null) {
          this.engine.at(opened - server.drained.secondsAgo * 1000, () => {
            if (!dest.removed) this.table.editDestination(plan.config, { ...dest.config, weight: server.config.weight });
          });
        }
      });
    });
  }
}

function loadScenario(options: DemoBackendOptions): Scenario {
  if (options.generate !== undefined) return generateScenario({ seed: options.seed, ...options.generate });
  if (options.scenario === undefined) return readScenarioFile(BUILT_IN_SCENARIO);
  if (typeof options.scenario === 'string') return readScenarioFile(options.scenario);
  return options.scenario;
}

/** Runs one step of loading a scenario, saying which entry a refusal came from. */
function inScenario<T>(where: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof IpvsError) throw new IpvsError(error.kind, `In the demo scenario, ${where}: ${error.message}`, error.code);
    throw error;
  }
}
