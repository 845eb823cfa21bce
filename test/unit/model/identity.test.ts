import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isServerId, serverId, serviceId, serviceIdOf } from '../../../src/model/identity.js';
import { server, service } from './fixtures.js';

test('service ids name protocol, address and port, or family and firewall mark', () => {
  assert.equal(serviceId(service('10.0.0.1', 80)), 'tcp|10.0.0.1|80');
  assert.equal(serviceId(service('2001:db8::1', 53, [], { protocol: 'udp' })), 'udp|2001:db8::1|53');
  assert.equal(
    serviceId({ family: 'inet6', protocol: null, address: null, port: null, fwmark: 5 }),
    'fwm|inet6|5',
  );
  assert.notEqual(
    serviceId({ family: 'inet', protocol: null, address: null, port: null, fwmark: 5 }),
    serviceId({ family: 'inet6', protocol: null, address: null, port: null, fwmark: 5 }),
  );
});

test('server ids extend the service id and split back to it', () => {
  const sid = serviceId(service('2001:db8::1', 443));
  const id = serverId(sid, server('2001:db8::2', 8443));
  assert.equal(id, 'tcp|2001:db8::1|443>2001:db8::2|8443');
  assert.equal(serviceIdOf(id), sid);
  assert.equal(serviceIdOf(sid), sid);
  assert.equal(isServerId(id), true);
  assert.equal(isServerId(sid), false);
});
