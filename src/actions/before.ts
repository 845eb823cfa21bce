// What a change is about to alter, read just before it is applied: the audit log records it,
// undo is built from it, and a form's stale view of the table is caught by comparing with it.

import type { Backend } from '../backend/backend.js';
import { isIpvsError } from '../ipvs/errors.js';
import type {
  Destination,
  DestinationConfig,
  DestinationKey,
  ServiceConfig,
  ServiceKey,
  ServiceWithDestinations,
  SyncDaemon,
  Timeouts,
} from '../ipvs/types.js';
import type { Change } from './change.js';

export interface Before {
  /** The services the change touches, with their servers; empty when it adds something new. */
  services: ServiceWithDestinations[];
  timeouts: Timeouts | null;
  daemons: SyncDaemon[] | null;
}

const nothing = (): Before => ({ services: [], timeouts: null, daemons: null });

async function readService(backend: Backend, key: ServiceKey): Promise<ServiceWithDestinations | null> {
  try {
    const [service, destinations] = await Promise.all([backend.service(key), backend.destinations(key)]);
    return { ...service, destinations };
  } catch (error) {
    if (isIpvsError(error) && error.kind === 'not-found') return null;
    throw error;
  }
}

export async function readBefore(backend: Backend, change: Change): Promise<Before> {
  switch (change.kind) {
    case 'add-service':
    case 'add-destination':
    case 'zero':
      return nothing(); // an add of something that exists fails in the kernel; zero cannot be undone
    case 'edit-service':
    case 'delete-service':
    case 'edit-destination':
    case 'delete-destination': {
      const service = await readService(backend, change.service);
      return { ...nothing(), services: service ? [service] : [] };
    }
    case 'clear':
      return { ...nothing(), services: (await backend.snapshot()).services };
    case 'set-timeouts':
      return { ...nothing(), timeouts: await backend.timeouts() };
    case 'start-daemon':
    case 'stop-daemon':
      return { ...nothing(), daemons: await backend.daemons() };
  }
}

export function serviceConfigOf(service: ServiceConfig): ServiceConfig {
  const { family, protocol, address, port, fwmark, scheduler, flags, persistence, pe } = service;
  return { family, protocol, address, port, fwmark, scheduler, flags: flags.filter((flag) => flag !== 'hashed'), persistence, pe };
}

export function destinationConfigOf(destination: DestinationConfig): DestinationConfig {
  const { family, address, port, forward, weight, upperThreshold, lowerThreshold, tunnel } = destination;
  return { family, address, port, forward, weight, upperThreshold, lowerThreshold, tunnel };
}

export function findDestination(service: ServiceWithDestinations | undefined, key: DestinationKey): Destination | undefined {
  return service?.destinations.find((d) => d.address === key.address && d.port === key.port && d.family === key.family);
}
