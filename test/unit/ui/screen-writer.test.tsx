// The writer that sends only changed rows (src/ui/terminal/screen-writer.ts): what a terminal
// shows after its bytes must be the frame, whatever came before; an idle frame costs nothing.

import '../../support/real-terminal.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useEffect, useState } from 'react';
import { Box, render, Text } from 'ink';
import { createScreenWriter, writeChangedRowsOnly, type InkLog } from '../../../src/ui/terminal/screen-writer.js';

const SGR = /\u001b\[[0-9;]*m/g;

/** Just enough of a terminal for what the writer sends: cursor to row;col, erase, text. */
class VirtualScreen {
  rows: string[];
  private row = 0;
  private column = 0;
  cursorVisible = true;

  constructor(
    readonly columns: number,
    readonly height: number,
  ) {
    this.rows = Array.from({ length: height }, () => '');
  }

  apply(bytes: string): void {
    // eslint-disable-next-line no-control-regex
    const parts = bytes.replace(SGR, '').split(/(\u001b\[[?0-9;]*[A-Za-z])/);
    for (const part of parts) {
      const control = /^\u001b\[([?0-9;]*)([A-Za-z])$/.exec(part);
      if (control === null) {
        this.print(part);
        continue;
      }
      const [, args = '', command] = control;
      if (command === 'H') {
        const [row = 1, column = 1] = args.split(';').map((n) => (n === '' ? 1 : Number(n)));
        this.row = row - 1;
        this.column = column - 1;
      } else if (command === 'J' && args === '2') {
        this.rows = this.rows.map(() => '');
      } else if (command === 'K') {
        this.rows[this.row] = (this.rows[this.row] ?? '').slice(0, this.column);
      } else if (args === '?25' && command === 'l') {
        this.cursorVisible = false;
      } else if (args === '?25' && command === 'h') {
        this.cursorVisible = true;
      } else if (args === '?2026') {
        // synchronized output: begin and end of a frame
      } else {
        throw new Error(`the writer sent an escape this screen does not know: ${JSON.stringify(part)}`);
      }
    }
  }

  private print(text: string): void {
    for (const char of text) {
      if (char === '\n') {
        this.row += 1;
        this.column = 0;
        continue;
      }
      const line = (this.rows[this.row] ?? '').padEnd(this.column);
      this.rows[this.row] = line.slice(0, this.column) + char + line.slice(this.column + 1);
      this.column += 1;
    }
  }

  get text(): string {
    return this.rows.map((row) => row.trimEnd()).join('\n').trimEnd();
  }
}

class RecordingStream {
  writes: string[] = [];
  constructor(
    public columns: number,
    public rows: number,
  ) {}
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
  take(): string {
    const all = this.writes.join('');
    this.writes = [];
    return all;
  }
}

/** Ink's log as the writer sees it, recording what it is asked. */
function fakeInkLog(): InkLog & { calls: string[] } {
  const calls: string[] = [];
  const log = ((text: string) => {
    calls.push(`render ${text}`);
    return true;
  }) as InkLog & { calls: string[] };
  log.calls = calls;
  log.clear = () => calls.push('clear');
  log.done = () => calls.push('done');
  log.sync = (text) => calls.push(`sync ${text}`);
  log.setCursorPosition = () => calls.push('cursor');
  log.isCursorDirty = () => true;
  log.willRender = () => true;
  return log;
}

const frame = (...lines: string[]) => `${lines.join('\n')}\n`;

/** A writer on a terminal of this size, and the screen its bytes make. */
function terminal(columns = 40, rows = 6) {
  const stream = new RecordingStream(columns, rows);
  const screen = new VirtualScreen(columns, rows);
  const write = createScreenWriter(stream, fakeInkLog());
  /** Write a frame and put what was sent on the screen. */
  const show = (...lines: string[]) => {
    const changed = write(frame(...lines));
    screen.apply(stream.take());
    return changed;
  };
  return { stream, screen, write, show };
}

test('each frame shows exactly, and only the changed rows are sent', () => {
  const { stream, screen, write, show } = terminal();
  assert.equal(show('header 10:00:01', 'row one   5', 'row two   7', 'footer'), true);
  assert.equal(screen.text, 'header 10:00:01\nrow one   5\nrow two   7\nfooter');
  assert.equal(screen.cursorVisible, false, 'the cursor is hidden while frames are drawn');

  write(frame('header 10:00:02', 'row one   5', 'row two   8', 'footer'));
  const sent = stream.take();
  screen.apply(sent);
  assert.equal(screen.text, 'header 10:00:02\nrow one   5\nrow two   8\nfooter');
  assert.ok(!sent.includes('row one') && !sent.includes('footer'), `unchanged rows were sent again: ${JSON.stringify(sent)}`);
  assert.ok(sent.includes('\u001b[1;1Hheader 10:00:02\u001b[K') && sent.includes('\u001b[3;1Hrow two   8\u001b[K'));
});

test('an unchanged frame writes nothing; a shorter one erases the rows it no longer has', () => {
  const { stream, screen, write, show } = terminal();
  show('a', 'b', 'c', 'd');
  assert.equal(write.willRender(frame('a', 'b', 'c', 'd')), false);
  assert.equal(write(frame('a', 'b', 'c', 'd')), false);
  assert.deepEqual(stream.writes, []);
  show('a', 'B');
  assert.equal(screen.text, 'a\nB');
  show('a', 'B', '', 'd');
  assert.equal(screen.text, 'a\nB\n\nd');
});

test('styled lines replace their row whole, escapes included', () => {
  const { screen, show } = terminal(40, 4);
  show('\u001b[1mlong bold line here\u001b[22m', 'x');
  show('\u001b[32mshort\u001b[39m', 'x');
  assert.equal(screen.text, 'short\nx');
});

test('after clear(), a resize or console output, the next frame is drawn whole on a clean screen', () => {
  const { stream, screen, write, show } = terminal();
  show('one', 'two');
  // Ink's patched console: clear, the text, then the last frame again.
  write.clear();
  stream.write('a console line\n');
  write(frame('one', 'two'));
  screen.apply(stream.take());
  assert.equal(screen.text, 'one\ntwo');

  stream.columns = 30;
  stream.rows = 5;
  write(frame('one', 'two'));
  const afterResize = stream.take();
  assert.ok(afterResize.includes('\u001b[2J') && afterResize.includes('one') && afterResize.includes('two'), 'a resize repaints everything');
  screen.apply(afterResize);
  assert.equal(screen.text, 'one\ntwo');

  write.sync(frame('synced', 'two'));
  write(frame('synced', 'two'));
  assert.deepEqual(stream.writes, [], 'sync records what Ink put on screen itself');
  write.done();
  screen.apply(stream.take());
  assert.equal(screen.cursorVisible, true, 'done shows the cursor again');
});

test('once the app places the terminal cursor, Ink draws the frames', () => {
  const stream = new RecordingStream(40, 6);
  const ink = fakeInkLog();
  const write = createScreenWriter(stream, ink);
  write(frame('one'));
  write.setCursorPosition({ x: 2, y: 0 });
  write(frame('two'));
  write.done();
  assert.deepEqual(ink.calls, ['sync ', 'cursor', `render ${frame('two')}`, 'done']);
});

function Clock({ ticks }: { ticks: number }) {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (tick >= ticks) return;
    const timer = setTimeout(() => setTick(tick + 1), 10);
    return () => clearTimeout(timer);
  }, [tick, ticks]);
  return (
    <Box flexDirection="column">
      <Text>tick {tick}</Text>
      {Array.from({ length: 20 }, (_, i) => (
        <Text key={i}>a row that does not change, number {i}</Text>
      ))}
    </Box>
  );
}

test('on Ink itself: the screen follows the app, and a tick sends one row', async () => {
  const stream = new RecordingStream(60, 30);
  const screen = new VirtualScreen(60, 30);
  const stdout = Object.assign(stream, { isTTY: true, on: () => stdout, off: () => stdout });
  const instance = render(<Clock ticks={20} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    patchConsole: false,
    exitOnCtrlC: false,
    maxFps: 1000,
  });
  try {
    assert.equal(writeChangedRowsOnly(stdout), true, 'the writer is installed on Ink 6.8.0');
    stream.take(); // Ink's own first frame, written before the writer was in: it repaints over it
    // However slow the machine: the writer's first frame (the whole screen), then the last tick.
    const sent = (text: string) => stream.writes.join('').includes(text);
    for (let waited = 0; waited < 5000 && !sent('does not change'); waited += 5) await new Promise((resolve) => setTimeout(resolve, 5));
    screen.apply(stream.take());
    for (let waited = 0; waited < 5000 && !sent('tick 20'); waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const laterTicks = stream.take();
    screen.apply(laterTicks);
    assert.match(screen.text, /^tick 20\na row that does not change, number 0\n/);
    assert.ok(screen.text.endsWith('number 19'));
    assert.ok(laterTicks.includes('tick 20') && !laterTicks.includes('does not change'), `ticks sent more than their row: ${JSON.stringify(laterTicks)}`);
  } finally {
    instance.unmount();
  }
});
