import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ServiceKey } from '../../../src/ipvs/types.js';
import { KEYS, renderApp } from './render-app.js';
import { serverOf, statusLine } from './fixtures.js';

const API: ServiceKey = { family: 'inet', protocol: null, address: null, port: null, fwmark: 7 };

test('a TUN server with gue, a tunnel port and csum reaches the backend, echoed as its ipvsadm command', async () => {
  const app = await renderApp();
  try {
    await app.press('a');
    assert.doesNotMatch(app.frame(), /Tunnel type/, 'no tunnel fields for NAT');
    await app.type('10.0.1.14');
    await app.press(KEYS.tab, KEYS.right, KEYS.right);
    assert.match(app.frame(), /Forwarding +‹ TUN ›/);
    assert.match(app.frame(), /Tunnel type +‹ ipip ›/);
    assert.doesNotMatch(app.frame(), /Tunnel port|Tunnel checksum/, 'ipip takes neither');
    await app.press(KEYS.tab, KEYS.right);
    assert.match(app.frame(), /Tunnel port/);
    assert.match(app.frame(), /Tunnel checksum +‹ nocsum ›/);
    await app.press(KEYS.tab);
    await app.type('6080');
    await app.press(KEYS.tab, KEYS.right);
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal, null);
    const added = await serverOf(app, '10.0.1.14');
    assert.equal(added?.forward, 'tunnel');
    assert.deepEqual(added?.tunnel, { type: 'gue', port: 6080, flags: ['csum'] });
    assert.match(statusLine(app), /✓ ipvsadm -a -t 10\.0\.0\.10:80 -r 10\.0\.1\.14:80 -i -w 1 --tun-type gue --tun-port 6080 --tun-csum/);
  } finally {
    app.unmount();
  }
});

test('gue without a port and remcsum without gue are refused beside their field, and nothing changes', async () => {
  const app = await renderApp();
  try {
    await app.press('a');
    await app.type('10.0.1.15');
    await app.press(KEYS.tab, KEYS.right, KEYS.right, KEYS.tab, KEYS.right);
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal?.kind, 'form', 'the form stays open');
    assert.match(app.frame(), /✗ the tunnel port is missing: a gue tunnel needs the UDP port its server listens on \(--tun-port\)/);
    assert.equal(await serverOf(app, '10.0.1.15'), undefined);

    assert.match(app.frame(), /› Tunnel port/, 'the refused submit took the focus to the reason');
    await app.type('6080');
    assert.doesNotMatch(app.frame(), /tunnel port is missing/);
    await app.press(KEYS.tab, KEYS.right, KEYS.right);
    assert.match(app.frame(), /Tunnel checksum +‹ remcsum ›/);
    assert.doesNotMatch(app.frame(), /✗/, 'remcsum is fine with gue');
    // Back to the tunnel type (the port field is above the checksum), and on to gre.
    await app.press(KEYS.up, KEYS.up, KEYS.right);
    assert.match(app.frame(), /Tunnel type +‹ gre ›/);
    assert.doesNotMatch(app.frame(), /Tunnel port/, 'gre takes no port');
    assert.match(app.frame(), /✗ the tunnel checksum remcsum needs tunnel type gue; a gre tunnel takes nocsum or csum/);
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal?.kind, 'form');
    assert.equal(await serverOf(app, '10.0.1.15'), undefined, 'nothing was added');

    assert.match(app.frame(), /› Tunnel checksum/);
    await app.press(KEYS.left);
    await app.press(KEYS.enter);
    assert.deepEqual((await serverOf(app, '10.0.1.15'))?.tunnel, { type: 'gre', port: 0, flags: ['csum'] });
    assert.match(statusLine(app), /-i -w 1 --tun-type gre --tun-csum/);
  } finally {
    app.unmount();
  }
});

test('editing a tunnelled server pre-fills its tunnel settings and keeps them', async () => {
  const app = await renderApp();
  try {
    await app.press('G', KEYS.enter, 'j', 'j');
    assert.equal(app.store.getState().selection, 'fwm|inet|7>10.0.3.12|0');
    await app.press('e');
    const screen = app.frame();
    assert.match(screen, /Edit real server 10\.0\.3\.12:0 of FWM 7/);
    assert.match(screen, /Forwarding +‹ TUN ›/);
    assert.match(screen, /Tunnel type +‹ gue ›/);
    assert.match(screen, /Tunnel port +6080/);
    assert.match(screen, /Tunnel checksum +‹ csum ›/);
    // Down to the weight, past the three tunnel fields.
    await app.press(KEYS.tab, KEYS.tab, KEYS.tab, KEYS.tab, KEYS.ctrlU);
    await app.type('5');
    await app.press(KEYS.enter);
    const server = await serverOf(app, '10.0.3.12', API);
    assert.equal(server?.weight, 5);
    assert.deepEqual(server?.tunnel, { type: 'gue', port: 6080, flags: ['csum'] });
    assert.match(statusLine(app), /ipvsadm -e -f 7 -r 10\.0\.3\.12:0 -i -w 5 --tun-type gue --tun-port 6080 --tun-csum/);
    await app.press('u');
    assert.equal((await serverOf(app, '10.0.3.12', API))?.weight, 1, 'undone');
  } finally {
    app.unmount();
  }
});
