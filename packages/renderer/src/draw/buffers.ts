/**
 * Reusable buffers of the draw loop: rectangles grouped by colour (one path and one `fill()` per colour
 * per frame, instead of a `fillStyle` change per bar) and pending labels. They grow by doubling and are
 * kept between draws, so drawing allocates nothing per bar.
 */
export class RectBatches {
  /** Per colour index: x, y, width triples in device pixels. */
  private readonly coords: Float32Array[] = [];
  readonly counts: number[] = [];

  clear(): void {
    for (let c = 0; c < this.counts.length; c++) this.counts[c] = 0;
  }

  add(colour: number, x: number, y: number, width: number): void {
    while (this.coords.length <= colour) {
      this.coords.push(new Float32Array(3 * 256));
      this.counts.push(0);
    }
    let buf = this.coords[colour]!;
    const n = this.counts[colour]!;
    if (3 * (n + 1) > buf.length) {
      const grown = new Float32Array(buf.length * 2);
      grown.set(buf);
      this.coords[colour] = buf = grown;
    }
    buf[3 * n] = x;
    buf[3 * n + 1] = y;
    buf[3 * n + 2] = width;
    this.counts[colour] = n + 1;
  }

  /** Fills every rectangle of `colour` with the current fillStyle, `height` device pixels tall. */
  fill(ctx: CanvasRenderingContext2D, colour: number, height: number): void {
    const n = this.counts[colour] ?? 0;
    if (n === 0) return;
    const buf = this.coords[colour]!;
    ctx.beginPath();
    for (let i = 0; i < n; i++) ctx.rect(buf[3 * i]!, buf[3 * i + 1]!, buf[3 * i + 2]!, height);
    ctx.fill();
  }

  /** Bytes of the coordinate buffers. */
  get bytes(): number {
    let n = 0;
    for (const c of this.coords) n += c.byteLength;
    return n;
  }

  /** Total rectangles queued (for the bench and tests). */
  get total(): number {
    let n = 0;
    for (const c of this.counts) n += c;
    return n;
  }
}

/** Labels to draw after the bars: frame, left x, middle y, room, and label colour index. */
export class LabelQueue {
  frames = new Int32Array(512);
  x = new Float32Array(512);
  y = new Float32Array(512);
  room = new Float32Array(512);
  colour = new Uint16Array(512);
  length = 0;

  push(frame: number, x: number, y: number, room: number, colour: number): void {
    if (this.length === this.frames.length) this.grow();
    const i = this.length++;
    this.frames[i] = frame;
    this.x[i] = x;
    this.y[i] = y;
    this.room[i] = room;
    this.colour[i] = colour;
  }

  private grow(): void {
    const size = this.frames.length * 2;
    const frames = new Int32Array(size);
    frames.set(this.frames);
    const x = new Float32Array(size);
    x.set(this.x);
    const y = new Float32Array(size);
    y.set(this.y);
    const room = new Float32Array(size);
    room.set(this.room);
    const colour = new Uint16Array(size);
    colour.set(this.colour);
    Object.assign(this, { frames, x, y, room, colour });
  }
}
