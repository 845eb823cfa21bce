import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Destination, ServiceWithDestinations, Stats } from '../../../src/ipvs/types.js';
import type { RatePair } from '../../../src/model/rates.js';
import { serviceHealth } from '../../../src/ui/health/server-health.js';

const stats: Stats = { conns: 0, inPackets: 0, outPackets: 0, inBytes: 0, outBytes: 0, cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 };
const server = (n: number, weight: number, active: number, inactive: number, forward: Destination['forward'] = 'masq'): Destination => ({
  family: 'inet', address: `10.0.1.${n}`, port: 80, forward, weight, upperThreshold: 0, lowerThreshold: 0, tunnel: null, activeConns: active, inactiveConns: inactive, persistentConns: 0, stats,
});
const service = (servers: Destination[]): ServiceWithDestinations => ({
  family: 'inet', protocol: 'tcp', address: '10.0.0.1', port: 80, fwmark: null, scheduler: 'wrr', flags: [], persistence: null, pe: null, stats, destinations: servers,
});
/** New connections a second per server; packets flow both ways unless `silent` names it. */
const rates = (cps: Record<number, number>, silent: number[] = []): Map<string, RatePair> =>
  new Map(
    Object.entries(cps).map(([n, value]) => [
      `s>10.0.1.${n}|80`,
      { ours: { cps: value, inPps: value * 5, outPps: silent.includes(Number(n)) ? 0 : value * 4, inBps: 0, outBps: 0 }, kernel: { cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 } },
    ]),
  );

test('weight 0 is draining; no new connections while siblings get them is down', () => {
  const { health, shares } = serviceHealth('s', service([server(1, 1, 10, 10), server(2, 1, 10, 10), server(3, 0, 5, 5)]), rates({ 1: 5, 2: 0, 3: 0 }));
  assert.equal(health.get('s>10.0.1.1|80'), 'ok', 'covering for a dead sibling is not over its share');
  assert.equal(health.get('s>10.0.1.2|80'), 'down');
  assert.equal(health.get('s>10.0.1.3|80'), 'draining');
  assert.deepEqual(shares.get('s>10.0.1.1|80'), { weight: 50, connections: 100 });
});

test('taking clearly more than the weight gives is over its share', () => {
  const { health } = serviceHealth('s', service([server(1, 1, 10, 10), server(2, 1, 10, 10), server(3, 1, 10, 10)]), rates({ 1: 8, 2: 1, 3: 1 }));
  assert.deepEqual([...health.values()], ['over', 'ok', 'ok']);
});

test('through NAT, packets going in and none coming back: down', () => {
  const { health } = serviceHealth('s', service([server(1, 3, 80, 300), server(2, 2, 0, 90)]), rates({ 1: 6, 2: 4 }, [2]));
  assert.equal(health.get('s>10.0.1.1|80'), 'ok');
  assert.equal(health.get('s>10.0.1.2|80'), 'down');
});

test('through NAT, short connections that answer are not down though none is active right now', () => {
  // Seen under real load: held connections keep the siblings active, requests last milliseconds.
  const { health } = serviceHealth('s', service([server(1, 1, 3, 88), server(2, 1, 1, 98), server(3, 1, 0, 99)]), rates({ 1: 8, 2: 8, 3: 8 }));
  assert.deepEqual([...health.values()], ['ok', 'ok', 'ok']);
});

test('by DR, where replies bypass the director, connections never established while the siblings\' are: down', () => {
  const { health } = serviceHealth('s', service([server(1, 3, 80, 300, 'route'), server(2, 2, 0, 90, 'route')]), rates({ 1: 6, 2: 4 }, [1, 2]));
  assert.equal(health.get('s>10.0.1.1|80'), 'ok');
  assert.equal(health.get('s>10.0.1.2|80'), 'down');
});

test('shares in line with weights are ok; UDP (no active) is not down', () => {
  const { health } = serviceHealth('s', service([server(1, 1, 0, 50), server(2, 1, 0, 48)]), rates({ 1: 5, 2: 5 }));
  assert.deepEqual([...health.values()], ['ok', 'ok']);
});
