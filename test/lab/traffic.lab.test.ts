// Real traffic through IPVS: a client namespace, the director (the guest's root namespace) and
// three real-server namespaces (test/lab/cluster/), with services set up through lvstop's
// kernel backend, for each forwarding method: NAT (-m), DR (-g) and TUN (-i, ipip). Then a
// real drain with the `lvstop` binary while long-lived connections hold a server, by command
// and by keystroke in the full-screen TUI (in tmux) under a steady client load.
//
// Each test builds its own service on a port of its own and removes it at the end: other lab
// files clear the whole table before each test (their top-level hooks reach every file).

import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Connection } from '../../src/backend/backend.js';
import { Cluster } from './cluster/cluster.js';
import { runLvstop, startLvstop, stateEnvironment } from './cluster/lvstop-binary.js';
import type { LabMethod } from './cluster/plan.js';
import { readBoth, readLvstop, sampleRates, settledLvstop, type Reading, type ServerReading } from './cluster/readings.js';
import type { RealServer, Served } from './cluster/real-servers.js';
import { addServer, split, withService, type LabService, type ServiceRequest } from './cluster/services.js';
import { inLab, ipvsadm } from './ipvsadm.js';
import { repoRoot } from './guest.js';
import { drainActiveLeft, hasTmux, tableCell, terminalEnvironment, TmuxTerminal } from '../support/tmux.js';

const METHODS: ReadonlyArray<[LabMethod, string]> = [
  ['masq', 'NAT (-m)'],
  ['route', 'DR (-g)'],
  ['tunnel', 'TUN (-i, ipip)'],
];

let cluster: Cluster;

const servers = (): [RealServer, RealServer, RealServer] => cluster.servers as [RealServer, RealServer, RealServer];
const evenly = (): ServiceRequest['weights'] => cluster.servers.map((server) => [server, 1] as const);
const scenario = (request: Omit<ServiceRequest, 'port'>, work: (service: LabService) => Promise<void>): Promise<void> =>
  withService(cluster.lvstop, cluster.takePort(), request, work);

function readingOf(reading: Reading, server: RealServer, service: LabService): ServerReading {
  const key = `${server.address}:${service.port}`;
  const found = reading.servers.find((entry) => entry.server === key);
  assert.ok(found, `no reading for ${key}`);
  return found;
}

/** IPVS counts whole IP packets: the payload plus 40-60 bytes of IP and TCP headers (with options) each. */
function assertPacketBytes(what: string, bytes: number, packets: number, payload: number): void {
  const headers = bytes - payload;
  assert.ok(headers >= 40 * packets && headers <= 60 * packets, `${what}: ${bytes} bytes in ${packets} packets carrying ${payload} bytes of payload`);
}

/**
 * `released` connections were closed by the client mid-response: their entries can end in
 * CLOSE (10 s) rather than FIN_WAIT or TIME_WAIT (2 min), and may leave the table before the
 * reading under emulation's slow clock (seen once with TUN).
 */
function assertAgreesWithServer(reading: ServerReading, server: RealServer, served: Served, method: LabMethod, released: number): void {
  assert.equal(reading.conns, served.connections, `${server.name}: connections`);
  assert.equal(reading.activeConns, 0, `${server.name}: active connections`);
  // Closed connections stay in the table as inactive ones.
  assert.ok(
    reading.inactiveConns <= served.connections && reading.inactiveConns >= served.connections - released,
    `${server.name}: ${reading.inactiveConns} inactive connections for ${served.connections} served, ${released} of them released`,
  );
  assertPacketBytes(`${server.name} in`, reading.inBytes, reading.inPackets, served.bytesIn);
  if (method === 'masq') {
    assertPacketBytes(`${server.name} out`, reading.outBytes, reading.outPackets, served.bytesOut);
  } else {
    // DR and TUN replies go from the real server straight to the client, not through IPVS.
    assert.equal(reading.outPackets, 0, `${server.name}: out packets`);
    assert.equal(reading.outBytes, 0, `${server.name}: out bytes`);
  }
}

const entryText = (entry: Connection): string =>
  `${entry.client.address}:${entry.client.port} ${entry.virtual.address}:${entry.virtual.port} ${entry.destination.address}:${entry.destination.port}`;

/** The service's entries as `ipvsadm -Lnc` lists them (pro expire state source virtual destination). */
function ipvsadmEntries(service: LabService): string[] {
  return ipvsadm('-L', '-n', '-c')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 6 && fields[0] === 'TCP' && fields[4] === `${service.vip}:${service.port}`)
    .map((fields) => `${fields[3]} ${fields[4]} ${fields[5]}`);
}

/**
 * lvstop's filtered reads of /proc/net/ip_vs_conn, for the service and for one of its servers
 * with a limit, against ipvsadm's listing (taken while the table holds still: held connections
 * and closed ones in their two-minute states).
 */
async function assertConnectionsAsIpvsadm(service: LabService, server: RealServer): Promise<void> {
  const virtual = { protocol: 'tcp' as const, address: service.vip, port: service.port };
  const listed = ipvsadmEntries(service);
  const reading = await cluster.lvstop.connections({ virtual });
  assert.deepEqual(reading.rows.map(entryText).sort(), [...listed].sort(), 'the service\'s entries');
  assert.equal(reading.matched, listed.length);
  assert.ok(reading.total >= listed.length);
  const toServer = listed.filter((text) => text.endsWith(` ${server.address}:${service.port}`));
  assert.ok(toServer.length > 2, `${server.name} has entries: ${toServer.length}`);
  const cut = await cluster.lvstop.connections({ virtual, destinations: [{ address: server.address, port: service.port }], limit: 2 });
  assert.equal(cut.matched, toServer.length, `${server.name}: entries`);
  assert.deepEqual(cut.rows.map(entryText), toServer.slice(0, 2), `${server.name}: the first two, in table order`);
}

describe('real traffic through IPVS', { skip: inLab() ? false : 'needs the lab guest (npm run test:lab)' }, () => {
  before(async () => {
    const started = Date.now();
    cluster = await Cluster.start();
    console.log(`lab cluster: up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  after(async () => {
    await cluster?.stop();
  });

  for (const [method, title] of METHODS) {
    describe(title, () => {
      it('serves every request through the VIP; wrr 3:1:0 splits 40 requests 30:10:0', async (t: TestContext) => {
        const [rs1, rs2, rs3] = servers();
        await scenario({ method, scheduler: 'wrr', weights: [[rs1, 3], [rs2, 1], [rs3, 0]] }, async (service) => {
          const outcome = await cluster.client.get(service.vip, service.port, 40);
          t.diagnostic(`40 requests in ${outcome.ms} ms: ${JSON.stringify(split(outcome.served, cluster.servers))}`);
          assert.deepEqual(outcome.failures, []);
          assert.deepEqual(split(outcome.served, cluster.servers), { rs1: 30, rs2: 10, rs3: 0 });
          assert.equal(rs3.served(service.port).connections, 0, 'the weight-0 server saw a connection');
        });
      });

      it('rr splits 30 requests evenly, 10:10:10', async (t: TestContext) => {
        await scenario({ method, scheduler: 'rr', weights: evenly() }, async (service) => {
          const outcome = await cluster.client.get(service.vip, service.port, 30);
          t.diagnostic(`30 requests in ${outcome.ms} ms: ${JSON.stringify(split(outcome.served, cluster.servers))}`);
          assert.deepEqual(outcome.failures, []);
          assert.deepEqual(split(outcome.served, cluster.servers), { rs1: 10, rs2: 10, rs3: 10 });
        });
      });

      it('counts connections, packets and bytes as ipvsadm does and as the servers saw them', async (t: TestContext) => {
        await scenario({ method, scheduler: 'rr', weights: evenly() }, async (service) => {
          // One long-lived connection per server (rr), then ten short ones each.
          const hold = cluster.client.hold(service.vip, service.port, 3, 300);
          assert.deepEqual(split((await hold.opened).served, cluster.servers), { rs1: 1, rs2: 1, rs3: 1 });
          assert.deepEqual((await cluster.client.get(service.vip, service.port, 30)).failures, []);

          await settledLvstop(cluster.lvstop, service);
          const held = await readBoth(cluster.lvstop, service);
          t.diagnostic(`held open: ${JSON.stringify(held.lvstop)}`);
          assert.deepEqual(held.lvstop, held.ipvsadm);
          await assertConnectionsAsIpvsadm(service, servers()[0]);
          for (const server of cluster.servers) {
            const reading = readingOf(held.lvstop, server, service);
            const closed = server.served(service.port).connections;
            assert.equal(server.open(service.port), 1, `${server.name}: open connections`);
            assert.equal(reading.activeConns, 1, `${server.name}: active connections`);
            assert.equal(reading.inactiveConns, closed, `${server.name}: inactive connections`);
            assert.equal(reading.conns, closed + 1, `${server.name}: connections`);
          }

          assert.equal(await hold.release(3), 3);
          await hold.ended;
          await settledLvstop(cluster.lvstop, service);
          const done = await readBoth(cluster.lvstop, service);
          t.diagnostic(`after: ${JSON.stringify(done.lvstop)}`);
          assert.deepEqual(done.lvstop, done.ipvsadm);
          for (const server of cluster.servers) {
            const served = server.served(service.port);
            t.diagnostic(`${server.name} served ${JSON.stringify(served)}`);
            assert.equal(served.connections, 11, `${server.name}: connections served`);
            assertAgreesWithServer(readingOf(done.lvstop, server, service), server, served, method, 1);
          }
          for (const field of ['conns', 'inPackets', 'outPackets', 'inBytes', 'outBytes'] as const) {
            const sum = done.lvstop.servers.reduce((total, server) => total + server[field], 0);
            assert.equal(done.lvstop.service[field], sum, `the service's ${field} is its servers' sum`);
          }
        });
      });

      it('estimates non-zero rates under load and lets them decay after it', async (t: TestContext) => {
        await scenario({ method, scheduler: 'rr', weights: evenly() }, async (service) => {
          // The estimator updates every 2 s and smooths: 8 s of load, then 6 s to watch it fall.
          const load = cluster.client.load(service.vip, service.port, 8);
          const samples = await sampleRates(cluster.lvstop, service, load, 6);
          const outcome = await load;
          const shown = samples.map((s) => `${s.phase} ${s.cps}/${s.inPps}/${s.outPps}`).join(', ');
          t.diagnostic(`${outcome.served.length} requests in ${outcome.ms} ms; cps/inpps/outpps: ${shown}`);
          assert.deepEqual(outcome.failures, []);
          const peak = (key: 'cps' | 'inPps' | 'outPps'): number => Math.max(...samples.map((sample) => sample[key]));
          assert.ok(peak('cps') > 0, 'cps stayed 0 under load');
          assert.ok(peak('inPps') > 0, 'in pps stayed 0 under load');
          if (method === 'masq') assert.ok(peak('outPps') > 0, 'out pps stayed 0 under load');
          else assert.equal(peak('outPps'), 0, 'out pps of DR/TUN');
          const last = samples.at(-1);
          assert.ok(last && last.cps < peak('cps') && last.inPps < peak('inPps'), 'the rates did not decay after the load');
        });
      });
    });
  }

  describe('the TUI by keystroke (NAT, under load)', { skip: !hasTmux() && 'tmux is not installed' }, () => {
    /** Connections a server has accepted on the port: those closed and those still open. */
    const accepted = (server: RealServer, port: number): number => server.served(port).connections + server.open(port);
    const weightInIpvsadm = (service: LabService, server: RealServer): number | null => {
      const row = new RegExp(`-> ${server.address}:${service.port}\\s+Masq\\s+(\\d+)\\s`).exec(ipvsadm('-Ln', '-t', `${service.vip}:${service.port}`));
      return row ? Number(row[1]) : null;
    };

    it('d drains: ipvsadm shows weight 0, no new connections reach it, the screen shows its connections falling; r restores it', async (t: TestContext) => {
      const [rs1, rs2, rs3] = servers();
      await scenario({ method: 'masq', scheduler: 'rr', weights: [[rs1, 1]] }, async (alone) => {
        // Held long enough to outlast lvstop's slow start under emulation; released by the test.
        const hold = cluster.client.hold(alone.vip, alone.port, 3, 900);
        assert.deepEqual(split((await hold.opened).served, cluster.servers), { rs1: 3, rs2: 0, rs3: 0 });
        const service = await addServer(cluster.lvstop, await addServer(cluster.lvstop, alone, rs2, 1), rs3, 1);
        const rs1Row = `${rs1.address}:${service.port}`;

        const terminal = new TmuxTerminal({ cwd: repoRoot, env: terminalEnvironment(stateEnvironment()), width: 160, height: 48 });
        let load: Promise<unknown> = Promise.resolve();
        try {
          terminal.keys('bin/lvstop --interval 1', 'Enter');
          // Loading Ink and its WebAssembly layout engine takes a minute or more under emulation.
          await terminal.waitFor('the service on screen', (s) => s.includes(`TCP ${service.vip}:${service.port}`), 300_000);
          assert.ok(terminal.alternateOn(), 'drawn on the alternate screen');

          // A steady load for the rest of the test; the screen shows it as connections per second.
          // 90 s: on a loaded host the steps below took over 45 s and outlasted a 45 s load.
          load = cluster.client.load(service.vip, service.port, 90);
          const serviceRow = `TCP ${service.vip}:${service.port}`;
          await terminal.waitFor('the load on screen', (s) => Number(tableCell(s, serviceRow, 'CPS')) > 0, 30_000);

          terminal.keys('Enter');
          await terminal.waitFor('the servers listed', (s) => s.includes(rs1Row), 30_000);
          terminal.keys('j');
          await terminal.waitFor('rs1 selected', (s) => new RegExp(`^ ›\\s+├ ${rs1Row.replaceAll('.', '\\.')}`, 'm').test(s), 30_000);
          await terminal.waitFor('rs1 with its 3 held connections', (s) => tableCell(s, rs1Row, 'ACT') === '3', 30_000);

          terminal.keys('d');
          await terminal.waitFor('weight 0 on screen', (s) => tableCell(s, rs1Row, 'WGT') === '0', 30_000);
          // Under emulation a reading can show the new weight before the change has finished.
          const drainLine = new RegExp(`✓ ipvsadm -e -t ${service.vip}:${service.port} -r ${rs1Row} -m -w 0`.replaceAll('.', '\\.'));
          await terminal.waitFor('the drain echoed as its ipvsadm command', (s) => drainLine.test(s), 30_000);
          assert.doesNotMatch(terminal.screen(), /by someone else/, "lvstop's own drain is not someone else's");
          assert.equal(weightInIpvsadm(service, rs1), 0, 'ipvsadm -Ln shows the drain');
          // A connection the scheduler placed just before the change may still arrive.
          await sleep(1_000);
          const rs1Before = accepted(rs1, service.port);
          const othersBefore = accepted(rs2, service.port) + accepted(rs3, service.port);

          const seen: number[] = [await terminal.waitFor('the drain progress', drainActiveLeft, 30_000)];
          for (let left = 3; left > 0; left -= 1) {
            assert.equal(await hold.release(1), 1);
            seen.push(await terminal.waitFor(`${left - 1} active left on screen`, (s) => (drainActiveLeft(s) === left - 1 ? left - 1 : null), 30_000));
          }
          t.diagnostic(`active connections on screen while draining: ${seen.join(' -> ')}`);
          assert.equal(seen[0], 3);
          assert.equal(tableCell(terminal.screen(), rs1Row, 'ACT'), '0');

          await sleep(3_000);
          const rs1After = accepted(rs1, service.port);
          const othersAfter = accepted(rs2, service.port) + accepted(rs3, service.port);
          t.diagnostic(`while drained: rs1 accepted ${rs1After - rs1Before}, rs2 and rs3 ${othersAfter - othersBefore}`);
          assert.equal(rs1After, rs1Before, 'the drained server accepted new connections');
          assert.ok(othersAfter > othersBefore, 'the others took the load');

          terminal.keys('r');
          await terminal.waitFor('weight 1 on screen', (s) => tableCell(s, rs1Row, 'WGT') === '1', 30_000);
          assert.equal(weightInIpvsadm(service, rs1), 1, 'ipvsadm -Ln shows the restore');
          await terminal.waitFor('rs1 serving again', () => accepted(rs1, service.port) > rs1After, 30_000);

          // +, undo and the ipvsadm command line reach the kernel too.
          terminal.keys('j');
          const rs2Row = `${rs2.address}:${service.port}`;
          await terminal.waitFor('rs2 selected', (s) => new RegExp(`^ ›\\s+├ ${rs2Row.replaceAll('.', '\\.')}`, 'm').test(s), 30_000);
          terminal.keys('+');
          await terminal.waitFor('weight 2 on screen', (s) => tableCell(s, rs2Row, 'WGT') === '2', 30_000);
          assert.equal(weightInIpvsadm(service, rs2), 2, 'ipvsadm -Ln shows +');
          terminal.keys('u');
          await terminal.waitFor('weight 1 on screen', (s) => tableCell(s, rs2Row, 'WGT') === '1', 30_000);
          assert.equal(weightInIpvsadm(service, rs2), 1, 'ipvsadm -Ln shows the undo');
          terminal.keys(':');
          terminal.type(`-e -t ${service.vip}:${service.port} -r ${rs3.address}:${service.port} -m -w 5`);
          terminal.keys('Enter');
          await terminal.waitFor('weight 5 on screen', (s) => tableCell(s, `${rs3.address}:${service.port}`, 'WGT') === '5', 30_000);
          assert.equal(weightInIpvsadm(service, rs3), 5, 'ipvsadm -Ln shows the : command');

          t.diagnostic(`director bar: ${terminal.screen().split('\n')[0]}`);
          terminal.keys('q');
          await terminal.waitFor('the terminal restored', () => !terminal.alternateOn(), 30_000);
        } finally {
          terminal.close();
          await hold.release(3).catch(() => 0);
          await load;
        }
      });
    });
  });

  describe('drain with real connections (NAT)', () => {
    const env = stateEnvironment();
    const target = (service: LabService, server: RealServer): string[] =>
      ['-t', `${service.vip}:${service.port}`, '-r', `${server.address}:${service.port}`];

    it('drain --wait shows progress, new requests go elsewhere, returns 0 once the held connections end; undrain brings it back', async (t: TestContext) => {
      const [rs1, rs2, rs3] = servers();
      await scenario({ method: 'masq', scheduler: 'rr', weights: [[rs1, 1]] }, async (alone) => {
        // rs1 alone takes three long-lived connections; then rs2 and rs3 join.
        const hold = cluster.client.hold(alone.vip, alone.port, 3, 300);
        assert.deepEqual(split((await hold.opened).served, cluster.servers), { rs1: 3, rs2: 0, rs3: 0 });
        const service = await addServer(cluster.lvstop, await addServer(cluster.lvstop, alone, rs2, 1), rs3, 1);

        const drain = startLvstop(['drain', ...target(service, rs1), '--wait', '--timeout', '120'], env);
        await drain.line(/: 3 active, \d+ inactive, 0 persistent connections left/);
        const during = await cluster.client.get(service.vip, service.port, 20);
        assert.deepEqual(during.failures, []);
        assert.deepEqual(split(during.served, cluster.servers), { rs1: 0, rs2: 10, rs3: 10 });

        // The held connections end one by one; the drain must outlast the last one.
        for (let left = 3; left > 0; left -= 1) {
          await sleep(1_500);
          assert.equal(await hold.release(1), 1);
        }
        const releasedAt = Date.now();
        await hold.ended;
        const { status, at } = await drain.exit;
        const lines = drain.stderr.map((line) => line.text);
        t.diagnostic(`drain returned ${((at - releasedAt) / 1000).toFixed(1)} s after the last release:\n${lines.join('\n')}`);
        assert.equal(status, 0);
        assert.match(lines[0] ?? '', new RegExp(`ipvsadm -e -t ${service.vip}:${service.port} -r ${rs1.address}:${service.port} -m -w 0`));
        const active = lines.flatMap((line) => /: (\d+) active,/.exec(line)?.slice(1).map(Number) ?? []);
        assert.equal(active[0], 3);
        assert.deepEqual(active, [...active].sort((a, b) => b - a), 'active connections only went down');
        assert.match(lines.at(-1) ?? '', /is drained: no active or persistent connections; safe to remove\./);
        assert.ok(at >= releasedAt, 'drain returned before the last connection ended');

        const undrain = await runLvstop(['undrain', ...target(service, rs1)], env);
        assert.equal(undrain.status, 0, undrain.stderr);
        assert.match(ipvsadm('-Ln', '-t', `${service.vip}:${service.port}`), new RegExp(`-> ${rs1.address}:${service.port}\\s+Masq\\s+1\\s`));
        const again = await cluster.client.get(service.vip, service.port, 30);
        assert.deepEqual(again.failures, []);
        assert.deepEqual(split(again.served, cluster.servers), { rs1: 10, rs2: 10, rs3: 10 });
      });
    });

    it('drain --wait --timeout exits 3 while a connection remains', async (t: TestContext) => {
      const [rs1, rs2] = servers();
      await scenario({ method: 'masq', scheduler: 'rr', weights: [[rs1, 1]] }, async (alone) => {
        const hold = cluster.client.hold(alone.vip, alone.port, 1, 300);
        assert.deepEqual((await hold.opened).served, ['rs1']);
        const service = await addServer(cluster.lvstop, alone, rs2, 1);
        const drain = await runLvstop(['drain', ...target(service, rs1), '--wait', '--timeout', '3'], env);
        t.diagnostic(drain.stderr);
        assert.equal(drain.status, 3);
        const name = `${rs1.address}:${service.port}`.replaceAll('.', '\\.');
        assert.match(drain.stderr, new RegExp(`timed out after 3 s: ${name} .* still has 1 active and 0 persistent connections\\.`));
        assert.equal(rs1.open(service.port), 1, 'the held connection is still open');
        const reading = await readLvstop(cluster.lvstop, service);
        assert.equal(readingOf(reading, rs1, service).weight, 0);
        await hold.release(1);
        await hold.ended;
      });
    });
  });
});
