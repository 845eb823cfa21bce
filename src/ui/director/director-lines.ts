// The director bar as lines of text, cut to the width by dropping the least important facts.

import type { HostStats } from '../../backend/host/host-stats.js';
import type { LiveData } from '../../model/live.js';
import { joinWithin } from '../format/fit.js';
import { bytes, duration, human, perSecond } from '../format/units.js';

export interface DirectorLine {
  text: string;
  tone: 'normal' | 'warning';
}

function hostLine(host: HostStats | null, width: number): string {
  if (host === null) return 'reading host stats…';
  const cpu = host.cpu === null ? 'CPU …' : `CPU ${Math.round(host.cpu.busy)}% (irq ${host.cpu.irq.toFixed(1)}% softirq ${host.cpu.softirq.toFixed(1)}%)`;
  const memory = host.memory === null ? '' : `mem ${Math.round(((host.memory.total - host.memory.available) / host.memory.total) * 100)}% of ${bytes(host.memory.total)}`;
  return joinWithin(
    [host.hostname, `up ${duration(host.uptimeSeconds)}`, cpu, `load ${host.load.map((n) => n.toFixed(2)).join(' ')}`, memory],
    width,
  );
}

function ipvsLine(live: LiveData | null, width: number): string {
  if (live === null) return joinWithin(['IPVS: waiting for the first reading…'], width);
  const { ipvs } = live.snapshot;
  const t = live.totals;
  return joinWithin(
    [
      `IPVS ${ipvs.version}`,
      `${t.services} svc ${t.servers} srv`,
      `conns ${human(t.active)} act ${human(t.inactive)} inact`,
      `CPS ${human(t.cps)}`,
      `in ${perSecond(t.inBps, 'B')} out ${perSecond(t.outBps, 'B')}`,
      `conn table ${human(ipvs.connTableSize)}`,
    ],
    width,
  );
}

function nicLine(host: HostStats | null, width: number): string {
  if (host === null || host.nics.length === 0) return '';
  return joinWithin(
    host.nics.map((nic) => {
      const rx = nic.rxBps === null ? '…' : perSecond(nic.rxBps, 'B');
      const tx = nic.txBps === null ? '…' : perSecond(nic.txBps, 'B');
      const drops = nic.dropsPerSecond === null ? `${human(nic.rxDropped + nic.txDropped)}` : `${human(nic.dropsPerSecond)}/s`;
      return `${nic.name} rx ${rx} tx ${tx} drop ${drops}`;
    }),
    width,
    '  │ ',
  );
}

/** At most `max` lines: host, IPVS and totals, NICs, then warnings (merged if space is short). */
export function directorLines(host: HostStats | null, live: LiveData | null, width: number, max: number): DirectorLine[] {
  const lines: DirectorLine[] = [
    { text: hostLine(host, width), tone: 'normal' },
    { text: ipvsLine(live, width), tone: 'normal' },
  ];
  const nics = nicLine(host, width);
  const warnings = (host?.warnings ?? []).map((w) => `⚠ ${w}`);
  if (nics !== '' && lines.length + (warnings.length > 0 ? 1 : 0) < max) lines.push({ text: nics, tone: 'normal' });
  const room = Math.max(0, max - lines.length);
  if (warnings.length > 0 && room > 0) {
    const shown = warnings.slice(0, room - 1);
    const rest = warnings.slice(room - 1);
    for (const warning of shown) lines.push({ text: warning, tone: 'warning' });
    if (rest.length > 0) lines.push({ text: cut(rest.join('  '), width), tone: 'warning' });
  }
  return lines.slice(0, max).map((line) => ({ ...line, text: cut(line.text, width) }));
}

function cut(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
}

/** How many lines the bar would like: 3, plus one per warning. */
export function wantedDirectorLines(host: HostStats | null): number {
  return 3 + (host?.warnings.length ?? 0);
}
