// The IPVS table with the kernel's rules: what exists, what may be added, changed or deleted,
// and which error each mistake gives. Input is already validated (validate.ts) by the caller,
// as the kernel backend validates before it sends anything.

import { errors } from '../../ipvs/errors.js';
import type { DestinationConfig, DestinationKey, ServiceConfig, ServiceKey, Tunnel } from '../../ipvs/types.js';
import { canonicalAddress } from './addresses.js';
import { Counters } from './counters.js';
import { flagBits } from './flags.js';
import { SimDestination, type SimService } from './model.js';
import { createScheduler, isKernelScheduler } from './schedulers/index.js';

/** Persistence engines this simulated kernel has (the kernel ships only ip_vs_pe_sip). */
export const PERSISTENCE_ENGINES = ['sip'];

export interface TableListener {
  /** A real server left the table (deleted, or with its service): its connections go too. */
  destinationRemoved(service: SimService, dest: SimDestination): void;
  serviceRemoved(service: SimService): void;
  serviceAdded(service: SimService): void;
}

export function serviceId(key: ServiceKey): string {
  if (key.fwmark !== null) return `fwm/${key.family}/${key.fwmark}`;
  return `${key.protocol ?? ''}/${key.family}/${canonicalAddress(key.address ?? '')}/${key.port ?? 0}`;
}

function destinationId(key: DestinationKey): string {
  return `${key.family}/${canonicalAddress(key.address)}/${key.port}`;
}

function canonicalServiceKey(key: ServiceKey): ServiceKey {
  return {
    family: key.family,
    protocol: key.fwmark === null ? key.protocol : null,
    address: key.fwmark === null && key.address !== null ? canonicalAddress(key.address) : null,
    port: key.fwmark === null ? key.port : null,
    fwmark: key.fwmark,
  };
}

function storedDestination(config: DestinationConfig): DestinationConfig {
  return {
    family: config.family,
    address: canonicalAddress(config.address),
    port: config.port,
    forward: config.forward,
    weight: config.weight,
    upperThreshold: config.upperThreshold,
    lowerThreshold: config.lowerThreshold,
    // The kernel keeps tunnel options for every server and reports them for tunnelled ones.
    tunnel: config.forward !== 'tunnel' ? null : config.tunnel === null ? { ...PLAIN_IPIP, flags: [] } : { ...config.tunnel, flags: [...config.tunnel.flags] },
  };
}

const PLAIN_IPIP: Tunnel = { type: 'ipip', port: 0, flags: [] };

export class IpvsTable {
  /** In insertion order, which is the order the simulator lists them in. */
  private readonly byId = new Map<string, SimService>();

  constructor(private readonly listener: TableListener) {}

  list(): SimService[] {
    return [...this.byId.values()];
  }

  /** The services in listing order, without a copy (not to be changed while iterating). */
  services(): IterableIterator<SimService> {
    return this.byId.values();
  }

  get size(): number {
    return this.byId.size;
  }

  find(key: ServiceKey): SimService {
    const service = this.lookup(key);
    if (service === undefined) throw errors.serviceNotFound(key);
    return service;
  }

  lookup(key: ServiceKey): SimService | undefined {
    return this.byId.get(serviceId(key));
  }

  addService(config: ServiceConfig, now: number): SimService {
    // The kernel looks the service up before it loads the scheduler.
    if (this.byId.has(serviceId(config))) throw errors.serviceExists(config);
    checkModules(config);
    const service: SimService = {
      id: serviceId(config),
      key: canonicalServiceKey(config),
      scheduler: config.scheduler,
      // The kernel sets `hashed` itself once the service is in its hash table.
      flagBits: 0,
      persistence: null,
      pe: null,
      destinations: [],
      counters: new Counters(now),
      policy: createScheduler(config.scheduler),
      templates: new Map(),
      traffic: null,
      removed: false,
    };
    applySettings(service, config);
    service.policy.changed(service.destinations);
    this.byId.set(service.id, service);
    this.listener.serviceAdded(service);
    return service;
  }

  editService(config: ServiceConfig): void {
    const service = this.find(config);
    checkModules(config);
    if (config.scheduler !== service.scheduler) {
      service.scheduler = config.scheduler;
      service.policy = createScheduler(config.scheduler);
    }
    applySettings(service, config);
    service.policy.changed(service.destinations);
  }

  deleteService(key: ServiceKey): void {
    const service = this.find(key);
    this.remove(service);
  }

  flush(): void {
    for (const service of this.list()) this.remove(service);
  }

  findDestination(service: SimService, key: DestinationKey, serviceKey: ServiceKey): SimDestination {
    const dest = this.lookupDestination(service, key);
    if (dest === undefined) throw errors.destinationNotFound(serviceKey, key);
    return dest;
  }

  addDestination(serviceKey: ServiceKey, config: DestinationConfig, now: number): SimDestination {
    const service = this.find(serviceKey);
    if (this.lookupDestination(service, config) !== undefined) throw errors.destinationExists(serviceKey, config);
    const dest = new SimDestination(storedDestination(config), service, now);
    // The kernel adds at the head of its list, so the newest server is listed (and tried) first.
    service.destinations.unshift(dest);
    service.policy.changed(service.destinations);
    return dest;
  }

  editDestination(serviceKey: ServiceKey, config: DestinationConfig): SimDestination {
    const service = this.find(serviceKey);
    const dest = this.findDestination(service, config, serviceKey);
    const updated = storedDestination(config);
    // As __ip_vs_update_dest: no upper threshold, or a higher one, lifts the overload mark.
    if (updated.upperThreshold === 0 || updated.upperThreshold > dest.config.upperThreshold) dest.overloaded = false;
    dest.config = updated;
    service.policy.changed(service.destinations);
    return dest;
  }

  deleteDestination(serviceKey: ServiceKey, key: DestinationKey): void {
    const service = this.find(serviceKey);
    const dest = this.findDestination(service, key, serviceKey);
    service.destinations = service.destinations.filter((other) => other !== dest);
    service.policy.changed(service.destinations);
    dest.removed = true;
    this.listener.destinationRemoved(service, dest);
  }

  private lookupDestination(service: SimService, key: DestinationKey): SimDestination | undefined {
    const id = destinationId(key);
    // Stored addresses are canonical already: no need to parse them again.
    return service.destinations.find((dest) => `${dest.config.family}/${dest.config.address}/${dest.config.port}` === id);
  }

  private remove(service: SimService): void {
    this.byId.delete(service.id);
    service.removed = true;
    for (const dest of service.destinations) {
      dest.removed = true;
      this.listener.destinationRemoved(service, dest);
    }
    this.listener.serviceRemoved(service);
  }
}

function checkModules(config: ServiceConfig): void {
  if (!isKernelScheduler(config.scheduler)) throw errors.schedulerUnavailable(config.scheduler);
  if (config.pe !== null && !PERSISTENCE_ENGINES.includes(config.pe)) throw errors.peUnavailable(config.pe);
}

/**
 * As the kernel backend writes a service: `hashed` is the kernel's own, and `persistent` is
 * set exactly when there is a persistence timeout, whatever the flags say.
 */
function applySettings(service: SimService, config: ServiceConfig): void {
  const persistent = config.persistence !== null ? flagBits(['persistent']) : 0;
  const operatorFlags = config.flags.filter((flag) => flag !== 'persistent' && flag !== 'hashed');
  service.flagBits = flagBits(operatorFlags) | persistent | flagBits(['hashed']);
  service.persistence = config.persistence === null ? null : { ...config.persistence };
  service.pe = config.pe;
}
