// `lvstop weight`, `lvstop drain [--wait]` and `lvstop undrain`: the maintenance moves, each one
// edit of a real server's weight through the change runner (audited, refused under --read-only).

import type { Command } from 'commander';
import { describeDestination, describeService } from '../../ipvs/describe.js';
import { errors, IpvsError } from '../../ipvs/errors.js';
import type { Destination, DestinationKey, ServiceKey } from '../../ipvs/types.js';
import { MAX_WEIGHT } from '../../ipvs/validate.js';
import { destinationConfigOf } from '../../actions/before.js';
import type { Backend } from '../../backend/backend.js';
import { addTargetOptions, parseTarget, type TargetOptions } from '../target.js';
import { withSession, type GlobalOptions, type Session } from '../session.js';

/** Exit status of `drain --wait` when connections remain at the timeout. */
export const EXIT_DRAIN_TIMEOUT = 3;

async function currentServer(backend: Backend, service: ServiceKey, server: DestinationKey): Promise<Destination> {
  const found = (await backend.destinations(service)).find((d) => d.address === server.address && d.port === server.port);
  if (!found) throw errors.destinationNotFound(service, server);
  return found;
}

async function setWeight(session: Session, service: ServiceKey, current: Destination, weight: number): Promise<string> {
  const applied = await session.runner.apply(
    { kind: 'edit-destination', service, destination: { ...destinationConfigOf(current), weight } },
    { expect: current },
  );
  return applied.ipvsadm;
}

function parseWeight(text: string): number {
  const weight = Number(text);
  if (!/^\d+$/.test(text) || weight > MAX_WEIGHT) {
    throw errors.invalid('weight', `"${text}" is not a whole number from 0 to ${MAX_WEIGHT}`);
  }
  return weight;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilEmpty(session: Session, service: ServiceKey, server: DestinationKey, timeoutSeconds: number): Promise<boolean> {
  const name = `${describeDestination(server)} in ${describeService(service)}`;
  const deadline = Date.now() + timeoutSeconds * 1000;
  let last = '';
  for (;;) {
    const d = await currentServer(session.backend, service, server);
    const progress = `${d.activeConns} active, ${d.inactiveConns} inactive, ${d.persistentConns} persistent connections left`;
    if (progress !== last) process.stderr.write(`lvstop: ${name}: ${progress}\n`);
    last = progress;
    if (d.activeConns === 0 && d.persistentConns === 0) {
      process.stderr.write(`lvstop: ${name} is drained: no active or persistent connections; safe to remove.\n`);
      return true;
    }
    if (Date.now() >= deadline) {
      process.stderr.write(`lvstop: timed out after ${timeoutSeconds} s: ${name} still has ${d.activeConns} active and ${d.persistentConns} persistent connections.\n`);
      return false;
    }
    await sleep(Math.min(session.options.interval * 1000, Math.max(0, deadline - Date.now())));
  }
}

export function addWeightCommands(program: Command): void {
  addTargetOptions(program.command('weight'))
    .description('set the weight of a real server (ipvsadm -e with everything else kept)')
    .argument('<weight>', `0 to ${MAX_WEIGHT}`)
    .action(async (weightText: string, options: TargetOptions) => {
      const weight = parseWeight(weightText);
      const { service, server } = parseTarget(options);
      await withSession(program.opts<GlobalOptions>(), async (session) => {
        const current = await currentServer(session.backend, service, server);
        process.stderr.write(`lvstop: ${await setWeight(session, service, current, weight)}\n`);
      });
    });

  addTargetOptions(program.command('drain'))
    .description('set a real server\'s weight to 0 (remembering it for undrain); with --wait, return once it has no active or persistent connections')
    .option('--wait', 'wait until the server has no active or persistent connections', false)
    .option('--timeout <seconds>', 'give up waiting after this long (exit status 3)', '600')
    .action(async (options: TargetOptions & { wait: boolean; timeout: string }) => {
      const timeout = Number(options.timeout);
      if (!Number.isFinite(timeout) || timeout <= 0) throw errors.invalid('--timeout', `"${options.timeout}" is not a positive number of seconds`);
      const { service, server } = parseTarget(options);
      const drained = await withSession(program.opts<GlobalOptions>(), async (session) => {
        const current = await currentServer(session.backend, service, server);
        if (current.weight === 0) {
          process.stderr.write(`lvstop: ${describeDestination(server)} already has weight 0.\n`);
        } else {
          if (session.runner.readOnly) throw errors.readOnly();
          process.stderr.write(`lvstop: ${await setWeight(session, service, current, 0)}\n`);
          try {
            await session.drainMemory.remember(service, server, current.weight);
          } catch (error) {
            process.stderr.write(`lvstop: warning: could not remember the old weight ${current.weight} for undrain (${(error as Error).message}).\n`);
          }
        }
        return options.wait ? waitUntilEmpty(session, service, server, timeout) : true;
      });
      if (!drained) process.exitCode = EXIT_DRAIN_TIMEOUT;
    });

  addTargetOptions(program.command('undrain'))
    .description('give a drained real server back the weight it had before `lvstop drain`')
    .action(async (options: TargetOptions) => {
      const { service, server } = parseTarget(options);
      await withSession(program.opts<GlobalOptions>(), async (session) => {
        const weight = await session.drainMemory.recall(service, server);
        if (weight === null) {
          throw new IpvsError(
            'not-found',
            `No remembered weight for ${describeDestination(server)} in ${describeService(service)} (it was not drained with lvstop); set one with \`lvstop weight\`.`,
          );
        }
        const current = await currentServer(session.backend, service, server);
        process.stderr.write(`lvstop: ${await setWeight(session, service, current, weight)}\n`);
        await session.drainMemory.forget(service, server);
      });
    });
}
