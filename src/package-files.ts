// lvstop's own files (package.json, assets/) from wherever its code runs: src/ under tsx,
// dist/ after tsc, or the bundle in dist/bundle/ that bin/lvstop loads. They sit at
// different depths in each, so the package's root is found by its package.json.

import { readFileSync } from 'node:fs';

const PACKAGE_NAME = 'lvstop';

let root: URL | undefined;

function isPackageRoot(dir: URL): boolean {
  try {
    return (JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}

function packageRoot(): URL {
  if (root !== undefined) return root;
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    if (isPackageRoot(dir)) return (root = dir);
    if (new URL('..', dir).href === dir.href) throw new Error(`the ${PACKAGE_NAME} package.json was not found above ${import.meta.url}`);
  }
}

/** A file of the package, by its path from the package's root (e.g. 'assets/demo-scenario.json'). */
export function packageFile(path: string): URL {
  return new URL(path, packageRoot());
}
