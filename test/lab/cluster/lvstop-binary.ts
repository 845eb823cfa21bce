// The real `lvstop` binary, run while the test goes on (drain --wait takes a while), with its
// stderr kept line by line with the time each line came.

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LVSTOP = join(process.cwd(), 'bin', 'lvstop');

export interface Line {
  at: number;
  text: string;
}

export interface Running {
  stderr: Line[];
  /** Resolves with the exit status and the time of the exit. */
  exit: Promise<{ status: number | null; at: number; stdout: string }>;
  /** Resolves with the first stderr line that matches (rejects when the process ends first). */
  line(pattern: RegExp): Promise<Line>;
}

/** Drain memory and the audit log go to a folder of the test's own, not the director's. */
export function stateEnvironment(): Record<string, string> {
  const state = mkdtempSync(join(tmpdir(), 'lvstop-traffic-'));
  return { LVSTOP_STATE_DIR: state, LVSTOP_AUDIT_LOG: join(state, 'audit.log') };
}

export function startLvstop(args: string[], env: Record<string, string>): Running {
  const child = spawn(LVSTOP, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: Line[] = [];
  let stdout = '';
  let partial = '';
  const watchers = new Set<{ pattern: RegExp; resolve: (line: Line) => void }>();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) {
      const line = { at: Date.now(), text };
      stderr.push(line);
      for (const watcher of watchers) {
        if (!watcher.pattern.test(text)) continue;
        watchers.delete(watcher);
        watcher.resolve(line);
      }
    }
  });
  const exit = new Promise<{ status: number | null; at: number; stdout: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, at: Date.now(), stdout })),
  );
  return {
    stderr,
    exit,
    line: (pattern) => {
      const seen = stderr.find((line) => pattern.test(line.text));
      if (seen) return Promise.resolve(seen);
      return new Promise<Line>((resolve, reject) => {
        watchers.add({ pattern, resolve });
        void exit.then(() => reject(new Error(`lvstop ${args.join(' ')} ended without printing ${pattern}:\n${stderr.map((l) => l.text).join('\n')}`)));
      });
    },
  };
}

/** Runs lvstop to its end. */
export async function runLvstop(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const running = startLvstop(args, env);
  const { status, stdout } = await running.exit;
  return { status, stdout, stderr: running.stderr.map((line) => line.text).join('\n') };
}
