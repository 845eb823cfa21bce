// Small builders for the simulator tests: a frozen clock (time moves only by advance()) and
// one-service scenarios.

import { createDemoBackend, type DemoBackend, type Scenario, type ScenarioServer, type ScenarioService } from '../../../src/backend/demo/index.js';
import type { Destination, ServiceKey, ServiceWithDestinations } from '../../../src/ipvs/types.js';

/** Steady clients: no wave, no wander, so the arrival rate is exactly `cps` on average. */
export const STEADY = { wave: 0, noise: 0 } as const;

export function openDemo(scenario: Scenario, seed = 1): DemoBackend {
  return createDemoBackend({ scenario: { preRollSeconds: 0, ...scenario }, seed, now: () => 0, newServiceTraffic: null });
}

export function oneService(service: Omit<ScenarioService, 'servers'>, servers: ScenarioServer[], seed = 1): DemoBackend {
  return openDemo({ services: [{ ...service, servers }] }, seed);
}

export const WEB: ServiceKey = { family: 'inet', protocol: 'tcp', address: '10.0.0.1', port: 80, fwmark: null };

export function server(address: string, weight: number, more: Partial<ScenarioServer> = {}): ScenarioServer {
  return { address, port: 80, weight, ...more };
}

export async function firstService(backend: DemoBackend): Promise<ServiceWithDestinations> {
  const [service] = (await backend.snapshot()).services;
  if (service === undefined) throw new Error('no service');
  return service;
}

export async function byAddress(backend: DemoBackend): Promise<Map<string, Destination>> {
  const service = await firstService(backend);
  return new Map(service.destinations.map((dest) => [dest.address, dest]));
}

export function get<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`missing ${String(key)}`);
  return value;
}
