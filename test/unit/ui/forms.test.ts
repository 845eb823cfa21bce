import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Destination, ServiceWithDestinations, Stats } from '../../../src/ipvs/types.js';
import { formReducer, initialFormState, visibleError, type FormAction, type FormSpec } from '../../../src/ui/forms/form-model.js';
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
