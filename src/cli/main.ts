// The command line: global options, subcommands, and the one place where errors become a
// sentence on stderr and an exit status (never a stack trace).

import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { IpvsError } from '../ipvs/errors.js';
import { packageFile } from '../package-files.js';
import { addRulesCommands } from './commands/rules.js';
import { addSnapshotCommand } from './commands/snapshot.js';
import { addWeightCommands } from './commands/weight.js';

function parseInterval(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0.1 || seconds > 3600) {
    throw new IpvsError('invalid', `Invalid --interval: "${value}" is not a number of seconds from 0.1 to 3600.`);
  }
  return seconds;
}

/** The version in package.json, which ships beside dist/. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}

export function buildProgram(): Command {
  const program = new Command()
    .name('lvstop')
    .description('A full-screen terminal manager for Linux IPVS (LVS): live services and real servers, drain and reweight by keystroke.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .addOption(new Option('--interval <seconds>', 'polling interval of the live view').default(1).argParser(parseInterval))
    .option('--read-only', 'refuse every change, in the TUI and the subcommands', false)
    .option('--demo', 'use the built-in IPVS simulator instead of the kernel', false)
    .option('--demo-scenario <file>', 'the simulator with the services and traffic of a scenario file (JSON); implies --demo')
    .option('--no-color', 'no colours (NO_COLOR is honoured too)')
    .showHelpAfterError();

  program.action(async () => (await import('./commands/tui.js')).runTui(program));

  addSnapshotCommand(program);
  addRulesCommands(program);
  addWeightCommands(program);

  return program;
}

/**
 * A reader that stops early (`lvstop snapshot | head`) closes the pipe: the rest of the output
 * has nowhere to go, which is not an error worth a stack trace. ipvsadm dies of SIGPIPE there;
 * lvstop ends quietly.
 */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

export async function main(argv: string[]): Promise<void> {
  endQuietlyOnClosedPipe(process.stdout);
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof IpvsError) {
      process.stderr.write(`lvstop: ${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`lvstop: unexpected failure: ${message}\n`);
    if (process.env.LVSTOP_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 70;
  }
}
