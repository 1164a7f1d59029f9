// A TrueType subsetter working on the font's bytes: the glyphs a document uses, renumbered
// 0..n−1 in first-use order, with the tables a PDF's FontFile2 needs (head, hhea, hmtx,
// maxp, loca, glyf, cvt, fpgm, prep). Byte copies only — outlines are never decoded — which
// makes embedding a CJK subset several times faster than a general-purpose subsetter.
import {
  forEachComponent,
  GLYPH_HEADER_SIZE,
  glyphSpan,
  HorizontalMetrics,
  isComposite,
  locaIndex,
  readTableDirectory,
  unitsPerEm,
  type TableRecord,
} from '../fonts/sfnt.js';

const KEEP = ['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep'];

/**
 * The font as pdfkit needs to see it: names, metrics and the .notdef glyph, without the
 * 30,000-entry loca and cmap that fontkit would otherwise decode on every build. The
 * glyphs themselves go through a TrueTypeSubset of the real font.
 */
export function fontHeader(data: Buffer): Buffer {
  return new TrueTypeSubset(data).encode(['OS/2', 'name', 'post']);
}

/**
 * The glyph data of the subset assembled last from each font (by its data): the glyph ids
 * and twins' advances (−1: none) it was made of, each glyph's data 4-byte padded and its
 * checksum, and whether that data can serve again at the same index.
 */
const assembled = new WeakMap<
  Buffer,
  { ids: number[]; advances: number[]; outlines: Buffer[]; sums: number[]; reusable: boolean[] }
>();

/** Subsets encoded lately, by font data, then glyphs and twins (TrueTypeSubset.encode). */
const encoded = new WeakMap<Buffer, Map<string, Buffer>>();
const KEPT_SUBSETS = 4;

export class TrueTypeSubset {
  private readonly tables: Map<string, TableRecord>;
  private readonly metrics: HorizontalMetrics;
  /** head.unitsPerEm: units of the font's design grid per em. */
  readonly unitsPerEm: number;
  private readonly ids: number[] = [];
  private readonly map = new Map<number, number>();
  /** Subset index → the glyph it repeats with another advance (see `addTwin`). */
  private readonly variants = new Map<number, { of: number; advance: number }>();

  constructor(private readonly data: Buffer) {
    this.tables = readTableDirectory(data);
    this.metrics = new HorizontalMetrics(data, this.tables);
    this.unitsPerEm = unitsPerEm(data, this.tables);
    this.includeGlyph(0); // .notdef comes first
  }

  /** The glyph's id in the subset (pdfkit's EmbeddedFont calls this as it encodes text). */
  includeGlyph(id: number): number {
    let sub = this.map.get(id);
    if (sub === undefined) {
      sub = this.ids.length;
      this.ids.push(id);
      this.map.set(id, sub);
    }
    return sub;
  }

  /**
   * The glyph again under a subset index of its own, with another advance (font units): a
   * composite glyph of one component, so it costs a few bytes, not the outline. Space the
   * composer adds after a glyph (the Han/Latin quarter em, tracking, justification) goes
   * into the advance of such a twin, so text extraction sees one wider glyph and no gap.
   */
  addTwin(id: number, advance: number): number {
    this.includeGlyph(id);
    const sub = this.ids.length;
    this.ids.push(id);
    this.variants.set(sub, { of: id, advance });
    return sub;
  }

  /** A glyph's advance in font units, from the font's hmtx. */
  units(id: number): number {
    return this.metrics.advance(id);
  }

  /** The advance of subset glyph `sub` in thousandths of an em (a twin's own). */
  width(sub: number): number {
    const v = this.variants.get(sub);
    return ((v ? v.advance : this.units(this.ids[sub])) * 1000) / this.unitsPerEm;
  }

  /** Original ids of the glyphs in the subset so far. */
  glyphs(): readonly number[] {
    return this.ids;
  }

  /**
   * The subset font; `extra` names further tables to copy as they are (OS/2, name, post).
   * The bytes follow from the font, the glyphs in order and the twins' advances alone: a
   * rebuild in the same process (the preview) whose fonts drew the same glyphs as one of the
   * last few gets those bytes again without assembling them.
   */
  encode(extra: string[] = []): Buffer {
    let twins = '';
    for (const [k, v] of this.variants) twins += `${k}:${v.advance},`;
    const key = `${extra.join(',')}|${this.ids.join(',')}|${twins}`;
    let byKey = encoded.get(this.data);
    if (!byKey) encoded.set(this.data, (byKey = new Map<string, Buffer>()));
    const hit = byKey.get(key);
    if (hit) return hit;
    const out = this.assemble(extra);
    byKey.set(key, out);
    for (const k of byKey.keys()) if (byKey.size > KEPT_SUBSETS) byKey.delete(k);
    return out;
  }

  private assemble(extra: string[]): Buffer {
    const d = this.data;
    const table = (tag: string) => this.tables.get(tag);
    const index = locaIndex(d, this.tables);
    if (!index) throw new Error('TrueTypeSubset: the font has no glyf outlines (CFF fonts are not subset here)');
    const hm = this.metrics;

    const outlines: Buffer[] = [];
    const sums: number[] = [];
    const metrics: [number, number][] = [];
    // The glyphs of the subset assembled last from this font, where this one begins with the
    // same glyphs (a rebuild whose new glyphs come after): their data as it was.
    const last = assembled.get(d);
    const advances: number[] = [];
    const reusable: boolean[] = [];
    let same = last !== undefined;
    let glyfSum = 0;
    // Composite glyphs pull in their components, which are appended as they are met.
    for (let k = 0; k < this.ids.length; k++) {
      const id = this.ids[k];
      const variant = this.variants.get(k);
      const advance = variant ? variant.advance : -1;
      advances.push(advance);
      same &&= k < last!.ids.length && last!.ids[k] === id && last!.advances[k] === advance;
      let padded: Buffer;
      let sum: number;
      // (a twin's data names the glyph it repeats, at the same index in both; a composite's
      // names its components, which may not be: made again)
      if (same && last!.reusable[k]) {
        padded = last!.outlines[k];
        sum = last!.sums[k];
        reusable.push(true);
      } else {
        const [from, to] = glyphSpan(d, index, id);
        let g: Buffer = Buffer.from(d.subarray(index.glyf + from, index.glyf + to));
        let composite = false;
        if (variant && g.length >= GLYPH_HEADER_SIZE) g = twin(g, this.map.get(id)!);
        else if (isComposite(g, 0, g.length)) {
          g = this.remapComponents(g);
          composite = true;
        }
        // glyph data stays 4-byte aligned so that long loca offsets stay valid everywhere
        const pad = (4 - (g.length % 4)) % 4;
        padded = pad ? Buffer.concat([g, Buffer.alloc(pad)]) : g;
        sum = checksum(padded);
        reusable.push(!composite);
      }
      outlines.push(padded);
      sums.push(sum);
      glyfSum = (glyfSum + sum) >>> 0;
      metrics.push([variant ? variant.advance : hm.advance(id), hm.lsb(id)]);
    }
    // (fontHeader's one-glyph files would only push the last real subset out)
    if (!extra.length) assembled.set(d, { ids: [...this.ids], advances, outlines, sums, reusable });
    const count = this.ids.length;
    const newGlyf = Buffer.concat(outlines);
    const newLoca = Buffer.alloc(4 * (count + 1));
    let off = 0;
    outlines.forEach((g, k) => {
      newLoca.writeUInt32BE(off, 4 * k);
      off += g.length;
    });
    newLoca.writeUInt32BE(off, 4 * count);
    const newHmtx = Buffer.alloc(4 * count);
    metrics.forEach(([a, l], k) => {
      newHmtx.writeUInt16BE(a, 4 * k);
      newHmtx.writeInt16BE(l, 4 * k + 2);
    });
    const copy = (tag: string) => {
      const t = table(tag);
      return t ? Buffer.from(d.subarray(t.offset, t.offset + t.length)) : null;
    };
    const newHead = copy('head')!;
    newHead.writeUInt32BE(0, 8); // checkSumAdjustment, filled in below
    newHead.writeInt16BE(1, 50); // long loca offsets
    const newHhea = copy('hhea')!;
    newHhea.writeUInt16BE(count, 34);
    const newMaxp = copy('maxp')!;
    newMaxp.writeUInt16BE(count, 4);
    if (this.variants.size && newMaxp.readUInt32BE(0) >= 0x00010000) {
      // Twins are composites one level above what they repeat.
      newMaxp.writeUInt16BE(Math.max(newMaxp.readUInt16BE(10), newMaxp.readUInt16BE(6)), 10);
      newMaxp.writeUInt16BE(Math.max(newMaxp.readUInt16BE(12), newMaxp.readUInt16BE(8)), 12);
      newMaxp.writeUInt16BE(Math.max(newMaxp.readUInt16BE(28), 1), 28);
      newMaxp.writeUInt16BE(newMaxp.readUInt16BE(30) + 1, 30);
    }
    const out = new Map<string, Buffer>([
      ['glyf', newGlyf],
      ['head', newHead],
      ['hhea', newHhea],
      ['hmtx', newHmtx],
      ['loca', newLoca],
      ['maxp', newMaxp],
    ]);
    for (const tag of ['cvt ', 'fpgm', 'prep', ...extra]) {
      const t = copy(tag);
      if (t) out.set(tag, t);
    }
    // (glyf's checksum is its glyphs', each 4-byte aligned)
    return assemble(out, [...KEEP, ...extra], new Map([['glyf', glyfSum]]));
  }

  /** The composite's components renumbered as subset glyphs (included if new). */
  private remapComponents(g: Buffer): Buffer {
    forEachComponent(g, 0, g.length, (idAt) => g.writeUInt16BE(this.includeGlyph(g.readUInt16BE(idAt)), idAt));
    return g;
  }
}

/**
 * A composite glyph drawing subset glyph `sub` unmoved: numberOfContours −1, the original's
 * bounding box, one component (ARGS_ARE_XY_VALUES, byte offsets 0, 0).
 */
function twin(original: Buffer, sub: number): Buffer {
  const g = Buffer.alloc(16);
  g.writeInt16BE(-1, 0);
  original.copy(g, 2, 2, 10);
  g.writeUInt16BE(0x0002, 10);
  g.writeUInt16BE(sub, 12);
  return g;
}

function checksum(b: Buffer): number {
  let sum = 0;
  const padded = b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/**
 * Writes an sfnt: offset table, table directory (tags sorted), tables 4-byte aligned. The
 * file's checksum is the sum of the directory's and the tables' (each starts on a 4-byte
 * boundary and is padded with zeros), some of them known already (`sums`).
 */
function assemble(tables: Map<string, Buffer>, keep: string[], sums?: Map<string, number>): Buffer {
  const tags = [...tables.keys()].filter((t) => keep.includes(t)).sort();
  const n = tags.length;
  let pow = 1;
  let log = 0;
  while (pow * 2 <= n) {
    pow *= 2;
    log++;
  }
  const header = Buffer.alloc(12 + 16 * n);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(log, 8);
  header.writeUInt16BE(n * 16 - pow * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  let headAt = 0;
  let total = 0;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const rec = 12 + 16 * i;
    header.write(tag, rec, 4, 'latin1');
    const sum = sums?.get(tag) ?? checksum(data);
    total = (total + sum) >>> 0;
    header.writeUInt32BE(sum, rec + 4);
    header.writeUInt32BE(offset, rec + 8);
    header.writeUInt32BE(data.length, rec + 12);
    if (tag === 'head') headAt = offset;
    const pad = (4 - (data.length % 4)) % 4;
    parts.push(data, Buffer.alloc(pad));
    offset += data.length + pad;
  });
  const font = Buffer.concat(parts);
  total = (total + checksum(header)) >>> 0;
  font.writeUInt32BE((0xb1b0afba - total) >>> 0, headAt + 8);
  return font;
}
