// `lvstop snapshot` as text: the layout of `ipvsadm -Ln --stats`, with each real server's
// forwarding method, weight and connections, and the kernel's rate estimates beside the counters.

import { describeService, hostPort } from '../ipvs/describe.js';
import type { Destination, ServiceWithDestinations, Snapshot, Stats } from '../ipvs/types.js';

const FORWARD_LABEL: Record<Destination['forward'], string> = {
  masq: 'Masq',
  route: 'Route',
  tunnel: 'Tunnel',
  local: 'Local',
  bypass: 'Bypass',
};

/** Like ipvsadm's print_largenum: exact while it fits in 8 columns, then K/M/G/T. */
export function compactNumber(value: number, exact: boolean): string {
  if (exact || value < 100_000_000) return String(Math.round(value));
  const units = ['K', 'M', 'G', 'T', 'P'];
  let scaled = value;
  let unit = '';
  for (const next of units) {
    if (scaled < 100_000_000) break;
    scaled /= 1000;
    unit = next;
  }
  return `${Math.round(scaled)}${unit}`;
}

const pad = (text: string, width: number): string => text.padEnd(width);
const num = (value: number, exact: boolean, width = 9): string => compactNumber(value, exact).padStart(width);

function statsColumns(stats: Stats, exact: boolean): string {
  return [
    num(stats.conns, exact),
    num(stats.inPackets, exact),
    num(stats.outPackets, exact),
    num(stats.inBytes, exact),
    num(stats.outBytes, exact),
    num(stats.cps, exact, 7),
    num(stats.inPps, exact, 7),
    num(stats.outPps, exact, 7),
    num(stats.inBps, exact),
    num(stats.outBps, exact),
  ].join('');
}

function serviceLabel(service: ServiceWithDestinations): string {
  const [protocol, ...rest] = describeService(service).split(' ');
  const flags: string[] = [service.scheduler];
  if (service.persistence) flags.push(`persistent ${service.persistence.timeout}`);
  if (service.flags.includes('one-packet')) flags.push('ops');
  return `${pad(protocol ?? '', 4)} ${rest.join(' ')} ${flags.join(' ')}`;
}

export function formatSnapshotText(snapshot: Snapshot, options: { exact?: boolean } = {}): string {
  const exact = options.exact ?? false;
  const lines = [
    `IP Virtual Server version ${snapshot.ipvs.version} (size=${snapshot.ipvs.connTableSize})`,
    `${pad('Prot LocalAddress:Port Scheduler Flags', 46)}${pad('Forward', 8)}${'Weight'.padStart(7)}${'ActConn'.padStart(9)}${'InActC'.padStart(8)}` +
      `${'Conns'.padStart(9)}${'InPkts'.padStart(9)}${'OutPkts'.padStart(9)}${'InBytes'.padStart(9)}${'OutBytes'.padStart(9)}` +
      `${'CPS'.padStart(7)}${'InPPS'.padStart(7)}${'OutPPS'.padStart(7)}${'InBPS'.padStart(9)}${'OutBPS'.padStart(9)}`,
    '  -> RemoteAddress:Port',
  ];
  for (const service of snapshot.services) {
    const active = service.destinations.reduce((sum, d) => sum + d.activeConns, 0);
    const inactive = service.destinations.reduce((sum, d) => sum + d.inactiveConns, 0);
    lines.push(
      `${pad(serviceLabel(service), 46)}${pad('', 8)}${''.padStart(7)}${String(active).padStart(9)}${String(inactive).padStart(8)}${statsColumns(service.stats, exact)}`,
    );
    for (const destination of service.destinations) {
      lines.push(
        `${pad(`  -> ${hostPort(destination.address, destination.port)}`, 46)}${pad(FORWARD_LABEL[destination.forward], 8)}` +
          `${String(destination.weight).padStart(7)}${String(destination.activeConns).padStart(9)}${String(destination.inactiveConns).padStart(8)}` +
          statsColumns(destination.stats, exact),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
