// Builds dist/bundle/lvstop.js, which bin/lvstop loads: lvstop's code with Ink, React and
// zustand bundled in. Ink 6.8 imports all of es-toolkit/compat (some 300 modules) for one
// `throttle`; loading it cost ~10 MB of RSS and ~250 ms of every start. Bundled, only what Ink
// uses is kept. React (with its reconciler and scheduler) is bundled as its production build:
// loaded from node_modules, Node reads and scans both its development and production files for
// their exports, and keeps their sources. zustand comes with it, as it must use the same React.
// The other packages stay in node_modules, loaded as they are: the netlink binding's native
// code, and what only Ink's development tools load. `npm run build` runs this after tsc (which
// type-checks and writes dist/ for the tests and benchmarks): node --import tsx bin/bundle.ts

import { build, type BuildOptions } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };

/** Packages bundled in; every other stays external. */
const BUNDLED = new Set(['ink', 'es-toolkit', 'react', 'react-reconciler', 'scheduler', 'zustand']);
const EXTERNAL = [...Object.keys(manifest.dependencies).filter((name) => !BUNDLED.has(name)), 'react-devtools-core', 'ws'];

/** esbuild options for an entry bundled as lvstop's is (the memory benchmark bundles its own). */
export function bundleOptions(entryPoint: string, outdir: string): BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: [entryPoint],
    outdir,
    bundle: true,
    // What is imported when needed stays so: the UI for the subcommands, Ink's development
    // tools (and the packages they need, not installed) unless DEV=true.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    // React's production build only: its packages choose by NODE_ENV as they load.
    define: { 'process.env.NODE_ENV': '"production"' },
    // Bundled CommonJS code requires the external packages.
    banner: { js: "import { createRequire as createRequireOfBundle } from 'node:module'; const require = createRequireOfBundle(import.meta.url);" },
    logLevel: 'warning',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // Chunks are named by their content: a rebuild must not leave the old ones beside the new.
  rmSync(new URL('../dist/bundle', import.meta.url), { recursive: true, force: true });
  // The dump helper's thread (src/ipvs/dump-helper.ts) loads its entry from beside the code
  // that starts it, so it is built into the same folder.
  await build({
    ...bundleOptions('src/cli/index.ts', 'dist/bundle'),
    entryPoints: { lvstop: 'src/cli/index.ts', 'dump-helper-thread': 'src/ipvs/dump-helper-thread.ts' },
    entryNames: '[name]',
  });
}
