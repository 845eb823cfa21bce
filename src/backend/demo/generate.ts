// Big made-up tables for benchmarks and scale tests: N services of M servers each, with light
// traffic so counters move without the connection table growing into the millions.

import { Random } from './random.js';
import type { Scenario, ScenarioServer, ScenarioService } from './scenario.js';

export interface GenerateOptions {
  services: number;
  serversPerService: number;
  /** New connections per second per service (default 0.05: about 250/s over 5000 services). */
  cps?: number;
  /** Seconds simulated before the table opens (default 20). */
  preRollSeconds?: number;
  seed?: number;
}

const SCHEDULERS = ['wrr', 'wlc', 'rr', 'lc', 'sh'];

export function generateScenario(options: GenerateOptions): Scenario {
  const random = new Random(options.seed ?? 7);
  const services: ScenarioService[] = [];
  for (let i = 0; i < options.services; i++) {
    const servers: ScenarioServer[] = [];
    const forward = i % 3 === 2 ? 'route' : 'masq';
    const port = i % 2 === 0 ? 80 : 443;
    for (let j = 0; j < options.serversPerService; j++) {
      servers.push({
        address: serverAddress(i * options.serversPerService + j),
        port: forward === 'route' ? port : 8000 + (port === 80 ? 80 : 443),
        forward,
        weight: 1 + random.below(5),
      });
    }
    services.push({
      protocol: 'tcp',
      address: virtualAddress(i),
      port,
      scheduler: SCHEDULERS[i % SCHEDULERS.length]!,
      traffic: { cps: options.cps ?? 0.05, wave: 0.3, noise: 0.2, lifetimeSeconds: 3, clients: 500 },
      servers,
    });
  }
  return { description: `generated: ${options.services} x ${options.serversPerService}`, preRollSeconds: options.preRollSeconds ?? 20, services };
}

/** 10.100.0.0 upwards: one address per service, up to about ten million. */
function virtualAddress(index: number): string {
  const n = index + 1;
  return `10.${100 + Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** 172.16.0.0/12: one address per real server, up to about a million. */
function serverAddress(index: number): string {
  const n = index + 1;
  return `172.${16 + Math.floor(n / 65536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
}
