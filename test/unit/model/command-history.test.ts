import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHistoryFile } from '../../../src/actions/command-history-file.js';
import { HISTORY_LIMIT, MAX_LINE_LENGTH, NO_WALK, remember, walkHistory } from '../../../src/model/command-history.js';

test('remember: blank and overlong lines are not kept, a repeat moves to the end, the size is bounded', () => {
  assert.deepEqual(remember(['-C'], '   '), ['-C']);
  assert.deepEqual(remember([], 'x'.repeat(MAX_LINE_LENGTH + 1)), []);
  assert.deepEqual(remember(['a', 'b', 'c'], ' a '), ['b', 'c', 'a']);
  const full = Array.from({ length: HISTORY_LIMIT }, (_, i) => `line ${i}`);
  const next = remember(full, 'newest');
  assert.equal(next.length, HISTORY_LIMIT);
  assert.deepEqual([next[0], next.at(-1)], ['line 1', 'newest']);
});

test('walkHistory: ↑ from the typed line, ↓ back to it; edits of recalled lines last the walk only', () => {
  const entries = ['one', 'two'];
  assert.equal(walkHistory([], NO_WALK, 'typed', true), null, 'nothing to recall');
  assert.equal(walkHistory(entries, NO_WALK, 'typed', false), null, 'nothing newer than the typed line');
  let step = walkHistory(entries, NO_WALK, 'typed', true);
  assert.deepEqual([step?.text, step?.walk.at], ['two', 1]);
  step = walkHistory(entries, step!.walk, 'two edited', true);
  assert.deepEqual([step?.text, step?.walk.at], ['one', 0]);
  assert.equal(walkHistory(entries, step!.walk, 'one', true), null, 'no older line');
  step = walkHistory(entries, step!.walk, 'one', false);
  assert.equal(step?.text, 'two edited', 'the edit is there on the way back');
  step = walkHistory(entries, step!.walk, 'two edited', false);
  assert.deepEqual([step?.text, step?.walk.at], ['typed', null]);
  assert.deepEqual(entries, ['one', 'two'], 'the history itself is unchanged');
});

test('CommandHistoryFile: saved one line per command, owner-only, read back within the bound', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'lvstop-history-'));
  try {
    const file = new CommandHistoryFile(join(directory, 'state', 'commands'));
    assert.deepEqual(await file.load(), [], 'no file yet');
    void file.save(['-a first']);
    await file.save(['-a first', '-e second']);
    assert.equal(await readFile(file.path, 'utf8'), '-a first\n-e second\n');
    assert.equal(statSync(file.path).mode & 0o777, 0o600);
    assert.deepEqual(await file.load(), ['-a first', '-e second']);

    const edited = Array.from({ length: HISTORY_LIMIT + 5 }, (_, i) => `line ${i}`);
    writeFileSync(file.path, `${edited.join('\n')}\n\n  \nline 7\n`);
    const loaded = await file.load();
    assert.equal(loaded.length, HISTORY_LIMIT);
    assert.equal(loaded.at(-1), 'line 7', 'a repeat moves to the end');

    const unwritable = new CommandHistoryFile(join(file.path, 'under-a-file'));
    await unwritable.save(['x']);
    assert.deepEqual(await unwritable.load(), [], 'a file that cannot be written or read is no error');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
