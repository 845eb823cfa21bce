// The fast path for frames (src/ui/terminal/fast-output.ts) must draw what Ink's own pass
// draws: the same characters with the same styles in every cell, on every kind of screen.

import '../../support/real-terminal.js';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
import { fastOutput, stackedLines, type InkOutput } from '../../../src/ui/terminal/fast-output.js';
import { KEYS, renderApp, type Harness } from './render-app.js';

// Under the test runner stdout is no terminal and chalk (Ink's, and Line's) writes no styles at
// all: raise its level so that the cells compared carry them.
const level = chalk.level;
before(() => {
  chalk.level = 3;
});
after(() => {
  chalk.level = level;
});

/** Each line as cells: the character and its styles (order aside). */
function cells(frame: string): string[][] {
  return frame.split('\n').map((line) => styledCharsFromTokens(tokenize(line)).map((char) => `${char.value}${char.styles.map((s) => s.code).sort().join('')}`));
}

async function compare(app: Harness, columns: number, rows: number, what: string): Promise<boolean> {
  // Redrawing at the same size renders the same tree again, once each way.
  const framesBefore = fastOutput.frames;
  await app.resize(columns, rows);
  const fast = app.rawFrame();
  const tookFastPath = fastOutput.frames > framesBefore;
  fastOutput.enabled = false;
  try {
    await app.resize(columns, rows);
  } finally {
    fastOutput.enabled = true;
  }
  const ink = app.rawFrame();
  assert.deepEqual(cells(fast), cells(ink), `${what}: the fast path drew something else`);
  return tookFastPath;
}

for (const color of [true, false]) {
  for (const [columns, rows] of [
    [200, 60],
    [80, 24],
  ] as const) {
    test(`${columns}x${rows}${color ? '' : ', no colour'}: every screen the same both ways`, async () => {
      const app = await renderApp({ columns, rows, color });
      try {
        assert.ok(await compare(app, columns, rows, 'main screen'), 'the main screen takes the fast path');
        await app.press('g', KEYS.enter, 'j');
        assert.ok(await compare(app, columns, rows, 'a real server selected'));
        await app.press('/');
        await app.type('10.0');
        await compare(app, columns, rows, 'filter prompt');
        await app.press(KEYS.escape);
        await app.press('?');
        await compare(app, columns, rows, 'help');
        await app.press(KEYS.escape, 'c');
        await compare(app, columns, rows, 'connections');
        await app.press(KEYS.escape, 'a');
        await compare(app, columns, rows, 'form');
        await app.press(KEYS.escape, 'x');
        await compare(app, columns, rows, 'confirmation');
      } finally {
        app.unmount();
      }
    });
  }
}

test('stacked lines: clipped as Ink clips, and any other frame left to Ink', () => {
  const write = (y: number, text: string, x = 0) => ({ type: 'write' as const, x, y, text, transformers: [(line: string) => line.toUpperCase()] });
  const frame = (...operations: InkOutput['operations']): InkOutput => ({ height: 4, operations });
  assert.equal(stackedLines(frame(write(0, 'a'), write(1, 'b  '))), 'A\nB\n\n');
  const clip = { type: 'clip' as const, clip: { y1: 1, y2: 3 } };
  assert.equal(stackedLines(frame(clip, write(0, 'a\nb\nc\nd'), { type: 'unclip' })), '\nB\nC\n');
  assert.equal(stackedLines(frame(write(0, 'a', 2))), null, 'not at column 0');
  assert.equal(stackedLines(frame(write(0, 'a'), write(0, 'b'))), null, 'two writes on a row');
  assert.equal(stackedLines(frame({ type: 'clip', clip: { x1: 0, x2: 10 } }, write(0, 'a'))), null, 'clipped sideways');
});
