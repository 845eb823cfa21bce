// `lvstop save` and `lvstop restore`: the table in `ipvsadm -S -n` form and back.

import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Change } from '../../actions/change.js';
import { errors, IpvsError } from '../../ipvs/errors.js';
import { formatRules, parseRules, sortLikeIpvsadm } from '../../model/ipvsadm/index.js';
import { withSession, type GlobalOptions } from '../session.js';

async function readInput(file: string | undefined): Promise<string> {
  if (file && file !== '-') {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      throw new IpvsError('invalid', `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    }
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function addRulesCommands(program: Command): void {
  program
    .command('save')
    .description('print the rules in `ipvsadm -S -n` form (ipvsadm -R loads them); unlike ipvsadm, thresholds are kept')
    .option('--no-thresholds', 'drop -x/-y, exactly as `ipvsadm -S -n` prints')
    .action(async (options: { thresholds: boolean }) => {
      const snapshot = await withSession(program.opts<GlobalOptions>(), ({ backend }) => backend.snapshot());
      process.stdout.write(formatRules(sortLikeIpvsadm(snapshot.services), { thresholds: options.thresholds }));
    });

  program
    .command('restore')
    .description('apply rules in `ipvsadm -R` form from FILE or stdin: every line is checked first, and a line the kernel refuses rolls back the ones before it')
    .argument('[file]', 'rules file (default: stdin)')
    .action(async (file: string | undefined) => {
      const text = await readInput(file);
      const applied = await withSession(program.opts<GlobalOptions>(), async ({ backend, runner }) => {
        if (runner.readOnly) throw errors.readOnly();
        const existing = (await backend.snapshot()).services;
        const parsed = parseRules(text, { existing });
        await runner.applyAll(
          parsed.map((entry) => entry.command as Change),
          (index) => `line ${parsed[index]?.line ?? index + 1}`,
        );
        return parsed.length;
      });
      process.stderr.write(`lvstop: restored ${applied} rule${applied === 1 ? '' : 's'}.\n`);
    });
}
