import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../../src/backend/demo/random.js';
import { SvcFlag } from '../../../src/backend/demo/flags.js';
import { createScheduler, type Schedulable, type ScheduleRequest } from '../../../src/backend/demo/schedulers/index.js';

interface Fake extends Schedulable {
  name: string;
  config: { weight: number; address: string; port: number };
  activeConns: number;
  inactiveConns: number;
  overloaded: boolean;
}

function fake(name: string, weight: number, activeConns = 0, inactiveConns = 0): Fake {
  return { name, config: { weight, address: `10.0.0.${name.charCodeAt(0)}`, port: 80 }, activeConns, inactiveConns, overloaded: false };
}

function request(clientFold = 0, serviceFlags = 0, random = new Random(1)): ScheduleRequest {
  return { clientFold, clientPort: 40000, virtualFold: 0x0a000001, serviceFlags, random };
}

/** Names of the servers picked by `count` schedules in a row. */
function sequence(name: string, dests: Fake[], count: number): string {
  const scheduler = createScheduler<Fake>(name);
  scheduler.changed(dests);
  const random = new Random(1);
  return Array.from({ length: count }, () => scheduler.pick(dests, request(0, 0, random))?.name ?? '-').join('');
}

describe('rr', () => {
  it('takes the servers in list order, evenly', () => {
    assert.equal(sequence('rr', [fake('A', 1), fake('B', 5), fake('C', 1)], 6), 'ABCABC');
  });

  it('skips weight 0 and overloaded servers, and gives up when none is left', () => {
    const full = { ...fake('C', 1), overloaded: true };
    assert.equal(sequence('rr', [fake('A', 1), fake('B', 0), full], 3), 'AAA');
    assert.equal(sequence('rr', [fake('A', 0), full], 2), '--');
  });
});

describe('wrr', () => {
  it('interleaves by weight as the kernel does (3:1 is A A A B)', () => {
    assert.equal(sequence('wrr', [fake('A', 3), fake('B', 1)], 8), 'AAABAAAB');
  });

  it('steps the current weight by the gcd of the weights', () => {
    assert.equal(sequence('wrr', [fake('A', 4), fake('B', 2)], 6), 'AABAAB');
    assert.equal(sequence('wrr', [fake('A', 5), fake('B', 3), fake('C', 2)], 10), 'AAABABCABC');
  });

  it('gives weight 0 nothing and an empty or all-zero list nothing at all', () => {
    assert.equal(sequence('wrr', [fake('A', 2), fake('B', 0)], 4), 'AAAA');
    assert.equal(sequence('wrr', [fake('A', 0)], 2), '--');
    assert.equal(sequence('wrr', [], 1), '-');
  });

  it('skips a server over its threshold and finds one when all others are full', () => {
    const full = { ...fake('A', 3), overloaded: true };
    assert.equal(sequence('wrr', [full, fake('B', 1)], 3), 'BBB');
    assert.equal(sequence('wrr', [full], 1), '-');
  });
});

describe('lc and wlc', () => {
  it('lc picks the smallest active*256 + inactive, whatever the weight', () => {
    const dests = [fake('A', 10, 2, 0), fake('B', 1, 1, 200), fake('C', 1, 1, 300)];
    assert.equal(sequence('lc', dests, 1), 'B');
  });

  it('wlc divides that overhead by the weight', () => {
    // A: 2*256/4 = 128 per weight, B: 1*256/1 = 256.
    assert.equal(sequence('wlc', [fake('B', 1, 1, 0), fake('A', 4, 2, 0)], 1), 'A');
    assert.equal(sequence('wlc', [fake('B', 1, 1, 0), fake('A', 1, 2, 0)], 1), 'B');
  });

  it('wlc never picks weight 0, even when it is idle', () => {
    assert.equal(sequence('wlc', [fake('A', 0), fake('B', 1, 50, 50)], 1), 'B');
  });
});

describe('sed and nq', () => {
  it('sed uses (active + 1) / weight', () => {
    // A: 3/3 = 1, B: 1/1 = 1 -> tie, the first listed wins; C: 2/1.
    assert.equal(sequence('sed', [fake('A', 3, 2), fake('B', 1, 0), fake('C', 1, 1)], 1), 'A');
    assert.equal(sequence('sed', [fake('A', 3, 5), fake('B', 1, 0)], 1), 'B');
  });

  it('nq sends to an idle server first', () => {
    assert.equal(sequence('nq', [fake('A', 100, 1), fake('B', 1, 0)], 1), 'B');
  });
});

describe('hashing', () => {
  const dests = [fake('A', 1), fake('B', 1), fake('C', 1), fake('D', 1)];

  it('sh sends a client to the same server every time, and spreads clients', () => {
    const sh = createScheduler<Fake>('sh');
    sh.changed(dests);
    const seen = new Set<string>();
    for (let client = 0; client < 200; client++) {
      const first = sh.pick(dests, request(client * 7919))?.name;
      assert.ok(first !== undefined);
      for (let again = 0; again < 3; again++) assert.equal(sh.pick(dests, request(client * 7919))?.name, first);
      seen.add(first);
    }
    assert.equal(seen.size, 4);
  });

  it('sh gives up on an unavailable server unless sh-fallback is set', () => {
    const sh = createScheduler<Fake>('sh');
    const lonely = [fake('A', 1), { ...fake('B', 1), overloaded: true }];
    sh.changed(lonely);
    let dropped = 0;
    for (let client = 0; client < 50; client++) {
      if (sh.pick(lonely, request(client * 104729)) === null) dropped++;
      assert.equal(sh.pick(lonely, request(client * 104729, SvcFlag.SCHED1))?.name, 'A');
    }
    assert.ok(dropped > 0);
  });

  it('sh-port makes the client port part of the hash', () => {
    const sh = createScheduler<Fake>('sh');
    sh.changed(dests);
    const names = new Set<string>();
    for (let port = 1000; port < 1100; port++) {
      names.add(sh.pick(dests, { ...request(12345, SvcFlag.SCHED2), clientPort: port })?.name ?? '-');
    }
    assert.ok(names.size > 1);
  });

  it('mh is stable per client and moves few clients when a server goes', () => {
    const mh = createScheduler<Fake>('mh');
    mh.changed(dests);
    const before = Array.from({ length: 400 }, (_, client) => mh.pick(dests, request(client * 2654435761))?.name);
    assert.deepEqual(Array.from({ length: 400 }, (_, client) => mh.pick(dests, request(client * 2654435761))?.name), before);
    const fewer = dests.filter((dest) => dest.name !== 'D');
    mh.changed(fewer);
    const after = Array.from({ length: 400 }, (_, client) => mh.pick(fewer, request(client * 2654435761))?.name);
    const moved = before.filter((name, client) => name !== 'D' && after[client] !== name).length;
    assert.ok(moved < 40, `${moved} clients moved`);
  });

  it('dh sends everything for one destination address to one server', () => {
    assert.equal(new Set(sequence('dh', dests, 20)).size, 1);
  });
});

describe('fo, ovf and twos', () => {
  it('fo takes the highest weight that is available', () => {
    assert.equal(sequence('fo', [fake('A', 1), fake('B', 5), fake('C', 3)], 3), 'BBB');
    assert.equal(sequence('fo', [fake('A', 1), { ...fake('B', 5), overloaded: true }, fake('C', 3)], 1), 'C');
  });

  it('ovf moves on once the active connections pass the weight', () => {
    assert.equal(sequence('ovf', [fake('A', 1), fake('B', 5, 6), fake('C', 3)], 1), 'C');
    assert.equal(sequence('ovf', [fake('A', 1), fake('B', 5, 5)], 1), 'B');
  });

  it('twos prefers the less loaded of its two draws', () => {
    const busy = fake('A', 1, 100);
    const idle = fake('B', 1, 0);
    const counts = new Map<string, number>();
    for (const name of sequence('twos', [busy, idle], 1000)) counts.set(name, (counts.get(name) ?? 0) + 1);
    // A only when both draws land on A: (2/3)^2.
    assert.ok(Math.abs((counts.get('A') ?? 0) / 1000 - 4 / 9) < 0.05);
  });

  it('twos draws by weight', () => {
    const counts = new Map<string, number>();
    const dests = [fake('A', 3), fake('B', 1), fake('Z', 0)];
    for (const name of sequence('twos', dests, 4000)) counts.set(name, (counts.get(name) ?? 0) + 1);
    assert.equal(counts.get('Z'), undefined);
    const share = (counts.get('A') ?? 0) / 4000;
    // Equal loads keep the first draw, which (as in the kernel) lands on A with (3 + 1) / (4 + 1).
    assert.ok(Math.abs(share - 4 / 5) < 0.03, `A share ${share}`);
  });
});

describe('wrr with the largest weights', () => {
  it('stays quick when only a small weight is left to take connections', () => {
    const huge = { ...fake('A', 0x7fffffff), overloaded: true };
    const started = performance.now();
    assert.equal(sequence('wrr', [huge, fake('B', 1)], 3), 'BBB');
    assert.equal(sequence('wrr', [fake('A', 0x7fffffff), fake('B', 1)], 3), 'AAA');
    assert.ok(performance.now() - started < 100);
  });
});
