import type { DestinationKey, ServiceKey } from './types.js';
import { describeDestination, describeService } from './describe.js';

// Every failure the IPVS layer reports is an IpvsError: one kind an operator can act on and
// one plain sentence. The kernel says little (an errno); the caller knows what was being done,
// so the sentence is built from both.

export type IpvsErrorKind =
  | 'permission' // not root / no CAP_NET_ADMIN
  | 'unavailable' // no IPVS in this kernel or ip_vs not loaded
  | 'exists' // service or real server already exists
  | 'not-found' // no such service or real server
  | 'invalid' // an argument the kernel (or our validation) refuses
  | 'unsupported' // e.g. a scheduler or persistence engine the kernel lacks
  | 'busy'
  | 'timeout'
  | 'read-only' // a write attempted with --read-only
  | 'conflict' // the table changed under an open form
  | 'changing' // the table changed during every read of it
  | 'kernel'; // anything else the kernel said

export class IpvsError extends Error {
  override readonly name = 'IpvsError';
  constructor(
    readonly kind: IpvsErrorKind,
    message: string,
    /** The errno name when the kernel said it, e.g. "EEXIST". */
    readonly code?: string,
  ) {
    super(message);
  }
}

export function isIpvsError(error: unknown): error is IpvsError {
  return error instanceof IpvsError;
}

export const PERMISSION_SENTENCE =
  'Permission denied: managing IPVS needs root or CAP_NET_ADMIN; run lvstop with sudo, or try --demo.';
export const UNAVAILABLE_SENTENCE =
  'IPVS is not available in this kernel: load it with `modprobe ip_vs` (or use a kernel built with IPVS), or try --demo.';

// The sentences shared by every backend, so the kernel and the simulator fail alike.

export const errors = {
  permission: () => new IpvsError('permission', PERMISSION_SENTENCE, 'EPERM'),
  unavailable: () => new IpvsError('unavailable', UNAVAILABLE_SENTENCE, 'ENOENT'),
  serviceExists: (service: ServiceKey) =>
    new IpvsError('exists', `Service ${describeService(service)} already exists.`, 'EEXIST'),
  serviceNotFound: (service: ServiceKey) =>
    new IpvsError('not-found', `No such service: ${describeService(service)}.`, 'ESRCH'),
  destinationExists: (service: ServiceKey, destination: DestinationKey) =>
    new IpvsError(
      'exists',
      `Real server ${describeDestination(destination)} already exists in service ${describeService(service)}.`,
      'EEXIST',
    ),
  destinationNotFound: (service: ServiceKey, destination: DestinationKey) =>
    new IpvsError(
      'not-found',
      `No such real server: ${describeDestination(destination)} in service ${describeService(service)}.`,
      'ENOENT',
    ),
  schedulerUnavailable: (scheduler: string) =>
    new IpvsError(
      'unsupported',
      `Scheduler "${scheduler}" is not available in this kernel (is the module ip_vs_${scheduler} installed?).`,
      'ENOENT',
    ),
  peUnavailable: (pe: string) =>
    new IpvsError(
      'unsupported',
      `Persistence engine "${pe}" is not available in this kernel (is the module ip_vs_pe_${pe} installed?).`,
      'ENOENT',
    ),
  /** A field refused before anything is sent: names the field and the reason. */
  invalid: (field: string, reason: string) =>
    new IpvsError('invalid', `Invalid ${field}: ${reason}.`, 'EINVAL'),
  daemonRunning: (role: 'master' | 'backup') =>
    new IpvsError('exists', `A ${role} sync daemon is already running.`, 'EEXIST'),
  daemonNotRunning: (role: 'master' | 'backup') =>
    new IpvsError('not-found', `No ${role} sync daemon is running.`, 'ESRCH'),
  tableChanging: (reads: number) =>
    new IpvsError('changing', `The IPVS table changed during each of ${reads} reads, so none of them is whole; try again.`),
  readOnly: () =>
    new IpvsError('read-only', 'Refused: lvstop is running with --read-only, so nothing can be changed.'),
};
