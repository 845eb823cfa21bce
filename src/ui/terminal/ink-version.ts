// The Ink version lvstop's frame writers were written against (package.json pins it): they
// reach into Ink's internals, so they apply themselves only to that version.

import { readFileSync } from 'node:fs';

const INK_VERSION = '6.8.0';

/** The installed Ink's version, or null if its package.json cannot be read. */
function installedInkVersion(): string | null {
  try {
    const manifest = new URL('../package.json', import.meta.resolve('ink'));
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? null;
  } catch {
    return null;
  }
}

/** Whether the installed Ink is the one the writers were written against; read once for both. */
export const inkIsAsWrittenFor = installedInkVersion() === INK_VERSION;
