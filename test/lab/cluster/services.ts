// Virtual services for the scenarios, configured through lvstop's kernel backend (not ipvsadm).

import type { Backend } from '../../../src/backend/backend.js';
import type { DestinationConfig, ServiceConfig, ServiceKey } from '../../../src/ipvs/types.js';
import { VIPS, type LabMethod } from './plan.js';
import type { RealServer } from './real-servers.js';

export interface LabService {
  key: ServiceKey;
  vip: string;
  port: number;
  method: LabMethod;
  servers: readonly RealServer[];
}

export interface ServiceRequest {
  method: LabMethod;
  scheduler: string;
  port: number;
  /** A weight per real server, in order; a server left out is not added. */
  weights: ReadonlyArray<readonly [RealServer, number]>;
}

export function destination(service: LabService, server: RealServer, weight: number): DestinationConfig {
  return {
    family: 'inet',
    address: server.address,
    // DR and TUN cannot change the port, so the real servers listen on the service's port.
    port: service.port,
    forward: service.method,
    weight,
    upperThreshold: 0,
    lowerThreshold: 0,
    tunnel: service.method === 'tunnel' ? { type: 'ipip', port: 0, flags: [] } : null,
  };
}

export async function addService(backend: Backend, request: ServiceRequest): Promise<LabService> {
  const vip = VIPS[request.method];
  const config: ServiceConfig = {
    family: 'inet',
    protocol: 'tcp',
    address: vip,
    port: request.port,
    fwmark: null,
    scheduler: request.scheduler,
    flags: [],
    persistence: null,
    pe: null,
  };
  await backend.addService(config);
  const service: LabService = {
    key: { family: 'inet', protocol: 'tcp', address: vip, port: request.port, fwmark: null },
    vip,
    port: request.port,
    method: request.method,
    servers: request.weights.map(([server]) => server),
  };
  for (const [server, weight] of request.weights) await backend.addDestination(service.key, destination(service, server, weight));
  return service;
}

export async function addServer(backend: Backend, service: LabService, server: RealServer, weight: number): Promise<LabService> {
  await backend.addDestination(service.key, destination(service, server, weight));
  return { ...service, servers: [...service.servers, server] };
}

/** Removes the service if it is still there (another test file's hooks may have cleared the table). */
export async function removeService(backend: Backend, service: LabService): Promise<void> {
  const present = (await backend.services()).some((s) => s.address === service.vip && s.port === service.port);
  if (present) await backend.deleteService(service.key);
}

/** Adds a service on a port of its own, runs `work` with it and removes it after. */
export async function withService(
  backend: Backend,
  port: number,
  request: Omit<ServiceRequest, 'port'>,
  work: (service: LabService) => Promise<void>,
): Promise<void> {
  const service = await addService(backend, { ...request, port });
  try {
    await work(service);
  } finally {
    await removeService(backend, service);
  }
}

/** How many of `served` each server answered, every server named (zero included). */
export function split(served: readonly string[], servers: readonly RealServer[]): Record<string, number> {
  const counts = Object.fromEntries(servers.map((server) => [server.name, 0]));
  for (const name of served) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}
