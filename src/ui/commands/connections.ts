// c: the kernel's connection table (ipvsadm -Lnc), filtered to the selected service or real
// server, re-read at the polling interval while the view is open. The backend does the
// filtering, so entries of other services never become objects.

import type { ConnectionQuery, Endpoint } from '../../backend/backend.js';
import { describeDestination, describeService } from '../../ipvs/describe.js';
import type { Destination, ServiceWithDestinations } from '../../ipvs/types.js';
import { plainError, selectedServer, selectedService, type CommandContext } from './context.js';

const endpoint = (server: Destination): Endpoint => ({ address: server.address, port: server.port });

/** What the view reads: the service's entries (and only the server's, if one is given). */
export function connectionQuery(service: ServiceWithDestinations | null, server: Destination | null): ConnectionQuery {
  if (service === null) return {};
  // A firewall-mark service has no address of its own: its entries are its servers'.
  const virtual: ConnectionQuery['virtual'] = service.fwmark === null ? { protocol: service.protocol ?? 'ip', address: service.address ?? '', port: service.port ?? 0 } : undefined;
  const destinations = server !== null ? [endpoint(server)] : service.fwmark !== null ? service.destinations.map(endpoint) : undefined;
  return { virtual, destinations };
}

export function openConnections(ctx: CommandContext): void {
  const server = selectedServer(ctx);
  const service = server ?? selectedService(ctx);
  const title = service === null ? 'all connections' : `${describeService(service.service)}${server ? ` → ${describeDestination(server.server)}` : ''}`;
  const query = connectionQuery(service?.service ?? null, server?.server ?? null);
  const ui = ctx.ui.getState().actions;
  let open = true;
  const load = async () => {
    try {
      const { rows, total } = await ctx.backend.connections(query);
      if (!open) return;
      ui.updateModal('connections', (modal) => ({ ...modal, view: { ...modal.view, rows, total, error: null } }));
    } catch (error) {
      if (open) ui.updateModal('connections', (modal) => ({ ...modal, view: { ...modal.view, error: plainError(error) } }));
    }
  };
  const timer = setInterval(() => void load(), ctx.intervalMs);
  timer.unref();
  ui.openModal({
    kind: 'connections',
    view: { title, rows: null, total: 0, error: null, scroll: 0 },
    onClose: () => {
      open = false;
      clearInterval(timer);
    },
  });
  void load();
}
