// Rings of 8-bit samples for many slots, in typed arrays shared by 256 slots each (at 30,000
// entries, one object per ring cost more than its samples). Chunks are added as slots are
// needed and never copied: a buffer grown by doubling left its old copies and unused
// capacity resident (glibc keeps freed blocks of a few MB in its heap).
//
// A ring is cut into blocks; each block of each metric has its own scale, and a sample is kept
// as round(value / scale * 254), 255 meaning unknown (NaN). The scale is the block's largest
// value so far with headroom: when a larger value comes, the block's earlier codes are
// requantised to a new scale at least 1.5x the old one, so a block is requantised a few times,
// not on every sample of a ramp. Error: within 1% of the largest value in the same block (the
// final rounding plus the requantising, a geometric sum, at most about 0.9%). Charts are drawn
// to the largest value shown, so that is under 1% of the chart's height. Negative values are
// kept as 0: every metric is a count or a rate.
//
// Writing the first position of a block starts a fresh scale, which invalidates the rest of
// that block's previous lap; so a ring holds one spare block beyond what it guarantees.

const TOP_CODE = 254;
const UNKNOWN_CODE = 255;
const GROWTH = 1.5;
const CHUNK_BITS = 8;
const CHUNK_SLOTS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SLOTS - 1;

export class BlockRings {
  /** Positions in one ring; write position p % length. */
  readonly length: number;
  private readonly blockSize: number;
  private readonly blocks: number;
  private readonly codes: Uint8Array[] = [];
  private readonly scales: Float32Array[] = [];
  private readonly freeSlots: number[] = [];
  private taken = 0;

  /**
   * Rings that keep at least `guaranteed` consecutive positions, `metrics` per slot, in about
   * `blocksPerSpan` blocks: more follow the signal's level more closely, and cost a 4-byte
   * scale each (and a spare block is 1/blocksPerSpan more codes).
   */
  constructor(
    guaranteed: number,
    private readonly metrics: number,
    blocksPerSpan = 10,
  ) {
    this.blockSize = Math.max(1, Math.ceil(guaranteed / blocksPerSpan));
    this.blocks = Math.ceil(guaranteed / this.blockSize) + 1;
    this.length = this.blocks * this.blockSize;
  }

  get capacity(): number {
    return this.codes.length * CHUNK_SLOTS;
  }

  get bytes(): number {
    return this.codes.length * CHUNK_SLOTS * this.slotBytes;
  }

  /** Bytes one slot costs. */
  get slotBytes(): number {
    return this.metrics * (this.length + this.blocks * 4);
  }

  /** Slots handed out by `take` and not released. */
  get used(): number {
    return this.taken - this.freeSlots.length;
  }

  /** A slot to write from a new start: a released one if any. */
  take(): number {
    const slot = this.freeSlots.pop() ?? this.taken++;
    this.ensure(slot + 1);
    this.clear(slot);
    return slot;
  }

  release(slot: number): void {
    this.freeSlots.push(slot);
  }

  /** Room for slots [0, slots). */
  ensure(slots: number): void {
    while (this.capacity < slots) {
      this.codes.push(new Uint8Array(CHUNK_SLOTS * this.metrics * this.length));
      this.scales.push(new Float32Array(CHUNK_SLOTS * this.metrics * this.blocks));
    }
  }

  /** Forget a slot's scales, before it is written from a new start. */
  clear(slot: number): void {
    const per = this.metrics * this.blocks;
    const at = (slot & CHUNK_MASK) * per;
    this.scalesOf(slot).fill(0, at, at + per);
  }

  write(slot: number, metric: number, position: number, value: number): void {
    const codes = this.codesOf(slot);
    const scales = this.scalesOf(slot);
    const ring = (slot & CHUNK_MASK) * this.metrics + metric;
    const block = (position / this.blockSize) | 0;
    const start = block * this.blockSize;
    const at = ring * this.length + position;
    const scaleAt = ring * this.blocks + block;
    if (position === start) scales[scaleAt] = 0;
    if (Number.isNaN(value)) {
      codes[at] = UNKNOWN_CODE;
      return;
    }
    const kept = value > 0 ? value : 0;
    let scale = scales[scaleAt] ?? 0;
    if (kept > scale) {
      const grown = scale === 0 ? kept : Math.max(kept, scale * GROWTH);
      requantise(codes, ring * this.length + start, at, scale / grown);
      scales[scaleAt] = grown;
      // Float32 may round the scale down below the value; code from what was stored.
      scale = scales[scaleAt] ?? grown;
    }
    codes[at] = scale > 0 ? Math.min(TOP_CODE, Math.round((kept / scale) * TOP_CODE)) : 0;
  }

  read(slot: number, metric: number, position: number): number {
    const ring = (slot & CHUNK_MASK) * this.metrics + metric;
    const code = this.codesOf(slot)[ring * this.length + position] ?? UNKNOWN_CODE;
    if (code === UNKNOWN_CODE) return Number.NaN;
    const scale = this.scalesOf(slot)[ring * this.blocks + ((position / this.blockSize) | 0)] ?? 0;
    return (code / TOP_CODE) * scale;
  }

  private codesOf(slot: number): Uint8Array {
    const chunk = this.codes[slot >> CHUNK_BITS];
    if (chunk === undefined) throw new RangeError(`BlockRings slot ${slot} beyond capacity`);
    return chunk;
  }

  private scalesOf(slot: number): Float32Array {
    const chunk = this.scales[slot >> CHUNK_BITS];
    if (chunk === undefined) throw new RangeError(`BlockRings slot ${slot} beyond capacity`);
    return chunk;
  }
}

function requantise(codes: Uint8Array, from: number, to: number, ratio: number): void {
  for (let i = from; i < to; i++) {
    const code = codes[i] ?? 0;
    if (code !== UNKNOWN_CODE) codes[i] = Math.round(code * ratio);
  }
}
