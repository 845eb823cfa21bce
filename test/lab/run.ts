// `npm run test:lab [files...]`: boots the lab guest once and runs every lab test file in ONE
// node process inside it. One process, not `node --test`'s one child per file: under emulation
// each node start costs seconds, and all tests share the one kernel IPVS table, so they must
// run one after another anyway. The last line, `lab: N passed, N failed`, is read by CI.
//
// Inside the guest the same file runs with --in-guest and just imports the test files; the
// node:test reporters print the spec to the console and a TAP copy to the writable share,
// whose summary the host reads.

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { repoRoot, runInGuest, shareDir } from './guest.js';

const IN_GUEST = '--in-guest';
const TAP_FILE = join(shareDir, 'results.tap');
const DEFAULT_TIMEOUT_SECONDS = 40 * 60;

interface Totals {
  tests: number;
  pass: number;
  fail: number;
  cancelled: number;
  skipped: number;
}

function findLabTests(): string[] {
  const dir = join(repoRoot, 'test', 'lab');
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.lab.test.ts'))
    .sort()
    .map((name) => join('test', 'lab', name));
}

/** Paths as the guest sees them: relative to the repo (its cwd there) when inside it. */
function guestPaths(args: string[]): string[] {
  return args.map((arg) => {
    const absolute = resolve(arg);
    if (!existsSync(absolute)) throw new Error(`no such test file: ${arg}`);
    const inRepo = relative(repoRoot, absolute);
    return inRepo.startsWith('..') ? absolute : inRepo;
  });
}

/** The closing `# name N` lines of the TAP reporter; null when it never got that far. */
function readTotals(): Totals | null {
  if (!existsSync(TAP_FILE)) return null;
  const text = readFileSync(TAP_FILE, 'utf8');
  const count = (name: string): number | null => {
    const matches = [...text.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))];
    const last = matches.at(-1);
    return last ? Number(last[1]) : null;
  };
  const tests = count('tests');
  if (tests === null) return null;
  return {
    tests,
    pass: count('pass') ?? 0,
    fail: count('fail') ?? 0,
    cancelled: count('cancelled') ?? 0,
    skipped: count('skipped') ?? 0,
  };
}

async function runOnHost(args: string[]): Promise<number> {
  const files = args.length > 0 ? guestPaths(args) : findLabTests();
  if (files.length === 0) {
    console.log('lab: no lab test files found');
    console.log('lab: 0 passed, 0 failed');
    return 1;
  }
  const command = [
    process.execPath,
    '--import', 'tsx',
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    '--test-reporter=tap', `--test-reporter-destination=${TAP_FILE}`,
    relative(repoRoot, fileURLToPath(import.meta.url)),
    IN_GUEST,
    ...files,
  ];
  const env: Record<string, string> = {};
  if (!process.stdout.isTTY) env.NO_COLOR = '1';
  if (process.env.CI) env.CI = process.env.CI;
  const timeoutSeconds = Number(process.env.LVSTOP_LAB_TIMEOUT ?? DEFAULT_TIMEOUT_SECONDS);
  if (!(timeoutSeconds > 0)) throw new Error('LVSTOP_LAB_TIMEOUT must be a number of seconds');

  const result = await runInGuest(command, { env, timeoutSeconds });
  const totals = readTotals();
  const passed = totals?.pass ?? 0;
  let failed = (totals?.fail ?? 0) + (totals?.cancelled ?? 0);
  let problem: string | null = result.failure;
  if (problem === null && totals === null) problem = 'no test ran (the runner wrote no summary)';
  if (problem === null && totals?.tests === 0) problem = 'no test ran';
  if (problem === null && failed === 0 && result.exitCode !== 0) problem = `the test process exited with ${result.exitCode}`;
  if (problem !== null) {
    console.log(`lab: FAILED: ${problem}`);
    failed = Math.max(failed, 1);
  }
  if (totals && totals.skipped > 0) console.log(`lab: ${totals.skipped} skipped`);
  console.log(`lab: ${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/** Inside the guest: load every test file into this process; node:test runs them in order. */
async function runInThisProcess(files: string[]): Promise<void> {
  for (const file of files) {
    try {
      await import(pathToFileURL(resolve(file)).href);
    } catch (error) {
      console.error(`lab: could not load ${file}:`, error);
      process.exitCode = 1;
    }
  }
}

const args = process.argv.slice(2);
if (args[0] === IN_GUEST) {
  await runInThisProcess(args.slice(1));
} else {
  process.exitCode = await runOnHost(args).catch((error: unknown) => {
    console.log(`lab: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    console.log('lab: 0 passed, 1 failed');
    return 1;
  });
}
