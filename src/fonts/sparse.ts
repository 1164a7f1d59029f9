// Reads a TrueType font without reading its outlines: every table but `glyf` up front
// (about 0.5 MB of a 14 MB CJK font), and the outlines of just the glyphs a document uses,
// on demand. Layout needs only metrics; the PDF subset needs only the used outlines.
// Reading whole 10–15 MB files was most of a build's time.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export class SparseFont {
  /** The font at full size; unread outline bytes are zero until `loadGlyphs`. */
  readonly data: Buffer;
  private readonly glyf: { offset: number; length: number } | null;
  private loca: { long: boolean; offset: number } | null = null;
  private readonly loaded = new Set<number>();

  constructor(readonly path: string) {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      // Buffer.alloc maps zero pages lazily: untouched outline bytes cost no memory.
      this.data = Buffer.alloc(size);
      readSync(fd, this.data, 0, Math.min(12, size), 0);
      const numTables = this.data.readUInt16BE(4);
      readSync(fd, this.data, 12, Math.min(16 * numTables, size - 12), 12);
      let glyf: { offset: number; length: number } | null = null;
      const ranges: [number, number][] = [];
      for (let i = 0; i < numTables; i++) {
        const rec = 12 + 16 * i;
        const tag = this.data.toString('latin1', rec, rec + 4);
        const offset = this.data.readUInt32BE(rec + 8);
        const length = this.data.readUInt32BE(rec + 12);
        if (tag === 'glyf') glyf = { offset, length };
        else ranges.push([offset, Math.min(size, offset + length)]);
      }
      this.glyf = glyf;
      // Tables usually sit together; read them in as few calls as possible.
      ranges.sort((a, b) => a[0] - b[0]);
      let [start, end] = ranges[0] ?? [0, 0];
      for (const [s, e] of ranges.slice(1)) {
        if (s - end < 65536) end = Math.max(end, e);
        else {
          readSync(fd, this.data, start, end - start, start);
          [start, end] = [s, e];
        }
      }
      if (end > start) readSync(fd, this.data, start, end - start, start);
      if (!glyf) this.loaded.add(-1); // CFF or bitmap fonts: everything is already read
    } finally {
      closeSync(fd);
    }
    // .notdef is in every subset and in the header font pdfkit reads: have it from the start.
    this.loadGlyphs([]);
  }

  /**
   * Makes the outlines of these glyphs (and of their components) readable. Glyphs are read in
   * offset order, neighbours within READ_GAP in one read: one system call per glyph was most
   * of a small build's file reading (a page of text uses a thousand or more ideographs).
   */
  loadGlyphs(ids: Iterable<number>): void {
    if (!this.glyf) return;
    const loca = this.locaInfo();
    const glyf = this.glyf.offset;
    const fd = openSync(this.path, 'r');
    try {
      let wanted = [0, ...ids];
      while (wanted.length) {
        const spans: [number, number][] = [];
        for (const id of wanted) {
          if (this.loaded.has(id)) continue;
          this.loaded.add(id);
          const [from, to] = this.glyphRange(loca, id);
          if (to > from) spans.push([glyf + from, glyf + to]);
        }
        spans.sort((a, b) => a[0] - b[0]);
        for (let k = 0; k < spans.length; ) {
          const start = spans[k][0];
          let end = spans[k][1];
          for (k++; k < spans.length && spans[k][0] - end <= READ_GAP; k++) end = Math.max(end, spans[k][1]);
          readSync(fd, this.data, start, end - start, start);
        }
        // Composite glyphs name their parts only once read: those are the next round.
        wanted = [];
        for (const [at, end] of spans) if (this.data.readInt16BE(at) < 0) wanted.push(...components(this.data, at + 10, end));
      }
    } finally {
      closeSync(fd);
    }
  }

  private locaInfo(): { long: boolean; offset: number } {
    if (this.loca) return this.loca;
    const numTables = this.data.readUInt16BE(4);
    let head = 0;
    let loca = 0;
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + 16 * i;
      const tag = this.data.toString('latin1', rec, rec + 4);
      if (tag === 'head') head = this.data.readUInt32BE(rec + 8);
      if (tag === 'loca') loca = this.data.readUInt32BE(rec + 8);
    }
    this.loca = { long: this.data.readInt16BE(head + 50) === 1, offset: loca };
    return this.loca;
  }

  private glyphRange(l: { long: boolean; offset: number }, id: number): [number, number] {
    if (l.long) return [this.data.readUInt32BE(l.offset + 4 * id), this.data.readUInt32BE(l.offset + 4 * id + 4)];
    return [this.data.readUInt16BE(l.offset + 2 * id) * 2, this.data.readUInt16BE(l.offset + 2 * id + 2) * 2];
  }
}

/**
 * Bytes between two wanted glyphs read rather than skipped: a read from the page cache costs
 * about what copying 16 KB does, and the memory of a gap read is a few pages at most.
 */
const READ_GAP = 16 * 1024;

/** Glyph ids a composite glyph is built from (TrueType glyf component records). */
function components(data: Buffer, at: number, end: number): number[] {
  const ids: number[] = [];
  const MORE = 0x20;
  const ARGS_ARE_WORDS = 0x1;
  const HAVE_SCALE = 0x8;
  const HAVE_XY_SCALE = 0x40;
  const HAVE_2X2 = 0x80;
  let flags = MORE;
  while (flags & MORE && at + 4 <= end) {
    flags = data.readUInt16BE(at);
    ids.push(data.readUInt16BE(at + 2));
    at += 4 + (flags & ARGS_ARE_WORDS ? 4 : 2);
    if (flags & HAVE_SCALE) at += 2;
    else if (flags & HAVE_XY_SCALE) at += 4;
    else if (flags & HAVE_2X2) at += 8;
  }
  return ids;
}
