// The states a simulated connection goes through, with the kernel's names and timeouts
// (ip_vs_proto_tcp.c, _udp.c, _sctp.c). Active means ESTABLISHED; every other state counts as
// inactive, and UDP connections are always inactive, as ipvsadm shows them.

import type { Timeouts } from '../../ipvs/types.js';
import type { Plan } from './model.js';

/** What a phase is, whatever the connection: its state, and whether it is active and flowing. */
export interface PhaseKind {
  readonly state: string;
  readonly active: boolean;
  /** Whether the connection's data flows in this phase (exactly one phase per plan). */
  readonly flowing: boolean;
  /**
   * For a phase as long for every connection (it does not depend on the connection's
   * lifetime), a number of its own: its ends come in the order they were scheduled, and the
   * event queue keeps them in a lane (event-queue.ts). -1 for the others.
   */
  readonly lane: number;
}

// Kernel TCP timeouts that `ipvsadm --set` does not change.
const TIME_WAIT_SECONDS = 120;
const SYN_RECV_SECONDS = 60;
const SCTP_CLOSED_SECONDS = 10;

const ESTABLISHED_FLOWING: PhaseKind = { state: 'ESTABLISHED', active: true, flowing: true, lane: -1 };

/** The phases of each plan, shared by every connection that follows it. */
const PHASES: Record<Plan, readonly PhaseKind[]> = {
  // The director sees both sides: the FINs pass quickly, then TIME_WAIT.
  'tcp-nat': [
    ESTABLISHED_FLOWING,
    { state: 'FIN_WAIT', active: false, flowing: false, lane: 0 },
    { state: 'TIME_WAIT', active: false, flowing: false, lane: 1 },
  ],
  // DR and tunnels: only the client's side passes, so the entry waits in FIN_WAIT.
  'tcp-direct': [ESTABLISHED_FLOWING, { state: 'FIN_WAIT', active: false, flowing: false, lane: 2 }],
  // A server that never answers: SYNs arrive, nothing comes back, the entry times out.
  'tcp-unanswered': [
    { state: 'SYN_RECV', active: false, flowing: true, lane: 3 },
    { state: 'SYN_RECV', active: false, flowing: false, lane: 4 },
  ],
  udp: [
    { state: 'UDP', active: false, flowing: true, lane: -1 },
    { state: 'UDP', active: false, flowing: false, lane: 5 },
  ],
  sctp: [ESTABLISHED_FLOWING, { state: 'CLOSED', active: false, flowing: false, lane: 6 }],
};

/** Phase `index` of a connection following `plan`, or undefined when it has expired. */
export function phaseKind(plan: Plan, index: number): PhaseKind | undefined {
  return PHASES[plan][index];
}

/** How long phase `index` of `plan` lasts, in seconds (a phase that phaseKind has). */
export function phaseSeconds(plan: Plan, index: number, lifetime: number, timeouts: Timeouts): number {
  switch (plan) {
    case 'tcp-nat':
      return index === 0 ? lifetime : index === 1 ? 1 : TIME_WAIT_SECONDS;
    case 'tcp-direct':
      return index === 0 ? lifetime : timeouts.tcpFin;
    case 'tcp-unanswered':
      return index === 0 ? 7 : SYN_RECV_SECONDS - 7;
    case 'udp':
      return index === 0 ? lifetime : timeouts.udp;
    case 'sctp':
      return index === 0 ? lifetime : SCTP_CLOSED_SECONDS;
  }
}

/** What `ipvsadm -Lnc` shows as time left: traffic keeps re-arming the timer while data flows. */
export function expiresShown(state: string, flowing: boolean, secondsLeft: number, timeouts: Timeouts): number {
  if (flowing && state === 'ESTABLISHED') return timeouts.tcp;
  if (flowing && state === 'UDP') return timeouts.udp;
  return Math.max(0, Math.ceil(secondsLeft));
}
