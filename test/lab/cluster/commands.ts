// Running the few system tools the cluster needs. Under emulation every process costs about a
// second, so network changes go to `ip -batch` (one process for many changes) and the
// director's own sysctls are written straight to /proc.

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/** Runs a command; rejects with its stderr when it fails. */
export function run(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve(stdout);
    });
    child.stdin?.end(input ?? '');
  });
}

/**
 * Many `ip` commands in one process; `namespace` runs them inside that network namespace.
 * With `force`, a failing line does not stop the ones after it (for tearing down what exists).
 */
export function ipBatch(lines: string[], options: { namespace?: string; force?: boolean } = {}): Promise<string> {
  const args = [...(options.namespace === undefined ? [] : ['-n', options.namespace]), ...(options.force ? ['-force'] : [])];
  return run('ip', [...args, '-batch', '-'], `${lines.join('\n')}\n`);
}

/** `sysctl -w` inside a network namespace (its net.* knobs are its own). */
export function sysctlIn(namespace: string, settings: Record<string, string | number>): Promise<string> {
  const pairs = Object.entries(settings).map(([name, value]) => `${name}=${value}`);
  return run('ip', ['netns', 'exec', namespace, 'sysctl', '-q', '-w', ...pairs]);
}

const procPath = (name: string): string => `/proc/sys/${name.replaceAll('.', '/')}`;

/** Sets the director's sysctls and returns a function that puts the old values back. */
export function setDirectorSysctls(settings: Record<string, string | number>): () => void {
  const previous = new Map<string, string>();
  for (const [name, value] of Object.entries(settings)) {
    previous.set(name, readFileSync(procPath(name), 'utf8').trim());
    writeFileSync(procPath(name), `${value}\n`);
  }
  return () => {
    for (const [name, value] of previous) writeFileSync(procPath(name), `${value}\n`);
  };
}
