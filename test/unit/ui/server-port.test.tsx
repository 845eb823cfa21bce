import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceKey } from '../../../src/ipvs/types.js';
import { KEYS, renderApp } from './render-app.js';
import { selectWebServer, serverOf, statusLine } from './fixtures.js';

// ipvsadm gives a DR (-g) or TUN (-i) server of an address service the service's port; the form
// says so rather than sending a port that ipvsadm would never send.
const HTTPS: ServiceKey = { family: 'inet', protocol: 'tcp', address: '10.0.0.10', port: 443, fwmark: null };
const API: ServiceKey = { family: 'inet', protocol: null, address: null, port: null, fwmark: 7 };

test('DR: a port other than the service\'s is refused beside the address, and nothing is added', async () => {
  const app = await renderApp();
  try {
    // The HTTPS service's servers are DR, so a new one starts as DR too.
    await app.press('j', 'a');
    assert.match(app.frame(), /Add a real server to TCP 10\.0\.0\.10:443/);
    assert.match(app.frame(), /Forwarding +‹ DR ›/);
    assert.match(app.frame(), /e\.g\. 10\.0\.1\.20; DR takes the service's port 443/);
    await app.type('10.0.1.24:8443');
    assert.match(app.frame(), /✗ port 8443 cannot be used: a DR server answers on the service's port 443; only NAT \(-m\) changes the port/);
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal?.kind, 'form', 'the form stays open');
    assert.match(app.frame(), /› Address\[:port\]/, 'the focus is on the refused field');
    assert.equal(await serverOf(app, '10.0.1.24', HTTPS), undefined, 'nothing was added');
  } finally {
    app.unmount();
  }
});

test('DR: with the port left out or equal to the service\'s, the server gets the service\'s port', async () => {
  const app = await renderApp();
  try {
    await app.press('j', 'a');
    await app.type('10.0.1.24');
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal, null);
    const omitted = await serverOf(app, '10.0.1.24', HTTPS);
    assert.deepEqual([omitted?.port, omitted?.forward], [443, 'route']);
    assert.match(statusLine(app), /✓ ipvsadm -a -t 10\.0\.0\.10:443 -r 10\.0\.1\.24:443 -g -w 1/);

    await app.press('a');
    await app.type('10.0.1.25:443');
    assert.doesNotMatch(app.frame(), /✗/);
    await app.press(KEYS.enter);
    assert.deepEqual((await serverOf(app, '10.0.1.25', HTTPS))?.port, 443);
    assert.match(statusLine(app), /✓ ipvsadm -a -t 10\.0\.0\.10:443 -r 10\.0\.1\.25:443 -g -w 1/);
  } finally {
    app.unmount();
  }
});

test('choosing TUN writes the service\'s port into the address; back to NAT, another port is allowed', async () => {
  const app = await renderApp();
  try {
    await app.press('a');
    await app.type('10.0.1.14:8080');
    await app.press(KEYS.tab, KEYS.right, KEYS.right);
    assert.match(app.frame(), /Forwarding +‹ TUN ›/);
    assert.match(app.frame(), /Address\[:port\] +10\.0\.1\.14:80 /, 'pre-filled with the service\'s port');
    assert.doesNotMatch(app.frame(), /✗/);

    // Typing the other port back under TUN is refused; NAT takes it.
    await app.press(KEYS.up, KEYS.ctrlU);
    await app.type('10.0.1.14:8080');
    assert.match(app.frame(), /✗ port 8080 cannot be used: a TUN server answers on the service's port 80; only NAT \(-m\) changes the port/);
    // Straight on from TUN to NAT: through DR the port would be the service's again.
    await app.press(KEYS.tab, KEYS.right);
    assert.match(app.frame(), /Forwarding +‹ NAT ›/);
    assert.match(app.frame(), /Address\[:port\] +10\.0\.1\.14:8080 /, 'NAT leaves the port as typed');
    assert.doesNotMatch(app.frame(), /✗/);
    await app.press(KEYS.enter);
    const added = await serverOf(app, '10.0.1.14');
    assert.deepEqual([added?.port, added?.forward], [8080, 'masq']);
    assert.match(statusLine(app), /✓ ipvsadm -a -t 10\.0\.0\.10:80 -r 10\.0\.1\.14:8080 -m -w 1/);
  } finally {
    app.unmount();
  }
});

test('a firewall-mark service\'s DR server keeps the port written, as ipvsadm leaves it', async () => {
  const app = await renderApp();
  try {
    await app.press('G', 'a');
    assert.match(app.frame(), /Add a real server to FWM 7/);
    await app.type('10.0.3.30:8080');
    await app.press(KEYS.tab, KEYS.left);
    assert.match(app.frame(), /Forwarding +‹ DR ›/);
    assert.match(app.frame(), /Address\[:port\] +10\.0\.3\.30:8080 /);
    await app.press(KEYS.enter);
    const added = await serverOf(app, '10.0.3.30', API);
    assert.deepEqual([added?.port, added?.forward], [8080, 'route']);
    assert.match(statusLine(app), /✓ ipvsadm -a -f 7 -r 10\.0\.3\.30:8080 -g -w 1/);
  } finally {
    app.unmount();
  }
});

test('editing: a NAT server on another port cannot become DR; a DR server still edits', async () => {
  const app = await renderApp();
  try {
    await selectWebServer(app, 1);
    await app.press('e', KEYS.right);
    assert.match(app.frame(), /Forwarding +‹ DR ›/);
    assert.match(app.frame(), /✗ port 8080 cannot be used with DR: a DR server answers on the service's port 80; only NAT \(-m\) changes the port/);
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal?.kind, 'form');
    assert.equal((await serverOf(app, '10.0.1.11'))?.forward, 'masq', 'unchanged');
    await app.press(KEYS.escape);

    // The first server of the HTTPS service (DR on 443).
    await app.press('j', 'j', 'j', KEYS.enter, 'j');
    assert.equal(app.store.getState().selection, 'tcp|10.0.0.10|443>10.0.1.21|443');
    await app.press('e', KEYS.tab, KEYS.ctrlU);
    await app.type('7');
    await app.press(KEYS.enter);
    assert.equal((await serverOf(app, '10.0.1.21', HTTPS))?.weight, 7);
    assert.match(statusLine(app), /✓ ipvsadm -e -t 10\.0\.0\.10:443 -r 10\.0\.1\.21:443 -g -w 7/);
  } finally {
    app.unmount();
  }
});
