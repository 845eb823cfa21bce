import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enterFullScreen } from '../../../src/ui/terminal/full-screen.js';

test('the alternate screen is entered once and left once, in raw mode from the start, raw mode off and the cursor shown after', () => {
  const written: string[] = [];
  const rawModes: boolean[] = [];
  const stdout = { write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  const stdin = { isTTY: true, setRawMode: (on: boolean) => rawModes.push(on) } as unknown as NodeJS.ReadStream;
  const exitHandlers = process.listenerCount('exit');
  const restore = enterFullScreen({ stdout, stdin });
  assert.deepEqual(written, ['\u001b[?1049h\u001b[H']);
  assert.deepEqual(rawModes, [true], 'keys typed before the app takes input reach it raw');
  assert.equal(process.listenerCount('exit'), exitHandlers + 1, 'restored even on process exit');
  restore();
  restore();
  assert.deepEqual(written.slice(1), ['\u001b[?25h\u001b[?1049l'], 'left exactly once');
  assert.deepEqual(rawModes, [true, false]);
  assert.equal(process.listenerCount('exit'), exitHandlers);
});
