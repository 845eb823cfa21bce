// A change to IPVS is an ipvsadm command as data (the ipvsadm parser's output): the TUI's keys,
// its `:` line, the subcommands and rules files all produce the same records, so one runner
// validates, applies, logs and undoes them all.

import type { IpvsadmCommand } from '../model/ipvsadm/index.js';
import type { Backend } from '../backend/backend.js';

export type Change = Exclude<IpvsadmCommand, { kind: 'list' } | { kind: 'save' }>;

export function isChange(command: IpvsadmCommand): command is Change {
  return command.kind !== 'list' && command.kind !== 'save';
}

/** Sends one change to a backend. */
export async function send(backend: Backend, change: Change): Promise<void> {
  switch (change.kind) {
    case 'add-service':
      return backend.addService(change.service);
    case 'edit-service':
      return backend.editService(change.service);
    case 'delete-service':
      return backend.deleteService(change.service);
    case 'add-destination':
      return backend.addDestination(change.service, change.destination);
    case 'edit-destination':
      return backend.editDestination(change.service, change.destination);
    case 'delete-destination':
      return backend.deleteDestination(change.service, change.destination);
    case 'clear':
      return backend.flush();
    case 'zero':
      return backend.zero(change.service ?? undefined);
    case 'set-timeouts':
      return backend.setTimeouts(change.timeouts);
    case 'start-daemon':
      return backend.startDaemon(change.daemon);
    case 'stop-daemon':
      return backend.stopDaemon(change.role);
  }
}

/** Whether a change destroys something an operator should confirm first. */
export function isDestructive(change: Change): boolean {
  return change.kind === 'delete-service' || change.kind === 'delete-destination' || change.kind === 'clear' || (change.kind === 'zero' && change.service === null);
}
