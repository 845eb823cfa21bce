// Counters and rate estimates of one service or real server, kept the way the kernel keeps them:
// 64-bit totals that only grow (until zeroed), and rates from an estimator that samples every
// 2 seconds and smooths with weight 1/4 (ip_vs_est.c), which averages over roughly 8 seconds.
// Plain number fields, no objects per sample: big tables sample tens of thousands of these.

import type { Stats } from '../../ipvs/types.js';

/** Packets and bytes of one connection, or per millisecond while it flows. */
export interface Flow {
  inPackets: number;
  outPackets: number;
  inBytes: number;
  outBytes: number;
}

export const ESTIMATOR_INTERVAL_MS = 2000;
const ESTIMATOR_WEIGHT = 1 / 4;
/** Below this a decaying estimate is as good as zero, and an idle counter stops costing work. */
const NEGLIGIBLE_RATE = 1e-3;

export class Counters {
  private conns = 0;
  private inPackets = 0;
  private outPackets = 0;
  private inBytes = 0;
  private outBytes = 0;
  // The sum of the flows running now, per millisecond.
  private flows = 0;
  private flowInPackets = 0;
  private flowOutPackets = 0;
  private flowInBytes = 0;
  private flowOutBytes = 0;
  private accruedAt: number;
  // Estimator: totals at the last sample and smoothed per-second rates.
  private sampledConns = 0;
  private sampledInPackets = 0;
  private sampledOutPackets = 0;
  private sampledInBytes = 0;
  private sampledOutBytes = 0;
  private cps = 0;
  private inPps = 0;
  private outPps = 0;
  private inBps = 0;
  private outBps = 0;

  constructor(now: number) {
    this.accruedAt = now;
  }

  countConnection(): void {
    this.conns += 1;
  }

  /** Packets and bytes that pass at one instant (e.g. one datagram each way). */
  addBurst(burst: Flow): void {
    this.inPackets += burst.inPackets;
    this.outPackets += burst.outPackets;
    this.inBytes += burst.inBytes;
    this.outBytes += burst.outBytes;
  }

  /** Start (sign 1) or stop (sign -1) a steady flow; totals are brought up to `now` first. */
  changeFlow(now: number, flow: Flow, sign: 1 | -1): void {
    this.accrue(now);
    this.flows += sign;
    if (this.flows <= 0) {
      // Exactly zero, so float residue never trickles into the totals of an idle server.
      this.flows = 0;
      this.flowInPackets = this.flowOutPackets = this.flowInBytes = this.flowOutBytes = 0;
      return;
    }
    this.flowInPackets += sign * flow.inPackets;
    this.flowOutPackets += sign * flow.outPackets;
    this.flowInBytes += sign * flow.inBytes;
    this.flowOutBytes += sign * flow.outBytes;
  }

  accrue(now: number): void {
    const elapsed = now - this.accruedAt;
    if (elapsed <= 0) return;
    if (this.flows > 0) {
      this.inPackets += this.flowInPackets * elapsed;
      this.outPackets += this.flowOutPackets * elapsed;
      this.inBytes += this.flowInBytes * elapsed;
      this.outBytes += this.flowOutBytes * elapsed;
    }
    this.accruedAt = now;
  }

  /** One estimator sample, taken every ESTIMATOR_INTERVAL_MS of model time. */
  sample(now: number): void {
    this.accrue(now);
    if (this.idle()) return;
    const seconds = ESTIMATOR_INTERVAL_MS / 1000;
    this.cps = smooth(this.cps, (this.conns - this.sampledConns) / seconds);
    this.inPps = smooth(this.inPps, (this.inPackets - this.sampledInPackets) / seconds);
    this.outPps = smooth(this.outPps, (this.outPackets - this.sampledOutPackets) / seconds);
    this.inBps = smooth(this.inBps, (this.inBytes - this.sampledInBytes) / seconds);
    this.outBps = smooth(this.outBps, (this.outBytes - this.sampledOutBytes) / seconds);
    this.remember();
  }

  /** Like ipvsadm -Z: totals start again from zero and so do the estimates. */
  zero(now: number): void {
    this.accrue(now);
    this.conns = this.inPackets = this.outPackets = this.inBytes = this.outBytes = 0;
    this.cps = this.inPps = this.outPps = this.inBps = this.outBps = 0;
    this.remember();
  }

  /** The counters as read at `now`, without changing any state (so reads never alter a run). */
  read(now: number): Stats {
    const elapsed = this.flows > 0 ? Math.max(0, now - this.accruedAt) : 0;
    return {
      conns: Math.floor(this.conns),
      inPackets: Math.floor(this.inPackets + this.flowInPackets * elapsed),
      outPackets: Math.floor(this.outPackets + this.flowOutPackets * elapsed),
      inBytes: Math.floor(this.inBytes + this.flowInBytes * elapsed),
      outBytes: Math.floor(this.outBytes + this.flowOutBytes * elapsed),
      cps: Math.round(this.cps),
      inPps: Math.round(this.inPps),
      outPps: Math.round(this.outPps),
      inBps: Math.round(this.inBps),
      outBps: Math.round(this.outBps),
    };
  }

  /** Nothing counted since the last sample and the estimates have decayed to nothing. */
  private idle(): boolean {
    return (
      this.conns === this.sampledConns &&
      this.inPackets === this.sampledInPackets &&
      this.outPackets === this.sampledOutPackets &&
      this.inBytes === this.sampledInBytes &&
      this.outBytes === this.sampledOutBytes &&
      this.cps === 0 && this.inPps === 0 && this.outPps === 0 && this.inBps === 0 && this.outBps === 0
    );
  }

  private remember(): void {
    this.sampledConns = this.conns;
    this.sampledInPackets = this.inPackets;
    this.sampledOutPackets = this.outPackets;
    this.sampledInBytes = this.inBytes;
    this.sampledOutBytes = this.outBytes;
  }
}

function smooth(average: number, rate: number): number {
  const next = average + (rate - average) * ESTIMATOR_WEIGHT;
  return Math.abs(next) < NEGLIGIBLE_RATE ? 0 : next;
}

export function emptyFlow(): Flow {
  return { inPackets: 0, outPackets: 0, inBytes: 0, outBytes: 0 };
}
