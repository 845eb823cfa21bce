// The states a simulated connection goes through, with the kernel's names and timeouts
// (ip_vs_proto_tcp.c, _udp.c, _sctp.c). Active means ESTABLISHED; every other state counts as
// inactive, and UDP connections are always inactive, as ipvsadm shows them.

import type { Timeouts } from '../../ipvs/types.js';
import type { Plan } from './model.js';

export interface Phase {
  state: string;
  active: boolean;
  /** Whether the connection's data flows in this phase (exactly one phase per plan). */
  flowing: boolean;
  seconds: number;
}

// Kernel TCP timeouts that `ipvsadm --set` does not change.
const TIME_WAIT_SECONDS = 120;
const SYN_RECV_SECONDS = 60;
const SCTP_CLOSED_SECONDS = 10;

/** Phase `index` of a connection following `plan`, or null when it has expired. */
export function phaseOf(plan: Plan, index: number, lifetime: number, timeouts: Timeouts): Phase | null {
  switch (plan) {
    case 'tcp-nat':
      // The director sees both sides: the FINs pass quickly, then TIME_WAIT.
      return [
        { state: 'ESTABLISHED', active: true, flowing: true, seconds: lifetime },
        { state: 'FIN_WAIT', active: false, flowing: false, seconds: 1 },
        { state: 'TIME_WAIT', active: false, flowing: false, seconds: TIME_WAIT_SECONDS },
      ][index] ?? null;
    case 'tcp-direct':
      // DR and tunnels: only the client's side passes, so the entry waits in FIN_WAIT.
      return [
        { state: 'ESTABLISHED', active: true, flowing: true, seconds: lifetime },
        { state: 'FIN_WAIT', active: false, flowing: false, seconds: timeouts.tcpFin },
      ][index] ?? null;
    case 'tcp-unanswered':
      // A server that never answers: SYNs arrive, nothing comes back, the entry times out.
      return [
        { state: 'SYN_RECV', active: false, flowing: true, seconds: 7 },
        { state: 'SYN_RECV', active: false, flowing: false, seconds: SYN_RECV_SECONDS - 7 },
      ][index] ?? null;
    case 'udp':
      return [
        { state: 'UDP', active: false, flowing: true, seconds: lifetime },
        { state: 'UDP', active: false, flowing: false, seconds: timeouts.udp },
      ][index] ?? null;
    case 'sctp':
      return [
        { state: 'ESTABLISHED', active: true, flowing: true, seconds: lifetime },
        { state: 'CLOSED', active: false, flowing: false, seconds: SCTP_CLOSED_SECONDS },
      ][index] ?? null;
  }
}

/** What `ipvsadm -Lnc` shows as time left: traffic keeps re-arming the timer while data flows. */
export function expiresShown(state: string, flowing: boolean, secondsLeft: number, timeouts: Timeouts): number {
  if (flowing && state === 'ESTABLISHED') return timeouts.tcp;
  if (flowing && state === 'UDP') return timeouts.udp;
  return Math.max(0, Math.ceil(secondsLeft));
}
