import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { NARROW_GLYPHS, withStandIns } from '../../../src/ui/format/stand-ins.js';

test('every glyph stood in for is one column wide, as Ink measures it', () => {
  for (const glyph of NARROW_GLYPHS) assert.equal(stringWidth(glyph), 1, `${glyph} U+${glyph.codePointAt(0)?.toString(16)}`);
});

test('glyphs become ASCII for measuring and come back when written, escapes untouched', () => {
  const parts = ['▸ TCP 10.0.0.10:80 ', ' 12  3.4K ', '▁▂▃█▇ 90%'];
  const { parts: ascii, restore } = withStandIns(parts);
  assert.ok(restore !== null);
  assert.ok(ascii.every((part) => /^[\x20-\x7e]*$/.test(part)), ascii.join('|'));
  assert.equal(ascii.join('').length, parts.join('').length);
  const written = `\u001b[1m${ascii[0]}\u001b[22m${ascii[1]}\u001b[36m${ascii[2]}\u001b[39m`;
  assert.equal(restore(written), `\u001b[1m${parts[0]}\u001b[22m${parts[1]}\u001b[36m${parts[2]}\u001b[39m`);
});

test('ASCII lines, unknown characters and lines using nearly every ASCII character stay as they are', () => {
  assert.equal(withStandIns(['plain 10.0.0.1']).restore, null);
  assert.equal(withStandIns(['director-東京 ▁▂']).restore, null, 'a wide character must be measured by Ink');
  const everything = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
  const crowded = withStandIns([everything, '▁']);
  assert.equal(crowded.restore, null);
  assert.deepEqual(crowded.parts, [everything, '▁']);
});
