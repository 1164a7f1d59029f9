// Reads a TrueType font without reading its outlines: every table but `glyf` up front
// (about 0.5 MB of a 14 MB CJK font), and the outlines of just the glyphs a document uses,
// on demand. Layout needs only metrics; the PDF subset needs only the used outlines.
// Reading whole 10–15 MB files was most of a build's time.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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
  /** The font at full size; unread outline bytes are zero until `loadGlyphs`. */
  readonly data: Buffer;
  private readonly tables: Map<string, TableRecord>;
  private readonly glyf: TableRecord | null;
  private loca: LocaIndex | null = null;
  private readonly loaded = new Set<number>();

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
   * Makes the outlines of these glyphs (and of their components) readable. Glyphs are read in
   * offset order, neighbours within READ_GAP in one read: one system call per glyph was most
   * of a small build's file reading (a page of text uses a thousand or more ideographs).
   */
  loadGlyphs(ids: Iterable<number>): void {
    if (!this.glyf) return;
    const loca = this.locaInfo();
    const glyf = loca.glyf;
    const fd = openSync(this.path, 'r');
    try {
      let wanted = [0, ...ids];
      while (wanted.length) {
        const spans: [number, number][] = [];
        for (const id of wanted) {
          if (this.loaded.has(id)) continue;
          this.loaded.add(id);
          const [from, to] = glyphSpan(this.data, loca, id);
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
        for (const [at, end] of spans) if (isComposite(this.data, at, end)) wanted.push(...componentIds(this.data, at, end));
      }
    } finally {
      closeSync(fd);
    }
  }

  private locaInfo(): LocaIndex {
    // head and loca were read with the other tables; glyf is known to be there
    this.loca ??= locaIndex(this.data, this.tables)!;
    return this.loca;
  }
}

/**
 * Bytes between two wanted glyphs read rather than skipped: a read from the page cache costs
 * about what copying 16 KB does, and the memory of a gap read is a few pages at most.
 */
const READ_GAP = 16 * 1024;
