// The traffic model: clients arrive, the service's scheduler places them, connections live
// through their states and expire, counters grow and the estimator samples them. Everything
// happens at event times in model time, drawn from one seeded PRNG, so a run depends only on
// its seed and on what was done to the table when, never on how often it was read.

import type { Connection, ConnectionReading } from '../backend.js';
import type { CheckedConnectionQuery } from '../connection-query.js';
import type { Timeouts } from '../../ipvs/types.js';
import { addressBytes, canonicalAddress, foldAddress } from './addresses.js';
import { client, type Client } from './clients.js';
import { connectionEntries, enterPhase, openConnection, type LifeContext } from './connection-life.js';
import { ConnectionStore } from './connection-store.js';
import { ESTIMATOR_INTERVAL_MS } from './counters.js';
import { EventQueue } from './event-queue.js';
import type { SimEvent } from './events.js';
import { SvcFlag } from './flags.js';
import type { ServiceTraffic, SimDestination, SimService } from './model.js';
import { checkTemplate, templateFor, useTemplate } from './persistence.js';
import type { Random } from './random.js';
import type { TableListener } from './table.js';
import { arrivalRate, nextWander, type TrafficProfile } from './traffic-profile.js';

export interface TrafficSettings {
  timeouts: Timeouts;
  /** Where model time started, for the phase of the slow waves. */
  readonly origin: number;
}

export class TrafficEngine implements TableListener {
  private readonly queue = new EventQueue<SimEvent>();
  private readonly services = new Set<SimService>();
  private readonly store = new ConnectionStore();
  private readonly life: LifeContext;
  private clock: number;

  constructor(
    private readonly random: Random,
    private readonly settings: TrafficSettings,
    start: number,
  ) {
    this.clock = start;
    this.life = {
      random,
      schedule: (at, event, lane) => this.queue.push(at, event, lane),
      connections: this.store,
      get timeouts() {
        return settings.timeouts;
      },
    };
    this.queue.push(start + ESTIMATOR_INTERVAL_MS, { type: 'sample' });
  }

  /** Model time, in milliseconds. */
  get now(): number {
    return this.clock;
  }

  /** Run every event up to `time`, in order. */
  runTo(time: number): void {
    const queue = this.queue;
    for (let at = queue.peekTime(); at <= time; at = queue.peekTime()) {
      const event = queue.take();
      this.clock = Math.max(this.clock, at);
      this.handle(event, at);
    }
    this.clock = Math.max(this.clock, time);
  }

  /** Do something at a given model time (scenarios use it to drain a server in the past). */
  at(time: number, run: (now: number) => void): void {
    this.queue.push(time, { type: 'action', run });
  }

  setTraffic(service: SimService, profile: TrafficProfile | null): void {
    // A new traffic record starts a new chain of arrivals; the old chain sees it is stale.
    if (profile === null) service.traffic = null;
    else {
      const virtual = virtualOf(service, profile);
      const wavePhase = this.random.next() * 2 * Math.PI;
      service.traffic = { profile, wavePhase, wander: 0, virtualId: this.store.virtualId(virtual), virtualFold: foldOf(virtual.address) };
    }
    this.scheduleArrival(service, this.clock);
  }

  connections(query: CheckedConnectionQuery): ConnectionReading {
    return connectionEntries(this.services, this.clock, this.settings.timeouts, this.store, query);
  }

  // TableListener

  serviceAdded(service: SimService): void {
    this.services.add(service);
  }

  serviceRemoved(service: SimService): void {
    this.services.delete(service);
    for (const template of service.templates.values()) template.gone = true;
    service.templates.clear();
  }

  destinationRemoved(service: SimService, dest: SimDestination): void {
    const store = this.store;
    store.dropAll(dest, (slot) => {
      // Its packets stop counting on the service too; what was counted stays.
      if (store.flowing(slot)) service.counters.changeFlow(this.clock, store.flowOf(slot), -1);
    });
    for (const [key, template] of service.templates) {
      if (template.dest === dest) {
        template.gone = true;
        service.templates.delete(key);
      }
    }
    dest.activeConns = 0;
    dest.inactiveConns = 0;
    dest.persistentConns = 0;
  }

  private handle(event: SimEvent, now: number): void {
    if (typeof event === 'number') {
      // A connection's phase ended. One dropped with its server only frees its slot.
      const store = this.store;
      if (!store.gone(event)) enterPhase(event, store.phase(event) + 1, now, this.life);
      if (store.gone(event)) store.free(event);
      return;
    }
    switch (event.type) {
      case 'arrival':
        if (event.service.traffic !== event.traffic || event.service.removed) return;
        return this.arrive(event.service, event.traffic, event.poll, now);
      case 'template':
        return checkTemplate(event.template, now, this.life.schedule);
      case 'sample':
        return this.sample(now);
      case 'action':
        return event.run(now);
    }
  }

  private scheduleArrival(service: SimService, now: number): void {
    const traffic = service.traffic;
    if (traffic === null || service.removed) return;
    const seconds = (now - this.settings.origin) / 1000;
    const rate = arrivalRate(traffic.profile, seconds, traffic.wavePhase, traffic.wander);
    // The rate moves slowly (a wave of minutes), so drawing each wait at the current rate is
    // close enough to a varying Poisson process. With no traffic now, look again in a second.
    const poll = rate <= 1e-6;
    const wait = poll ? 1 : this.random.exponential(rate);
    this.queue.push(now + wait * 1000, { type: 'arrival', service, traffic, poll });
  }

  private arrive(service: SimService, traffic: ServiceTraffic, poll: boolean, now: number): void {
    this.scheduleArrival(service, now);
    if (poll) return;
    const profile = traffic.profile;
    const clientIndex = this.random.below(Math.max(1, profile.clients));
    const who = client(service.key.family, clientIndex);
    const clientPort = 32768 + this.random.below(28232);
    const pick = () => this.pick(service, who, clientPort, traffic.virtualFold);
    const persistent = (service.flagBits & SvcFlag.PERSISTENT) !== 0 && service.persistence !== null;
    const template = persistent ? templateFor(service, who, now, pick, this.life.schedule) : null;
    const dest = template !== null ? template.dest : pick();
    if (dest === null) return; // no server can take it: the kernel drops the packet
    if (template !== null) useTemplate(template, now);
    const protocol = service.key.protocol ?? profile.protocol;
    openConnection({ service, dest, template, profile, clientIndex, clientPort, virtualId: traffic.virtualId, protocol }, now, this.life);
  }

  private pick(service: SimService, who: Client, clientPort: number, virtualFold: number): SimDestination | null {
    return service.policy.pick(service.destinations, {
      clientFold: who.fold,
      clientPort,
      virtualFold,
      serviceFlags: service.flagBits,
      random: this.random,
    });
  }

  private sample(now: number): void {
    for (const service of this.services) {
      service.counters.sample(now);
      for (const dest of service.destinations) dest.counters.sample(now);
      const traffic = service.traffic;
      if (traffic !== null) traffic.wander = nextWander(traffic.wander, traffic.profile.noise, this.random);
    }
    this.queue.push(now + ESTIMATOR_INTERVAL_MS, { type: 'sample' });
  }
}

function virtualOf(service: SimService, profile: TrafficProfile): Connection['virtual'] {
  if (service.key.fwmark === null) return { address: service.key.address ?? '', port: service.key.port ?? 0 };
  return {
    // Canonical, as the kernel shows it, so that a filtered listing finds it by its text.
    address: profile.virtualAddress !== null ? canonicalAddress(profile.virtualAddress) : service.key.family === 'inet' ? '0.0.0.0' : '::',
    port: profile.virtualPort,
  };
}

const folds = new Map<string, number>();

/** Folded virtual addresses, remembered: there are few of them and each arrival needs one. */
function foldOf(address: string): number {
  let fold = folds.get(address);
  if (fold === undefined) {
    fold = foldAddress(addressBytes(address));
    folds.set(address, fold);
  }
  return fold;
}
