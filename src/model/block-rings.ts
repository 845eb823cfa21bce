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
// Writing the first position of a block starts a fresh scale while the rest of that block
// still holds its previous lap: each ring carries that lap's scale, and the position last
// written tells which of the two a code of the block is read with. So a ring needs no spare
// block, only those 8 bytes (a spare block cost a block's codes and scale: 64 bytes of a
// 600-sample ring, 19 of a 60-sample one).

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
  // Per ring: the scale of the current block's previous lap, and the position last written.
  private readonly lapScales: Float32Array[] = [];
  private readonly heads: Int32Array[] = [];
  private readonly freeSlots: number[] = [];
  private taken = 0;

  /**
   * Rings that keep at least `guaranteed` consecutive positions, `metrics` per slot, in about
   * `blocksPerSpan` blocks: more follow the signal's level more closely, and cost a 4-byte
   * scale each.
   */
  constructor(
    guaranteed: number,
    private readonly metrics: number,
    blocksPerSpan = 10,
  ) {
    this.blockSize = Math.max(1, Math.ceil(guaranteed / blocksPerSpan));
    this.blocks = Math.ceil(guaranteed / this.blockSize);
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
    return this.metrics * (this.length + this.blocks * 4 + 8);
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
      this.lapScales.push(new Float32Array(CHUNK_SLOTS * this.metrics));
      this.heads.push(new Int32Array(CHUNK_SLOTS * this.metrics));
    }
  }

  /** Forget a slot's scales, before it is written from a new start. */
  clear(slot: number): void {
    const per = this.metrics * this.blocks;
    const at = (slot & CHUNK_MASK) * per;
    this.scalesOf(slot).fill(0, at, at + per);
    // As if the last position had just been written: no block holds a previous lap.
    const rings = (slot & CHUNK_MASK) * this.metrics;
    this.chunkOf(this.lapScales, slot).fill(0, rings, rings + this.metrics);
    this.chunkOf(this.heads, slot).fill(this.length - 1, rings, rings + this.metrics);
  }

  write(slot: number, metric: number, position: number, value: number): void {
    const codes = this.codesOf(slot);
    const scales = this.scalesOf(slot);
    const ring = (slot & CHUNK_MASK) * this.metrics + metric;
    const block = (position / this.blockSize) | 0;
    const start = block * this.blockSize;
    const at = ring * this.length + position;
    const scaleAt = ring * this.blocks + block;
    if (position === start) {
      this.chunkOf(this.lapScales, slot)[ring] = scales[scaleAt] ?? 0;
      scales[scaleAt] = 0;
    }
    this.chunkOf(this.heads, slot)[ring] = position;
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
    const block = (position / this.blockSize) | 0;
    const head = this.chunkOf(this.heads, slot)[ring] ?? 0;
    // Past the head in the head's block: the previous lap, with the scale it was written with.
    const previousLap = position > head && block === ((head / this.blockSize) | 0);
    const scale = previousLap ? (this.chunkOf(this.lapScales, slot)[ring] ?? 0) : (this.scalesOf(slot)[ring * this.blocks + block] ?? 0);
    return (code / TOP_CODE) * scale;
  }

  private codesOf(slot: number): Uint8Array {
    return this.chunkOf(this.codes, slot);
  }

  private scalesOf(slot: number): Float32Array {
    return this.chunkOf(this.scales, slot);
  }

  private chunkOf<T>(chunks: T[], slot: number): T {
    const chunk = chunks[slot >> CHUNK_BITS];
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
