// Ink 6.8 repaints a whole frame on every change: it erases every line it wrote and writes the
// frame again, ~20 KB at 200x60 when only the clock moved (its incremental mode moves the
// cursor relatively and slips a line when the frame fills the screen). lvstop owns the
// alternate screen, where each frame line has a fixed row, so this writer sends only the rows
// that changed, each at its place (cursor to row, the line, erase to its end), as curses does:
// a few hundred bytes per second on an idle table instead of tens of KB, for the process, the
// SSH link and the terminal. It reaches into Ink's internals (its instance's `log`), so it is
// applied only to the Ink version it was written against (package.json pins it).

import { inkIsAsWrittenFor } from './ink-version.js';
const ESC = '\u001b[';
const HIDE_CURSOR = `${ESC}?25l`;
const SHOW_CURSOR = `${ESC}?25h`;
const CLEAR_SCREEN = `${ESC}H${ESC}2J`;

export interface ScreenStream {
  write(text: string): unknown;
  columns?: number;
  rows?: number;
}

/** The interface of Ink 6.8's log-update that its instance calls. */
export interface InkLog {
  (text: string): boolean;
  clear(): void;
  done(): void;
  sync(text: string): void;
  setCursorPosition(position: unknown): void;
  isCursorDirty(): boolean;
  willRender(text: string): boolean;
}

/** The frame's lines: Ink ends a frame that does not fill the terminal with a newline. */
const linesOf = (frame: string): string[] => {
  const lines = frame.split('\n');
  if (frame.endsWith('\n')) lines.pop();
  return lines;
};

/**
 * A log that writes each frame as the rows that differ from the last one. Frames are drawn
 * from the screen's top-left corner (the alternate screen, entered with the cursor at home).
 * If the app ever places the terminal cursor (Ink's useCursor), Ink's own log takes over.
 */
export function createScreenWriter(stream: ScreenStream, inkLog: InkLog): InkLog {
  let shown: string[] = [];
  let shownFrame: string | null = null;
  let size = '';
  let cursorHidden = false;
  let delegated = false;

  const render = ((frame: string): boolean => {
    if (delegated) return inkLog(frame);
    // After a resize the terminal may have moved or dropped what it showed: draw it all.
    const sizeNow = `${stream.columns ?? 0}x${stream.rows ?? 0}`;
    const resized = sizeNow !== size;
    if (frame === shownFrame && !resized) return false;
    const lines = linesOf(frame);
    let out = cursorHidden ? '' : HIDE_CURSOR;
    cursorHidden = true;
    if (resized) {
      size = sizeNow;
      shown = [];
      out += CLEAR_SCREEN;
    }
    const rows = Math.max(lines.length, shown.length);
    for (let row = 0; row < rows; row++) {
      const line = lines[row] ?? '';
      if (line === (shown[row] ?? '') && row < shown.length) continue;
      out += `${ESC}${row + 1};1H${line}${ESC}K`;
    }
    shown = lines;
    shownFrame = frame;
    stream.write(out);
    return true;
  }) as InkLog;

  render.clear = () => {
    if (delegated) return inkLog.clear();
    stream.write(CLEAR_SCREEN);
    shown = [];
    shownFrame = null;
  };
  render.sync = (frame) => {
    if (delegated) return inkLog.sync(frame);
    shown = linesOf(frame);
    shownFrame = frame;
  };
  render.done = () => {
    if (delegated) return inkLog.done();
    if (cursorHidden) stream.write(SHOW_CURSOR);
    cursorHidden = false;
    shown = [];
    shownFrame = null;
  };
  render.setCursorPosition = (position) => {
    if (position !== undefined && !delegated) {
      // Ink's log knows nothing of what is on screen: it must start from a clean one.
      delegated = true;
      stream.write(CLEAR_SCREEN);
      inkLog.sync('');
    }
    inkLog.setCursorPosition(position);
  };
  render.isCursorDirty = () => (delegated ? inkLog.isCursorDirty() : false);
  render.willRender = (frame) =>
    delegated ? inkLog.willRender(frame) : frame !== shownFrame || `${stream.columns ?? 0}x${stream.rows ?? 0}` !== size;
  return render;
}

interface InkInstance {
  log: InkLog;
}

let instances: WeakMap<object, InkInstance> | null = null;

async function loadInstances(): Promise<void> {
  if (!inkIsAsWrittenFor) return;
  // A literal path, so the bundle (bin/bundle.ts) holds the very module Ink's own code uses.
  const module = await import('../../../node_modules/ink/build/instances.js');
  instances = module.default as unknown as WeakMap<object, InkInstance>;
}

try {
  await loadInstances();
} catch {
  // Ink laid out differently than expected: it keeps repainting whole frames.
}

/**
 * Make the Ink app rendering to `stdout` (call right after `render`) write changed rows only.
 * Returns whether it did; with any other Ink version the app keeps Ink's own writer.
 */
export function writeChangedRowsOnly(stdout: ScreenStream & object): boolean {
  const instance = instances?.get(stdout);
  if (instance === undefined || typeof instance.log !== 'function') return false;
  instance.log = createScreenWriter(stdout, instance.log);
  return true;
}
