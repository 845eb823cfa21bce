import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shareService } from '../../../src/model/share.js';
import { server, service, stats } from './fixtures.js';

function b(conns = 1) {
  return service('10.0.0.2', 80, [server('10.0.2.1', 80, { activeConns: conns }), server('10.0.2.2', 80)]);
}

test('an equal service gives back the old object', () => {
  const old = b();
  assert.equal(shareService(old, b()), old);
  const tunnelled = service('10.0.0.3', 80, [server('10.0.3.1', 80, { forward: 'tunnel', tunnel: { type: 'gue', port: 6080, flags: ['csum'] } })]);
  const again = service('10.0.0.3', 80, [server('10.0.3.1', 80, { forward: 'tunnel', tunnel: { type: 'gue', port: 6080, flags: ['csum'] } })]);
  assert.equal(shareService(tunnelled, again), tunnelled, 'compared by value, tunnels included');
});

test('a changed server makes a new service that still shares the unchanged server', () => {
  const old = b(1);
  const next = shareService(old, b(2));
  assert.notEqual(next, old);
  assert.equal(next.destinations[1], old.destinations[1]);
  assert.notEqual(next.destinations[0], old.destinations[0]);
  assert.equal(next.destinations[0]?.activeConns, 2);
});

test('a change of the service itself keeps the servers array', () => {
  const old = b();
  const changed = b();
  changed.stats = stats({ conns: 1 });
  const next = shareService(old, changed);
  assert.notEqual(next, old);
  assert.equal(next.destinations, old.destinations);
  const rescheduled = shareService(old, { ...b(), scheduler: 'rr' });
  assert.notEqual(rescheduled, old);
  const persistent = shareService(old, { ...b(), persistence: { timeout: 300, netmask: '255.255.255.255' } });
  assert.notEqual(persistent, old);
});

test('servers in a new order are still shared, in a new array', () => {
  const old = b();
  const reordered = b();
  reordered.destinations.reverse();
  const next = shareService(old, reordered);
  assert.notEqual(next, old);
  assert.equal(next.destinations[0], old.destinations[1]);
  assert.equal(next.destinations[1], old.destinations[0]);
});
