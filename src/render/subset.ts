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

/**
 * The font as pdfkit needs to see it: names, metrics and the .notdef glyph, without the
 * 30,000-entry loca and cmap that fontkit would otherwise decode on every build. The
 * glyphs themselves go through a TrueTypeSubset of the real font.
 */
export function fontHeader(data: Buffer, outline?: Outlines): Buffer {
  return new TrueTypeSubset(data, outline).encode(['OS/2', 'name', 'post']);
}

/**
 * Where a glyph's outline is read from when the font's bytes do not hold it (a SparseFont's
 * `outline`): its bytes, or undefined for one not read, which is then taken from the font's.
 */
export type Outlines = (id: number) => Buffer | undefined;

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

  constructor(
    private readonly data: Buffer,
    private readonly outline?: Outlines,
  ) {
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

  /**
   * The subset written straight into the one buffer it is returned in: tables laid out first
   * (every glyph is known once composites have pulled in their parts), each outline copied
   * once from the font, checksums summed over the result.
   */
  private assemble(extra: string[]): Buffer {
    const d = this.data;
    const index = locaIndex(d, this.tables);
    if (!index) throw new Error('TrueTypeSubset: the font has no glyf outlines (CFF fonts are not subset here)');
    const hm = this.metrics;
    const ids = this.ids;

    // Where each glyph's outline is in the font, and what it becomes: a twin (16 bytes), a
    // composite (its components renumbered, and included if new: appended as they are met),
    // or the outline as it is.
    const sources: Buffer[] = [];
    const starts: number[] = [];
    const lengths: number[] = [];
    const kinds: number[] = [];
    let glyfLength = 0;
    for (let k = 0; k < ids.length; k++) {
      let src = this.outline?.(ids[k]);
      let at = 0;
      let length: number;
      if (src) length = src.length;
      else {
        src = d;
        const [from, to] = glyphSpan(d, index, ids[k]);
        at = index.glyf + from;
        // (as a copy of the bytes would be: cut short at the end of the file)
        length = Math.max(0, Math.min(index.glyf + to, d.length) - Math.min(at, d.length));
      }
      let kind = PLAIN;
      if (this.variants.has(k) && length >= GLYPH_HEADER_SIZE) kind = TWIN;
      else if (isComposite(src, at, at + length)) {
        kind = COMPOSITE;
        const g = src;
        forEachComponent(g, at, at + length, (idAt) => this.includeGlyph(g.readUInt16BE(idAt)));
      }
      sources.push(src);
      starts.push(at);
      lengths.push(length);
      kinds.push(kind);
      // glyph data stays 4-byte aligned so that long loca offsets stay valid everywhere
      glyfLength += padded(kind === TWIN ? TWIN_SIZE : length);
    }
    const count = ids.length;

    const sizes = new Map<string, number>();
    const copied = (tag: string): boolean => {
      const t = this.tables.get(tag);
      if (t) sizes.set(tag, d.subarray(t.offset, t.offset + t.length).length);
      return !!t;
    };
    for (const tag of ['head', 'hhea', 'maxp'])
      if (!copied(tag)) throw new Error(`TrueTypeSubset: the font has no ${tag} table`);
    sizes.set('glyf', glyfLength);
    sizes.set('hmtx', 4 * count);
    sizes.set('loca', 4 * (count + 1));
    for (const tag of ['cvt ', 'fpgm', 'prep', ...extra]) copied(tag);

    // Offset table and directory (tags sorted), then the tables in that order.
    const tags = [...sizes.keys()].sort();
    const n = tags.length;
    let pow = 1;
    let log = 0;
    while (pow * 2 <= n) {
      pow *= 2;
      log++;
    }
    const where = new Map<string, number>();
    let total = 12 + 16 * n;
    for (const tag of tags) {
      where.set(tag, total);
      total += padded(sizes.get(tag)!);
    }
    // zero-filled: the padding after each glyph and table
    const out = Buffer.alloc(total);
    out.writeUInt32BE(0x00010000, 0);
    out.writeUInt16BE(n, 4);
    out.writeUInt16BE(pow * 16, 6);
    out.writeUInt16BE(log, 8);
    out.writeUInt16BE(n * 16 - pow * 16, 10);

    for (const tag of tags) {
      const t = this.tables.get(tag);
      if (t && tag !== 'glyf' && tag !== 'hmtx' && tag !== 'loca')
        d.copy(out, where.get(tag), t.offset, t.offset + sizes.get(tag)!);
    }
    const glyf = where.get('glyf')!;
    const loca = where.get('loca')!;
    const hmtx = where.get('hmtx')!;
    let off = 0;
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      const at = glyf + off;
      const kind = kinds[k];
      out.writeUInt32BE(off, loca + 4 * k);
      if (kind === TWIN) {
        // A composite glyph drawing subset glyph `sub` unmoved: numberOfContours −1, the
        // original's bounding box, one component (ARGS_ARE_XY_VALUES, byte offsets 0, 0).
        out.writeInt16BE(-1, at);
        sources[k].copy(out, at + 2, starts[k] + 2, starts[k] + GLYPH_HEADER_SIZE);
        out.writeUInt16BE(0x0002, at + 10);
        out.writeUInt16BE(this.map.get(id)!, at + 12);
        off += padded(TWIN_SIZE);
      } else {
        sources[k].copy(out, at, starts[k], starts[k] + lengths[k]);
        if (kind === COMPOSITE)
          forEachComponent(out, at, at + lengths[k], (idAt) =>
            out.writeUInt16BE(this.map.get(out.readUInt16BE(idAt))!, idAt),
          );
        off += padded(lengths[k]);
      }
      out.writeUInt16BE(this.variants.get(k)?.advance ?? hm.advance(id), hmtx + 4 * k);
      out.writeInt16BE(hm.lsb(id), hmtx + 4 * k + 2);
    }
    out.writeUInt32BE(off, loca + 4 * count);

    const head = where.get('head')!;
    out.writeUInt32BE(0, head + 8); // checkSumAdjustment, filled in below
    out.writeInt16BE(1, head + 50); // long loca offsets
    out.writeUInt16BE(count, where.get('hhea')! + 34);
    const maxp = where.get('maxp')!;
    out.writeUInt16BE(count, maxp + 4);
    if (this.variants.size && out.readUInt32BE(maxp) >= 0x00010000) {
      // Twins are composites one level above what they repeat.
      out.writeUInt16BE(Math.max(out.readUInt16BE(maxp + 10), out.readUInt16BE(maxp + 6)), maxp + 10);
      out.writeUInt16BE(Math.max(out.readUInt16BE(maxp + 12), out.readUInt16BE(maxp + 8)), maxp + 12);
      out.writeUInt16BE(Math.max(out.readUInt16BE(maxp + 28), 1), maxp + 28);
      out.writeUInt16BE(out.readUInt16BE(maxp + 30) + 1, maxp + 30);
    }

    // Each table's checksum (over its padding, which is zero) in the directory; the file's is
    // the directory's plus the tables'.
    let sum = 0;
    tags.forEach((tag, i) => {
      const rec = 12 + 16 * i;
      const at = where.get(tag)!;
      const size = sizes.get(tag)!;
      const check = checksum(out, at, at + padded(size));
      out.write(tag, rec, 4, 'latin1');
      out.writeUInt32BE(check, rec + 4);
      out.writeUInt32BE(at, rec + 8);
      out.writeUInt32BE(size, rec + 12);
      sum = (sum + check) >>> 0;
    });
    sum = (sum + checksum(out, 0, 12 + 16 * n)) >>> 0;
    out.writeUInt32BE((0xb1b0afba - sum) >>> 0, head + 8);
    return out;
  }
}

const PLAIN = 0;
const TWIN = 1;
const COMPOSITE = 2;
/** A twin's outline: header, one component's flags, index and two byte offsets. */
const TWIN_SIZE = 16;

const padded = (length: number): number => (length + 3) & ~3;

/** The sum of the big-endian 32-bit words in [from, to) (a multiple of 4 long), mod 2³². */
function checksum(b: Uint8Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i += 4) sum = (sum + ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3])) >>> 0;
  return sum;
}
