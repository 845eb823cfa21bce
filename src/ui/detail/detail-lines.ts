// The detail pane's words for the selected row: what it is, how it is doing, and for a
// draining server how far the drain has come.

import type { Destination, ServiceWithDestinations } from '../../ipvs/types.js';
import { describeDestination, describeService } from '../../ipvs/describe.js';
import type { DrainStatus } from '../../model/drain.js';
import { duration, human } from '../format/units.js';
import { forwardName } from '../format/names.js';
import { describeHealth, type Health, type ServerShare } from '../health/server-health.js';
import { serviceFlags } from '../table/row-facts.js';

export interface DetailLine {
  text: string;
  tone: 'title' | 'normal' | 'draining' | 'down' | 'over' | 'ok';
}

export function serviceLines(service: ServiceWithDestinations, healthCounts: ReadonlyMap<Health, number>): DetailLine[] {
  const parts = [`scheduler ${service.scheduler}`];
  if (service.persistence !== null) parts.push(`persistent ${service.persistence.timeout}s mask ${service.persistence.netmask}`);
  const flags = service.flags.filter((f) => f !== 'hashed' && f !== 'persistent');
  if (flags.length > 0) parts.push(`flags ${flags.join(',')}`);
  const servers = `${service.destinations.length} real server${service.destinations.length === 1 ? '' : 's'}`;
  const states = (['draining', 'down', 'over'] as const).flatMap((h) => ((healthCounts.get(h) ?? 0) > 0 ? [`${healthCounts.get(h)} ${h === 'over' ? 'over share' : h}`] : []));
  parts.push(states.length > 0 ? `${servers} (${states.join(', ')})` : servers);
  const worst: DetailLine['tone'] = (healthCounts.get('down') ?? 0) > 0 ? 'down' : (healthCounts.get('over') ?? 0) > 0 ? 'over' : 'normal';
  return [
    { text: `${describeService(service)}${serviceFlags(service) ? `  [${serviceFlags(service)}]` : ''}`, tone: 'title' },
    { text: parts.join(' · '), tone: worst },
  ];
}

function shareWords(share: ServerShare | null): string {
  if (share === null || share.weight === null) return '';
  const conns = share.connections === null ? '' : `, ${Math.round(share.connections)}% of new conns`;
  return ` · ${Math.round(share.weight)}% of weight${conns}`;
}

/** "draining for 45s: 85 active, 120 inactive, 0 persistent left · falling 12.3/s · empty in ~7s". */
export function drainLine(drain: DrainStatus): DetailLine {
  if (drain.safeToRemove) {
    return { text: `✓ safe to remove: no active or persistent connections (${drain.inactiveConns} inactive left to expire)`, tone: 'ok' };
  }
  const left = `${drain.activeConns} active, ${drain.inactiveConns} inactive, ${drain.persistentConns} persistent left`;
  const trend =
    drain.activeTrend === null ? 'trend: measuring' : drain.activeTrend < 0 ? `falling ${human(-drain.activeTrend)}/s` : drain.activeTrend > 0 ? `rising ${human(drain.activeTrend)}/s` : 'steady';
  const eta = drain.emptyAt === null ? '' : ` · empty in ~${duration((drain.emptyAt - drain.at) / 1000)}`;
  const who = drain.origin === 'lvstop' ? '' : drain.origin === 'observed' ? ' (by someone else)' : ' (found at weight 0)';
  return { text: `draining for ${duration((drain.at - drain.since) / 1000)}${who}: ${left} · ${trend}${eta}`, tone: 'draining' };
}

export function serverLines(
  service: ServiceWithDestinations,
  server: Destination,
  share: ServerShare | null,
  health: Health,
  drain: DrainStatus | null,
): DetailLine[] {
  const weight = `weight ${server.weight}${drain?.previousWeight ? `, was ${drain.previousWeight}` : ''}`;
  const limits = server.upperThreshold > 0 || server.lowerThreshold > 0 ? ` · thresholds ${server.lowerThreshold}-${server.upperThreshold}` : '';
  const tunnel = server.tunnel !== null ? ` ${server.tunnel.type}${server.tunnel.port ? `:${server.tunnel.port}` : ''}` : '';
  const lines: DetailLine[] = [
    { text: `${describeDestination(server)} in ${describeService(service)} · ${forwardName(server.forward)}${tunnel} · ${weight}${shareWords(share)}${limits}`, tone: 'title' },
  ];
  if (drain !== null) lines.push(drainLine(drain));
  else {
    const words = describeHealth(health);
    lines.push(
      words === null
        ? { text: `${server.activeConns} active, ${server.inactiveConns} inactive, ${server.persistentConns} persistent connections`, tone: 'normal' }
        : { text: words, tone: health === 'down' ? 'down' : health === 'over' ? 'over' : 'draining' },
    );
  }
  return lines;
}
