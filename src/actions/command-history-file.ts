// The `:` line's history across sessions, as a shell keeps ~/.bash_history: one line per
// command in the state directory (root's: /var/lib/lvstop/commands; the demo keeps its own),
// readable by its owner only. History is a convenience: a file that cannot be read or written
// never stops the TUI or a change.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HISTORY_LIMIT, remember } from '../model/command-history.js';
import { stateDirectory } from './audit.js';

export class CommandHistoryFile {
  private saving: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  static forBackend(kind: 'kernel' | 'demo', directory = stateDirectory()): CommandHistoryFile {
    return new CommandHistoryFile(join(directory, kind === 'demo' ? 'commands-demo' : 'commands'));
  }

  /** The lines kept, oldest first; none when there is no file or it cannot be read. */
  async load(): Promise<string[]> {
    try {
      const lines = (await readFile(this.path, 'utf8')).split('\n');
      // Through remember(), so a file edited by hand still meets the bounds.
      return lines.reduce<string[]>((entries, line) => remember(entries, line), []).slice(-HISTORY_LIMIT);
    } catch {
      return [];
    }
  }

  /** Replaces the file with these lines; saves run one after another, never interleaved. */
  save(entries: readonly string[]): Promise<void> {
    const text = entries.map((line) => `${line}\n`).join('');
    this.saving = this.saving.then(() => this.write(text)).catch(() => undefined);
    return this.saving;
  }

  /** Resolves once the saves asked for so far are done (tests, quitting). */
  saved(): Promise<void> {
    return this.saving;
  }

  private async write(text: string): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    // Write then rename, so a crash never leaves half a file.
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, this.path);
  }
}
