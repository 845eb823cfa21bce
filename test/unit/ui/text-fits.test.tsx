// A Line gives Ink blanks as wide as the line and writes itself in their place, so Ink must
// never have to cut or wrap it: every line is fitted to its box (format/fit.ts). This walks
// Ink's laid-out tree on every screen, at sizes down to the smallest, and checks that no text
// Ink would wrap (a Line, or a Text without wrap="truncate") is wider than its box. Ink's own
// modules are loaded from its build as fast-output.ts loads them; Ink is pinned.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { HOST, KEYS, renderApp, type Harness } from './render-app.js';

interface InkNode {
  nodeName: string;
  style: { textWrap?: string };
  childNodes?: InkNode[];
  yogaNode?: unknown;
  internal_transform?: (text: string, index: number) => string;
}

const inkEntry = import.meta.resolve('ink');
const inkModule = async <T,>(file: string) => ((await import(new URL(file, inkEntry).href)) as { default: T }).default;
const instances = await inkModule<WeakMap<object, { rootNode: InkNode }>>('./instances.js');
const squashTextNodes = await inkModule<(node: InkNode) => string>('./squash-text-nodes.js');
const getMaxWidth = await inkModule<(yogaNode: unknown) => number>('./get-max-width.js');

/** Texts Ink would wrap that are wider than their box, as "width > box: text". */
function overflowing(app: Harness): string[] {
  const root = instances.get(app.stdout)?.rootNode;
  assert.ok(root !== undefined, "Ink's tree");
  const found: string[] = [];
  const walk = (node: InkNode) => {
    if (node.nodeName === 'ink-text') {
      const text = squashTextNodes(node);
      const width = Math.max(0, ...text.split('\n').map((line) => stringWidth(line)));
      const box = getMaxWidth(node.yogaNode);
      // A Line's text is blanks; its transform tells what it stands for.
      const shown = node.internal_transform?.(text, 0) ?? text;
      if ((node.style.textWrap ?? 'wrap') === 'wrap' && width > box) found.push(`${width} > ${box}: ${JSON.stringify(shown)}`);
      return;
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(root);
  return found;
}

const LONG = 'keepalived is running on this host and may put back what you change by hand; stop it first';

for (const [columns, rows] of [
  [200, 60],
  [120, 40],
  [80, 24],
  [60, 16],
  [20, 8],
] as const) {
  test(`${columns}x${rows}: no line is wider than its box, on any screen`, async () => {
    const app = await renderApp({ columns, rows, color: true, host: { ...HOST, warnings: [LONG, 'the estimator is off'] } });
    const check = (screen: string) => assert.deepEqual(overflowing(app), [], `${screen}:\n${app.frame()}`);
    try {
      check('main screen');
      await app.advance(1000, new Map([...(app.store.getState().live?.services.keys() ?? [])].map((id) => [id, 2])));
      check('every service with servers from an earlier reading, read in turns');
      await app.press('g', KEYS.enter, 'j');
      check('a real server selected');
      await app.press('/');
      await app.type('10.0.0.10 and a filter longer than any screen is wide, to see the badge cut');
      check('filter prompt');
      await app.press(KEYS.enter, 'p');
      check('a filter kept that matches nothing, paused');
      await app.press('p', '/', KEYS.escape);
      app.store.getState().actions.reportError(`${LONG}. ${LONG}.`);
      await app.settle();
      check('a long error');
      await app.press('?');
      check('help');
      await app.press(KEYS.escape, 'c');
      await app.waitFor(() => {
        const modal = app.ui.getState().modal;
        return modal?.kind === 'connections' && modal.view.rows !== null;
      }, 'the connection table');
      await app.settle();
      check('connections');
      await app.press(KEYS.escape, 'a');
      check('form');
      await app.press(KEYS.escape, 'x');
      check('confirmation');
    } finally {
      app.unmount();
    }
  });
}

test('read-only: no line is wider than its box', async () => {
  const app = await renderApp({ columns: 80, rows: 24, readOnly: true });
  try {
    await app.press('g', KEYS.enter, 'j');
    assert.deepEqual(overflowing(app), [], app.frame());
  } finally {
    app.unmount();
  }
});
