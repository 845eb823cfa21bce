import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceKey } from '../../../src/ipvs/types.js';
import { KEYS, renderApp } from './render-app.js';
import { statusLine } from './fixtures.js';

const SIP: ServiceKey = { family: 'inet', protocol: 'udp', address: '10.0.0.60', port: 5060, fwmark: null };

test('A: -M, --pe, -b and -o set in the form reach the backend; e pre-fills them', async () => {
  const app = await renderApp({ rows: 50 });
  try {
    await app.press('A', KEYS.right);
    assert.match(app.frame(), /Protocol +‹ udp ›/);
    assert.doesNotMatch(app.frame(), /Persistence mask|Persist engine/, 'only with persistence');
    await app.press(KEYS.tab);
    await app.type('10.0.0.60:5060');
    await app.press(KEYS.tab, KEYS.ctrlU);
    await app.type('sh');
    await app.press(KEYS.tab);
    assert.match(app.frame(), /sh-fallback \(skip unavailable servers\), sh-port \(hash ports too\)/, 'the hint names what sh reads');
    await app.press(KEYS.right, KEYS.right, KEYS.right);
    assert.match(app.frame(), /Scheduler flags \(-b\) +‹ sh-fallback,sh-port ›/);
    await app.press(KEYS.tab);
    await app.type('600');
    await app.press(KEYS.tab);
    await app.type('255.255.255.0');
    await app.press(KEYS.tab, KEYS.right, KEYS.tab, KEYS.right);
    assert.match(app.frame(), /Persist engine \(--pe\) +‹ sip ›/);
    assert.match(app.frame(), /One-packet \(-o\) +‹ yes ›/);
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal, null);

    const added = await app.backend.service(SIP);
    assert.equal(added.scheduler, 'sh');
    assert.deepEqual(added.persistence, { timeout: 600, netmask: '255.255.255.0' });
    assert.equal(added.pe, 'sip');
    for (const flag of ['persistent', 'one-packet', 'sh-fallback', 'sh-port'] as const) assert.ok(added.flags.includes(flag), flag);
    assert.match(statusLine(app), /✓ ipvsadm -A -u 10\.0\.0\.60:5060 -s sh -p 600 -M 255\.255\.255\.0 --pe sip -o -b sh-fallback,sh-port/);

    await app.press('/');
    await app.type('5060');
    await app.press(KEYS.enter);
    assert.equal(app.store.getState().selection, 'udp|10.0.0.60|5060');
    await app.press('e');
    const screen = app.frame();
    assert.match(screen, /Edit service UDP 10\.0\.0\.60:5060/);
    assert.match(screen, /Scheduler \(-s\) +‹ sh ›/);
    assert.match(screen, /Scheduler flags \(-b\) +‹ sh-fallback,sh-port ›/);
    assert.match(screen, /Persistence \(-p\) +600/);
    assert.match(screen, /Persistence mask \(-M\) +255\.255\.255\.0/);
    assert.match(screen, /Persist engine \(--pe\) +‹ sip ›/);
    assert.match(screen, /One-packet \(-o\) +‹ yes ›/);
    // Only the flags change; everything else is sent as it was.
    await app.press(KEYS.tab, KEYS.left);
    await app.press(KEYS.enter);
    const edited = await app.backend.service(SIP);
    assert.ok(edited.flags.includes('sh-port') && !edited.flags.includes('sh-fallback'));
    assert.deepEqual([edited.pe, edited.persistence?.netmask, edited.flags.includes('one-packet')], ['sip', '255.255.255.0', true]);
    assert.match(statusLine(app), /✓ ipvsadm -E -u 10\.0\.0\.60:5060 -s sh -p 600 -M 255\.255\.255\.0 --pe sip -o -b sh-port/);
  } finally {
    app.unmount();
  }
});

test('flags the scheduler does not read, a gapped mask and -o on TCP are refused with the reason', async () => {
  const app = await renderApp({ rows: 50 });
  try {
    await app.press('A', KEYS.tab);
    await app.type('10.0.0.61:80');
    await app.press(KEYS.tab, KEYS.tab);
    await app.type('sh-port');
    assert.match(app.frame(), /✗ sh-port needs the sh scheduler \(-s sh\), not wlc/);
    await app.press(KEYS.ctrlU, KEYS.tab);
    await app.type('60');
    await app.press(KEYS.tab);
    await app.type('255.0.255.0');
    assert.match(app.frame(), /✗ the persistence mask 255\.0\.255\.0 has a gap/);
    assert.doesNotMatch(app.frame(), /One-packet/, 'no -o for TCP');
    await app.press(KEYS.enter);
    await assert.rejects(app.backend.service({ ...SIP, protocol: 'tcp', address: '10.0.0.61', port: 80 }), /No such service/);
    await app.press(KEYS.ctrlU);
    await app.type('24');
    await app.press(KEYS.enter);
    const added = await app.backend.service({ ...SIP, protocol: 'tcp', address: '10.0.0.61', port: 80 });
    assert.equal(added.persistence?.netmask, '255.255.255.0', 'a prefix length is taken as its dotted mask');
  } finally {
    app.unmount();
  }
});

test('A: an IPv6 firewall-mark service (-f 42 -6) from the form', async () => {
  const app = await renderApp({ rows: 50 });
  try {
    await app.press('A');
    assert.doesNotMatch(app.frame(), /Family/, 'the family follows the address unless it is a mark');
    await app.press(KEYS.left);
    assert.match(app.frame(), /Protocol +‹ fwmark ›/);
    await app.press(KEYS.tab, KEYS.right);
    assert.match(app.frame(), /Family +‹ IPv6 ›/);
    await app.press(KEYS.tab);
    await app.type('42');
    await app.press(KEYS.tab, KEYS.tab, KEYS.tab);
    await app.type('300');
    await app.press(KEYS.tab);
    assert.match(app.frame(), /prefix length clients share a server under, 1 to 128/);
    await app.type('64');
    await app.press(KEYS.enter);
    const added = await app.backend.service({ family: 'inet6', protocol: null, address: null, port: null, fwmark: 42 });
    assert.deepEqual(added.persistence, { timeout: 300, netmask: 64 });
    assert.match(statusLine(app), /✓ ipvsadm -A -f 42 -6 -s wlc -p 300 -M 64/);
    assert.match(app.frame(), /FWM 42 \(IPv6\)/);
    // The IPv4 mark 42 is another service, still free.
    await assert.rejects(app.backend.service({ family: 'inet', protocol: null, address: null, port: null, fwmark: 42 }), /No such service/);
  } finally {
    app.unmount();
  }
});

test('at 80x24 a form taller than its room scrolls with the focus and keeps its key help', async () => {
  const app = await renderApp({ columns: 80, rows: 24 });
  try {
    await app.press('A', KEYS.left, KEYS.tab, KEYS.tab);
    await app.type('x');
    await app.press(KEYS.tab, KEYS.ctrlU);
    await app.type('zz');
    await app.press(KEYS.tab);
    await app.type('q');
    await app.press(KEYS.tab);
    await app.type('1');
    await app.press(KEYS.tab);
    await app.type('1.2.3.4');
    await app.press(KEYS.tab, KEYS.right);
    const lines = app.lines();
    assert.ok(lines.some((l) => /› Persist engine \(--pe\) +‹ sip ›/.test(l)), 'the focused field is in view');
    assert.ok(lines.some((l) => l.includes('✗ the persistence mask 1.2.3.4 has a gap')));
    assert.ok(lines.some((l) => l.includes('↕ more fields · Enter apply')), 'says there is more');
    assert.ok(lines.some((l) => l.startsWith('╰')), 'the dialog is whole');
    assert.equal(lines.length, 23);
    await app.press(KEYS.tab, KEYS.tab);
    assert.ok(app.lines().some((l) => /› Protocol/.test(l)), 'Tab wraps to the top, which scrolls into view');
  } finally {
    app.unmount();
  }
});
