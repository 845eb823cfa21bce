import type { Backend } from './backend.js';
import { NetlinkBackend } from './kernel/netlink-backend.js';

export interface OpenBackendOptions {
  demo: boolean;
}

/** The kernel through netlink, or with --demo the built-in simulator. */
export async function openBackend(options: OpenBackendOptions): Promise<Backend> {
  if (options.demo) {
    const { createDemoBackend } = await import('./demo/index.js');
    return createDemoBackend();
  }
  return NetlinkBackend.open();
}
