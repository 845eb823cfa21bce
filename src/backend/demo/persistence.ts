// Persistence templates (-p): which server a client, under the persistence netmask, sticks to.

import type { Connection } from '../backend.js';
import { fwmarkAddress, maskAddress } from './addresses.js';
import type { Client } from './clients.js';
import type { Schedule } from './events.js';
import type { SimDestination, SimService, Template } from './model.js';

/** How long a template outlives its timeout while it still controls connections (kernel: 60 s). */
const TEMPLATE_GRACE_MS = 60_000;

/**
 * The client's template, made with `pick` if there is none. A live template wins over the
 * scheduler even when its server has weight 0 or is over its threshold, as in the kernel
 * (with the default expire_quiescent_template = 0): a drain waits for templates to expire.
 */
export function templateFor(
  service: SimService,
  who: Client,
  now: number,
  pick: () => SimDestination | null,
  schedule: Schedule,
): Template | null {
  const persistence = service.persistence!;
  const masked = maskAddress(who.bytes, persistence.netmask);
  const existing = service.templates.get(masked);
  if (existing !== undefined && !existing.gone) return existing;
  const dest = pick();
  if (dest === null) return null;
  const template: Template = {
    key: masked,
    service,
    dest,
    entry: {
      protocol: service.key.fwmark !== null ? 'ip' : (service.key.protocol ?? 'tcp'),
      client: { address: masked, port: 0 },
      virtual: templateVirtual(service),
      destination: { address: dest.config.address, port: dest.config.port },
    },
    expiresAt: now + persistence.timeout * 1000,
    controlled: 0,
    gone: false,
  };
  service.templates.set(masked, template);
  dest.persistentConns += 1;
  schedule(template.expiresAt, { type: 'template', template });
  return template;
}

/** A connection starts under the template: it counts as controlled and re-arms the timer. */
export function useTemplate(template: Template, now: number): void {
  template.controlled += 1;
  template.expiresAt = Math.max(template.expiresAt, now + template.service.persistence!.timeout * 1000);
}

/** The template's timer fired: re-arm it if it was used since or still controls connections. */
export function checkTemplate(template: Template, now: number, schedule: Schedule): void {
  if (template.gone) return;
  if (template.expiresAt > now) {
    schedule(template.expiresAt, { type: 'template', template });
    return;
  }
  if (template.controlled > 0) {
    template.expiresAt = now + TEMPLATE_GRACE_MS;
    schedule(template.expiresAt, { type: 'template', template });
    return;
  }
  template.gone = true;
  template.service.templates.delete(template.key);
  template.dest.persistentConns = Math.max(0, template.dest.persistentConns - 1);
}

/** A firewall-mark template shows the mark as its virtual address, as the kernel stores it. */
function templateVirtual(service: SimService): Connection['virtual'] {
  if (service.key.fwmark !== null) return { address: fwmarkAddress(service.key.family, service.key.fwmark), port: 0 };
  return { address: service.key.address ?? '', port: service.key.port ?? 0 };
}
