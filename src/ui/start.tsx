// Runs the full-screen app until the operator quits, owning the terminal meanwhile: alternate
// screen, a capped frame rate, and a restored terminal on every exit path.

import { render } from 'ink';
import { App } from './App.js';
import type { UiServices } from './services.js';
import { enterFullScreen, type Terminal } from './terminal/full-screen.js';
import { writeChangedRowsOnly } from './terminal/screen-writer.js';

export interface RunResult {
  /** The signal that ended the app, if one did. */
  signal: NodeJS.Signals | null;
}

/** Ink's frame options, shared with the frame-render benchmark so it measures what runs. */
export const FRAME_OPTIONS = { maxFps: 15, incrementalRendering: false } as const;

export async function runFullScreen(services: UiServices, terminal: Terminal = { stdout: process.stdout, stdin: process.stdin }): Promise<RunResult> {
  const restore = enterFullScreen(terminal);
  let signal: NodeJS.Signals | null = null;
  const instance = render(<App services={services} />, {
    stdout: terminal.stdout,
    stdin: terminal.stdin,
    ...FRAME_OPTIONS,
    exitOnCtrlC: false,
    patchConsole: true,
  });
  writeChangedRowsOnly(terminal.stdout);
  const onSignal = (name: NodeJS.Signals) => {
    signal = name;
    instance.unmount();
  };
  // A crash anywhere: put the terminal back first, then say what happened in one line.
  const onCrash = (error: unknown) => {
    try {
      instance.unmount();
    } catch {
      // already unmounting
    }
    restore();
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`lvstop: unexpected failure: ${message}\n`);
    if (process.env.LVSTOP_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exit(70);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('SIGINT', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    // Ink stops listening but leaves stdin reading: stop it, so what the operator types next
    // goes to the shell rather than into this process on its way out.
    terminal.stdin.pause();
    restore();
  }
  return { signal };
}
