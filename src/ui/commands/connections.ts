// c: the kernel's connection table (ipvsadm -Lnc), filtered to the selected service or real
// server, re-read at the polling interval while the view is open.

import type { Connection } from '../../backend/backend.js';
import { describeDestination, describeService } from '../../ipvs/describe.js';
import type { Destination, ServiceWithDestinations } from '../../ipvs/types.js';
import { normaliseAddress } from '../../model/ipvsadm/address.js';
import { plainError, selectedServer, selectedService, type CommandContext } from './context.js';

const same = (a: { address: string; port: number }, b: { address: string; port: number }) =>
  a.port === b.port && normaliseAddress(a.address) === normaliseAddress(b.address);

/** Whether a connection belongs to the service (and the server, if one is given). */
export function connectionFilter(service: ServiceWithDestinations | null, server: Destination | null): (connection: Connection) => boolean {
  if (service === null) return () => true;
  const servers = service.destinations;
  return (connection) => {
    if (server !== null && !same(connection.destination, server)) return false;
    if (service.fwmark !== null) {
      // A firewall-mark service has no address of its own: its connections are its servers'.
      return servers.some((d) => same(connection.destination, d));
    }
    return connection.protocol === service.protocol && same(connection.virtual, { address: service.address ?? '', port: service.port ?? 0 });
  };
}

export function openConnections(ctx: CommandContext): void {
  const server = selectedServer(ctx);
  const service = server ?? selectedService(ctx);
  const title = service === null ? 'all connections' : `${describeService(service.service)}${server ? ` → ${describeDestination(server.server)}` : ''}`;
  const keep = connectionFilter(service?.service ?? null, server?.server ?? null);
  const ui = ctx.ui.getState().actions;
  let open = true;
  const load = async () => {
    try {
      const all = await ctx.backend.connections();
      if (!open) return;
      const rows = all.filter(keep);
      ui.updateModal('connections', (modal) => ({ ...modal, view: { ...modal.view, rows, total: all.length, error: null } }));
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
