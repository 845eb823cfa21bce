import { useMemo } from 'react';
import { useApp } from 'ink';
import type { CommandContext } from '../commands/context.js';
import { useServices } from './use-services.js';

/** The services plus quitting, as the commands take them. */
export function useCommandContext(): CommandContext {
  const services = useServices();
  const { exit } = useApp();
  return useMemo(() => ({ ...services, quit: () => exit() }), [services, exit]);
}
