// The weights servers had before `lvstop drain`, so `lvstop undrain` can give them back even
// from another shell or another day. One small JSON file in the state directory (root's:
// /var/lib/lvstop/drained.json; see stateDirectory()); the demo keeps its own file.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DestinationKey, ServiceKey } from '../ipvs/types.js';
import { serverId, serviceId } from '../model/identity.js';
import { stateDirectory } from './audit.js';

interface Remembered {
  weight: number;
  drainedAt: string;
}

export class DrainMemory {
  constructor(readonly path: string) {}

  static forBackend(kind: 'kernel' | 'demo', directory = stateDirectory()): DrainMemory {
    return new DrainMemory(join(directory, kind === 'demo' ? 'drained-demo.json' : 'drained.json'));
  }

  private async read(): Promise<Record<string, Remembered>> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as Record<string, Remembered>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`cannot read ${this.path}: ${(error as Error).message}`);
    }
  }

  private async write(entries: Record<string, Remembered>): Promise<void> {
    await mkdir(join(this.path, '..'), { recursive: true });
    // Write then rename, so a crash never leaves half a file.
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(entries, null, 2)}\n`);
    await rename(temporary, this.path);
  }

  async remember(service: ServiceKey, server: DestinationKey, weight: number): Promise<void> {
    const entries = await this.read();
    entries[serverId(serviceId(service), server)] = { weight, drainedAt: new Date().toISOString() };
    await this.write(entries);
  }

  async recall(service: ServiceKey, server: DestinationKey): Promise<number | null> {
    return (await this.read())[serverId(serviceId(service), server)]?.weight ?? null;
  }

  async forget(service: ServiceKey, server: DestinationKey): Promise<void> {
    const entries = await this.read();
    const id = serverId(serviceId(service), server);
    if (!(id in entries)) return;
    delete entries[id];
    await this.write(entries);
  }
}
