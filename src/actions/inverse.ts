// Undo: the changes that put back what a change altered, built from what was there before.
// null means the change cannot be undone (zeroed counters are gone for good).

import type { ServiceWithDestinations } from '../ipvs/types.js';
import { destinationConfigOf, findDestination, serviceConfigOf, type Before } from './before.js';
import type { Change } from './change.js';

function recreate(service: ServiceWithDestinations): Change[] {
  const key = serviceConfigOf(service);
  return [
    { kind: 'add-service', service: key },
    // The kernel lists the newest server first; re-adding oldest first keeps that order.
    ...[...service.destinations].reverse().map((destination): Change => ({
      kind: 'add-destination',
      service: key,
      destination: destinationConfigOf(destination),
    })),
  ];
}

export function inverseOf(change: Change, before: Before): Change[] | null {
  const [service] = before.services;
  switch (change.kind) {
    case 'add-service':
      return [{ kind: 'delete-service', service: change.service }];
    case 'edit-service':
      return service ? [{ kind: 'edit-service', service: serviceConfigOf(service) }] : null;
    case 'delete-service':
      return service ? recreate(service) : null;
    case 'add-destination':
      return [{ kind: 'delete-destination', service: change.service, destination: change.destination }];
    case 'edit-destination': {
      const old = findDestination(service, change.destination);
      return old ? [{ kind: 'edit-destination', service: change.service, destination: destinationConfigOf(old) }] : null;
    }
    case 'delete-destination': {
      const old = findDestination(service, change.destination);
      return old ? [{ kind: 'add-destination', service: change.service, destination: destinationConfigOf(old) }] : null;
    }
    case 'clear':
      return before.services.flatMap(recreate);
    case 'zero':
      return null;
    case 'set-timeouts':
      return before.timeouts ? [{ kind: 'set-timeouts', timeouts: before.timeouts }] : null;
    case 'start-daemon':
      return [{ kind: 'stop-daemon', role: change.daemon.role }];
    case 'stop-daemon': {
      const daemon = before.daemons?.find((d) => d.role === change.role);
      return daemon ? [{ kind: 'start-daemon', daemon }] : null;
    }
  }
}
