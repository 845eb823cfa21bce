// The real binary in a real terminal, as a person uses it: tmux runs a shell at a given size,
// keys go in with send-keys and the screen comes back with capture-pane. Used by the
// end-to-end tests on the host (--demo) and by the lab's TUI test against a real kernel.

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const SESSION = 'lvstop';

export function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The environment for lvstop in a real terminal. */
export function terminalEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color', ...extra };
  // Ink draws only the last frame when it thinks it runs in CI; this is a real terminal.
  delete env.CI;
  delete env.CONTINUOUS_INTEGRATION;
  return env;
}

export class TmuxTerminal {
  private static started = 0;
  private readonly socketPath: string | null;

  /**
   * A shell in a fresh tmux server of its own: a server whose last session was just killed is
   * still exiting, and a new session sent to it fails with "server exited unexpectedly".
   */
  constructor(
    private readonly options: { cwd: string; env: NodeJS.ProcessEnv; width?: number; height?: number },
    private readonly socket = `lvstop-test-${process.pid}-${++TmuxTerminal.started}`,
  ) {
    const { width = 120, height = 40 } = options;
    this.tmux('new-session', '-d', '-s', SESSION, '-x', String(width), '-y', String(height), '-c', options.cwd, 'env PS1="$ " bash --norc --noprofile');
    this.socketPath = this.tmux('display-message', '-p', '-t', SESSION, '#{socket_path}').trim() || null;
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8', env: this.options.env });
  }

  /** The visible screen; `-e` keeps the colour escapes. */
  screen(...flags: string[]): string {
    return this.tmux('capture-pane', '-p', ...flags, '-t', SESSION);
  }

  keys(...names: string[]): void {
    this.tmux('send-keys', '-t', SESSION, ...names);
  }

  /** Types `text` as it is: no key names, and a leading dash is not taken for a flag. */
  type(text: string): void {
    this.tmux('send-keys', '-t', SESSION, '-l', '--', text);
  }

  alternateOn(): boolean {
    return this.tmux('display-message', '-p', '-t', SESSION, '#{alternate_on}').trim() === '1';
  }

  /** The pid of the shell in the pane. */
  shellPid(): number {
    return Number(this.tmux('display-message', '-p', '-t', SESSION, '#{pane_pid}').trim());
  }

  async waitFor<T>(what: string, probe: (screen: string) => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.screen();
      const value = probe(text);
      if (value !== null && value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Copies everything the pane's program writes from now on to `file`, escapes and all. */
  record(file: string): void {
    this.tmux('pipe-pane', '-o', '-t', SESSION, `cat >> ${shellQuote(file)}`);
  }

  stopRecording(): void {
    this.tmux('pipe-pane', '-t', SESSION);
  }

  /** Ends the session and its server, and removes the socket (tmux can leave it behind). */
  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    if (this.socketPath !== null) rmSync(this.socketPath, { force: true });
  }
}

const shellQuote = (text: string): string => `'${text.replaceAll("'", "'\\''")}'`;

/** A cell of the services table, by its right-aligned column header, in the first row that contains `rowMatch`. */
export function tableCell(text: string, rowMatch: string, header: string): string | null {
  const lines = text.split('\n');
  const head = lines.find((line) => line.includes('SERVICE / SERVER'));
  const row = lines.find((line) => line.includes(rowMatch));
  if (head === undefined || row === undefined) return null;
  const end = head.indexOf(header) + header.replace(/^[↑↓]/, '').length;
  const start = head.lastIndexOf(' ', head.indexOf(header) - 1) + 1;
  return row.slice(start, end).trim();
}

/** Active connections left, from the detail pane's drain line (0 once it says the server is safe to remove). */
export function drainActiveLeft(text: string): number | null {
  const match = /draining for \S+: (\d+) active/.exec(text);
  if (match) return Number(match[1]);
  return /safe to remove: no active/.test(text) ? 0 : null;
}
