// The simulator's connection table: one slot per entry, its fields in typed arrays (a
// structure of arrays) rather than objects. A big table holds over a million entries for
// minutes each (TIME_WAIT, FIN_WAIT): as objects (the entry, its addresses, its volume, its
// event) they were ~670 bytes and ten objects each, which the collector traced on every major
// collection and copied twice on the way out of the young generation. Here an entry is ~100
// bytes of typed arrays the collector never looks into. What is shared is named by index: the
// real server (and through it the service), the client (clients.ts's pool), the virtual
// address. The listing (`ipvsadm -Lnc`) builds its objects only when asked.
//
// Each server's entries form a doubly linked list through the slots, in the order they were
// made, which is the order the listing shows them in. A slot is reused once nothing refers to
// it: an entry that expires frees its slot at once; one dropped with its server keeps it until
// the event it still has in the queue comes round (events name slots).

import type { Connection } from '../backend.js';
import type { Protocol } from '../../ipvs/types.js';
import type { Flow } from './counters.js';
import type { Plan, SimDestination, Template } from './model.js';

const ACTIVE = 1;
/** Out of the table (its server was removed), waiting for its last event to free the slot. */
const GONE = 2;
/** Its flow is in its counters (it is in its flowing phase). */
const FLOWING = 4;
const TEMPLATED = 8;

const PLANS: readonly Plan[] = ['tcp-nat', 'tcp-direct', 'tcp-unanswered', 'udp', 'sctp'];
const PLAN_CODE: Record<Plan, number> = { 'tcp-nat': 0, 'tcp-direct': 1, 'tcp-unanswered': 2, udp: 3, sctp: 4 };
const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp'];
const PROTOCOL_CODE: Record<Protocol, number> = { tcp: 0, udp: 1, sctp: 2 };

const INITIAL_CAPACITY = 1024;
const NONE = -1;

/** An address and port as one Map or Set key. */
export const addressKey = (at: Address): string => `${at.port} ${at.address}`;

export interface Address {
  readonly address: string;
  readonly port: number;
}

export interface NewConnection {
  dest: SimDestination;
  protocol: Protocol;
  /** Index in the client pool of the service's family (clients.ts). */
  client: number;
  clientPort: number;
  /** From virtualId(). */
  virtual: number;
  plan: Plan;
  lifetime: number;
  volume: Flow;
  template: Template | null;
}

export class ConnectionStore {
  private capacity = 0;
  /** Slots ever handed out; those below it are in use or on the free list. */
  private used = 0;
  private freeHead = NONE;
  private live = 0;

  private destOf = new Int32Array(0);
  private clientOf = new Int32Array(0);
  private virtualOf = new Int32Array(0);
  private portOf = new Uint16Array(0);
  private planOf = new Uint8Array(0);
  private protocolOf = new Uint8Array(0);
  private phaseOf = new Int8Array(0);
  private flagsOf = new Uint8Array(0);
  private lifetimeOf = new Float64Array(0);
  /** in packets, out packets, in bytes, out bytes: four per slot. */
  private volumeOf = new Float64Array(0);
  private endsAt = new Float64Array(0);
  /** Milliseconds of the flowing phase, which its flow per millisecond divides by. */
  private flowMsOf = new Float64Array(0);
  private prevOf = new Int32Array(0);
  private nextOf = new Int32Array(0);
  /** The few entries made under a persistence template. */
  private readonly templates = new Map<number, Template>();

  /** Real servers by index, so a slot names its server in four bytes. */
  private readonly dests: (SimDestination | undefined)[] = [];
  private readonly freeDests: number[] = [];
  private readonly virtuals: Address[] = [];
  private readonly virtualIds = new Map<string, number>();
  /** Handed to the counters: one object, filled for each call, never kept by them. */
  private readonly flow: Flow = { inPackets: 0, outPackets: 0, inBytes: 0, outBytes: 0 };

  constructor() {
    this.grow(INITIAL_CAPACITY);
  }

  /** Entries in the table (those dropped with their server no longer count). */
  get size(): number {
    return this.live;
  }

  /** Slots allocated, for measurements. */
  get slots(): number {
    return this.capacity;
  }

  /** A virtual address's index; there are few of them, each kept once. */
  virtualId(virtual: Address): number {
    const key = addressKey(virtual);
    let id = this.virtualIds.get(key);
    if (id === undefined) {
      id = this.virtuals.length;
      this.virtuals.push({ address: virtual.address, port: virtual.port });
      this.virtualIds.set(key, id);
    }
    return id;
  }

  /** A virtual address's index if entries were ever made for it, else -1 (and none shows it). */
  knownVirtualId(virtual: Address): number {
    return this.virtualIds.get(addressKey(virtual)) ?? NONE;
  }

  /** Whether the entry shows this protocol and virtual address (by its index): filters read the store without listing it. */
  shows(slot: number, protocol: Connection['protocol'], virtualId: number): boolean {
    return this.virtualOf[slot] === virtualId && PROTOCOLS[this.protocolOf[slot]!] === protocol;
  }

  /** A new entry at the end of its server's list, in no phase yet. */
  open(entry: NewConnection): number {
    let slot = this.freeHead;
    if (slot !== NONE) this.freeHead = this.nextOf[slot]!;
    else {
      // By half again rather than double: at a million entries, a doubling leaves ~80 MB unused.
      if (this.used === this.capacity) this.grow(Math.ceil(this.capacity * 1.5));
      slot = this.used++;
    }
    this.live += 1;
    const dest = entry.dest;
    if (dest.storeIndex === NONE) {
      const index = this.freeDests.pop() ?? this.dests.length;
      this.dests[index] = dest;
      dest.storeIndex = index;
    }
    this.destOf[slot] = dest.storeIndex;
    this.clientOf[slot] = entry.client;
    this.virtualOf[slot] = entry.virtual;
    this.portOf[slot] = entry.clientPort;
    this.planOf[slot] = PLAN_CODE[entry.plan];
    this.protocolOf[slot] = PROTOCOL_CODE[entry.protocol];
    this.phaseOf[slot] = -1;
    this.lifetimeOf[slot] = entry.lifetime;
    const v = slot * 4;
    this.volumeOf[v] = entry.volume.inPackets;
    this.volumeOf[v + 1] = entry.volume.outPackets;
    this.volumeOf[v + 2] = entry.volume.inBytes;
    this.volumeOf[v + 3] = entry.volume.outBytes;
    this.endsAt[slot] = 0;
    this.flowMsOf[slot] = 0;
    let flags = 0;
    if (entry.template !== null) {
      flags |= TEMPLATED;
      this.templates.set(slot, entry.template);
    }
    this.flagsOf[slot] = flags;
    // At the tail of the server's list.
    this.prevOf[slot] = dest.lastConnection;
    this.nextOf[slot] = NONE;
    if (dest.lastConnection === NONE) dest.firstConnection = slot;
    else this.nextOf[dest.lastConnection] = slot;
    dest.lastConnection = slot;
    return slot;
  }

  dest(slot: number): SimDestination {
    return this.dests[this.destOf[slot]!]!;
  }

  plan(slot: number): Plan {
    return PLANS[this.planOf[slot]!]!;
  }

  phase(slot: number): number {
    return this.phaseOf[slot]!;
  }

  lifetime(slot: number): number {
    return this.lifetimeOf[slot]!;
  }

  active(slot: number): boolean {
    return (this.flagsOf[slot]! & ACTIVE) !== 0;
  }

  gone(slot: number): boolean {
    return (this.flagsOf[slot]! & GONE) !== 0;
  }

  flowing(slot: number): boolean {
    return (this.flagsOf[slot]! & FLOWING) !== 0;
  }

  template(slot: number): Template | null {
    return (this.flagsOf[slot]! & TEMPLATED) !== 0 ? this.templates.get(slot)! : null;
  }

  /** Into phase `index`, ending at `endsAt`; flowing for `flowMs` ms (0: not flowing). */
  setPhase(slot: number, index: number, active: boolean, endsAt: number, flowMs: number): void {
    this.phaseOf[slot] = index;
    let flags = this.flagsOf[slot]! & ~(ACTIVE | FLOWING);
    if (active) flags |= ACTIVE;
    if (flowMs > 0) flags |= FLOWING;
    this.flagsOf[slot] = flags;
    this.endsAt[slot] = endsAt;
    this.flowMsOf[slot] = flowMs;
  }

  /** Its flow stopped (it is leaving its flowing phase). */
  stopFlowing(slot: number): void {
    this.flagsOf[slot] = this.flagsOf[slot]! & ~FLOWING;
  }

  endsAtOf(slot: number): number {
    return this.endsAt[slot]!;
  }

  /**
   * What it adds to its counters per millisecond while it flows: its volume spread over its
   * flowing phase, the same numbers every time. The object is reused by the next call.
   */
  flowOf(slot: number): Flow {
    const duration = this.flowMsOf[slot]!;
    const v = slot * 4;
    const flow = this.flow;
    flow.inPackets = this.volumeOf[v]! / duration;
    flow.outPackets = this.volumeOf[v + 1]! / duration;
    flow.inBytes = this.volumeOf[v + 2]! / duration;
    flow.outBytes = this.volumeOf[v + 3]! / duration;
    return flow;
  }

  /** Out of its server's list; its slot is freed once its event has come (free()). */
  unlink(slot: number): void {
    const dest = this.dest(slot);
    const prev = this.prevOf[slot]!;
    const next = this.nextOf[slot]!;
    if (prev === NONE) dest.firstConnection = next;
    else this.nextOf[prev] = next;
    if (next === NONE) dest.lastConnection = prev;
    else this.prevOf[next] = prev;
    this.flagsOf[slot] = this.flagsOf[slot]! | GONE;
    this.live -= 1;
  }

  /**
   * Every entry of a server leaves the table at once (the server was removed); `each` sees
   * each of them first. Their slots are freed as their events come.
   */
  dropAll(dest: SimDestination, each: (slot: number) => void): void {
    for (let slot = dest.firstConnection; slot !== NONE; slot = this.nextOf[slot]!) {
      each(slot);
      this.flagsOf[slot] = this.flagsOf[slot]! | GONE;
      this.live -= 1;
    }
    dest.firstConnection = NONE;
    dest.lastConnection = NONE;
    if (dest.storeIndex !== NONE) {
      // Slots of its dropped entries still name the index until their events free them;
      // those events only free the slot and never look at the server.
      this.dests[dest.storeIndex] = undefined;
      this.freeDests.push(dest.storeIndex);
      dest.storeIndex = NONE;
    }
  }

  /** The slot can be reused: the entry is out of the table and no event names it. */
  free(slot: number): void {
    if ((this.flagsOf[slot]! & TEMPLATED) !== 0) this.templates.delete(slot);
    this.flagsOf[slot] = 0;
    this.nextOf[slot] = this.freeHead;
    this.freeHead = slot;
  }

  /** The entry after this one in its server's list, or -1: the listing walks them in order. */
  next(slot: number): number {
    return this.nextOf[slot]!;
  }

  /** The entry as `ipvsadm -Lnc` lists it, in fresh objects (callers may change them). */
  entry(slot: number, clientAddress: string, state: string, expires: number): Connection {
    const virtual = this.virtuals[this.virtualOf[slot]!]!;
    const dest = this.dest(slot);
    return {
      protocol: PROTOCOLS[this.protocolOf[slot]!]!,
      client: { address: clientAddress, port: this.portOf[slot]! },
      virtual: { address: virtual.address, port: virtual.port },
      destination: { address: dest.config.address, port: dest.config.port },
      state,
      expires,
    };
  }

  clientIndex(slot: number): number {
    return this.clientOf[slot]!;
  }

  private grow(capacity: number): void {
    const grown = <A extends Int32Array | Uint16Array | Uint8Array | Int8Array | Float64Array>(old: A, make: new (n: number) => A, per = 1): A => {
      const next = new make(capacity * per);
      next.set(old);
      return next;
    };
    this.destOf = grown(this.destOf, Int32Array);
    this.clientOf = grown(this.clientOf, Int32Array);
    this.virtualOf = grown(this.virtualOf, Int32Array);
    this.portOf = grown(this.portOf, Uint16Array);
    this.planOf = grown(this.planOf, Uint8Array);
    this.protocolOf = grown(this.protocolOf, Uint8Array);
    this.phaseOf = grown(this.phaseOf, Int8Array);
    this.flagsOf = grown(this.flagsOf, Uint8Array);
    this.lifetimeOf = grown(this.lifetimeOf, Float64Array);
    this.volumeOf = grown(this.volumeOf, Float64Array, 4);
    this.endsAt = grown(this.endsAt, Float64Array);
    this.flowMsOf = grown(this.flowMsOf, Float64Array);
    this.prevOf = grown(this.prevOf, Int32Array);
    this.nextOf = grown(this.nextOf, Int32Array);
    this.capacity = capacity;
  }
}
