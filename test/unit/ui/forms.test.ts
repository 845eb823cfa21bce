import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Destination, ServiceWithDestinations, Stats } from '../../../src/ipvs/types.js';
import { formReducer, initialFormState, isShown, visibleError, type FormAction, type FormSpec, type FormState } from '../../../src/ui/forms/form-model.js';
import { serverForm, weightForm } from '../../../src/ui/forms/server-form.js';
import { serviceForm } from '../../../src/ui/forms/service-form.js';

const stats: Stats = { conns: 0, inPackets: 0, outPackets: 0, inBytes: 0, outBytes: 0, cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 };
const server: Destination = { family: 'inet', address: '10.0.1.11', port: 8080, forward: 'masq', weight: 3, upperThreshold: 0, lowerThreshold: 0, tunnel: null, activeConns: 0, inactiveConns: 0, persistentConns: 0, stats };
const web: ServiceWithDestinations = { family: 'inet', protocol: 'tcp', address: '10.0.0.10', port: 80, fwmark: null, scheduler: 'wrr', flags: [], persistence: null, pe: null, stats, destinations: [server] };

function fill(spec: FormSpec, values: Record<string, string>) {
  let state = initialFormState(spec);
  spec.fields.forEach((field, index) => {
    if (!(field.id in values) || field.fixed) return;
    state = { ...state, focus: index };
    for (const action of [{ type: 'clear' }, { type: 'type', text: values[field.id] }] as FormAction[]) state = formReducer(spec, state, action);
  });
  return { state, check: spec.check(state.values) };
}

test('add server: a good address gives the ipvsadm change, with the service port when none is typed', () => {
  const spec = serverForm({ service: web, serviceId: 'tcp|10.0.0.10|80', targetId: null });
  const { check } = fill(spec, { server: '10.0.1.20', weight: '5' });
  assert.deepEqual(check.errors, {});
  assert.equal(check.change?.kind, 'add-destination');
  assert.deepEqual(check.change?.kind === 'add-destination' && check.change.destination, {
    family: 'inet', address: '10.0.1.20', port: 80, forward: 'masq', weight: 5, upperThreshold: 0, lowerThreshold: 0, tunnel: null,
  });
});

test('add server: each bad field is refused with one reason', () => {
  const spec = serverForm({ service: web, serviceId: 'tcp|10.0.0.10|80', targetId: null });
  assert.match(fill(spec, { server: 'web1.example' }).check.errors.server ?? '', /host name; lvstop does not resolve names/);
  assert.match(fill(spec, { server: '10.0.1.300:80' }).check.errors.server ?? '', /not an IP address/);
  assert.match(fill(spec, { server: '10.0.1.11:8080' }).check.errors.server ?? '', /already a real server/);
  assert.match(fill(spec, { server: '2001:db8::5' }).check.errors.server ?? '', /IPv6 real server needs tunnelling/);
  assert.match(fill(spec, { server: '10.0.1.20:80', weight: 'x' }).check.errors.weight ?? '', /whole number from 0 to 2147483647/);
  const thresholds = fill(spec, { server: '10.0.1.20:80', upper: '5', lower: '9' }).check;
  assert.match(thresholds.errors.lower ?? '', /above the upper threshold 5/);
  assert.equal(thresholds.change, null);
});

test('a reason shows once the field was edited or a submit was tried', () => {
  const spec = serverForm({ service: web, serviceId: 'tcp|10.0.0.10|80', targetId: null });
  let state = initialFormState(spec);
  assert.equal(visibleError(state, spec.check(state.values), 'server'), null, 'not before');
  state = formReducer(spec, state, { type: 'submit' });
  assert.match(visibleError(state, spec.check(state.values), 'server') ?? '', /expected an address/);
});

test('the reducer moves between editable fields and cycles choices', () => {
  const spec = serverForm({ service: web, serviceId: 's', current: server, targetId: 's>x' });
  let state = initialFormState(spec);
  assert.equal(spec.fields[state.focus]?.id, 'forward', 'the fixed address is skipped');
  state = formReducer(spec, state, { type: 'cycle', step: 1 });
  assert.equal(state.values.forward, 'DR');
  state = formReducer(spec, state, { type: 'type', text: 'x' });
  assert.equal(state.values.forward, 'DR', 'a choice-only field takes no typing');
  state = formReducer(spec, state, { type: 'previous' });
  assert.equal(spec.fields[state.focus]?.id, 'lower', 'wraps around');
});

test('weight form: one field, everything else of the server kept, expect = the server as opened', () => {
  const spec = weightForm(web, server, 'id');
  const { check } = fill(spec, { weight: '7' });
  assert.equal(check.change?.kind === 'edit-destination' && check.change.destination.weight, 7);
  assert.deepEqual(spec.expect, { family: 'inet', address: '10.0.1.11', port: 8080, forward: 'masq', weight: 3, upperThreshold: 0, lowerThreshold: 0, tunnel: null });
  assert.match(fill(spec, { weight: '-1' }).check.errors.weight ?? '', /whole number/);
});

test('service form: address, scheduler the IPVS has, persistence, duplicates', () => {
  const spec = serviceForm({ schedulers: ['rr', 'wrr', 'wlc'], existing: new Set(['tcp|10.0.0.10|80']) });
  const good = fill(spec, { address: '10.0.0.99:443', scheduler: 'rr', persistent: '300' }).check;
  assert.deepEqual(good.errors, {});
  assert.equal(good.change?.kind === 'add-service' && good.change.service.persistence?.timeout, 300);
  assert.deepEqual(good.change?.kind === 'add-service' && good.change.service.flags, ['persistent']);
  assert.match(fill(spec, { address: '10.0.0.10:80' }).check.errors.address ?? '', /TCP 10.0.0.10:80 already exists/);
  assert.match(fill(spec, { address: '10.0.0.99:80', scheduler: 'foo' }).check.errors.scheduler ?? '', /no "foo" scheduler/);
  assert.match(fill(spec, { address: '10.0.0.99' }).check.errors.address ?? '', /a port is needed/);
  assert.match(fill(spec, { address: '10.0.0.99:0' }).check.errors.persistent ?? '', /must be persistent/);
  assert.match(fill(spec, { address: '10.0.0.99:80', persistent: 'soon' }).check.errors.persistent ?? '', /whole number/);
});

const api: ServiceWithDestinations = { family: 'inet', protocol: null, address: null, port: null, fwmark: 7, scheduler: 'sh', flags: ['sh-fallback'], persistence: null, pe: null, stats, destinations: [] };

/** Every reason is beside a field the form shows: a hidden field never blocks a submit unseen. */
function assertReasonsShown(spec: FormSpec, values: Record<string, string>) {
  const state = { ...initialFormState(spec), values: { ...spec.initial, ...values } };
  const check = spec.check(state.values);
  for (const id of Object.keys(check.errors)) {
    const field = spec.fields.find((f) => f.id === id);
    assert.ok(field && isShown(field, state.values), `reason for hidden field ${id} with ${JSON.stringify(values)}`);
  }
  return check;
}

test('server form: Tab skips the tunnel fields until the forwarding is TUN; the port only for gue', () => {
  const spec = serverForm({ service: web, serviceId: 's', targetId: null });
  let state = initialFormState(spec);
  state = formReducer(spec, state, { type: 'next' });
  assert.equal(spec.fields[state.focus]?.id, 'forward');
  assert.equal(spec.fields[formReducer(spec, state, { type: 'next' }).focus]?.id, 'weight', 'NAT: straight to the weight');
  state = formReducer(spec, formReducer(spec, state, { type: 'cycle', step: 1 }), { type: 'cycle', step: 1 });
  const order: string[] = [];
  for (let i = 0; i < 5; i++) {
    state = formReducer(spec, state, { type: 'next' });
    order.push(spec.fields[state.focus]?.id ?? '');
    if (spec.fields[state.focus]?.id === 'tunnelType' && state.values.tunnelType === 'ipip') state = formReducer(spec, state, { type: 'cycle', step: 1 });
  }
  assert.deepEqual(order, ['tunnelType', 'tunnelPort', 'tunnelChecksum', 'weight', 'upper']);
});

test('server form: tunnel options as ipvsadm takes them, each refusal on its own field', () => {
  const spec = serverForm({ service: api, serviceId: 'fwm|inet|7', targetId: null });
  const tunnel = (values: Record<string, string>) => assertReasonsShown(spec, { server: '10.0.3.20', forward: 'TUN', ...values });
  const good = tunnel({ tunnelType: 'gue', tunnelPort: '5555', tunnelChecksum: 'remcsum' });
  assert.deepEqual(good.change?.kind === 'add-destination' && good.change.destination.tunnel, { type: 'gue', port: 5555, flags: ['remcsum'] });
  assert.match(tunnel({ tunnelType: 'gue', tunnelPort: '' }).errors.tunnelPort ?? '', /tunnel port is missing/);
  assert.match(tunnel({ tunnelType: 'gue', tunnelPort: '70000' }).errors.tunnelPort ?? '', /the tunnel port must be a whole number from 1 to 65535/);
  assert.match(tunnel({ tunnelType: 'gre', tunnelChecksum: 'remcsum' }).errors.tunnelChecksum ?? '', /remcsum needs tunnel type gue/);
  // What a type does not take is left out rather than refused: the field is not shown.
  const ipip = tunnel({ tunnelType: 'ipip', tunnelPort: '5555', tunnelChecksum: 'csum' });
  assert.deepEqual(ipip.change?.kind === 'add-destination' && ipip.change.destination.tunnel, { type: 'ipip', port: 0, flags: [] });
  const gre = tunnel({ tunnelType: 'gre', tunnelPort: 'junk', tunnelChecksum: 'csum' });
  assert.deepEqual(gre.change?.kind === 'add-destination' && gre.change.destination.tunnel, { type: 'gre', port: 0, flags: ['csum'] });
  const nat = assertReasonsShown(spec, { server: '10.0.3.20', forward: 'NAT', tunnelType: 'gue', tunnelPort: '' });
  assert.equal(nat.change?.kind === 'add-destination' && nat.change.destination.tunnel, null);
});

test('service form: scheduler flags follow the scheduler; -M per family; --pe and -o only where they apply', () => {
  const spec = serviceForm({ schedulers: ['rr', 'wlc', 'sh', 'mh'], existing: new Set() });
  const check = (values: Record<string, string>) => assertReasonsShown(spec, { address: '10.0.0.99:80', ...values });
  const flagsOf = (values: Record<string, string>) => {
    const change = check(values).change;
    return change?.kind === 'add-service' ? change.service.flags : null;
  };
  assert.deepEqual(flagsOf({ scheduler: 'sh', schedFlags: 'sh-port sh-fallback' }), ['sh-fallback', 'sh-port']);
  assert.deepEqual(flagsOf({ scheduler: 'mh', schedFlags: 'flag-1,mh-port' }), ['mh-fallback', 'mh-port'], 'flag-1 is mh-fallback under mh');
  assert.deepEqual(flagsOf({ scheduler: 'rr', schedFlags: 'none' }), []);
  assert.match(check({ scheduler: 'mh', schedFlags: 'sh-port' }).errors.schedFlags ?? '', /sh-port needs the sh scheduler \(-s sh\), not mh/);
  assert.match(check({ schedFlags: 'fast' }).errors.schedFlags ?? '', /"fast" is not a scheduler flag/);
  const choices = spec.fields.find((f) => f.id === 'schedFlags')?.choices;
  assert.ok(typeof choices === 'function');
  assert.deepEqual(choices({ scheduler: 'sh' }), ['', 'sh-fallback', 'sh-port', 'sh-fallback,sh-port']);
  assert.equal(choices({ scheduler: 'wlc' }).length, 8);

  const persistence = (values: Record<string, string>) => {
    const change = check({ persistent: '60', ...values }).change;
    return change?.kind === 'add-service' ? [change.service.persistence?.netmask, change.service.pe] : null;
  };
  assert.deepEqual(persistence({}), ['255.255.255.255', null]);
  assert.deepEqual(persistence({ netmask: '/16', pe: 'sip' }), ['255.255.0.0', 'sip']);
  assert.deepEqual(persistence({ address: '[2001:db8::1]:80', netmask: '64' }), [64, null]);
  assert.match(check({ address: '[2001:db8::1]:80', persistent: '60', netmask: '129' }).errors.netmask ?? '', /from 1 to 128/);
  assert.match(check({ persistent: '60', netmask: '255.255.255.0.1' }).errors.netmask ?? '', /neither a dotted mask/);
  assert.match(check({ persistent: '60', pe: 'sip-2' }).errors.pe ?? '', /not a module name/);
  assert.match(check({ persistent: '2678401' }).errors.persistent ?? '', /from 1 to 2678400/, "ipvsadm's 31 days");
  // Without persistence the mask and engine are not shown, so not sent either.
  const plain = check({ persistent: '', netmask: 'junk', pe: 'sip', protocol: 'tcp', onePacket: 'yes' }).change;
  assert.deepEqual(plain?.kind === 'add-service' && [plain.service.persistence, plain.service.pe, plain.service.flags], [null, null, []]);
  const udp = check({ protocol: 'udp', onePacket: 'yes' }).change;
  assert.deepEqual(udp?.kind === 'add-service' && udp.service.flags, ['one-packet']);
});

test('service form: editing keeps in view what the service has even where the form would not offer it', () => {
  const odd: ServiceWithDestinations = { ...web, flags: ['one-packet', 'flag-2'], pe: 'sip' };
  const spec = serviceForm({ schedulers: ['wrr'], existing: new Set(), current: odd, currentId: 'tcp|10.0.0.10|80' });
  assert.deepEqual([spec.initial.schedFlags, spec.initial.onePacket, spec.initial.pe], ['flag-2', 'yes', 'sip']);
  const check = assertReasonsShown(spec, {});
  assert.match(check.errors.pe ?? '', /works only for a persistent service/);
  assert.match(check.errors.onePacket ?? '', /only for UDP and firewall-mark services/);
  const fixed = assertReasonsShown(spec, { pe: '', onePacket: 'no' }).change;
  assert.deepEqual(fixed?.kind === 'edit-service' && [fixed.service.flags, fixed.service.pe], [['flag-2'], null]);
});

test('service form: an IPv6 firewall mark, and a fwmark edit shows its family and flags', () => {
  const spec = serviceForm({ schedulers: ['wlc'], existing: new Set(['fwm|inet6|5']) });
  const values = { protocol: 'fwmark', family: 'IPv6', address: '6' };
  const change = assertReasonsShown(spec, values).change;
  assert.deepEqual(change?.kind === 'add-service' && [change.service.family, change.service.fwmark, change.service.address], ['inet6', 6, null]);
  assert.match(assertReasonsShown(spec, { ...values, address: '5' }).errors.address ?? '', /FWM 5 \(IPv6\) already exists/);
  assert.ok(assertReasonsShown(spec, { ...values, family: 'IPv4', address: '5' }).change, 'the IPv4 mark 5 is another service');
  const edit = serviceForm({ schedulers: ['sh'], existing: new Set(), current: api, currentId: 'fwm|inet|7' });
  assert.deepEqual([edit.initial.protocol, edit.initial.family, edit.initial.address, edit.initial.schedFlags], ['fwmark', 'IPv4', '7', 'sh-fallback']);
});

test('a refused submit takes the focus to the first field with a reason', () => {
  const spec = serverForm({ service: web, serviceId: 's', targetId: null });
  let state: FormState = { ...initialFormState(spec), values: { ...spec.initial, server: '10.0.1.20', weight: 'x', lower: 'y' } };
  state = formReducer(spec, state, { type: 'submit' });
  assert.equal(spec.fields[state.focus]?.id, 'weight');
  assert.ok(state.submitted);
});

test('server form: DR and TUN on an address service take its port, as ipvsadm gives them; NAT and fwmark keep theirs', () => {
  const spec = serverForm({ service: web, serviceId: 's', targetId: null });
  const portOf = (values: Record<string, string>) => {
    const change = assertReasonsShown(spec, values).change;
    return change?.kind === 'add-destination' ? change.destination.port : null;
  };
  assert.equal(portOf({ server: '10.0.1.20', forward: 'DR' }), 80);
  assert.equal(portOf({ server: '10.0.1.20:80', forward: 'TUN' }), 80);
  assert.equal(portOf({ server: '10.0.1.20:8080', forward: 'NAT' }), 8080);
  assert.equal(
    assertReasonsShown(spec, { server: '10.0.1.20:8080', forward: 'TUN' }).errors.server,
    "port 8080 cannot be used: a TUN server answers on the service's port 80; only NAT (-m) changes the port",
  );
  const any: ServiceWithDestinations = { ...web, port: 0, persistence: { timeout: 300, netmask: '255.255.255.255' }, destinations: [] };
  const anySpec = serverForm({ service: any, serviceId: 's', targetId: null });
  assert.match(assertReasonsShown(anySpec, { server: '10.0.1.20:80', forward: 'DR' }).errors.server ?? '', /the service's port 0 \(every port\)/);
  const mark = serverForm({ service: api, serviceId: 'fwm|inet|7', targetId: null });
  const marked = assertReasonsShown(mark, { server: '10.0.3.20:8080', forward: 'DR' }).change;
  assert.equal(marked?.kind === 'add-destination' && marked.destination.port, 8080, 'ipvsadm leaves a fwmark server\'s port');
});

test('server form: choosing DR or TUN writes the service\'s port into the typed address', () => {
  const v6: ServiceWithDestinations = { ...web, family: 'inet6', address: '2001:db8::10', destinations: [] };
  const spec = serverForm({ service: v6, serviceId: 's', targetId: null });
  const forwardAt = spec.fields.findIndex((f) => f.id === 'forward');
  const choose = (server: string, steps: number) => {
    let state: FormState = { ...initialFormState(spec), values: { ...spec.initial, server, forward: 'NAT' }, focus: forwardAt };
    for (let i = 0; i < steps; i++) state = formReducer(spec, state, { type: 'cycle', step: 1 });
    return state;
  };
  assert.equal(choose('2001:db8::5', 1).values.server, '[2001:db8::5]:80', 'DR: a bare IPv6 address gets brackets and the port');
  assert.equal(choose('[2001:db8::5]:8080', 2).values.server, '[2001:db8::5]:80', 'TUN');
  assert.equal(choose('[2001:db8::5]:8080', 3).values.server, '[2001:db8::5]:80', 'back to NAT keeps what is there');
  assert.equal(choose('2001:db8::zz', 1).values.server, '2001:db8::zz', 'a bad address is left for its own reason');
  assert.equal(choose('', 1).values.server, '');
  assert.ok(!choose('[2001:db8::5]:8080', 1).touched.has('server'), 'no reason shows on the address unasked');
});

test('server form: an edit keeps a DR server on any port working, but a NAT server on another port cannot become DR', () => {
  const odd: Destination = { ...server, address: '10.0.1.30', port: 8080, forward: 'route' };
  const withOdd: ServiceWithDestinations = { ...web, destinations: [server, odd] };
  const edit = serverForm({ service: withOdd, serviceId: 's', current: odd, targetId: 's>odd' });
  const kept = assertReasonsShown(edit, { weight: '4' }).change;
  assert.deepEqual(kept?.kind === 'edit-destination' && [kept.destination.port, kept.destination.forward, kept.destination.weight], [8080, 'route', 4]);
  assert.ok(assertReasonsShown(edit, { forward: 'TUN' }).change, 'one service-port-bound method to the other');
  const nat = serverForm({ service: withOdd, serviceId: 's', current: server, targetId: 's>x' });
  assert.equal(
    assertReasonsShown(nat, { forward: 'DR' }).errors.forward,
    "port 8080 cannot be used with DR: a DR server answers on the service's port 80; only NAT (-m) changes the port",
  );
  assert.equal(nat.follow, undefined, 'an edited server\'s address is fixed');
});
