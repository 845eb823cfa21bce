import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../../../src/ui/commands/actions.js';
import { footerHints } from '../../../src/ui/footer/footer-hints.js';
import { helpLines } from '../../../src/ui/help/help-lines.js';
import { dispatchKey } from '../../../src/ui/keys/dispatcher.js';
import { keyNameOf, type KeyEvent } from '../../../src/ui/keys/key-name.js';
import { bindingFor, KEY_TABLE } from '../../../src/ui/keys/key-table.js';

test('every key of PRODUCT.md is in the table, once, with a command', () => {
  const keys = KEY_TABLE.flatMap((b) => b.keys);
  assert.equal(new Set(keys).size, keys.length, 'no key bound twice');
  for (const key of ['up', 'down', 'j', 'k', 'pageup', 'pagedown', 'g', 'G', 'enter', 'right', 'l', 'left', 'h', '/', 's', 'S', 'm', 'd', 'r', '+', '-', 'w', 'a', 'A', 'e', 'x', 'z', 'Z', 'u', 'c', ':', 'p', '?', 'q', 'ctrl+c']) {
    assert.ok(bindingFor(key), `key ${key}`);
  }
  for (const binding of KEY_TABLE) assert.equal(typeof COMMANDS[binding.action], 'function', binding.action);
});

test('the keys that change IPVS are the dangerous ones', () => {
  const dangerous = KEY_TABLE.filter((b) => b.dangerous).map((b) => b.action);
  assert.deepEqual(dangerous.sort(), ['addServer', 'addService', 'command', 'delete', 'drain', 'edit', 'restore', 'undo', 'weightDown', 'weightExact', 'weightUp', 'zero', 'zeroAll'].sort());
});

test('help and footer are generated from the table; read-only marks the dangerous keys disabled', () => {
  assert.equal(helpLines(false).filter((l) => l.kind === 'key').length, KEY_TABLE.length);
  const readOnly = helpLines(true);
  assert.ok(readOnly.filter((l) => l.disabled).every((l) => l.description.includes('disabled')));
  const onServer = footerHints(true, true, false, 200).map((h) => h.text);
  assert.ok(onServer.includes('d drain'));
  assert.ok(!footerHints(false, true, false, 200).some((h) => h.text === 'd drain'), 'server keys only on a server');
  assert.ok(footerHints(true, true, true, 200).find((h) => h.text === 'd drain')?.disabled);
  const narrow = footerHints(true, true, false, 40);
  assert.ok(narrow.map((h) => h.text).join('  ').length <= 40);
});

test('key names: arrows, Enter, Ctrl-C, letters', () => {
  const key = (over: Record<string, boolean>) => ({ ...Object.fromEntries(['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageDown', 'pageUp', 'home', 'end', 'return', 'escape', 'ctrl', 'shift', 'tab', 'backspace', 'delete', 'meta', 'super', 'hyper', 'capsLock', 'numLock'].map((k) => [k, false])), ...over }) as never;
  assert.equal(keyNameOf('', key({ upArrow: true })), 'up');
  assert.equal(keyNameOf('', key({ return: true })), 'enter');
  assert.equal(keyNameOf('c', key({ ctrl: true })), 'ctrl+c');
  assert.equal(keyNameOf('G', key({ shift: true })), 'G');
  assert.equal(keyNameOf('', key({ delete: true })), 'backspace');
});

test('the dispatcher gives a key to the highest priority first, and stops where it is taken', () => {
  const seen: string[] = [];
  const handler = (name: string, takes: boolean) => ({ current: () => (seen.push(name), takes) });
  const event = { input: 'x', name: 'x' } as KeyEvent;
  const taken = dispatchKey(
    [
      { priority: 0, order: 0, handler: handler('main', true) },
      { priority: 200, order: 1, handler: handler('modal', true) },
      { priority: 100, order: 2, handler: handler('prompt', true) },
    ],
    event,
  );
  assert.equal(taken, true);
  assert.deepEqual(seen, ['modal']);
  seen.length = 0;
  dispatchKey([{ priority: 0, order: 0, handler: handler('main', false) }, { priority: 100, order: 1, handler: handler('prompt', false) }], event);
  assert.deepEqual(seen, ['prompt', 'main']);
});
