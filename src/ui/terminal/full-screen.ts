// The alternate screen, entered once and left on every way out: a normal quit, a signal, an
// uncaught exception, or process exit for any other reason. Leaving also shows the cursor and
// drops raw mode, so the shell is usable whatever happened.
// Raw mode starts with the screen, not when Ink's input hook first runs: a key typed between
// the first frame and that moment would otherwise be echoed by the terminal and reach lvstop
// cooked (Enter as a line feed, which Ink does not take for Enter), so it was lost.

const ENTER = '\u001b[?1049h\u001b[H';
const LEAVE = '\u001b[?25h\u001b[?1049l';

export interface Terminal {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

/** Enters the alternate screen; returns the restore, safe to call more than once. */
export function enterFullScreen({ stdout, stdin }: Terminal): () => void {
  stdout.write(ENTER);
  if (stdin.isTTY) stdin.setRawMode(true);
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    try {
      if (stdin.isTTY) stdin.setRawMode(false);
    } catch {
      // stdin already closed: nothing to put back
    }
    stdout.write(LEAVE);
  };
  process.on('exit', restore);
  return restore;
}
