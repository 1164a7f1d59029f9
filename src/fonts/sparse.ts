// Reads a TrueType font without reading its outlines: every table but `glyf` up front
// (about 0.5 MB of a 14 MB CJK font), and the outlines of just the glyphs a document uses,
// on demand. Layout needs only metrics; the PDF subset needs only the used outlines.
// Reading whole 10–15 MB files was most of a build's time.
import { closeSync, fstatSync, openSync, readSync, readvSync } from 'node:fs';
import {
  componentIds,
  glyphSpan,
  isComposite,
  locaIndex,
  OFFSET_TABLE_SIZE,
  readTableDirectory,
  TABLE_RECORD_SIZE,
  tableCount,
  type LocaIndex,
  type TableRecord,
} from './sfnt.js';

export class SparseFont {
  /** The font at full size, but for its outlines (zero): those are had from `outline`. */
  readonly data: Buffer;
  private readonly tables: Map<string, TableRecord>;
  private readonly glyf: TableRecord | null;
  private loca: LocaIndex | null = null;
  private readonly loaded = new Set<number>();
  /** The outlines read, by glyph: pieces of a few buffers holding them one after another. */
  private readonly outlines = new Map<number, Buffer>();

  constructor(readonly path: string) {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      // Buffer.alloc maps zero pages lazily: untouched outline bytes cost no memory.
      this.data = Buffer.alloc(size);
      readSync(fd, this.data, 0, Math.min(OFFSET_TABLE_SIZE, size), 0);
      if (size >= OFFSET_TABLE_SIZE) {
        const directory = TABLE_RECORD_SIZE * tableCount(this.data);
        readSync(fd, this.data, OFFSET_TABLE_SIZE, Math.min(directory, size - OFFSET_TABLE_SIZE), OFFSET_TABLE_SIZE);
      }
      this.tables = readTableDirectory(this.data, path);
      let glyf: TableRecord | null = null;
      const ranges: [number, number][] = [];
      for (const [tag, { offset, length }] of this.tables) {
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
   * Makes the outlines of these glyphs (and of their components) readable by `outline`.
   * Glyphs are read in offset order, neighbours within READ_GAP in one call: one system call
   * per glyph was most of a small build's file reading (a page of text uses a thousand or
   * more ideographs). The bytes between them are read into one scratch buffer and dropped,
   * and the outlines land one after another in a buffer of their own: written into the
   * font-sized buffer at their places, they touched a fresh page of memory for nearly every
   * glyph (the kernel's page faults cost more than the reading).
   */
  loadGlyphs(ids: Iterable<number>): void {
    if (!this.glyf) return;
    const loca = this.locaInfo();
    const size = this.data.length;
    const fd = openSync(this.path, 'r');
    try {
      let wanted = [0, ...ids];
      while (wanted.length) {
        const spans: { id: number; start: number; end: number }[] = [];
        for (const id of wanted) {
          if (this.loaded.has(id)) continue;
          this.loaded.add(id);
          const [from, to] = glyphSpan(this.data, loca, id);
          // (as a copy of the file's bytes would be: cut short at its end)
          const start = Math.min(loca.glyf + from, size);
          const end = Math.max(start, Math.min(loca.glyf + to, size));
          if (end > start) spans.push({ id, start, end });
          else this.outlines.set(id, EMPTY);
        }
        spans.sort((a, b) => a.start - b.start);
        // Glyphs whose bytes overlap (a font may point two glyphs at one outline) are one
        // block, read once; each glyph is its piece of it.
        const blocks: { start: number; end: number; at: number }[] = [];
        let bytes = 0;
        for (const g of spans) {
          const last = blocks[blocks.length - 1];
          if (last && g.start < last.end) {
            if (g.end > last.end) {
              bytes += g.end - last.end;
              last.end = g.end;
            }
          } else {
            blocks.push({ start: g.start, end: g.end, at: bytes });
            bytes += g.end - g.start;
          }
        }
        const store = Buffer.alloc(bytes);
        for (let k = 0, b = 0; k < spans.length; k++) {
          const g = spans[k];
          while (blocks[b].end <= g.start) b++;
          const at = blocks[b].at + g.start - blocks[b].start;
          this.outlines.set(g.id, store.subarray(at, at + g.end - g.start));
        }
        for (let b = 0; b < blocks.length; ) {
          const first = blocks[b].start;
          let end = first;
          const pieces: Buffer[] = [];
          for (; b < blocks.length && blocks[b].start - end <= READ_GAP && pieces.length < MAX_PIECES; b++) {
            const { start, end: to, at } = blocks[b];
            if (start > end) pieces.push(scratch.subarray(0, start - end));
            pieces.push(store.subarray(at, at + to - start));
            end = to;
          }
          readAll(fd, pieces, first);
        }
        // Composite glyphs name their parts only once read: those are the next round.
        wanted = [];
        for (const { id } of spans) {
          const g = this.outlines.get(id)!;
          if (isComposite(g, 0, g.length)) wanted.push(...componentIds(g, 0, g.length));
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  /** The outline of a glyph read by `loadGlyphs` (empty for a glyph without one), or undefined. */
  outline(id: number): Buffer | undefined {
    return this.outlines.get(id);
  }

  private locaInfo(): LocaIndex {
    // head and loca were read with the other tables; glyf is known to be there
    this.loca ??= locaIndex(this.data, this.tables)!;
    return this.loca;
  }
}

/**
 * Bytes between two wanted glyphs read rather than skipped: a read from the page cache costs
 * about what copying 16 KB does. They go to `scratch`, the same bytes for every gap.
 */
const READ_GAP = 16 * 1024;
const scratch = Buffer.alloc(READ_GAP);
/** Buffers per read (the system's IOV_MAX is 1024). */
const MAX_PIECES = 512;
const EMPTY = Buffer.alloc(0);

/** Reads the file from `position` into the buffers one after another, to their end. */
function readAll(fd: number, pieces: Buffer[], position: number): void {
  let want = 0;
  for (const p of pieces) want += p.length;
  const got = readvSync(fd, pieces, position);
  if (got >= want) return;
  // a short read (rare): the rest piece by piece
  let at = 0;
  for (const p of pieces) {
    for (let k = Math.max(0, got - at); k < p.length; ) {
      const n = readSync(fd, p, k, p.length - k, position + at + k);
      if (n === 0) break;
      k += n;
    }
    at += p.length;
  }
}
