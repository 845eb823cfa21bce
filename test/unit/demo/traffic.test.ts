import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STEADY, WEB, byAddress, firstService, get, oneService, server } from './helpers.js';

const web = (scheduler: string, traffic: object = {}) => ({
  protocol: 'tcp' as const, address: '10.0.0.1', port: 80, scheduler,
  traffic: { ...STEADY, cps: 100, lifetimeSeconds: 2, ...traffic },
});

function shares(conns: number[]): number[] {
  const total = conns.reduce((sum, n) => sum + n, 0);
  return conns.map((n) => n / total);
}

describe('demo traffic: how new connections are split', () => {
  it('wrr follows the weights 3:1', async () => {
    const backend = oneService(web('wrr'), [server('10.0.1.1', 3), server('10.0.1.2', 1)]);
    backend.advance(60_000);
    const dests = await byAddress(backend);
    const [a, b] = shares([get(dests, '10.0.1.1').stats.conns, get(dests, '10.0.1.2').stats.conns]);
    assert.ok(Math.abs(a! - 0.75) < 0.01 && Math.abs(b! - 0.25) < 0.01, `${a} ${b}`);
    assert.ok((await firstService(backend)).stats.conns > 5000);
  });

  it('rr is even, and weight 0 gets nothing', async () => {
    const backend = oneService(web('rr'), [server('10.0.1.1', 1), server('10.0.1.2', 7), server('10.0.1.3', 1), server('10.0.1.4', 0)]);
    backend.advance(30_000);
    const dests = await byAddress(backend);
    const conns = ['10.0.1.1', '10.0.1.2', '10.0.1.3'].map((address) => get(dests, address).stats.conns);
    assert.ok(Math.max(...conns) - Math.min(...conns) <= 1, String(conns));
    assert.equal(get(dests, '10.0.1.4').stats.conns, 0);
    assert.equal(get(dests, '10.0.1.4').activeConns + get(dests, '10.0.1.4').inactiveConns, 0);
  });

  for (const scheduler of ['lc', 'wlc', 'sed', 'nq']) {
    it(`${scheduler} favours the least loaded server`, async () => {
      // The slow server holds its connections six times as long, so it is the busier one.
      const backend = oneService(web(scheduler, { lifetimeSeconds: 5 }), [server('10.0.1.1', 1), server('10.0.1.2', 1, { behaviour: 'overloaded' })]);
      backend.advance(60_000);
      const dests = await byAddress(backend);
      const fast = get(dests, '10.0.1.1');
      const slow = get(dests, '10.0.1.2');
      assert.ok(fast.stats.conns > 3 * slow.stats.conns, `${fast.stats.conns} vs ${slow.stats.conns}`);
      // Placing by load evens out the active connections the split of new ones did not.
      assert.ok(Math.abs(fast.activeConns - slow.activeConns) <= Math.max(3, 0.25 * fast.activeConns), `${fast.activeConns} vs ${slow.activeConns}`);
    });
  }

  it('wlc weighs the load: weight 3 carries about three times the active connections', async () => {
    const backend = oneService(web('wlc', { lifetimeSeconds: 10 }), [server('10.0.1.1', 3), server('10.0.1.2', 1)]);
    backend.advance(60_000);
    const dests = await byAddress(backend);
    const ratio = get(dests, '10.0.1.1').activeConns / get(dests, '10.0.1.2').activeConns;
    assert.ok(ratio > 2.5 && ratio < 3.5, `ratio ${ratio}`);
  });

  it('sh keeps each client on one server', async () => {
    const backend = oneService(web('sh', { clients: 50 }), [server('10.0.1.1', 1), server('10.0.1.2', 1), server('10.0.1.3', 1)]);
    backend.advance(20_000);
    const serverOf = new Map<string, Set<string>>();
    for (const entry of (await backend.connections()).rows) {
      const seen = serverOf.get(entry.client.address) ?? new Set<string>();
      seen.add(entry.destination.address);
      serverOf.set(entry.client.address, seen);
    }
    assert.ok(serverOf.size > 40);
    for (const [client, servers] of serverOf) assert.equal(servers.size, 1, client);
    assert.equal(new Set([...serverOf.values()].map((servers) => [...servers][0])).size, 3);
  });

  it('persistence sends a returning client to the same server, even after a drain', async () => {
    const backend = oneService(
      { ...web('rr', { clients: 30 }), flags: ['persistent'], persistence: { timeout: 300, netmask: '255.255.255.255' } },
      [server('10.0.1.1', 1), server('10.0.1.2', 1)],
    );
    backend.advance(20_000);
    const serverOf = new Map<string, Set<string>>();
    const entries = (await backend.connections()).rows;
    for (const entry of entries.filter((entry) => entry.state !== 'NONE')) {
      serverOf.set(entry.client.address, (serverOf.get(entry.client.address) ?? new Set()).add(entry.destination.address));
    }
    for (const servers of serverOf.values()) assert.equal(servers.size, 1);
    const dests = await byAddress(backend);
    const templates = entries.filter((entry) => entry.state === 'NONE');
    assert.equal(templates.length, get(dests, '10.0.1.1').persistentConns + get(dests, '10.0.1.2').persistentConns);
    assert.ok(templates.length > 20 && templates.length <= 30);
    assert.ok(templates.every((entry) => entry.client.port === 0 && entry.virtual.port === 80));

    // Weight 0 stops the scheduler, not the templates (expire_quiescent_template = 0).
    const before = get(dests, '10.0.1.1').stats.conns;
    await backend.editDestination(WEB, { family: 'inet', address: '10.0.1.1', port: 80, forward: 'masq', weight: 0, upperThreshold: 0, lowerThreshold: 0, tunnel: null });
    backend.advance(10_000);
    assert.ok(get(await byAddress(backend), '10.0.1.1').stats.conns > before);
  });
});

describe('demo traffic: connection states', () => {
  it('draining a server lets its active connections fall to 0, then its inactive ones', async () => {
    const backend = oneService(web('wlc', { cps: 50, lifetimeSeconds: 5 }), [server('10.0.1.1', 1), server('10.0.1.2', 1)]);
    backend.advance(60_000);
    const drained = { family: 'inet' as const, address: '10.0.1.1', port: 80, forward: 'masq' as const, weight: 0, upperThreshold: 0, lowerThreshold: 0, tunnel: null };
    assert.ok(get(await byAddress(backend), '10.0.1.1').activeConns > 50);
    await backend.editDestination(WEB, drained);
    const conns = get(await byAddress(backend), '10.0.1.1').stats.conns;
    let previous = Infinity;
    for (let second = 0; second < 60; second += 5) {
      backend.advance(5_000);
      const active = get(await byAddress(backend), '10.0.1.1').activeConns;
      assert.ok(active <= previous);
      previous = active;
    }
    const after = get(await byAddress(backend), '10.0.1.1');
    assert.equal(after.activeConns, 0);
    assert.ok(after.inactiveConns > 0, 'TIME_WAIT entries stay a while');
    assert.equal(after.stats.conns, conns);
    backend.advance(130_000);
    const gone = get(await byAddress(backend), '10.0.1.1');
    assert.equal(gone.inactiveConns, 0);
    assert.equal(gone.stats.cps, 0);
  });

  it('the upper threshold stops new connections, and the lower one lets them back', async () => {
    const backend = oneService(web('rr', { cps: 50, lifetimeSeconds: 2 }), [
      server('10.0.1.1', 1, { upperThreshold: 40, lowerThreshold: 10 }),
      server('10.0.1.2', 1),
    ]);
    let peak = 0;
    for (let step = 0; step < 60; step++) {
      backend.advance(2_000);
      const limited = get(await byAddress(backend), '10.0.1.1');
      peak = Math.max(peak, limited.activeConns + limited.inactiveConns);
    }
    assert.equal(peak, 40);
    const dests = await byAddress(backend);
    assert.ok(get(dests, '10.0.1.2').stats.conns > 4 * get(dests, '10.0.1.1').stats.conns);
  });

  it('a failing server counts connections but none becomes active', async () => {
    const backend = oneService(web('rr'), [server('10.0.1.1', 1), server('10.0.1.2', 1, { behaviour: 'failing' })]);
    backend.advance(30_000);
    const failing = get(await byAddress(backend), '10.0.1.2');
    assert.equal(failing.activeConns, 0);
    assert.ok(failing.inactiveConns > 1000);
    assert.ok(failing.stats.conns > 1000);
    assert.equal(failing.stats.outPackets, 0);
    const states = new Set((await backend.connections()).rows.filter((entry) => entry.destination.address === '10.0.1.2').map((entry) => entry.state));
    assert.deepEqual([...states], ['SYN_RECV']);
  });

  it('an overloaded (slow) server holds more active connections than its sibling', async () => {
    const backend = oneService(web('rr', { lifetimeSeconds: 3 }), [server('10.0.1.1', 1), server('10.0.1.2', 1, { behaviour: 'overloaded' })]);
    backend.advance(60_000);
    const dests = await byAddress(backend);
    assert.ok(get(dests, '10.0.1.2').activeConns > 3 * get(dests, '10.0.1.1').activeConns);
  });

  it('NAT goes through TIME_WAIT; DR and tunnels wait in FIN_WAIT and show no replies', async () => {
    const backend = oneService(web('rr'), [
      server('10.0.1.1', 1),
      server('10.0.1.2', 1, { forward: 'route' }),
      server('10.0.1.3', 1, { forward: 'tunnel', tunnel: { type: 'gue', port: 6080, flags: [] } }),
    ]);
    backend.advance(30_000);
    const states = (address: string) => new Set((connectionsTo(address)).map((entry) => entry.state));
    const all = (await backend.connections()).rows;
    const connectionsTo = (address: string) => all.filter((entry) => entry.destination.address === address);
    assert.deepEqual([...states('10.0.1.1')].sort(), ['ESTABLISHED', 'FIN_WAIT', 'TIME_WAIT']);
    assert.deepEqual([...states('10.0.1.2')].sort(), ['ESTABLISHED', 'FIN_WAIT']);
    const dests = await byAddress(backend);
    assert.ok(get(dests, '10.0.1.1').stats.outBytes > get(dests, '10.0.1.1').stats.inBytes);
    for (const address of ['10.0.1.2', '10.0.1.3']) {
      assert.equal(get(dests, address).stats.outPackets, 0);
      assert.equal(get(dests, address).stats.outBytes, 0);
      assert.equal(get(dests, address).stats.outBps, 0);
      assert.ok(get(dests, address).stats.inBytes > 0);
    }
    // FIN_WAIT of DR servers follows the TCP FIN timeout.
    const finWait = connectionsTo('10.0.1.2').filter((entry) => entry.state === 'FIN_WAIT');
    assert.ok(finWait.every((entry) => entry.expires <= 120) && finWait.some((entry) => entry.expires > 100));
  });

  it('UDP connections are never active and stay for the UDP timeout', async () => {
    const backend = oneService(
      { protocol: 'udp', address: '10.0.0.53', port: 53, scheduler: 'rr', traffic: { ...STEADY, cps: 20, lifetimeSeconds: 0.05, requestBytes: 60, responseBytes: 200 } },
      [server('10.0.2.1', 1, { port: 53 }), server('10.0.2.2', 1, { port: 53 })],
    );
    await backend.setTimeouts({ tcp: 0, tcpFin: 0, udp: 30 });
    backend.advance(120_000);
    const service = await firstService(backend);
    for (const dest of service.destinations) {
      assert.equal(dest.activeConns, 0);
      // About 20/s * 30 s over two servers.
      assert.ok(dest.inactiveConns > 200 && dest.inactiveConns < 400, String(dest.inactiveConns));
    }
    assert.ok(service.stats.outPackets > 0);
  });

  it('deleting a server with connections removes them; the service keeps what it counted', async () => {
    const backend = oneService(web('rr'), [server('10.0.1.1', 1), server('10.0.1.2', 1)]);
    backend.advance(20_000);
    const before = (await firstService(backend)).stats;
    await backend.deleteDestination(WEB, { family: 'inet', address: '10.0.1.1', port: 80 });
    assert.equal((await backend.connections()).rows.filter((entry) => entry.destination.address === '10.0.1.1').length, 0);
    const after = (await firstService(backend)).stats;
    assert.ok(after.conns >= before.conns && after.inBytes >= before.inBytes);
    backend.advance(5_000);
    assert.equal((await backend.connections()).rows.filter((entry) => entry.destination.address === '10.0.1.1').length, 0);
  });
});

describe('demo traffic: counters and rates', () => {
  it('estimates rates like the kernel: close to the true rate after ~30 s, and decaying to 0', async () => {
    const backend = oneService(web('rr', { cps: 50 }), [server('10.0.1.1', 1)]);
    backend.advance(60_000);
    const stats = (await firstService(backend)).stats;
    assert.ok(Math.abs(stats.cps - 50) < 12, `cps ${stats.cps}`);
    assert.ok(stats.inPps > stats.cps && stats.outBps > stats.inBps);
    backend.setTraffic(WEB, null);
    backend.advance(4_000);
    const early = (await firstService(backend)).stats.cps;
    assert.ok(early > 10 && early < 40, `after 4 s: ${early}`);
    backend.advance(60_000);
    assert.equal((await firstService(backend)).stats.cps, 0);
  });

  it('counters only grow, and reads never change a run', async () => {
    const backend = oneService(web('wrr'), [server('10.0.1.1', 2), server('10.0.1.2', 1)]);
    let previous = (await firstService(backend)).stats;
    for (let i = 0; i < 20; i++) {
      backend.advance(777);
      const stats = (await firstService(backend)).stats;
      for (const key of ['conns', 'inPackets', 'outPackets', 'inBytes', 'outBytes'] as const) assert.ok(stats[key] >= previous[key], key);
      previous = stats;
    }
  });

  it('zero clears the counters and rates of one service, or all, but not the connection counts', async () => {
    const backend = oneService(web('rr'), [server('10.0.1.1', 1)]);
    await backend.addService({ ...WEB, port: 443, scheduler: 'rr', flags: [], persistence: null, pe: null });
    backend.setTraffic({ ...WEB, port: 443 }, { ...STEADY, cps: 10 });
    await backend.addDestination({ ...WEB, port: 443 }, { family: 'inet', address: '10.0.1.1', port: 443, forward: 'route', weight: 1, upperThreshold: 0, lowerThreshold: 0, tunnel: null });
    backend.advance(20_000);
    const before = await byAddress(backend);
    await backend.zero(WEB);
    const [zeroed, other] = (await backend.snapshot()).services;
    for (const stats of [zeroed!.stats, zeroed!.destinations[0]!.stats]) {
      assert.deepEqual(Object.values(stats), Object.values(stats).map(() => 0));
    }
    assert.equal(zeroed!.destinations[0]!.activeConns, get(before, '10.0.1.1').activeConns);
    assert.ok(other!.stats.conns > 0);
    await backend.zero();
    assert.equal((await backend.snapshot()).services[1]!.stats.conns, 0);
    backend.advance(5_000);
    assert.ok((await firstService(backend)).stats.conns > 0);
  });

  it('editing a service keeps its servers and counters', async () => {
    const backend = oneService(web('rr'), [server('10.0.1.1', 1)]);
    backend.advance(10_000);
    const before = await firstService(backend);
    await backend.editService({ ...WEB, scheduler: 'wlc', flags: [], persistence: null, pe: null });
    const after = await firstService(backend);
    assert.equal(after.scheduler, 'wlc');
    assert.deepEqual(after.stats, before.stats);
    assert.deepEqual(after.destinations, before.destinations);
  });
});
