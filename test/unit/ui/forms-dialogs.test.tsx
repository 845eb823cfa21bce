import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KEYS, renderApp } from './render-app.js';
import { selectWebServer, serverOf, statusLine, WEB } from './fixtures.js';

test('a adds a real server through the form, refusing a bad address with the reason first', async () => {
  const app = await renderApp();
  try {
    await app.press('a');
    assert.match(app.frame(), /Add a real server to TCP 10\.0\.0\.10:80/);
    await app.type('web9.example');
    assert.match(app.frame(), /✗ "web9\.example" is a host name; lvstop does not resolve names/);
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal?.kind, 'form');
    await app.press(KEYS.ctrlU);
    await app.type('10.0.1.11:8080');
    assert.match(app.frame(), /already a real server of this service/);
    await app.press(KEYS.ctrlU);
    await app.type('10.0.1.14:8080');
    await app.press(KEYS.tab, KEYS.tab);
    await app.press(KEYS.ctrlU);
    await app.type('4');
    await app.press(KEYS.enter);
    assert.equal(app.ui.getState().modal, null);
    const added = await serverOf(app, '10.0.1.14');
    assert.deepEqual([added?.port, added?.weight, added?.forward], [8080, 4, 'masq']);
    assert.match(statusLine(app), /ipvsadm -a -t 10\.0\.0\.10:80 -r 10\.0\.1\.14:8080 -m -w 4/);
  } finally {
    app.unmount();
  }
});

test('A adds a virtual service; the scheduler must be one the IPVS has', async () => {
  const app = await renderApp();
  try {
    await app.press('A');
    assert.match(app.frame(), /Add a virtual service/);
    await app.press(KEYS.tab);
    await app.type('10.0.0.99:8443');
    await app.press(KEYS.tab, KEYS.ctrlU);
    await app.type('nope');
    assert.match(app.frame(), /no "nope" scheduler/);
    await app.press(KEYS.ctrlU);
    await app.type('rr');
    // Past the scheduler flags, to the persistence.
    await app.press(KEYS.tab, KEYS.tab);
    await app.type('60');
    await app.press(KEYS.enter);
    const added = await app.backend.service({ family: 'inet', protocol: 'tcp', address: '10.0.0.99', port: 8443, fwmark: null });
    assert.equal(added.scheduler, 'rr');
    assert.equal(added.persistence?.timeout, 60);
    assert.match(statusLine(app), /ipvsadm -A -t 10\.0\.0\.99:8443 -s rr -p 60/);
  } finally {
    app.unmount();
  }
});

test('e edits a service; a form on a table changed meanwhile fails clearly', async () => {
  const app = await renderApp();
  try {
    await app.press('e');
    assert.match(app.frame(), /Edit service TCP 10\.0\.0\.10:80/);
    await app.press(KEYS.ctrlU);
    await app.type('lc');
    await app.press(KEYS.enter);
    assert.equal((await app.backend.service(WEB)).scheduler, 'lc');

    await selectWebServer(app, 1);
    await app.press('e');
    assert.match(app.frame(), /Edit real server 10\.0\.1\.11:8080/);
    // Someone else changes the server while the form is open.
    const server = await serverOf(app, '10.0.1.11');
    assert.ok(server);
    await app.backend.editDestination(WEB, { ...server, weight: 9 });
    await app.press(KEYS.tab, KEYS.ctrlU);
    await app.type('5');
    await app.press(KEYS.enter);
    assert.match(statusLine(app), /✗ Real server 10\.0\.1\.11:8080 changed since this form was opened/);
    assert.equal((await serverOf(app, '10.0.1.11'))?.weight, 9, 'the other change stands');
    assert.equal(app.ui.getState().modal?.kind, 'form', 'the form stays open to look again');
  } finally {
    app.unmount();
  }
});

test('x asks first, naming the server and its connections; n keeps it, y deletes it, u brings it back', async () => {
  const app = await renderApp();
  try {
    await selectWebServer(app, 2);
    const held = (await serverOf(app, '10.0.1.12'))?.activeConns ?? 0;
    assert.ok(held > 0);
    await app.press('x');
    const screen = app.frame();
    assert.match(screen, /Delete real server 10\.0\.1\.12:8080 from TCP 10\.0\.0\.10:80\?/);
    assert.match(screen, /It holds \d+ active, \d+ inactive and \d+ persistent connections/);
    assert.match(screen, /The kernel may reset them when the server goes \(expire_nodest_conn\)/);
    assert.match(screen, /ipvsadm -d -t 10\.0\.0\.10:80 -r 10\.0\.1\.12:8080/);
    await app.press('n');
    assert.ok(await serverOf(app, '10.0.1.12'), 'kept');
    assert.match(statusLine(app), /Nothing was changed/);
    await app.press('x', 'y');
    assert.equal(await serverOf(app, '10.0.1.12'), undefined);
    assert.match(statusLine(app), /✓ ipvsadm -d -t 10\.0\.0\.10:80 -r 10\.0\.1\.12:8080/);
    await app.press('u');
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 3);
  } finally {
    app.unmount();
  }
});

test('x on a service names its real servers; z zeroes one service, Z asks before zeroing all', async () => {
  const app = await renderApp();
  try {
    await app.press('x');
    assert.match(app.frame(), /Delete service TCP 10\.0\.0\.10:80 and its 3 real servers\?/);
    await app.press(KEYS.escape);
    assert.ok(await app.backend.service(WEB));
    await app.press('z');
    assert.equal((await app.backend.service(WEB)).stats.conns, 0);
    assert.match(statusLine(app), /ipvsadm -Z -t 10\.0\.0\.10:80: counters of TCP 10\.0\.0\.10:80 zeroed/);
    await app.press('Z');
    assert.match(app.frame(), /Zero the counters of all 5 services\?/);
    await app.press('y');
    const services = await app.backend.services();
    assert.ok(services.every((s) => s.stats.conns === 0));
    await app.press('u');
    assert.match(statusLine(app), /cannot be undone: zeroed counters are gone/);
  } finally {
    app.unmount();
  }
});

test(': runs a command in ipvsadm syntax; bad syntax is refused in plain words; destructive ones ask', async () => {
  const app = await renderApp();
  try {
    await app.press(':');
    await app.type('-e -t 10.0.0.10:80 -r 10.0.1.12:8080 -m -w 9');
    assert.match(app.frame(), /:-e -t 10\.0\.0\.10:80 -r 10\.0\.1\.12:8080 -m -w 9▏/);
    await app.press(KEYS.enter);
    assert.equal((await serverOf(app, '10.0.1.12'))?.weight, 9);
    assert.match(statusLine(app), /✓ ipvsadm -e -t 10\.0\.0\.10:80 -r 10\.0\.1\.12:8080 -m -w 9/);

    await app.press(':');
    await app.type('-e -t 10.0.0.10:80 -r 10.0.1.12:8080 -w abc');
    await app.press(KEYS.enter);
    assert.match(statusLine(app), /✗ .*weight/);

    await app.press(':');
    await app.type('ipvsadm -D -u 10.0.0.53:53');
    await app.press(KEYS.enter);
    assert.match(app.frame(), /Delete service UDP 10\.0\.0\.53:53 and its 3 real server/);
    await app.press('y');
    await assert.rejects(app.backend.service({ family: 'inet', protocol: 'udp', address: '10.0.0.53', port: 53, fwmark: null }), /No such service/);

    await app.press(':');
    await app.type('-L -n');
    await app.press(KEYS.enter);
    assert.match(statusLine(app), /only lists the table/);
    await app.press(':', 'x', KEYS.escape);
    assert.equal(app.ui.getState().prompt, null);
  } finally {
    app.unmount();
  }
});

test('c shows the connection table filtered to the selection', async () => {
  const app = await renderApp();
  try {
    await selectWebServer(app, 1);
    await app.press('c');
    await app.waitFor(() => app.frame().includes('entries'), 'the connection table');
    const screen = app.frame();
    assert.match(screen, /Connections: TCP 10\.0\.0\.10:80 → 10\.0\.1\.11:8080 — [\d,]+ of [\d,]+ entries/);
    const rows = app.lines().filter((l) => l.startsWith('TCP '));
    assert.ok(rows.length > 0);
    for (const row of rows) assert.match(row, /10\.0\.0\.10:80 +10\.0\.1\.11:8080/);
    await app.press('j', KEYS.escape);
    assert.equal(app.ui.getState().modal, null);
  } finally {
    app.unmount();
  }
});

test('--read-only: every dangerous key is refused with a message, and nothing changes', async () => {
  const app = await renderApp({ readOnly: true, rows: 50 });
  try {
    await selectWebServer(app, 1);
    for (const key of ['d', 'r', '+', '-', 'w', 'a', 'A', 'e', 'x', 'z', 'Z', 'u', ':']) {
      await app.press(key);
      assert.equal(app.ui.getState().modal, null, `${key} opened nothing`);
      assert.equal(app.ui.getState().prompt, null, `${key} opened no prompt`);
      assert.match(statusLine(app), /is disabled: lvstop is running with --read-only/, key);
    }
    assert.equal((await serverOf(app, '10.0.1.11'))?.weight, 3);
    assert.match(app.frame(), /\[READ-ONLY\]/);
    await app.press('?');
    assert.match(app.frame(), /drain the real server: weight 0, old weight remembered \(disabled: --read-only\)/);
    assert.doesNotMatch(app.frame(), /move up \(disabled/);
  } finally {
    app.unmount();
  }
});
