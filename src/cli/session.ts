// What every subcommand works with: the backend (kernel or --demo), the change runner with the
// audit log and --read-only, and the drain memory.

import { AuditLog } from '../actions/audit.js';
import { DrainMemory } from '../actions/drain-memory.js';
import { ChangeRunner } from '../actions/runner.js';
import type { Backend } from '../backend/backend.js';
import { openBackend, type OpenBackendOptions } from '../backend/open.js';

export interface GlobalOptions {
  demo: boolean;
  /** A scenario file for the simulator (implies demo). */
  demoScenario?: string;
  readOnly: boolean;
  interval: number;
  color: boolean;
}

export interface Session {
  backend: Backend;
  runner: ChangeRunner;
  drainMemory: DrainMemory;
  options: GlobalOptions;
}

/** The kernel, or the simulator (with --demo, or a scenario file). */
export function backendChoice(options: Pick<GlobalOptions, 'demo' | 'demoScenario'>): OpenBackendOptions {
  return { demo: options.demo || options.demoScenario !== undefined, scenario: options.demoScenario };
}

export async function withSession<T>(options: GlobalOptions, work: (session: Session) => Promise<T>): Promise<T> {
  const backend = await openBackend(backendChoice(options));
  let warned = false;
  const runner = new ChangeRunner(backend, {
    readOnly: options.readOnly,
    audit: new AuditLog(),
    onAuditError: (error) => {
      if (warned) return;
      warned = true;
      process.stderr.write(`lvstop: warning: the change was made but the audit log could not be written (${error.message}).\n`);
    },
  });
  try {
    return await work({ backend, runner, drainMemory: DrainMemory.forBackend(backend.kind), options });
  } finally {
    await backend.close();
  }
}
