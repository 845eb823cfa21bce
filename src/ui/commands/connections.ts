// c: the kernel's connection table (ipvsadm -Lnc), filtered to the selected service or real
// server, re-read at the polling interval while the view is open. A director may hold millions
// of entries: the backend filters them and returns the first few thousand, and the next read
// starts an interval after the last one ended, so slow reads never pile up on each other.

import type { ConnectionQuery, Endpoint } from '../../backend/backend.js';
import { describeDestination, describeService } from '../../ipvs/describe.js';
import type { Destination, ServiceWithDestinations } from '../../ipvs/types.js';
import type { PollerTimers } from '../../poller.js';
import { plainError, selectedServer, selectedService, type CommandContext } from './context.js';

/** Rows the view asks for: plenty to scroll through, and quick to read from any table. */
export const CONNECTION_ROWS = 5000;

const endpoint = (server: Destination): Endpoint => ({ address: server.address, port: server.port });

/** What the view reads: the service's entries (and only the server's, if one is given). */
export function connectionQuery(service: ServiceWithDestinations | null, server: Destination | null, limit = CONNECTION_ROWS): ConnectionQuery {
  if (service === null) return { limit };
  // A firewall-mark service has no address of its own: its entries are its servers'.
  const virtual: ConnectionQuery['virtual'] = service.fwmark === null ? { protocol: service.protocol ?? 'ip', address: service.address ?? '', port: service.port ?? 0 } : undefined;
  const destinations = server !== null ? [endpoint(server)] : service.fwmark !== null ? service.destinations.map(endpoint) : undefined;
  return { virtual, destinations, limit };
}

/** The real timers, not keeping the process alive for the view's sake. */
const viewTimers: PollerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function openConnections(ctx: CommandContext): void {
  const server = selectedServer(ctx);
  const service = server ?? selectedService(ctx);
  const title = service === null ? 'all connections' : `${describeService(service.service)}${server ? ` → ${describeDestination(server.server)}` : ''}`;
  const query = connectionQuery(service?.service ?? null, server?.server ?? null);
  const timers = ctx.timers ?? viewTimers;
  const ui = ctx.ui.getState().actions;
  let open = true;
  let next: unknown = null;
  const load = async () => {
    next = null;
    try {
      const { rows, matched, total } = await ctx.backend.connections(query);
      if (!open) return;
      ui.updateModal('connections', (modal) => ({ ...modal, view: { ...modal.view, rows, matched, total, error: null } }));
    } catch (error) {
      if (!open) return;
      ui.updateModal('connections', (modal) => ({ ...modal, view: { ...modal.view, error: plainError(error) } }));
    }
    next = timers.setTimeout(() => void load(), ctx.intervalMs);
  };
  ui.openModal({
    kind: 'connections',
    view: { title, rows: null, matched: 0, total: 0, error: null, scroll: 0 },
    onClose: () => {
      open = false;
      if (next !== null) timers.clearTimeout(next);
      next = null;
    },
  });
  void load();
}
