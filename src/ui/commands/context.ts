// What a command works with: the UI's services plus quitting. Commands are plain functions
// (no React), called by the key dispatcher, dialogs and the command line.

import { isIpvsError } from '../../ipvs/errors.js';
import type { Destination, ServiceWithDestinations } from '../../ipvs/types.js';
import { isServerId, serviceIdOf } from '../../model/identity.js';
import { findServer } from '../../model/live.js';
import type { UiServices } from '../services.js';

export interface CommandContext extends UiServices {
  quit(): void;
}

export interface SelectedService {
  id: string;
  service: ServiceWithDestinations;
}

export interface SelectedServer extends SelectedService {
  serverId: string;
  server: Destination;
}

/** The selected row's service (the service itself, or the one a selected server belongs to). */
export function selectedService(ctx: CommandContext): SelectedService | null {
  const { selection, live } = ctx.store.getState();
  if (selection === null || live === null) return null;
  const id = serviceIdOf(selection);
  const service = live.services.get(id);
  return service === undefined ? null : { id, service };
}

export function selectedServer(ctx: CommandContext): SelectedServer | null {
  const { selection, live } = ctx.store.getState();
  if (selection === null || live === null || !isServerId(selection)) return null;
  const owner = selectedService(ctx);
  const server = findServer(live.services, selection);
  return owner === null || server === undefined ? null : { ...owner, serverId: selection, server };
}

export function report(ctx: CommandContext, text: string): void {
  ctx.store.getState().actions.reportAction(text);
  ctx.store.getState().actions.clearError('action');
}

export function refuse(ctx: CommandContext, text: string): void {
  ctx.store.getState().actions.reportError(text, 'action');
}

/** An error as the status line says it: IPVS errors are already one plain sentence. */
export function plainError(error: unknown): string {
  if (isIpvsError(error)) return error.message;
  return `Unexpected failure: ${error instanceof Error ? error.message : String(error)}.`;
}
