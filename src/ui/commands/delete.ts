// x, z, Z: deleting and zeroing. What destroys something asks first, naming what goes and how
// many connections it holds.

import { destinationConfigOf, serviceConfigOf } from '../../actions/before.js';
import type { Change } from '../../actions/change.js';
import { describeDestination, describeService } from '../../ipvs/describe.js';
import type { Destination } from '../../ipvs/types.js';
import { formatCommand } from '../../model/ipvsadm/index.js';
import { serviceKeyOf } from '../forms/server-form.js';
import { report, selectedServer, selectedService, type CommandContext } from './context.js';
import { runChange, type RunChangeOptions } from './run-change.js';
import { serially } from './serially.js';

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "85 active, 120 inactive and 3 persistent connections", or null for none. */
export function connectionCounts(servers: readonly Destination[]): string | null {
  let active = 0;
  let inactive = 0;
  let persistent = 0;
  for (const server of servers) {
    active += server.activeConns;
    inactive += server.inactiveConns;
    persistent += server.persistentConns;
  }
  if (active + inactive + persistent === 0) return null;
  return `${active} active, ${inactive} inactive and ${persistent} persistent connection${active + inactive + persistent === 1 ? '' : 's'}`;
}

export function confirm(ctx: CommandContext, title: string, lines: string[], confirmLabel: string, change: Change, options: RunChangeOptions = {}): void {
  ctx.ui.getState().actions.openModal({
    kind: 'confirm',
    title,
    lines: [...lines, formatCommand(change)],
    confirmLabel,
    onConfirm: () => serially(ctx, () => runChange(ctx, change, options)),
  });
}

export function askDelete(ctx: CommandContext): void {
  const server = selectedServer(ctx);
  if (server !== null) {
    const held = connectionCounts([server.server]);
    confirm(
      ctx,
      `Delete real server ${describeDestination(server.server)} from ${describeService(server.service)}?`,
      held === null
        ? ['It holds no connections.']
        : [`It holds ${held}.`, 'The kernel may reset them when the server goes (expire_nodest_conn).'],
      'delete',
      { kind: 'delete-destination', service: serviceKeyOf(server.service), destination: { family: server.server.family, address: server.server.address, port: server.server.port } },
      { expect: destinationConfigOf(server.server), targetId: server.serverId },
    );
    return;
  }
  const selected = selectedService(ctx);
  if (selected === null) return;
  const { service } = selected;
  const held = connectionCounts(service.destinations);
  confirm(
    ctx,
    `Delete service ${describeService(service)} and its ${plural(service.destinations.length, 'real server')}?`,
    held === null ? ['It holds no connections.'] : [`They hold ${held}; the kernel may reset them.`],
    'delete',
    { kind: 'delete-service', service: serviceKeyOf(service) },
    { expect: serviceConfigOf(service), targetId: selected.id },
  );
}

export async function zeroSelected(ctx: CommandContext): Promise<void> {
  const selected = selectedService(ctx);
  if (selected === null) return;
  if (await runChange(ctx, { kind: 'zero', service: serviceKeyOf(selected.service) }, { targetId: selected.id })) {
    report(ctx, `${formatCommand({ kind: 'zero', service: serviceKeyOf(selected.service) })}: counters of ${describeService(selected.service)} zeroed.`);
  }
}

export function askZeroAll(ctx: CommandContext): void {
  const count = ctx.store.getState().live?.services.size ?? 0;
  confirm(
    ctx,
    `Zero the counters of all ${plural(count, 'service')}?`,
    ['Counters and totals restart from 0; this cannot be undone.'],
    'zero',
    { kind: 'zero', service: null },
  );
}
