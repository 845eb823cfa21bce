// Each backend is loaded only when chosen: `lvstop --help` or a bad argument should not pay
// for netlink or the simulator.

import type { Backend } from './backend.js';

export interface OpenBackendOptions {
  demo: boolean;
  /** The simulator's scenario file; the built-in scenario when absent. */
  scenario?: string;
  /** The kernel's: whole readings of more services than this stay on one thread (see IpvsClientOptions). */
  dumpHelperMaxServices?: number;
}

/** The kernel through netlink, or with --demo the built-in simulator. */
export async function openBackend(options: OpenBackendOptions): Promise<Backend> {
  if (options.demo) {
    const { createDemoBackend } = await import('./demo/index.js');
    return createDemoBackend(options.scenario === undefined ? {} : { scenario: options.scenario });
  }
  const { NetlinkBackend } = await import('./kernel/netlink-backend.js');
  return NetlinkBackend.open({ dumpHelperMaxServices: options.dumpHelperMaxServices });
}
