// What clients do to one service: how many arrive (a slow wave plus a random wander), how
// long they stay, and how much they send. Numbers are means; each connection draws its own.

import type { ForwardMethod, Protocol } from '../../ipvs/types.js';
import type { Flow } from './counters.js';
import type { Random } from './random.js';

export interface TrafficProfile {
  /** Mean new connections per second. */
  cps: number;
  /** Relative swing of the slow wave, 0 (flat) to 1. */
  wave: number;
  wavePeriodSeconds: number;
  /** Relative size of the random wander around the wave, 0 for none. */
  noise: number;
  /** Distinct client addresses; fewer means more returning clients (persistence matters). */
  clients: number;
  /** Mean seconds a connection exchanges data (established, for TCP and SCTP). */
  lifetimeSeconds: number;
  /** Mean payload bytes per connection, client to server and back. */
  requestBytes: number;
  responseBytes: number;
  /** For firewall-mark services: what the marked packets are. */
  protocol: Protocol;
  virtualAddress: string | null;
  virtualPort: number;
}

export const DEFAULT_TRAFFIC: TrafficProfile = {
  cps: 20,
  wave: 0.3,
  wavePeriodSeconds: 600,
  noise: 0.15,
  clients: 2000,
  lifetimeSeconds: 5,
  requestBytes: 800,
  responseBytes: 40_000,
  protocol: 'tcp',
  virtualAddress: null,
  virtualPort: 0,
};

export function completeTraffic(partial: Partial<TrafficProfile>): TrafficProfile {
  return { ...DEFAULT_TRAFFIC, ...partial };
}

/** New connections per second at model time `seconds`. */
export function arrivalRate(profile: TrafficProfile, seconds: number, wavePhase: number, wander: number): number {
  const wave = 1 + profile.wave * Math.sin((2 * Math.PI * seconds) / profile.wavePeriodSeconds + wavePhase);
  return Math.max(0, profile.cps * wave * Math.max(0.05, 1 + wander));
}

/** One step of the wander: mean-reverting, so the rate drifts but comes back to the wave. */
export function nextWander(wander: number, noise: number, random: Random): number {
  return wander * 0.9 + noise * 0.44 * random.gaussian();
}

const TCP_SEGMENT = 1448;
const TCP_HEADERS = 52;
const UDP_DATAGRAM = 1200;
const UDP_HEADERS = 28;

/**
 * Packets and bytes of one connection, both ways. Bytes are whole IP packets (what the kernel
 * counts). Replies from DR and tunnel servers bypass the director, so it sees none of them.
 */
export function connectionVolume(
  profile: TrafficProfile,
  protocol: Protocol,
  forward: ForwardMethod,
  answered: boolean,
  random: Random,
): Flow {
  const request = Math.round(random.lognormal(profile.requestBytes));
  const response = Math.round(random.lognormal(profile.responseBytes));
  const repliesSeen = answered && forward === 'masq';
  if (protocol === 'udp') {
    const inPackets = Math.max(1, Math.ceil(request / UDP_DATAGRAM));
    const outPackets = repliesSeen ? Math.max(1, Math.ceil(response / UDP_DATAGRAM)) : 0;
    return {
      inPackets,
      inBytes: request + inPackets * UDP_HEADERS,
      outPackets,
      outBytes: repliesSeen ? response + outPackets * UDP_HEADERS : 0,
    };
  }
  if (!answered) {
    // A client retrying its SYN: initial, then after 1 s and 3 s.
    return { inPackets: 3, inBytes: 3 * 60, outPackets: 0, outBytes: 0 };
  }
  const dataOut = Math.ceil(response / TCP_SEGMENT);
  // Handshake and close, the request, and an ACK for every second segment of the reply.
  const inPackets = 3 + Math.ceil(request / TCP_SEGMENT) + Math.ceil(dataOut / 2);
  const outPackets = repliesSeen ? dataOut + 2 : 0;
  return {
    inPackets,
    inBytes: request + inPackets * TCP_HEADERS,
    outPackets,
    outBytes: repliesSeen ? response + outPackets * TCP_HEADERS : 0,
  };
}
