import type { Command } from 'commander';
import { formatSnapshotText } from '../../model/snapshot-text.js';
import { withSession, type GlobalOptions } from '../session.js';

export function addSnapshotCommand(program: Command): void {
  program
    .command('snapshot')
    .description('read IPVS once and print it (like `ipvsadm -Ln --stats`, with rates), then exit')
    .option('--json', 'print the stable JSON schema instead of text', false)
    .option('--exact', 'print exact numbers instead of K/M/G', false)
    .action(async (options: { json: boolean; exact: boolean }) => {
      const snapshot = await withSession(program.opts<GlobalOptions>(), ({ backend }) => backend.snapshot());
      process.stdout.write(options.json ? `${JSON.stringify(snapshot, null, 2)}\n` : formatSnapshotText(snapshot, options));
    });
}
