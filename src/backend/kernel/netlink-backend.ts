import { IpvsClient, type IpvsClientOptions } from '../../ipvs/client.js';
import { errors, IpvsError } from '../../ipvs/errors.js';
import type {
  DaemonRole,
  Destination,
  DestinationConfig,
  DestinationKey,
  IpvsInfo,
  Service,
  ServiceConfig,
  ServiceKey,
  Snapshot,
  SyncDaemon,
  Timeouts,
} from '../../ipvs/types.js';
import type { Backend, ConnectionQuery, ConnectionReading, SnapshotOptions } from '../backend.js';
import { readConnectionTable } from './connections.js';
import { availableSchedulers } from './schedulers.js';

/** The real kernel, through the IPVS generic-netlink client. */
export class NetlinkBackend implements Backend {
  readonly kind = 'kernel' as const;

  private constructor(private readonly client: IpvsClient) {}

  static async open(options?: IpvsClientOptions): Promise<NetlinkBackend> {
    return new NetlinkBackend(await IpvsClient.open(options));
  }

  /** Requests the client had in flight at most (the bound the pool keeps). */
  get peakInFlight(): number {
    return this.client.peakInFlight;
  }

  info(): Promise<IpvsInfo> {
    return this.client.info();
  }
  snapshot(options: SnapshotOptions = {}): Promise<Snapshot> {
    return this.client.snapshot(options.readDestinationsOf);
  }
  services(): Promise<Service[]> {
    return this.client.services();
  }
  service(key: ServiceKey): Promise<Service> {
    return this.client.service(key);
  }
  destinations(service: ServiceKey): Promise<Destination[]> {
    return this.client.destinations(service);
  }
  addService(config: ServiceConfig): Promise<void> {
    return this.whichModuleIsMissing(config, this.client.addService(config));
  }
  editService(config: ServiceConfig): Promise<void> {
    return this.whichModuleIsMissing(config, this.client.editService(config));
  }

  /**
   * The kernel answers ENOENT both for a missing scheduler and for a missing persistence
   * engine; the schedulers this kernel can load tell which one it was.
   */
  private async whichModuleIsMissing(config: ServiceConfig, write: Promise<void>): Promise<void> {
    try {
      await write;
    } catch (error) {
      if (error instanceof IpvsError && error.kind === 'unsupported' && config.pe !== null) {
        const schedulers = await availableSchedulers();
        throw schedulers.includes(config.scheduler) ? errors.peUnavailable(config.pe) : errors.schedulerUnavailable(config.scheduler);
      }
      throw error;
    }
  }
  deleteService(key: ServiceKey): Promise<void> {
    return this.client.deleteService(key);
  }
  addDestination(service: ServiceKey, config: DestinationConfig): Promise<void> {
    return this.client.addDestination(service, config);
  }
  editDestination(service: ServiceKey, config: DestinationConfig): Promise<void> {
    return this.client.editDestination(service, config);
  }
  deleteDestination(service: ServiceKey, key: DestinationKey): Promise<void> {
    return this.client.deleteDestination(service, key);
  }
  zero(service?: ServiceKey): Promise<void> {
    return this.client.zero(service);
  }
  flush(): Promise<void> {
    return this.client.flush();
  }
  timeouts(): Promise<Timeouts> {
    return this.client.timeouts();
  }
  setTimeouts(timeouts: Timeouts): Promise<void> {
    return this.client.setTimeouts(timeouts);
  }
  daemons(): Promise<SyncDaemon[]> {
    return this.client.daemons();
  }
  startDaemon(daemon: SyncDaemon): Promise<void> {
    return this.client.startDaemon(daemon);
  }
  stopDaemon(role: DaemonRole): Promise<void> {
    return this.client.stopDaemon(role);
  }
  schedulers(): Promise<string[]> {
    return availableSchedulers();
  }
  connections(query?: ConnectionQuery): Promise<ConnectionReading> {
    return readConnectionTable(query);
  }
  async close(): Promise<void> {
    this.client.close();
  }
}
