import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editLine, lineView, type LineEdit } from '../../../src/ui/state/line-edit.js';

const at = (text: string, cursor = text.length): LineEdit => ({ text, cursor });
const press = (line: LineEdit, name: string, input = '') => editLine(line, name, input, true);

test('editLine: typing and Backspace at the cursor; ←→ Home End move it', () => {
  assert.deepEqual(press(at('-w 5', 3), 'x', 'x'), at('-w x5', 4));
  assert.deepEqual(press(at('-w 5', 3), 'backspace'), at('-w5', 2));
  assert.deepEqual(press(at('-w', 0), 'backspace'), at('-w', 0));
  assert.deepEqual(press(at('-w', 0), 'left'), at('-w', 0));
  assert.deepEqual(press(at('-w'), 'right'), at('-w', 2));
  assert.deepEqual(press(at('-w 5', 2), 'home'), at('-w 5', 0));
  assert.deepEqual(press(at('-w 5', 0), 'ctrl+e'), at('-w 5', 4));
  assert.deepEqual(press(at('a'), 'paste', 'b\tc\n'), at('abc'), 'tabs and newlines are dropped');
  assert.equal(editLine(at('a'), 'ctrl+x', 'x', false), null, 'not an editing key');
});

test('editLine: Ctrl-U, Ctrl-K and Ctrl-W delete to the start, to the end, and a word', () => {
  assert.deepEqual(press(at('-e -t 10.0.0.1:80', 6), 'ctrl+u'), at('10.0.0.1:80', 0));
  assert.deepEqual(press(at('-e -t 10.0.0.1:80', 6), 'ctrl+k'), at('-e -t ', 6));
  assert.deepEqual(press(at('-e -t 10.0.0.1:80 '), 'ctrl+w'), at('-e -t '));
  assert.deepEqual(press(at('-e -t 10.0.0.1:80', 5), 'ctrl+w'), at('-e  10.0.0.1:80', 3));
});

test('lineView: the cursor as a bar, kept in view when the line is longer than the room', () => {
  assert.equal(lineView(':', at('-C'), 20), ':-C▏');
  assert.equal(lineView(':', at('-C', 0), 20), ':▏-C');
  const long = at('abcdefghijklmnopqrstuvwxyz');
  assert.equal(lineView(':', long, 10), '…stuvwxyz▏');
  assert.equal(lineView(':', { ...long, cursor: 0 }, 10), ':▏abcdefg…');
  const middle = lineView(':', { ...long, cursor: 13 }, 10);
  assert.equal(middle.length, 10);
  assert.ok(middle.startsWith('…') && middle.endsWith('…') && middle.includes('m▏n'), middle);
});
