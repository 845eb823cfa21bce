// The real binary against the real kernel: a varied table loaded with `ipvsadm -R` and read by
// `lvstop snapshot --json`, compared field by field with what was loaded and what ipvsadm shows;
// the errors an operator meets first (no CAP_NET_ADMIN, ip_vs not loaded) with their sentence.
// It also captures the kernel's raw dump bytes as fixtures for the codec's unit tests.

import { after, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Channel } from '../../src/ipvs/channel.js';
import { IpvsClient } from '../../src/ipvs/client.js';
import { CmdAttr, Cmd, GENL_HDRLEN } from '../../src/ipvs/constants.js';
import { errors } from '../../src/ipvs/errors.js';
import { parseAttributes } from '../../src/ipvs/attributes.js';
import type { Snapshot } from '../../src/ipvs/types.js';
import { clearIpvs, ipvsadm, ipvsadmRestore } from './ipvsadm.js';
import { serviceSortKey, VARIED_RULES, VARIED_TABLE } from '../fixtures/varied-table.js';

const LVSTOP = join(process.cwd(), 'bin', 'lvstop');

function lvstop(args: string[], asUser?: number): { status: number | null; stdout: string; stderr: string } {
  // bin/lvstop is a shell script that execs node: it runs as it is, as an operator runs it.
  const options = { encoding: 'utf8' as const, env: { ...process.env, HOME: '/tmp' } };
  const result =
    asUser === undefined
      ? spawnSync(LVSTOP, args, options)
      : spawnSync('setpriv', [`--reuid=${asUser}`, `--regid=${asUser}`, '--clear-groups', '--inh-caps=-all', LVSTOP, ...args], options);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeEach(() => clearIpvs());
after(() => clearIpvs());

describe('lvstop snapshot against a table loaded by ipvsadm -R', () => {
  it('reads every field as it was loaded', () => {
    ipvsadmRestore(VARIED_RULES);
    const result = lvstop(['snapshot', '--json']);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    const snapshot = JSON.parse(result.stdout) as Snapshot;
    assert.equal(snapshot.ipvs.version, '1.2.1');
    const configOnly = snapshot.services.map(({ stats, destinations, ...service }) => ({
      ...service,
      destinations: destinations
        .map(({ stats: _s, activeConns: _a, inactiveConns: _i, persistentConns: _p, ...destination }) => destination)
        .sort((a, b) => a.address.localeCompare(b.address)),
    }));
    const byKey = (a: { protocol: string | null; address: string | null; port: number | null; fwmark: number | null }, b: typeof a) =>
      serviceSortKey(a).localeCompare(serviceSortKey(b));
    assert.deepEqual(configOnly.sort(byKey), [...VARIED_TABLE].sort(byKey));
  });

  it('agrees with ipvsadm -Ln --exact on weights and forwarding, and --thresholds on thresholds', () => {
    ipvsadmRestore(VARIED_RULES);
    const snapshot = JSON.parse(lvstop(['snapshot', '--json']).stdout) as Snapshot;
    const listing = ipvsadm('-Ln', '--exact');
    const thresholds = ipvsadm('-Ln', '--thresholds');
    const forwardName = { masq: 'Masq', route: 'Route', tunnel: 'Tunnel', local: 'Local', bypass: 'Bypass' };
    for (const service of snapshot.services) {
      for (const d of service.destinations) {
        const name = d.family === 'inet6' ? `\\[${d.address}\\]:${d.port}` : `${d.address.replaceAll('.', '\\.')}:${d.port}`;
        assert.match(listing, new RegExp(`-> ${name}\\s+${forwardName[d.forward]}\\s+${d.weight}\\s+0\\s+0`));
        assert.match(thresholds, new RegExp(`-> ${name}\\s+${d.upperThreshold}\\s+${d.lowerThreshold}\\s`));
      }
    }
  });

  it('prints the text snapshot with every service and server', () => {
    ipvsadmRestore(VARIED_RULES);
    const result = lvstop(['snapshot']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^IP Virtual Server version 1\.2\.1 \(size=\d+\)/);
    assert.match(result.stdout, /TCP  10\.0\.0\.100:80 wrr/);
    assert.match(result.stdout, /-> 10\.0\.1\.3:80\s+Tunnel\s+65535/);
  });
});

describe('errors an operator meets first', () => {
  it('without CAP_NET_ADMIN: one sentence, exit 1, no stack trace', () => {
    const result = lvstop(['snapshot'], 65534);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `lvstop: ${errors.permission().message}\n`);
    assert.equal(result.status, 1);
  });

  it('with no ip_vs module to load: one sentence naming modprobe, exit 1', () => {
    // Unload every IPVS module that is loaded (schedulers first), and load them back after.
    const loaded = readFileSync('/proc/modules', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[0] ?? '')
      .filter((name) => name.startsWith('ip_vs_'));
    execFileSync('modprobe', ['-r', '-a', ...loaded, 'ip_vs']);
    // The kernel loads ip_vs on demand when the family is looked up; stop it, as on a kernel
    // that has no IPVS module at all.
    const modprobePath = readFileSync('/proc/sys/kernel/modprobe', 'utf8').trim();
    writeFileSync('/proc/sys/kernel/modprobe', '/bin/false\n');
    try {
      const result = lvstop(['snapshot', '--json']);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, `lvstop: ${errors.unavailable().message}\n`);
      assert.equal(result.status, 1);
    } finally {
      writeFileSync('/proc/sys/kernel/modprobe', `${modprobePath}\n`);
      execFileSync('modprobe', ['-a', 'ip_vs', ...loaded]);
    }
  });
});

describe('byte fixtures from the real kernel', () => {
  it('captures the service and server dumps of the varied table', async () => {
    ipvsadmRestore(VARIED_RULES);
    // A channel that records what the kernel answered, request by request, whether the client
    // sends a request alone or in a series.
    const recorded: Array<{ command: number; request: string; replies: string[] }> = [];
    const client = await IpvsClient.open({
      maxInFlight: 1,
      openChannel: (readBufferBytes) => {
        const channel = new Channel(readBufferBytes);
        return {
          get broken() {
            return channel.broken;
          },
          close: () => channel.close(),
          request: async (request) => {
            const replies = await channel.request(request);
            recorded.push({
              command: request.command,
              request: request.attributes.toString('hex'),
              replies: replies.map((reply) => reply.attributes.toString('hex')),
            });
            return replies;
          },
          series: (series) => {
            let entry: (typeof recorded)[number];
            return channel.series({
              ...series,
              next: () => {
                const attributes = series.next();
                if (attributes) entry = { command: series.command, request: attributes.toString('hex'), replies: [] };
                return attributes;
              },
              message: (datagram, start, end) => {
                entry.replies.push(datagram.subarray(start + GENL_HDRLEN, end).toString('hex'));
                series.message(datagram, start, end);
              },
              end: (refusal, datagrams) => {
                recorded.push(entry);
                series.end(refusal, datagrams);
              },
            });
          },
        };
      },
    });
    await client.snapshot();
    client.close();
    const serviceDump = recorded.find((entry) => entry.command === Cmd.GET_SERVICE);
    assert.equal(serviceDump?.replies.length, VARIED_TABLE.length);
    for (const reply of serviceDump?.replies ?? []) assert.ok(parseAttributes(Buffer.from(reply, 'hex')).has(CmdAttr.SERVICE));
    const out = process.env.LVSTOP_LAB_OUT;
    if (out) {
      mkdirSync(join(out, 'fixtures'), { recursive: true });
      writeFileSync(join(out, 'fixtures', 'varied-dump.json'), `${JSON.stringify({ rules: VARIED_RULES, recorded }, null, 2)}\n`);
    }
  });
});
