// Torn dumps on the real kernel: a table of 2000 services comes in many datagrams, and a
// second client adds and removes one service as fast as it can meanwhile. A plain dump then
// sometimes repeats or skips a service; lvstop's snapshot must only ever return the table
// with or without that one service, whole, or refuse.

import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { IpvsClient } from '../../src/ipvs/client.js';
import { IpvsError } from '../../src/ipvs/errors.js';
import type { ServiceConfig, ServiceKey } from '../../src/ipvs/types.js';
import { serviceId } from '../../src/model/identity.js';
import { inLab, ipvsadmRestore } from './ipvsadm.js';

const SERVICES = 2000;
const READS = 30;

const vip = (n: number): string => `10.${100 + (n >> 8)}.${n & 255}.1`;
const toggled: ServiceConfig = {
  family: 'inet', protocol: 'tcp', address: '10.99.0.1', port: 80, fwmark: null,
  scheduler: 'rr', flags: [], persistence: null, pe: null,
};

/** What a read listed, against the two whole tables there can be. */
function judge(keys: readonly string[], base: ReadonlySet<string>): 'without' | 'with' | 'torn' {
  const seen = new Set(keys);
  if (seen.size !== keys.length) return 'torn';
  const extra = [...seen].filter((key) => !base.has(key));
  const missing = [...base].filter((key) => !seen.has(key));
  if (missing.length > 0) return 'torn';
  if (extra.length === 0) return 'without';
  return extra.length === 1 && extra[0] === serviceId(toggled) ? 'with' : 'torn';
}

describe('torn dumps on the real kernel', { skip: inLab() ? false : 'needs the lab guest (npm run test:lab)' }, () => {
  it(`a snapshot of ${SERVICES} services is whole while another client adds and removes a service`, { timeout: 600_000 }, async (t: TestContext) => {
    ipvsadmRestore(Array.from({ length: SERVICES }, (_, n) => `-A -t ${vip(n)}:80 -s rr\n`).join(''));
    const reader = await IpvsClient.open();
    const writer = await IpvsClient.open({ maxInFlight: 1 });
    const base = new Set((await reader.services()).map(serviceId));
    assert.equal(base.size, SERVICES);

    let churning = true;
    let toggles = 0;
    const churn = (async () => {
      const key: ServiceKey = toggled;
      while (churning) {
        await writer.addService(toggled);
        await writer.deleteService(key);
        toggles += 2;
      }
    })();

    const plain = { without: 0, with: 0, torn: 0 };
    const lvstop = { without: 0, with: 0, torn: 0, refused: 0 };
    try {
      for (let read = 0; read < READS; read += 1) {
        // A plain dump, as any tool reads the table: it can tear.
        plain[judge((await reader.services()).map(serviceId), base)] += 1;
        try {
          const snapshot = await reader.snapshot(() => false);
          lvstop[judge(snapshot.services.map(serviceId), base)] += 1;
        } catch (error) {
          if (!(error instanceof IpvsError) || error.kind !== 'changing') throw error;
          lvstop.refused += 1;
        }
      }
    } finally {
      churning = false;
      await churn;
      reader.close();
      writer.close();
    }
    t.diagnostic(`${toggles} adds and deletes meanwhile; plain dumps ${JSON.stringify(plain)}; lvstop ${JSON.stringify(lvstop)}, ${reader.tornReads} torn reads read again`);
    assert.equal(lvstop.torn, 0, 'lvstop returned a torn table');
    assert.ok(lvstop.with + lvstop.without > 0, 'lvstop never got a whole reading');
    // The check has teeth only if the churn really tears dumps here.
    assert.ok(plain.torn + reader.tornReads > 0, 'no dump was torn: the test provoked nothing');
  });
});
