// The built CLI (bin/lvstop runs dist/bundle/, which `npm run build` makes before the tests)
// carries one React, its production build, with the packages that must share it. Loaded from
// node_modules instead, React would come as its development build unless NODE_ENV said
// otherwise, and Node would read both builds' sources to find their exports.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

const bundleDir = new URL('../../../dist/bundle/', import.meta.url);
const chunks = readdirSync(bundleDir)
  .filter((name) => name.endsWith('.js'))
  .map((name) => ({ name, code: readFileSync(new URL(name, bundleDir), 'utf8') }));

const SHARING_REACT = ['react', 'react-reconciler', 'scheduler', 'zustand'];

test('the bundle imports none of React and the packages that share it from node_modules', () => {
  assert.ok(chunks.some((chunk) => chunk.name === 'lvstop.js'), 'the bundle is built');
  for (const { name, code } of chunks) {
    for (const match of code.matchAll(/(?:from |import\(|require\()\s*"([^"]+)"/g)) {
      const packageName = (match[1] ?? '').split('/').slice(0, (match[1] ?? '').startsWith('@') ? 2 : 1).join('/');
      assert.ok(!SHARING_REACT.includes(packageName), `${name} imports ${match[1]}`);
    }
  }
});

test("the bundle's React is the production build", () => {
  const all = chunks.map((chunk) => chunk.code).join('\n');
  assert.ok(all.includes('react.transitional.element'), 'React is in the bundle');
  // A message only React's development builds spell out (production ones give an error code).
  for (const { name, code } of chunks) assert.ok(!code.includes('Invalid hook call'), `${name} holds a development build`);
});
