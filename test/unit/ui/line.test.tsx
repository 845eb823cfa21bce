// A Line shows Ink blanks to measure and writes itself in their place (components/Line.tsx):
// what reaches the terminal must be what Ink's own <Text> would write, escapes and all.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import chalk from 'chalk';
import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { Line, type Segment } from '../../../src/ui/components/Line.js';
import type { LineStyle } from '../../../src/ui/format/paint.js';

// Under the test runner stdout is no terminal and chalk writes no escapes at all; Ink's Text and
// Line share chalk, so raising its level makes both write them.
const level = chalk.level;
before(() => {
  chalk.level = 3;
});
after(() => {
  chalk.level = level;
});

/** The same line as Ink's <Text> draws it: a Text per styled segment inside one for the line. */
function InkLine({ segments, ...style }: LineStyle & { segments: readonly Segment[] }) {
  return (
    <Text wrap="truncate" {...style}>
      {segments.map((segment, index) => (
        <Text key={index} color={segment.color} bold={segment.bold} dimColor={segment.dimColor} strikethrough={segment.strikethrough}>
          {segment.text}
        </Text>
      ))}
    </Text>
  );
}

function drawn(element: React.JSX.Element): string {
  const { lastFrame, unmount } = render(element);
  const frame = lastFrame() ?? '';
  unmount();
  return frame;
}

const LINES: Array<{ what: string; segments: Segment[]; style?: LineStyle }> = [
  { what: 'plain', segments: [{ text: 'TCP 10.0.0.10:80  wrr  12  3.4K' }] },
  { what: 'empty', segments: [{ text: '' }] },
  {
    what: 'a table row, selected',
    segments: [{ text: ' ›', color: 'red' }, { text: '▸ TCP 10.0.0.10:80 ', color: 'red', bold: true }, { text: ' 12  3.4K ' }, { text: '▁▂▃█▇', color: 'cyan' }],
    style: { inverse: true },
  },
  { what: 'a header', segments: [{ text: '  SERVICE / SERVER↑   ACT ▁▃▇ CPS' }], style: { bold: true, underline: true } },
  {
    what: 'key hints, some disabled',
    segments: [{ text: '↑↓ move' }, { text: '  ' }, { text: 'x delete', dimColor: true, strikethrough: true }, { text: '' }, { text: '? help' }],
  },
  { what: 'a dimmed rule', segments: [{ text: '─ new conns/s ────' }], style: { dimColor: true } },
  { what: 'every style at once', segments: [{ text: 'a', color: 'green', bold: true, dimColor: true, strikethrough: true }, { text: 'b' }], style: { inverse: true, bold: true, underline: true, dimColor: true } },
  { what: 'a wide character (Ink measures it)', segments: [{ text: 'director-東京 ' }, { text: 'up 3d', color: 'yellow' }], style: { bold: true } },
];

for (const { what, segments, style = {} } of LINES) {
  test(`${what}: written as Ink's Text writes it`, () => {
    const expected = drawn(<InkLine segments={segments} {...style} />);
    assert.equal(drawn(<Line segments={segments} {...style} />), expected);
  });
}

test('in a box narrower than the line: cut with … as wrap="truncate" cuts it, on the first row', () => {
  const segments: Segment[] = [{ text: '' }, { text: '▸ TCP 10.0.0.10:80 ', color: 'red', bold: true }, { text: '12 3.4K ' }, { text: '▁▂▃', color: 'cyan' }];
  // Cut inside a segment, at either side of a segment's end, at the first and last column.
  for (const width of [1, 2, 12, 19, 20, 21, 29]) {
    const inBox = (line: React.JSX.Element) => drawn(<Box width={width}>{line}</Box>);
    const [first, ...rest] = inBox(<Line segments={segments} inverse />).split('\n');
    assert.equal(first, inBox(<InkLine segments={segments} inverse />), `${width} columns`);
    // Ink wraps the blanks it measured onto more rows: they stay empty.
    assert.ok(rest.every((row) => row.trim() === ''), JSON.stringify(rest));
  }
});
