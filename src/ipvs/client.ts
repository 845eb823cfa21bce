// The IPVS client: every command ipvsadm uses, over generic netlink. It owns the sockets (a
// bounded pool), resolves the family once, and turns the kernel's errnos into IpvsErrors whose
// sentence says what was being done.

import { AttributeWriter, findAttributeAt, parseAttributes, readU16, type AttributeCursor } from './attributes.js';
import {
  CmdAttr,
  Cmd,
  CTRL_ATTR_FAMILY_ID,
  CTRL_ATTR_FAMILY_NAME,
  CTRL_CMD_GETFAMILY,
  GENL_ID_CTRL,
  GENL_HDRLEN,
  IPVS_GENL_NAME,
  IPVS_GENL_VERSION,
} from './constants.js';
import {
  decodeDaemon,
  decodeDestination,
  decodeDestinationAt,
  decodeInfo,
  decodeService,
  decodeServiceAt,
  decodeTimeouts,
  encodeDaemon,
  encodeDaemonStop,
  encodeDestination,
  encodeDestinationKey,
  encodeService,
  encodeServiceKey,
  serviceKeyOfDumped,
  encodeTimeouts,
} from './codec.js';
import { Channel, errnoName, NetlinkRequestError, READ_BUFFER_BYTES, type RequestSeries } from './channel.js';
import { describeDestination, describeService } from './describe.js';
import { DumpHelper, soloDump, type SharedDump } from './dump-helper.js';
import type { HelperAnswers } from './dump-helper-protocol.js';
import { errors, IpvsError } from './errors.js';
import { destinationKeyText, hasRepeats, identity, sameKeys } from './torn-dump.js';
import type { GenericPayload, Replies } from './messages.js';
import { ChannelPool, type PoolOptions } from './pool.js';
import type {
  DaemonRole,
  Destination,
  DestinationConfig,
  DestinationKey,
  IpvsInfo,
  Service,
  ServiceConfig,
  ServiceKey,
  ServiceWithDestinations,
  Snapshot,
  SyncDaemon,
  Timeouts,
} from './types.js';
import {
  validateDaemon,
  validateDestinationConfig,
  validateDestinationKey,
  validateServiceConfig,
  validateServiceKey,
  validateTimeouts,
} from './validate.js';

export interface IpvsClientOptions {
  /** Most requests in flight at once (default 4), besides the service dump on its own channel. */
  maxInFlight?: number;
  /** How long one request may take before it fails (default 10 s). */
  timeoutMs?: number;
  /** Makes a channel whose reads take `readBufferBytes`; tests substitute their own. */
  openChannel?: (readBufferBytes: number) => ReturnType<NonNullable<PoolOptions['openChannel']>>;
  /**
   * Whole readings of big tables share their server dumps with a second thread (see
   * dump-helper.ts). Default true, false when `openChannel` is given.
   */
  dumpHelper?: boolean;
  /**
   * Whole readings of more services than this stay on one thread. The TUI reads larger
   * tables in rotation, so the helper would only hurry its first reading, and what the
   * thread leaves allocated (12-17 MB of RSS at 5000 services) would stay for its whole run.
   * Default: no limit.
   */
  dumpHelperMaxServices?: number;
  /** Where the helper thread's entry is; tests substitute ones that fail. */
  dumpHelperThread?: URL;
}

/** The service dump: each service with the bytes that name it, and the datagrams that carried them. */
interface ServiceListing {
  services: Service[];
  keys: Buffer[];
  datagrams: number;
}

/** A snapshot torn by a change is read again, up to this many reads in all. */
const SNAPSHOT_ATTEMPTS = 3;

/**
 * Whole readings of at least this many services share their server dumps with the helper
 * thread. Below it a reading is short (some milliseconds on a director) and the helper's
 * messages would cost about what they save.
 */
export const HELPER_MIN_SERVICES = 500;

/** What a request was doing, and how its errnos read in that context. */
interface Context {
  /** Built only when an error needs it: the hot path reads thousands of dumps. */
  action: string | (() => string);
  errnos?: Partial<Record<string, () => IpvsError>>;
}

export class IpvsClient {
  private constructor(
    private readonly pool: ChannelPool,
    /** The service dumps: one at a time, on a channel with big reads (see READ_BUFFER_BYTES). */
    private readonly servicePool: ChannelPool,
    private readonly familyId: number,
    private readonly timeoutMs: number,
    /** Null when the caller asked for one thread. */
    private readonly helper: DumpHelper | null,
    private readonly helperMaxServices: number,
  ) {}

  static async open(options: IpvsClientOptions = {}): Promise<IpvsClient> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const openChannel = options.openChannel ?? ((readBufferBytes: number) => new Channel(readBufferBytes));
    let pool: ChannelPool;
    let servicePool: ChannelPool;
    try {
      pool = new ChannelPool({ maxInFlight: options.maxInFlight ?? 4, openChannel: () => openChannel(READ_BUFFER_BYTES.small) });
      servicePool = new ChannelPool({ maxInFlight: 1, openChannel: () => openChannel(READ_BUFFER_BYTES.large) });
    } catch (error) {
      throw new IpvsError('kernel', `Cannot open a netlink socket: ${(error as Error).message}.`);
    }
    try {
      const familyId = await resolveFamily(pool, timeoutMs);
      const maxInFlight = pool.maxInFlight;
      // The helper opens real sockets of its own: not beside channels a test substitutes.
      const wantsHelper = options.dumpHelper ?? options.openChannel === undefined;
      const helper = wantsHelper ? new DumpHelper({ familyId, maxInFlight, timeoutMs }, { threadUrl: options.dumpHelperThread }) : null;
      return new IpvsClient(pool, servicePool, familyId, timeoutMs, helper, options.dumpHelperMaxServices ?? Number.POSITIVE_INFINITY);
    } catch (error) {
      pool.close();
      servicePool.close();
      throw error;
    }
  }

  /** How many requests it keeps in flight at most. */
  get maxInFlight(): number {
    return this.pool.maxInFlight;
  }

  /** The highest number of requests that were in flight at once. */
  get peakInFlight(): number {
    return this.pool.peakInFlight;
  }

  /** Whole readings whose server dumps were shared with the helper thread. */
  get sharedReadings(): number {
    return this.helper?.sharedDumps ?? 0;
  }

  /** Services whose server dumps the helper thread answered. */
  get helperAnswered(): number {
    return this.helper?.servicesAnswered ?? 0;
  }

  close(): void {
    this.helper?.close();
    this.pool.close();
    this.servicePool.close();
  }

  // ---- reading ----------------------------------------------------------------------------

  async info(): Promise<IpvsInfo> {
    const [reply] = await this.call(Cmd.GET_INFO, Buffer.alloc(0), false, { action: 'read IPVS info' });
    if (!reply) throw new IpvsError('kernel', 'The kernel sent no IPVS info.');
    return decodeInfo(parseAttributes(reply.attributes));
  }

  async services(): Promise<Service[]> {
    return (await this.listServices()).services;
  }

  /**
   * The service dump, on its own channel with big reads, each service handed to `take` at
   * [start, end) of the datagram it came in; the number of datagrams that carried them.
   */
  private async dumpServices(take: (datagram: Buffer, start: number, end: number) => void): Promise<number> {
    let datagrams = 0;
    let refusal: NetlinkRequestError | null = null;
    let sent = false;
    try {
      await this.servicePool.series({
        familyId: this.familyId,
        command: Cmd.GET_SERVICE,
        version: IPVS_GENL_VERSION,
        dump: true,
        timeoutMs: this.timeoutMs,
        next: () => (sent ? null : ((sent = true), Buffer.alloc(0))),
        message: (datagram, start, end) => {
          const nest = nestedSpanIn(datagram, start + GENL_HDRLEN, end, CmdAttr.SERVICE, 'service');
          take(datagram, nest.start, nest.end);
        },
        end: (refused, count) => {
          refusal = refused;
          datagrams = count;
        },
      });
    } catch (error) {
      throw translate(error, LISTING_SERVICES, this.timeoutMs);
    }
    if (refusal) throw translate(refusal, LISTING_SERVICES, this.timeoutMs);
    return datagrams;
  }

  /** Each service with the bytes that name it (for its server dump, and as its identity), decoded in place. */
  private async listServices(): Promise<ServiceListing> {
    const services: Service[] = [];
    const keys: Buffer[] = [];
    const datagrams = await this.dumpServices((datagram, start, end) => {
      services.push(decodeServiceAt(datagram, start, end));
      keys.push(serviceKeyOfDumped(datagram, start, end));
    });
    return { services, keys, datagrams };
  }

  /** Only the identities of the services, in dump order: to check an earlier dump against. */
  private async listServiceIdentities(): Promise<string[]> {
    const identities: string[] = [];
    await this.dumpServices((datagram, start, end) => identities.push(identity(serviceKeyOfDumped(datagram, start, end))));
    return identities;
  }

  async service(key: ServiceKey): Promise<Service> {
    validateServiceKey(key);
    const [reply] = await this.call(Cmd.GET_SERVICE, encodeServiceKey(key), false, {
      action: () => `read service ${describeService(key)}`,
      errnos: { ESRCH: () => errors.serviceNotFound(key), ENOENT: () => errors.serviceNotFound(key) },
    });
    if (!reply) throw errors.serviceNotFound(key);
    return decodeService(nestedOf(reply, CmdAttr.SERVICE, 'service'));
  }

  async destinations(service: ServiceKey): Promise<Destination[]> {
    validateServiceKey(service);
    const replies = await this.call(Cmd.GET_DEST, encodeServiceKey(service), true, listingServersOf(service));
    return replies.map((reply) => decodeDestination(nestedOf(reply, CmdAttr.DEST, 'real server'), service.family));
  }

  /**
   * Every service with its real servers: one service dump, then one server dump per service,
   * as many in flight as the pool allows. Services for which `readDestinationsOf` is false
   * come back with no servers (the caller keeps its older reading). A read the table changed
   * under is read again; one that stays torn is refused, never returned half-old.
   */
  async snapshot(readDestinationsOf?: (service: ServiceKey) => boolean): Promise<Snapshot> {
    for (let attempt = 1; ; attempt += 1) {
      const snapshot = await this.readSnapshot(readDestinationsOf);
      if (snapshot) return snapshot;
      this.tornReads += 1;
      if (attempt === SNAPSHOT_ATTEMPTS) throw errors.tableChanging(SNAPSHOT_ATTEMPTS);
    }
  }

  /** Reads the table were torn by a change and read again (see torn-dump.ts). */
  tornReads = 0;

  /** One read of the table, or null when a change may have torn it. */
  private async readSnapshot(readDestinationsOf?: (service: ServiceKey) => boolean): Promise<Snapshot | null> {
    const [ipvs, listing] = await Promise.all([this.info(), this.listServices()]);
    // A service dump in one datagram was read under one lock and cannot tear (torn-dump.ts).
    const tearable = listing.datagrams > 1;
    const identities = tearable ? listing.keys.map(identity) : [];
    if (tearable && hasRepeats(identities)) return null;
    const wanted: number[] = [];
    listing.services.forEach((service, index) => {
      if (!readDestinationsOf || readDestinationsOf(service)) wanted.push(index);
    });
    const destinations = await this.wholeDestinations(listing, wanted, !readDestinationsOf);
    if (destinations === null) return null;
    if (tearable && !sameKeys(identities, await this.listServiceIdentities())) return null;
    // The listing's services are this read's own: each takes its servers in place (a copy by
    // spreading cost about a microsecond per service, as much as decoding it).
    const services = listing.services as ServiceWithDestinations[];
    services.forEach((service, index) => {
      service.destinations = destinations[index] ?? [];
    });
    return { ipvs, services };
  }

  /**
   * The real servers of the listed services at `wanted`, by index, from untorn dumps; null when
   * a service changed or went away meanwhile. A dump carried by more than one datagram is
   * checked against a second one (see torn-dump.ts).
   */
  private async wholeDestinations(listing: ServiceListing, wanted: number[], whole: boolean): Promise<Array<Destination[] | undefined> | null> {
    const shared = whole && this.helper !== null && wanted.length >= HELPER_MIN_SERVICES && wanted.length <= this.helperMaxServices;
    const first = await this.streamDestinations(listing, wanted, shared);
    if (first === null) return null;
    const split = wanted.filter((index) => first.datagrams[index]! > 1);
    if (split.length === 0) return first.destinations;
    const keysOf = (destinations: Array<Destination[] | undefined>, index: number) => destinations[index]!.map(destinationKeyText);
    if (split.some((index) => hasRepeats(keysOf(first.destinations, index)))) return null;
    const second = await this.streamDestinations(listing, split);
    if (second === null) return null;
    const unchanged = split.every((index) => sameKeys(keysOf(first.destinations, index), keysOf(second.destinations, index)));
    return unchanged ? first.destinations : null;
  }

  /**
   * One server dump for each listed service at `wanted`, streamed on every channel of the pool
   * (see RequestSeries) and decoded as the answers are read; with `shared`, the dumps are
   * shared with the helper thread (see dump-helper.ts). Null when a service went away after
   * the service dump: the listing is no longer the table.
   */
  private async streamDestinations(
    listing: ServiceListing,
    wanted: number[],
    shared = false,
  ): Promise<{ destinations: Array<Destination[] | undefined>; datagrams: Uint32Array } | null> {
    const { services, keys } = listing;
    const destinations: Array<Destination[] | undefined> = new Array(services.length);
    const datagrams = new Uint32Array(services.length);
    /** By position in `wanted`: its dump ended (answered or refused). */
    const answered = new Uint8Array(wanted.length);
    let gone = false;
    let failure: IpvsError | null = null;
    let dump: SharedDump | null = null;
    const ended = (position: number, refusal: NetlinkRequestError | null, count: number): void => {
      answered[position] = 1;
      const index = wanted[position]!;
      if (refusal === null) {
        datagrams[index] = count;
        return;
      }
      const error = translate(refusal, listingServersOf(services[index]!), this.timeoutMs);
      if (error.kind === 'not-found') gone = true;
      else failure ??= error;
      dump?.stop();
    };
    const fromHelper = (answers: HelperAnswers): void => {
      if (gone || failure) return;
      try {
        const bytes = Buffer.from(answers.bytes);
        let start = 0;
        for (let m = 0; m < answers.messageEnds.length; m++) {
          const end = answers.messageEnds[m]!;
          const index = wanted[answers.messageOwners[m]!]!;
          const nest = nestedSpanIn(bytes, start + GENL_HDRLEN, end, CmdAttr.DEST, 'real server');
          (destinations[index] ??= []).push(decodeDestinationAt(bytes, nest.start, nest.end, services[index]!.family));
          start = end;
        }
        for (let e = 0; e < answers.ended.length; e++) {
          const position = answers.ended[e]!;
          const errno = answers.errnos[e]!;
          destinations[wanted[position]!] ??= [];
          ended(position, errno === 0 ? null : new NetlinkRequestError(errno, errnoName(errno)), answers.datagrams[e]!);
        }
      } catch (error) {
        failure ??= translate(error, { action: 'list real servers' }, this.timeoutMs);
        dump?.stop();
      }
    };
    dump = shared && this.helper ? this.helper.share(wanted.map((index) => keys[index]!), fromHelper) : soloDump(wanted.length);
    const { claim } = dump;
    const series = (): RequestSeries => {
      let position = -1;
      let read: Destination[] = [];
      return {
        familyId: this.familyId,
        command: Cmd.GET_DEST,
        version: IPVS_GENL_VERSION,
        dump: true,
        timeoutMs: this.timeoutMs,
        next: () => {
          if (gone || failure) return null;
          position = claim();
          if (position === -1) return null;
          const index = wanted[position]!;
          destinations[index] = read = [];
          return keys[index]!;
        },
        message: (datagram, start, end) => {
          // Decoded in place: no view of the datagram per server.
          const nest = nestedSpanIn(datagram, start + GENL_HDRLEN, end, CmdAttr.DEST, 'real server');
          read.push(decodeDestinationAt(datagram, nest.start, nest.end, services[wanted[position]!]!.family));
        },
        end: (refusal, count) => ended(position, refusal, count),
      };
    };
    const streams = Array.from({ length: Math.min(this.pool.maxInFlight, wanted.length) }, () =>
      this.pool.series(series()).catch((error: unknown) => {
        failure ??= translate(error, { action: 'list real servers' }, this.timeoutMs);
        dump?.stop();
      }),
    );
    await Promise.all(streams);
    await dump.settled();
    if (failure) throw failure;
    if (gone) return null;
    // What the helper took and did not answer (it failed, or stopped answering) is read here.
    const left = wanted.filter((_, position) => answered[position] === 0);
    if (left.length === 0) return { destinations, datagrams };
    const rest = await this.streamDestinations(listing, left);
    if (rest === null) return null;
    for (const index of left) {
      destinations[index] = rest.destinations[index];
      datagrams[index] = rest.datagrams[index]!;
    }
    return { destinations, datagrams };
  }

  async timeouts(): Promise<Timeouts> {
    const [reply] = await this.call(Cmd.GET_CONFIG, Buffer.alloc(0), false, { action: 'read timeouts' });
    if (!reply) throw new IpvsError('kernel', 'The kernel sent no timeouts.');
    return decodeTimeouts(parseAttributes(reply.attributes));
  }

  async daemons(): Promise<SyncDaemon[]> {
    const replies = await this.call(Cmd.GET_DAEMON, Buffer.alloc(0), true, { action: 'read sync daemons' });
    return replies.map((reply) => decodeDaemon(nestedOf(reply, CmdAttr.DAEMON, 'sync daemon')));
  }

  // ---- changing ---------------------------------------------------------------------------

  async addService(config: ServiceConfig): Promise<void> {
    validateServiceConfig(config);
    await this.call(Cmd.NEW_SERVICE, encodeService(config), false, {
      action: `add service ${describeService(config)}`,
      errnos: {
        EEXIST: () => errors.serviceExists(config),
        ENOENT: () => moduleMissing(config),
      },
    });
  }

  async editService(config: ServiceConfig): Promise<void> {
    validateServiceConfig(config);
    await this.call(Cmd.SET_SERVICE, encodeService(config), false, {
      action: `edit service ${describeService(config)}`,
      errnos: { ESRCH: () => errors.serviceNotFound(config), ENOENT: () => moduleMissing(config) },
    });
  }

  async deleteService(key: ServiceKey): Promise<void> {
    validateServiceKey(key);
    await this.call(Cmd.DEL_SERVICE, encodeServiceKey(key), false, {
      action: `delete service ${describeService(key)}`,
      errnos: { ESRCH: () => errors.serviceNotFound(key) },
    });
  }

  async addDestination(service: ServiceKey, config: DestinationConfig): Promise<void> {
    validateServiceKey(service);
    validateDestinationConfig(service, config);
    await this.call(Cmd.NEW_DEST, encodeDestination(service, config), false, {
      action: `add real server ${describeDestination(config)} to ${describeService(service)}`,
      errnos: {
        ESRCH: () => errors.serviceNotFound(service),
        EEXIST: () => errors.destinationExists(service, config),
      },
    });
  }

  async editDestination(service: ServiceKey, config: DestinationConfig): Promise<void> {
    validateServiceKey(service);
    validateDestinationConfig(service, config);
    await this.call(Cmd.SET_DEST, encodeDestination(service, config), false, {
      action: `edit real server ${describeDestination(config)} of ${describeService(service)}`,
      errnos: {
        ESRCH: () => errors.serviceNotFound(service),
        ENOENT: () => errors.destinationNotFound(service, config),
      },
    });
  }

  async deleteDestination(service: ServiceKey, key: DestinationKey): Promise<void> {
    validateServiceKey(service);
    validateDestinationKey(key);
    await this.call(Cmd.DEL_DEST, encodeDestinationKey(service, key), false, {
      action: `delete real server ${describeDestination(key)} of ${describeService(service)}`,
      errnos: {
        ESRCH: () => errors.serviceNotFound(service),
        ENOENT: () => errors.destinationNotFound(service, key),
      },
    });
  }

  async zero(service?: ServiceKey): Promise<void> {
    if (service) validateServiceKey(service);
    await this.call(Cmd.ZERO, service ? encodeServiceKey(service) : Buffer.alloc(0), false, {
      action: service ? `zero the counters of ${describeService(service)}` : 'zero all counters',
      errnos: service ? { ESRCH: () => errors.serviceNotFound(service) } : {},
    });
  }

  async flush(): Promise<void> {
    await this.call(Cmd.FLUSH, Buffer.alloc(0), false, { action: 'clear the table' });
  }

  async setTimeouts(timeouts: Timeouts): Promise<void> {
    validateTimeouts(timeouts);
    await this.call(Cmd.SET_CONFIG, encodeTimeouts(timeouts), false, { action: 'set timeouts' });
  }

  async startDaemon(daemon: SyncDaemon): Promise<void> {
    validateDaemon(daemon);
    await this.call(Cmd.NEW_DAEMON, encodeDaemon(daemon), false, {
      action: `start the ${daemon.role} sync daemon on ${daemon.interface}`,
      errnos: {
        EEXIST: () => errors.daemonRunning(daemon.role),
        ENODEV: () => errors.invalid('sync interface', `there is no interface "${daemon.interface}"`),
      },
    });
  }

  async stopDaemon(role: DaemonRole): Promise<void> {
    await this.call(Cmd.DEL_DAEMON, encodeDaemonStop(role), false, {
      action: `stop the ${role} sync daemon`,
      errnos: { ESRCH: () => errors.daemonNotRunning(role) },
    });
  }

  // ---- plumbing ---------------------------------------------------------------------------

  private async call(command: number, attributes: Buffer, dump: boolean, context: Context, pool = this.pool): Promise<Replies> {
    try {
      return await pool.request({
        familyId: this.familyId,
        command,
        version: IPVS_GENL_VERSION,
        dump,
        attributes,
        timeoutMs: this.timeoutMs,
      });
    } catch (error) {
      throw translate(error, context, this.timeoutMs);
    }
  }
}

function moduleMissing(config: ServiceConfig): IpvsError {
  // The kernel answers ENOENT for a missing scheduler and for a missing persistence engine.
  if (config.pe === null) return errors.schedulerUnavailable(config.scheduler);
  return new IpvsError(
    'unsupported',
    `Scheduler "${config.scheduler}" or persistence engine "${config.pe}" is not available in this kernel (modules ip_vs_${config.scheduler}, ip_vs_pe_${config.pe}).`,
    'ENOENT',
  );
}

function nestedOf(reply: GenericPayload, type: number, what: string): Buffer {
  return nestedIn(reply.attributes, 0, reply.attributes.length, type, what);
}

function nestedIn(buffer: Buffer, start: number, end: number, type: number, what: string): Buffer {
  const nest = nestedSpanIn(buffer, start, end, type, what);
  return buffer.subarray(nest.start, nest.end);
}

/** Where the nested attribute of `type` lies in [start, end) of `buffer`. */
function nestedSpanIn(buffer: Buffer, start: number, end: number, type: number, what: string): AttributeCursor {
  const nest = findAttributeAt(buffer, type, start, end);
  if (!nest) throw new IpvsError('kernel', `The kernel sent a ${what} message without its ${what}.`);
  return nest;
}

const LISTING_SERVICES: Context = { action: 'list services' };

/** Listing a service's real servers; a service deleted meanwhile answers ESRCH, or EINVAL on older kernels. */
function listingServersOf(service: ServiceKey): Context {
  return {
    action: () => `list real servers of ${describeService(service)}`,
    errnos: { ESRCH: () => errors.serviceNotFound(service), EINVAL: () => errors.serviceNotFound(service) },
  };
}

function translate(error: unknown, context: Context, timeoutMs: number): IpvsError {
  if (error instanceof IpvsError) return error;
  const action = typeof context.action === 'function' ? context.action() : context.action;
  if (!(error instanceof NetlinkRequestError)) {
    return new IpvsError('kernel', `Could not ${action}: ${(error as Error).message}.`);
  }
  const specific = context.errnos?.[error.code];
  if (specific) return specific();
  switch (error.code) {
    case 'EPERM':
    case 'EACCES':
      return errors.permission();
    case 'ETIMEDOUT':
      return new IpvsError('timeout', `The kernel did not answer within ${timeoutMs / 1000} s while trying to ${action}.`, 'ETIMEDOUT');
    case 'EBUSY':
      return new IpvsError('busy', `The kernel was busy and refused to ${action}; try again.`, 'EBUSY');
    case 'EINVAL':
    case 'ERANGE':
      return new IpvsError('invalid', `The kernel refused to ${action}: an argument is out of range (${error.code}).`, error.code);
    default:
      return new IpvsError('kernel', `The kernel refused to ${action} (${error.code}).`, error.code);
  }
}

/** The generic-netlink family id of IPVS, asked of the kernel on a channel of `pool`. */
export async function resolveFamily(pool: ChannelPool, timeoutMs: number): Promise<number> {
  let replies: GenericPayload[];
  try {
    replies = await pool.request({
      familyId: GENL_ID_CTRL,
      command: CTRL_CMD_GETFAMILY,
      version: 1,
      dump: false,
      attributes: new AttributeWriter().string(CTRL_ATTR_FAMILY_NAME, IPVS_GENL_NAME).toBuffer(),
      timeoutMs,
    });
  } catch (error) {
    if (error instanceof NetlinkRequestError && error.code === 'ENOENT') throw errors.unavailable();
    throw translate(error, { action: 'find the IPVS netlink family' }, timeoutMs);
  }
  const id = replies[0] && parseAttributes(replies[0].attributes).get(CTRL_ATTR_FAMILY_ID);
  if (!id) throw errors.unavailable();
  return readU16(id);
}
