// The whole lab cluster: network, real servers and client, started once for a test file (node
// starts take seconds under emulation) and stopped after it.

import { NetlinkBackend } from '../../../src/backend/kernel/netlink-backend.js';
import { HttpClient } from './http-client.js';
import { PORTS, REAL_SERVERS } from './plan.js';
import { RealServer } from './real-servers.js';
import { buildTopology } from './topology.js';

export class Cluster {
  private portsTaken = 0;

  private constructor(
    /** lvstop's kernel backend: how the tests configure and read IPVS. */
    readonly lvstop: NetlinkBackend,
    readonly client: HttpClient,
    readonly servers: readonly RealServer[],
    private readonly removeTopology: () => Promise<void>,
  ) {}

  static async start(): Promise<Cluster> {
    const removeTopology = await buildTopology();
    // Started together: each node start costs seconds under emulation.
    const lvstop = NetlinkBackend.open();
    const client = HttpClient.start();
    const servers = REAL_SERVERS.map((plan) => RealServer.start(plan));
    const settled = await Promise.allSettled<Part>([lvstop, client, ...servers]);
    const failed = settled.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(settled.map((result) => (result.status === 'fulfilled' ? stopPart(result.value) : undefined)));
      await removeTopology();
      throw failed.reason;
    }
    return new Cluster(await lvstop, await client, await Promise.all(servers), removeTopology);
  }

  /** A port no earlier test of this cluster used (see PORTS in plan.ts). */
  takePort(): number {
    if (this.portsTaken >= PORTS.count) throw new Error(`all ${PORTS.count} lab ports are taken; raise PORTS.count`);
    return PORTS.first + this.portsTaken++;
  }

  server(name: string): RealServer {
    const found = this.servers.find((server) => server.name === name);
    if (!found) throw new Error(`no real server ${name}`);
    return found;
  }

  async stop(): Promise<void> {
    await Promise.all([this.client.stop(), ...this.servers.map((server) => server.stop()), this.lvstop.close()]);
    await this.removeTopology();
  }
}

type Part = NetlinkBackend | HttpClient | RealServer;

function stopPart(part: Part): Promise<void> {
  return part instanceof NetlinkBackend ? part.close() : part.stop();
}
