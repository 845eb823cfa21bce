// What the main thread and the dump helper's thread say to each other (see dump-helper.ts).

/** Given to the thread when it starts. */
export interface HelperSetup {
  familyId: number;
  maxInFlight: number;
  timeoutMs: number;
  /** Over a SharedArrayBuffer: [0] becomes 1 once the thread, asked to close, closed its sockets. */
  closed?: Int32Array;
}

/**
 * One set of server dumps. Both threads take services from `claims[CURSOR]` until it passes
 * the last: whoever is free takes the next, so neither waits for the other's share.
 */
export interface HelperRequest {
  id: number;
  /** The services' keys (as the service dump carried them), one after another. */
  keyBytes: Uint8Array;
  /** Where each key ends in keyBytes. */
  keyEnds: Uint32Array;
  /** Over a SharedArrayBuffer: [CURSOR] the next position to take, [CLAIMED] how many the helper took. */
  claims: Int32Array;
}

export const CURSOR = 0;
export const CLAIMED = 1;
export const CLAIM_SLOTS = 2;

/** The helper hands answers over after this many services end, and when it is done. */
export const FLUSH_SERVICES = 64;

/**
 * Answers of the helper's services: the generic-netlink payload of each message (its header
 * and attributes) in `bytes`, ending at messageEnds[m], for the service at messageOwners[m];
 * and the services whose dumps ended, with the datagrams that carried them and the errno the
 * kernel refused them with (0 when it did not).
 */
export interface HelperAnswers {
  kind: 'answers';
  id: number;
  bytes: ArrayBuffer;
  messageEnds: Uint32Array;
  messageOwners: Uint32Array;
  ended: Uint32Array;
  datagrams: Uint32Array;
  errnos: Int32Array;
}

export type HelperReply =
  | { kind: 'ready' }
  | HelperAnswers
  | { kind: 'done'; id: number }
  /** The helper's socket failed or a request timed out; it flushed what it had. */
  | { kind: 'failed'; id: number; reason: string };
