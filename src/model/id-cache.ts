// Reuses last reading's id strings for services and servers found at the same place in the
// new reading (the kernel lists them in a stable order). A reused string is already hashed
// and compares by pointer, so the half-dozen map lookups per entity stay cheap; building
// 30,000 fresh id strings per reading made those lookups the largest cost of a reading.

import type { DestinationKey, ServiceKey } from '../ipvs/types.js';
import { serverId, serviceId } from './identity.js';

interface ServerSlot {
  address: string;
  port: number;
  id: string;
}

interface ServiceSlot {
  family: ServiceKey['family'];
  protocol: ServiceKey['protocol'];
  address: string | null;
  port: number | null;
  fwmark: number | null;
  id: string;
  servers: ServerSlot[];
}

export class IdCache {
  private slots: ServiceSlot[] = [];

  /** The id of the service at `index` of this reading. */
  service(index: number, key: ServiceKey): string {
    const slot = this.slots[index];
    if (
      slot !== undefined &&
      slot.address === key.address &&
      slot.port === key.port &&
      slot.protocol === key.protocol &&
      slot.fwmark === key.fwmark &&
      slot.family === key.family
    ) {
      // Hold this reading's address string, not the first one's: that one can then be freed.
      slot.address = key.address;
      return slot.id;
    }
    const id = serviceId(key);
    this.slots[index] = {
      family: key.family,
      protocol: key.protocol,
      address: key.address,
      port: key.port,
      fwmark: key.fwmark,
      id,
      servers: [],
    };
    return id;
  }

  /** The id of server `index` of the service at `serviceIndex` (call `service` first). */
  server(serviceIndex: number, index: number, key: DestinationKey): string {
    const slot = this.slots[serviceIndex];
    if (slot === undefined) throw new RangeError('IdCache.server called before IdCache.service');
    const server = slot.servers[index];
    if (server !== undefined && server.address === key.address && server.port === key.port) {
      server.address = key.address;
      return server.id;
    }
    const id = serverId(slot.id, key);
    slot.servers[index] = { address: key.address, port: key.port, id };
    return id;
  }

  /** Drop the slots past the end of this reading. */
  trim(services: number): void {
    if (this.slots.length > services) this.slots.length = services;
  }
}
