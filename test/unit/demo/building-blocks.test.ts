import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressBytes, clientAddress, maskAddress } from '../../../src/backend/demo/addresses.js';
import { Counters, ESTIMATOR_INTERVAL_MS } from '../../../src/backend/demo/counters.js';
import { EventQueue } from '../../../src/backend/demo/event-queue.js';
import { flagBits, flagNames } from '../../../src/backend/demo/flags.js';
import { Random } from '../../../src/backend/demo/random.js';
import { familyOf } from '../../../src/ipvs/validate.js';

describe('Random', () => {
  it('repeats a seed exactly and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((random) => () => random.uint32())(new Random(seed)));
    assert.deepEqual(draw(1), draw(1));
    assert.notDeepEqual(draw(1), draw(2));
    assert.notDeepEqual(draw(0), draw(1));
  });

  it('draws with the asked means', () => {
    const random = new Random(9);
    const mean = (draw: () => number) => Array.from({ length: 20000 }, draw).reduce((a, b) => a + b, 0) / 20000;
    assert.ok(Math.abs(mean(() => random.next()) - 0.5) < 0.01);
    assert.ok(Math.abs(mean(() => random.exponential(4)) - 0.25) < 0.01);
    assert.ok(Math.abs(mean(() => random.lognormal(10)) / 10 - 1) < 0.05);
    assert.ok(Math.abs(mean(() => random.below(10)) - 4.5) < 0.1);
  });
});

describe('EventQueue', () => {
  it('pops by time, and in insertion order for equal times', () => {
    const queue = new EventQueue<string>();
    for (const [at, name] of [[5, 'e'], [1, 'a'], [3, 'c1'], [3, 'c2'], [2, 'b'], [3, 'c3']] as const) queue.push(at, name);
    const order: string[] = [];
    while (queue.size > 0) order.push(queue.pop()!.payload);
    assert.deepEqual(order, ['a', 'b', 'c1', 'c2', 'c3', 'e']);
    assert.equal(queue.peekTime(), Infinity);
  });
});

describe('Counters', () => {
  it('smooths rates like the kernel estimator (weight 1/4 every 2 s)', () => {
    const counters = new Counters(0);
    let now = 0;
    const expected = [12.5, 21.875, 28.90625];
    for (const cps of expected) {
      for (let i = 0; i < 100; i++) counters.countConnection();
      now += ESTIMATOR_INTERVAL_MS;
      counters.sample(now);
      assert.equal(counters.read(now).cps, Math.round(cps));
    }
  });

  it('accrues a flow over time, reads without committing, and zeroes', () => {
    const counters = new Counters(0);
    counters.changeFlow(0, { inPackets: 0.01, outPackets: 0.02, inBytes: 1, outBytes: 2 }, 1);
    assert.equal(counters.read(1000).inPackets, 10);
    assert.equal(counters.read(1000).outBytes, 2000);
    counters.changeFlow(500, { inPackets: 0.01, outPackets: 0.02, inBytes: 1, outBytes: 2 }, -1);
    assert.equal(counters.read(10_000).inBytes, 500);
    counters.zero(10_000);
    assert.deepEqual(counters.read(20_000), { conns: 0, inPackets: 0, outPackets: 0, inBytes: 0, outBytes: 0, cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 });
  });
});

describe('addresses and flags', () => {
  it('masks client addresses for persistence', () => {
    assert.equal(maskAddress(addressBytes('198.18.7.9'), '255.255.255.0'), '198.18.7.0');
    assert.equal(maskAddress(addressBytes('198.18.7.9'), '255.255.255.255'), '198.18.7.9');
    assert.equal(maskAddress(addressBytes('2001:db8:c000:1:2:3:4:5'), 48), '2001:db8:c000::');
  });

  it('makes client addresses only in the benchmark and documentation ranges', () => {
    for (let index = 0; index < 1000; index += 37) {
      assert.match(clientAddress('inet', index), /^198\.1[89]\./);
      assert.match(clientAddress('inet6', index), /^2001:db8:c0/);
      assert.equal(familyOf(clientAddress('inet6', index)), 'inet6');
    }
  });

  it('stores flags as the kernel bits and names them by scheduler', () => {
    assert.deepEqual(flagNames(flagBits(['sh-fallback', 'sh-port', 'persistent']), 'sh'), ['persistent', 'sh-fallback', 'sh-port']);
    assert.deepEqual(flagNames(flagBits(['sh-fallback', 'sh-port']), 'wlc'), ['flag-1', 'flag-2']);
    assert.deepEqual(flagNames(flagBits(['flag-1', 'flag-3', 'one-packet']), 'mh'), ['one-packet', 'mh-fallback', 'flag-3']);
  });
});
