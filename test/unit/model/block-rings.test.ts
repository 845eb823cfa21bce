import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockRings } from '../../../src/model/block-rings.js';

// A deterministic generator, so a failure can be replayed.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const SIGNALS: Record<string, (i: number, next: () => number) => number> = {
  ramp: (i) => i + 1,
  'slow ramp': (i) => 1000 + 3 * i,
  exponential: (i) => 1.02 ** i,
  spikes: (i, next) => (i % 97 === 0 ? 1e9 : next() * 1e6),
  'connection counts': (i) => 100 + ((i * 7) % 13),
  'bytes per second': (_, next) => 1e8 * (1 + next()),
  idle: () => 0,
};

/** Largest |decoded - written| over the last `span` positions, as a share of the block's max. */
function worstError(signal: (i: number, next: () => number) => number, span: number, laps: number): number {
  const rings = new BlockRings(span, 1);
  rings.ensure(1);
  const next = random(7);
  const written: number[] = [];
  for (let i = 0; i < span * laps; i++) {
    const value = signal(i, next);
    written.push(value);
    rings.write(0, 0, i % rings.length, value);
  }
  // As BlockRings cuts them: a tenth of the span.
  const blockSize = Math.ceil(span / 10);
  let worst = 0;
  for (let i = written.length - span; i < written.length; i++) {
    const blockStart = i - ((i % rings.length) % blockSize);
    const blockMax = Math.max(...written.slice(blockStart, blockStart + blockSize));
    const error = Math.abs(rings.read(0, 0, i % rings.length) - (written[i] ?? 0));
    worst = Math.max(worst, blockMax > 0 ? error / blockMax : error);
  }
  return worst;
}

for (const [name, signal] of Object.entries(SIGNALS)) {
  test(`8-bit samples round-trip within 1% of their block's largest value: ${name}`, () => {
    assert.ok(worstError(signal, 600, 3.5) <= 0.01);
  });
}

test('a ring keeps its guaranteed span across wrap-arounds, oldest positions overwritten', () => {
  const rings = new BlockRings(5, 2);
  rings.ensure(3);
  assert.ok(rings.length >= 5);
  for (let i = 1; i <= 23; i++) {
    rings.write(1, 0, i % rings.length, i);
    rings.write(1, 1, i % rings.length, 100 * i);
  }
  for (let i = 19; i <= 23; i++) {
    assert.equal(rings.read(1, 0, i % rings.length), i);
    assert.equal(rings.read(1, 1, i % rings.length), 100 * i);
  }
});

test('unknown is kept as NaN, negative as 0; slots and metrics are apart', () => {
  const rings = new BlockRings(60, 2);
  rings.ensure(2);
  rings.write(0, 0, 0, Number.NaN);
  rings.write(0, 0, 1, -5);
  rings.write(0, 0, 2, 40);
  rings.write(1, 0, 0, 7);
  rings.write(0, 1, 0, 9);
  assert.ok(Number.isNaN(rings.read(0, 0, 0)));
  assert.equal(rings.read(0, 0, 1), 0);
  assert.equal(rings.read(0, 0, 2), 40);
  assert.equal(rings.read(1, 0, 0), 7);
  assert.equal(rings.read(0, 1, 0), 9);
});

test('growing keeps what the slots hold; clear forgets a slot', () => {
  const rings = new BlockRings(60, 1);
  rings.ensure(1);
  rings.write(0, 0, 3, 12);
  rings.ensure(1000);
  assert.ok(rings.capacity >= 1000);
  rings.write(999, 0, 3, 7);
  assert.equal(rings.read(0, 0, 3), 12);
  assert.equal(rings.read(999, 0, 3), 7);
  assert.throws(() => rings.read(rings.capacity, 0, 0), RangeError);
  rings.clear(0);
  assert.equal(rings.read(0, 0, 3), 0, 'no scale: the old code means nothing any more');
});

test('the block being written reads its previous lap at that lap\'s scale, with no spare block', () => {
  const rings = new BlockRings(600, 1);
  rings.ensure(1);
  assert.equal(rings.length, 600);
  // A lap of large values, then small ones: the new lap's first block starts a scale of its
  // own while the rest of that block still holds the large lap.
  for (let i = 0; i < 600; i++) rings.write(0, 0, i, 1_000_000 + i);
  for (let i = 600; i < 630; i++) rings.write(0, 0, i % 600, 3);
  for (let i = 30; i < 630; i++) {
    const expected = i < 600 ? 1_000_000 + i : 3;
    const read = rings.read(0, 0, i % 600);
    assert.ok(Math.abs(read - expected) <= expected * 0.01, `position ${i % 600}: read ${read}, wrote ${expected}`);
  }
});

test('a slot taken again forgets its earlier owner\'s scales', () => {
  const rings = new BlockRings(60, 1);
  const first = rings.take();
  for (let i = 0; i < 75; i++) rings.write(first, 0, i % rings.length, 500);
  rings.release(first);
  const again = rings.take();
  assert.equal(again, first);
  rings.write(again, 0, 7, 2);
  assert.equal(rings.read(again, 0, 7), 2);
});
