// `:` — one ipvsadm command, parsed by the same parser as rules files and subcommands, then
// applied like any other change (asking first when it destroys something).

import { isChange, isDestructive, type Change } from '../../actions/change.js';
import { describeDestination, describeService } from '../../ipvs/describe.js';
import { serviceId, serverId } from '../../model/identity.js';
import { findServer } from '../../model/live.js';
import { formatCommand, parseIpvsadmLine } from '../../model/ipvsadm/index.js';
import { connectionCounts, confirm } from './delete.js';
import { plainError, refuse, type CommandContext } from './context.js';
import { runChange } from './run-change.js';
import { serially } from './serially.js';

/** What a destructive change takes away, in a line or two. */
function consequences(ctx: CommandContext, change: Change): { title: string; lines: string[] } {
  const services = ctx.store.getState().live?.services;
  switch (change.kind) {
    case 'delete-service': {
      const service = services?.get(serviceId(change.service));
      const held = service === undefined ? null : connectionCounts(service.destinations);
      return {
        title: `Delete service ${describeService(change.service)}${service ? ` and its ${service.destinations.length} real server(s)` : ''}?`,
        lines: [held === null ? 'It holds no connections.' : `They hold ${held}; the kernel may reset them.`],
      };
    }
    case 'delete-destination': {
      const server = services === undefined ? undefined : findServer(services, serverId(serviceId(change.service), change.destination));
      const held = server === undefined ? null : connectionCounts([server]);
      return {
        title: `Delete real server ${describeDestination(change.destination)} from ${describeService(change.service)}?`,
        lines: held === null ? ['It holds no connections.'] : [`It holds ${held}.`, 'The kernel may reset them when the server goes (expire_nodest_conn).'],
      };
    }
    case 'clear': {
      const all = [...(services?.values() ?? [])];
      const held = connectionCounts(all.flatMap((s) => s.destinations));
      return {
        title: `Delete every service (${all.length}) and every real server?`,
        lines: [held === null ? 'They hold no connections.' : `They hold ${held}; the kernel may reset them.`],
      };
    }
    default:
      return { title: 'Zero the counters of every service?', lines: ['Counters and totals restart from 0; this cannot be undone.'] };
  }
}

/**
 * Enter on the `:` line: the line joins the history at once (so ↑ finds it even while it
 * runs), is saved for later sessions, and runs after any change still running.
 */
export function enterCommandLine(ctx: CommandContext, text: string): Promise<void> {
  const history = ctx.ui.getState().actions.rememberCommand(text);
  void ctx.commandHistory?.save(history);
  return serially(ctx, () => runCommandLine(ctx, text));
}

export async function runCommandLine(ctx: CommandContext, text: string): Promise<void> {
  // Accept the line as copied from a shell, with the program name.
  const line = text.trim().replace(/^ipvsadm\s+/, '');
  let parsed;
  try {
    parsed = parseIpvsadmLine(line);
  } catch (error) {
    refuse(ctx, plainError(error));
    return;
  }
  if (parsed === null) return;
  const { command } = parsed;
  if (!isChange(command)) {
    refuse(ctx, `${formatCommand(command)} only lists the table, which lvstop shows live (for rules, use \`lvstop save\`).`);
    return;
  }
  if (isDestructive(command)) {
    const { title, lines } = consequences(ctx, command);
    confirm(ctx, title, lines, 'run it', command);
    return;
  }
  await runChange(ctx, command);
}
