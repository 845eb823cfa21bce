// The scenario format of --demo: a few services with their servers, how clients treat them,
// and special server behaviours. assets/demo-scenario.json is the built-in one; tests and
// benchmarks build their own objects in the same shape.

import { errors } from '../../ipvs/errors.js';
import { familyOf } from '../../ipvs/validate.js';
import type {
  AddressFamily,
  DestinationConfig,
  ForwardMethod,
  Persistence,
  Protocol,
  ServiceConfig,
  ServiceFlag,
  Timeouts,
  Tunnel,
} from '../../ipvs/types.js';
import type { Behaviour } from './model.js';
import { completeTraffic, type TrafficProfile } from './traffic-profile.js';

/** A real server as a scenario file writes it: only address, port and weight are needed. */
export interface ScenarioServer {
  address: string;
  port: number;
  family?: AddressFamily;
  forward?: ForwardMethod;
  weight: number;
  upperThreshold?: number;
  lowerThreshold?: number;
  tunnel?: Tunnel | null;
  behaviour?: Behaviour;
  /** Drained before the demo starts: it had `weightBefore` until `secondsAgo`, then weight 0. */
  drained?: { secondsAgo: number; weightBefore: number };
}

export interface ScenarioService {
  /** A label for people reading the file; not shown by IPVS. */
  name?: string;
  family?: AddressFamily;
  protocol?: Protocol | null;
  address?: string | null;
  port?: number | null;
  fwmark?: number | null;
  scheduler: string;
  flags?: ServiceFlag[];
  persistence?: Persistence | null;
  pe?: string | null;
  traffic?: Partial<TrafficProfile> | null;
  servers?: ScenarioServer[];
}

export interface Scenario {
  description?: string;
  /** Seconds simulated before the demo opens, so counters, rates and tables look lived-in. */
  preRollSeconds?: number;
  timeouts?: Partial<Timeouts>;
  services: ScenarioService[];
}

/** A scenario service resolved into what the table and the traffic model take. */
export interface PlannedService {
  config: ServiceConfig;
  traffic: TrafficProfile | null;
  servers: PlannedServer[];
}

export interface PlannedServer {
  config: DestinationConfig;
  behaviour: Behaviour;
  drained: { secondsAgo: number; weightBefore: number } | null;
}

export function planService(service: ScenarioService, where: string): PlannedService {
  const fwmark = service.fwmark ?? null;
  const address = fwmark === null ? service.address ?? null : null;
  const family = service.family ?? (address !== null ? familyOf(address) : 'inet');
  if (family === null) throw errors.invalid(`scenario ${where}.address`, `"${String(address)}" is not a numeric IPv4 or IPv6 address`);
  if (!Array.isArray(service.servers ?? [])) throw errors.invalid(`scenario ${where}.servers`, 'it is not a list');
  return {
    config: {
      family,
      protocol: fwmark === null ? service.protocol ?? 'tcp' : null,
      address,
      port: fwmark === null ? service.port ?? null : null,
      fwmark,
      scheduler: service.scheduler,
      flags: [...(service.flags ?? [])],
      persistence: service.persistence ?? null,
      pe: service.pe ?? null,
    },
    traffic: service.traffic === null ? null : completeTraffic(service.traffic ?? {}),
    servers: (service.servers ?? []).map((server, index) => planServer(server, `${where}.servers[${index}]`)),
  };
}

function planServer(server: ScenarioServer, where: string): PlannedServer {
  const family = server.family ?? familyOf(String(server.address));
  if (family === null) throw errors.invalid(`scenario ${where}.address`, `"${String(server.address)}" is not a numeric IPv4 or IPv6 address`);
  const behaviour = server.behaviour ?? 'normal';
  if (!['normal', 'failing', 'overloaded'].includes(behaviour)) {
    throw errors.invalid(`scenario ${where}.behaviour`, `"${behaviour}" is not normal, failing or overloaded`);
  }
  return {
    config: {
      family,
      address: server.address,
      port: server.port,
      forward: server.forward ?? 'masq',
      weight: server.weight,
      upperThreshold: server.upperThreshold ?? 0,
      lowerThreshold: server.lowerThreshold ?? 0,
      tunnel: server.tunnel ?? null,
    },
    behaviour,
    drained: server.drained ?? null,
  };
}

/** Reads a scenario from parsed JSON, refusing what is not one with a sentence that says where. */
export function scenarioFromJson(json: unknown, source: string): Scenario {
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { services?: unknown }).services)) {
    throw errors.invalid(`scenario ${source}`, 'it has no "services" list');
  }
  return json as Scenario;
}
