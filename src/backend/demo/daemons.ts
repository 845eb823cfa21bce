// Sync daemons: at most one master and one backup, as in the kernel.

import { errors } from '../../ipvs/errors.js';
import { validateDaemon } from '../../ipvs/validate.js';
import type { DaemonRole, SyncDaemon } from '../../ipvs/types.js';

export class SyncDaemons {
  private readonly running = new Map<DaemonRole, SyncDaemon>();

  list(): SyncDaemon[] {
    return (['master', 'backup'] as const).flatMap((role) => {
      const daemon = this.running.get(role);
      return daemon === undefined ? [] : [{ ...daemon }];
    });
  }

  start(daemon: SyncDaemon): void {
    validateDaemon(daemon);
    if (this.running.has(daemon.role)) throw errors.daemonRunning(daemon.role);
    this.running.set(daemon.role, { ...daemon });
  }

  stop(role: DaemonRole): void {
    if (!this.running.delete(role)) throw errors.daemonNotRunning(role);
  }
}
