// Ink 6.8 turns every frame into a grid of styled cells: each written line is split into
// graphemes, every cell becomes an object, and the grid is joined back into text. At 200x60
// that is ~90% of a frame (50 of 57 ms on the benchmark machine), for every frame, however
// little changed. lvstop's screens are full-width lines stacked in columns, so each row of a
// frame is one line written at column 0, and that line already is the row's text. This takes
// that path when every row of a frame is such a line, and leaves any other frame (borders,
// overlapping writes, horizontal clipping) to Ink. It reaches into Ink's internals, so it is
// applied only to the Ink version it was written against (package.json pins it).

import { inkIsAsWrittenFor } from './ink-version.js';

interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}

type Operation =
  | { type: 'write'; x: number; y: number; text: string; transformers: Array<(line: string, index: number) => string> }
  | { type: 'clip'; clip: Clip }
  | { type: 'unclip' };

/** Ink's Output as its renderer fills it: a size and the operations, in order. */
export interface InkOutput {
  height: number;
  operations: Operation[];
}

type Get = (this: InkOutput) => { output: string; height: number };

/** Whether frames take the fast path, and how many did (the tests check both ways agree). */
export const fastOutput = { enabled: true, frames: 0 };

/** The frame's text when every row is one line written at column 0; null to leave it to Ink. */
export function stackedLines(output: InkOutput): string | null {
  const rows = new Array<string | undefined>(output.height);
  const clips: Clip[] = [];
  for (const operation of output.operations) {
    if (operation.type === 'clip') {
      if (operation.clip.x1 !== undefined || operation.clip.x2 !== undefined) return null;
      clips.push(operation.clip);
      continue;
    }
    if (operation.type === 'unclip') {
      clips.pop();
      continue;
    }
    // As in Ink: the innermost clipping box alone counts, and transformers number the lines kept.
    const clip = clips.at(-1);
    const lines = operation.text.split('\n');
    let kept = 0;
    for (let index = 0; index < lines.length; index++) {
      const y = operation.y + index;
      if ((clip?.y1 !== undefined && y < clip.y1) || (clip?.y2 !== undefined && y >= clip.y2)) continue;
      const keptIndex = kept++;
      // Ink stops placing an operation's lines at the first that falls outside the frame.
      if (y < 0 || y >= output.height) break;
      if (operation.x !== 0 || rows[y] !== undefined) return null;
      let line = lines[index] ?? '';
      for (const transform of operation.transformers) line = transform(line, keptIndex);
      rows[y] = line;
    }
  }
  return rows.map((row) => (row ?? '').trimEnd()).join('\n');
}

async function install(): Promise<void> {
  if (!inkIsAsWrittenFor) return;
  // A literal path, so the bundle (bin/bundle.ts) holds the very module Ink's own code uses.
  const { default: Output } = (await import('../../../node_modules/ink/build/output.js')) as unknown as { default: { prototype: { get: Get } } };
  const inkGet = Output.prototype.get;
  Output.prototype.get = function get(this: InkOutput) {
    const text = fastOutput.enabled ? stackedLines(this) : null;
    if (text === null) return inkGet.call(this);
    fastOutput.frames += 1;
    return { output: text, height: this.height };
  };
}

try {
  await install();
} catch {
  // Ink laid out differently than expected: its own pass draws every frame.
}
