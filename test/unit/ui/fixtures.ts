import type { ServiceKey } from '../../../src/ipvs/types.js';
import type { Harness } from './render-app.js';
import { KEYS } from './render-app.js';

export const WEB: ServiceKey = { family: 'inet', protocol: 'tcp', address: '10.0.0.10', port: 80, fwmark: null };
export const WEB_ID = 'tcp|10.0.0.10|80';

export async function serverOf(app: Harness, address: string, service: ServiceKey = WEB) {
  return (await app.backend.destinations(service)).find((d) => d.address === address);
}

/** Expands the web service and selects its n-th real server (1-based, as listed). */
export async function selectWebServer(app: Harness, n: number): Promise<void> {
  await app.press('g', KEYS.enter);
  for (let i = 0; i < n; i++) await app.press('j');
}

export function statusLine(app: Harness): string {
  return app.lines().at(-2) ?? '';
}
