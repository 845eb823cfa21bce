import type { DestinationKey, ServiceKey } from '../../ipvs/types.js';
import { describeService } from '../../ipvs/describe.js';
import { normaliseAddress } from './address.js';
import type { IpvsadmCommand, ParsedCommand } from './commands.js';
import { IpvsadmSyntaxError } from './errors.js';
import { parseIpvsadmLine } from './parse.js';
import { destinationAddress, serviceOption } from './print.js';

// A whole `ipvsadm -R` file. ipvsadm applies line by line and stops at the first bad one,
// leaving the table half changed; lvstop reads and checks every line first, including what
// the kernel would refuse across lines, so nothing is applied unless all of it can be.

/** A service already in the table the rules will be applied to (ServiceWithDestinations fits). */
export interface ExistingService extends ServiceKey {
  destinations: readonly DestinationKey[];
}

export interface ParseRulesOptions {
  /** The table the file is applied on top of; empty (a file standing alone) by default. */
  existing?: readonly ExistingService[];
}

const NOT_IN_RULES: ReadonlySet<IpvsadmCommand['kind']> = new Set(['list', 'save']);

/** Every command of the file, in order; throws IpvsadmSyntaxError naming the first bad line. */
export function parseRules(text: string, options: ParseRulesOptions = {}): ParsedCommand[] {
  const table = new RulesTable(options.existing);
  const commands: ParsedCommand[] = [];
  text.split('\n').forEach((line, index) => {
    const parsed = parseIpvsadmLine(line, index + 1);
    if (parsed === null) return;
    if (NOT_IN_RULES.has(parsed.command.kind)) {
      throw new IpvsadmSyntaxError(`a rules file holds changes only, not ${parsed.command.kind}`, line.trim(), index + 1);
    }
    table.apply(parsed.command, index + 1);
    commands.push(parsed);
  });
  return commands;
}

/** Where each service and real server was defined: a line, or null if it already existed. */
interface ServiceEntry {
  definedOn: number | null;
  destinations: Map<string, number | null>;
}

class RulesTable {
  private services = new Map<string, ServiceEntry>();
  private readonly notFound: string;

  constructor(existing: readonly ExistingService[] | undefined) {
    this.notFound = existing === undefined ? 'earlier in the file' : 'in the table or earlier in the file';
    for (const service of existing ?? []) {
      const destinations = new Map(service.destinations.map((destination) => [destinationId(destination), null]));
      this.services.set(serviceId(service), { definedOn: null, destinations });
    }
  }

  apply(command: IpvsadmCommand, line: number): void {
    switch (command.kind) {
      case 'add-service': {
        const earlier = this.services.get(serviceId(command.service));
        if (earlier !== undefined) {
          this.refuse(line, serviceOption(command.service), `${describeService(command.service)} ${where(earlier.definedOn)}`);
        }
        this.services.set(serviceId(command.service), { definedOn: line, destinations: new Map() });
        return;
      }
      case 'edit-service':
      case 'zero':
        if (command.service !== null) this.serviceFor(command.service, line);
        return;
      case 'delete-service':
        this.serviceFor(command.service, line);
        this.services.delete(serviceId(command.service));
        return;
      case 'add-destination': {
        const service = this.serviceFor(command.service, line);
        const id = destinationId(command.destination);
        if (service.destinations.has(id)) {
          const earlier = service.destinations.get(id) ?? null;
          this.refuse(line, `-r ${destinationAddress(command.destination)}`, `this real server of ${describeService(command.service)} ${where(earlier)}`);
        }
        service.destinations.set(id, line);
        return;
      }
      case 'edit-destination':
      case 'delete-destination': {
        const service = this.serviceFor(command.service, line);
        const id = destinationId(command.destination);
        if (!service.destinations.has(id)) {
          this.refuse(line, `-r ${destinationAddress(command.destination)}`, `${describeService(command.service)} has no such real server ${this.notFound}`);
        }
        if (command.kind === 'delete-destination') service.destinations.delete(id);
        return;
      }
      case 'clear':
        this.services.clear();
        return;
      default:
        return;
    }
  }

  private serviceFor(key: ServiceKey, line: number): ServiceEntry {
    const service = this.services.get(serviceId(key));
    if (service === undefined) {
      this.refuse(line, serviceOption(key), `${describeService(key)} is not defined ${this.notFound}`);
    }
    return service;
  }

  private refuse(line: number, words: string, reason: string): never {
    throw new IpvsadmSyntaxError(reason, words, line);
  }
}

function where(definedOn: number | null): string {
  return definedOn === null ? 'already exists' : `is already defined on line ${definedOn}`;
}

/** The kernel's identity of a service: family and fwmark, or family, protocol, address, port. */
function serviceId(key: ServiceKey): string {
  if (key.fwmark !== null) return `${key.family} fwmark ${key.fwmark}`;
  return `${key.family} ${key.protocol ?? 'tcp'} ${normaliseAddress(key.address ?? '')} ${key.port ?? 0}`;
}

function destinationId(key: DestinationKey): string {
  return `${key.family} ${normaliseAddress(key.address)} ${key.port}`;
}
