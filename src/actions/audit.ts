// The audit log: one JSON line per write, whether it worked or not. Root's goes to
// /var/log/lvstop/audit.log; anyone else's to $XDG_STATE_HOME/lvstop/ (~/.local/state/lvstop/);
// LVSTOP_AUDIT_LOG names another file.

import { appendFile, mkdir } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export interface AuditEntry {
  time: string;
  user: string;
  /** The operator behind sudo, when there is one. */
  sudoUser: string | null;
  backend: 'kernel' | 'demo';
  action: string;
  ipvsadm: string;
  before: unknown;
  after: unknown;
  result: 'ok' | { error: string };
}

export function stateDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LVSTOP_STATE_DIR) return env.LVSTOP_STATE_DIR;
  if (process.getuid?.() === 0) return '/var/lib/lvstop';
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'lvstop');
}

export function defaultAuditPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LVSTOP_AUDIT_LOG) return env.LVSTOP_AUDIT_LOG;
  if (process.getuid?.() === 0) return '/var/log/lvstop/audit.log';
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'lvstop', 'audit.log');
}

export function currentUser(env: NodeJS.ProcessEnv = process.env): { user: string; sudoUser: string | null } {
  let user = env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (a container's numeric uid): keep $USER
  }
  return { user, sudoUser: env.SUDO_USER ?? null };
}

export class AuditLog {
  private ready: Promise<void> | null = null;

  constructor(readonly path: string = defaultAuditPath()) {}

  /** Appends one entry. A log that cannot be written is reported, and the caller decides. */
  async append(entry: AuditEntry): Promise<void> {
    this.ready ??= mkdir(dirname(this.path), { recursive: true, mode: 0o750 }).then(() => undefined);
    await this.ready;
    await appendFile(this.path, `${JSON.stringify(entry)}\n`, { mode: 0o640 });
  }
}
