import { test } from 'node:test';
import assert from 'node:assert/strict';
import stringWidth from 'string-width';
import { NARROW_GLYPHS, columnsOf } from '../../../src/ui/format/narrow-glyphs.js';

test('every glyph counted as one column is one column wide, as Ink measures it, and one UTF-16 unit', () => {
  for (const glyph of NARROW_GLYPHS) {
    assert.equal(stringWidth(glyph), 1, `${glyph} U+${glyph.codePointAt(0)?.toString(16)}`);
    assert.equal(glyph.length, 1, glyph);
  }
});

test('the columns of a line of ASCII and narrow glyphs are its length, as Ink measures it', () => {
  for (const text of ['', 'plain 10.0.0.1', 'a-b]c\\d^e', '▸ TCP 10.0.0.10:80 ', '├ 10.0.1.11:8080 ▁▂▃█▇ 90% ↑↓ ✓ ⚠ —']) {
    assert.equal(columnsOf(text), text.length, text);
    assert.equal(columnsOf(text), stringWidth(text), text);
  }
});

test('a character of unknown width, or a control character, makes the width unknown', () => {
  assert.equal(columnsOf('director-東京 ▁▂'), null, 'a wide character must be measured by Ink');
  assert.equal(columnsOf('e\u0301'), null, 'a combining accent takes no column of its own');
  assert.equal(columnsOf('two\nlines'), null);
  assert.equal(columnsOf('a\ttab'), null);
  assert.equal(columnsOf('\u001b[31mred'), null);
});
