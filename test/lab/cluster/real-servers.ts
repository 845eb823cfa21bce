// The real servers' side of the story: what each one says it has served, port by port.

import { fileURLToPath } from 'node:url';
import { NamespaceProcess, type Message } from './namespace-process.js';
import { PORTS, type RealServerPlan } from './plan.js';

const SCRIPT = fileURLToPath(new URL('./real-server.mjs', import.meta.url));
/** Node starts in ~3-15 s under emulation, more when several start at once. */
const START_TIMEOUT_MS = 90_000;

/** Totals over the connections a server has seen closed on one port. */
export interface Served {
  connections: number;
  requests: number;
  /** Payload bytes (HTTP), without IP and TCP headers. */
  bytesIn: number;
  bytesOut: number;
}

interface PortTally extends Served {
  open: number;
}

export class RealServer {
  /** Kept as running totals per port, not as events: `npm run lab` runs for hours. */
  private readonly ports = new Map<number, PortTally>();

  private constructor(
    readonly plan: RealServerPlan,
    private readonly process: NamespaceProcess,
  ) {
    process.onMessage((message) => this.count(message));
  }

  get name(): string {
    return this.plan.name;
  }
  get address(): string {
    return this.plan.address;
  }

  /** Starts the server in its namespace; resolves once it listens on every port. */
  static async start(plan: RealServerPlan): Promise<RealServer> {
    const process = NamespaceProcess.start(plan.name, plan.namespace, SCRIPT, [plan.name, String(PORTS.first), String(PORTS.count)]);
    const server = new RealServer(plan, process);
    await process.next((message) => message.event === 'ready', START_TIMEOUT_MS, 'ready line').catch(async (error: unknown) => {
      await process.stop();
      throw error;
    });
    return server;
  }

  private tally(port: number): PortTally {
    let tally = this.ports.get(port);
    if (!tally) {
      tally = { open: 0, connections: 0, requests: 0, bytesIn: 0, bytesOut: 0 };
      this.ports.set(port, tally);
    }
    return tally;
  }

  private count(message: Message): void {
    if (typeof message.port !== 'number') return;
    const tally = this.tally(message.port);
    if (message.event === 'open') tally.open += 1;
    if (message.event !== 'close') return;
    tally.open -= 1;
    tally.connections += 1;
    tally.requests += Number(message.requests);
    tally.bytesIn += Number(message.bytesIn);
    tally.bytesOut += Number(message.bytesOut);
  }

  /** What the connections closed so far on `port` carried. */
  served(port: number): Served {
    const { open: _open, ...served } = this.tally(port);
    return served;
  }

  /** Connections open right now on `port`. */
  open(port: number): number {
    return this.tally(port).open;
  }

  stop(): Promise<void> {
    return this.process.stop();
  }
}
