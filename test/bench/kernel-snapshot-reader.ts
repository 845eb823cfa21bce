// lvstop's side of kernel-snapshot.ts, in a process of its own: it reads the table on request
// and says how long each read took, timed inside this warm process as the TUI polls. It never
// starts a process itself. A node process that has just forked (to run ipvsadm) pays a
// copy-on-write fault for every page of its heap it writes next: in the lab guest ~2,000 more
// page faults per snapshot at 1000 x 5, which lvstop, which starts no process, never pays.
// It times the built client in dist/ (what bin/lvstop runs), not the TypeScript source
// through tsx, whose transform wraps every function made at run time in a naming helper.

import { performance } from 'node:perf_hooks';

const built = <T>(path: string): Promise<T> => import(new URL(`../../dist/${path}`, import.meta.url).href) as Promise<T>;
const { IpvsClient, resolveFamily, HELPER_MIN_SERVICES } = await built<typeof import('../../src/ipvs/client.js')>('ipvs/client.js');
const { DumpHelper, soloDump } = await built<typeof import('../../src/ipvs/dump-helper.js')>('ipvs/dump-helper.js');
const { NetlinkBackend } = await built<typeof import('../../src/backend/kernel/netlink-backend.js')>('backend/kernel/netlink-backend.js');
const { Poller } = await built<typeof import('../../src/poller.js')>('poller.js');
const { serviceId } = await built<typeof import('../../src/model/identity.js')>('model/identity.js');
const { ChannelPool } = await built<typeof import('../../src/ipvs/pool.js')>('ipvs/pool.js');
const { encodeServiceKey } = await built<typeof import('../../src/ipvs/codec.js')>('ipvs/codec.js');
const { Cmd, IPVS_GENL_VERSION } = await built<typeof import('../../src/ipvs/constants.js')>('ipvs/constants.js');

/** Rows a 200x60 screen shows: the services whose real servers the TUI wants on every tick. */
const VISIBLE_SERVICES = 50;
/** Reads before the timed ones, as a TUI has made after a few seconds (JIT, sockets). */
const WARM_UP_READS = 5;

export type ReaderRequest =
  | { kind: 'warm-up'; services: number }
  | { kind: 'snapshot'; services: number }
  | { kind: 'ticks'; runs: number }
  | { kind: 'parts' }
  | { kind: 'close' };

export type ReaderAnswer = { ms: number[]; peakInFlight: number } | { error: string };

async function time(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * The TUI's tick: a Poller on the kernel backend as the TUI runs it (1 s interval), polled by
 * hand (paused: its own timer does not fire). Above 1000 services, or when a whole reading
 * takes more than a tenth of the interval, it reads real servers for the visible services plus
 * the stalest others, so every service is read within 10 ticks.
 */
async function timeTicks(runs: number): Promise<number[]> {
  const backend = await NetlinkBackend.open();
  const first = (await backend.snapshot()).services.slice(0, VISIBLE_SERVICES).map((service) => serviceId(service));
  const poller = new Poller(backend, { intervalMs: 1000, onSnapshot: () => {}, onError: (error) => { throw error; }, wantedServices: () => first });
  const ticks: number[] = [];
  try {
    poller.start();
    poller.pause();
    await poller.pollNow();
    for (let run = 0; run < runs; run += 1) ticks.push(await time(() => poller.pollNow()));
  } finally {
    await poller.stop();
    await backend.close();
  }
  return ticks;
}

const client = await IpvsClient.open();

/**
 * The floor under lvstop's server dumps: the same dumps, streamed on as many of lvstop's
 * channels as the client keeps in flight, with their answers not decoded at all. What a full
 * snapshot takes beyond this and the service list is decoding and building the snapshot.
 */
const barePool = new ChannelPool({ maxInFlight: client.maxInFlight });
const BARE_TIMEOUT_MS = 10_000;
const ipvsFamily = await resolveFamily(barePool, BARE_TIMEOUT_MS);

/**
 * The same dumps with their answers not decoded, on this thread alone or, with `helper`, shared
 * with a helper thread as whole readings of big tables are (its answers are handed over as
 * bytes, and dropped here).
 */
async function bareServerDumps(keys: Buffer[], helper?: InstanceType<typeof DumpHelper>): Promise<void> {
  const dump = helper ? helper.share(keys, () => {}) : soloDump(keys.length);
  await Promise.all(
    Array.from({ length: barePool.maxInFlight }, () =>
      barePool.series({
        familyId: ipvsFamily,
        command: Cmd.GET_DEST,
        version: IPVS_GENL_VERSION,
        dump: true,
        timeoutMs: BARE_TIMEOUT_MS,
        next: () => {
          const position = dump.claim();
          return position === -1 ? null : keys[position]!;
        },
        message: () => {},
        end: (refusal) => {
          if (refusal) throw refusal;
        },
      }),
    ),
  );
  await dump.settled();
}

const bareHelper = new DumpHelper({ familyId: ipvsFamily, maxInFlight: barePool.maxInFlight, timeoutMs: BARE_TIMEOUT_MS });

/**
 * The parts of a full snapshot, each timed alone: the service list, the bare server dumps on
 * one thread, and (for tables big enough that a full snapshot shares them) shared with a helper.
 */
async function timeParts(): Promise<number[]> {
  let services: Awaited<ReturnType<typeof client.services>> = [];
  const list = await time(async () => {
    services = await client.services();
  });
  const keys = services.map((service) => encodeServiceKey(service));
  const alone = await time(() => bareServerDumps(keys));
  if (keys.length < HELPER_MIN_SERVICES) return [list, alone];
  return [list, alone, await time(() => bareServerDumps(keys, bareHelper))];
}

async function snapshotOf(services: number): Promise<number> {
  return time(async () => {
    const snapshot = await client.snapshot();
    if (snapshot.services.length !== services) throw new Error(`read ${snapshot.services.length} services, expected ${services}`);
  });
}

async function answer(request: ReaderRequest): Promise<number[]> {
  switch (request.kind) {
    case 'warm-up': {
      const ms: number[] = [];
      for (let read = 0; read < WARM_UP_READS; read += 1) ms.push(await snapshotOf(request.services));
      return ms;
    }
    case 'snapshot':
      return [await snapshotOf(request.services)];
    case 'ticks':
      return timeTicks(request.runs);
    case 'parts':
      return timeParts();
    case 'close':
      client.close();
      bareHelper.close();
      barePool.close();
      return [];
  }
}

process.on('message', (request: ReaderRequest) => {
  answer(request).then(
    (ms) => process.send?.({ ms, peakInFlight: client.peakInFlight } satisfies ReaderAnswer),
    (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) } satisfies ReaderAnswer),
  ).finally(() => {
    if (request.kind === 'close') process.disconnect();
  });
});
process.send?.({ ms: [], peakInFlight: 0 } satisfies ReaderAnswer); // ready
