// A TrueType subsetter working on the font's bytes: the glyphs a document uses, with the
// tables a PDF's FontFile2 needs (head, hhea, hmtx, maxp, loca, glyf, cvt, fpgm, prep). Byte
// copies only — outlines are never decoded — which makes embedding a CJK subset several
// times faster than a general-purpose subsetter.
//
// CIDs are stable: they do not depend on the order glyphs are first drawn in. A glyph drawn
// as itself is CID = its glyph id; a twin (the glyph under another advance or text, see
// `addTwin`) gets a CID hashed from what it is, above the font's glyph ids. The subset holds
// its glyphs in one canonical order (by glyph id, then the twins by glyph and advance), and
// the CIDFont's CIDToGIDMap (`cidToGidMap`) says which subset glyph each CID draws. An edit
// near the start of an issue that draws a glyph earlier than before, or a new one, then
// leaves every later page's content stream as it was: the preview replays those pages'
// bytes and compressed streams as they are (render/page-cache.ts).
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
import { deflateSegmented, deflateSegmentsAhead } from './deflate-segments.js';

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

/** Identity-H codes are two bytes: CIDs 0..0xffff. */
const CID_COUNT = 0x10000;

/** What a CID draws: a glyph of the font, with an advance in font units, and the text it copies as. */
interface Drawn {
  id: number;
  advance: number;
  text: string;
}

/** The subset's glyphs in order, and which of them each CID draws. */
interface Layout {
  /** Subset glyph → the font's glyph it is (a twin: the glyph it repeats). */
  ids: number[];
  /** Subset glyph → its advance where it is a twin (another advance than the glyph's own). */
  twins: Map<number, number>;
  /** Font glyph → its subset glyph (components are added as assembling meets them). */
  sub: Map<number, number>;
  /** CID → subset glyph, for the CIDs in use. */
  cids: Map<number, number>;
  /** The glyphs drawn (by id) come first, this many; then twins and composites' parts. */
  bases: number;
}

/** A subset's encoding: the FontFile2 and the CIDToGIDMap stream's content. */
interface Encoded {
  font: Buffer;
  map: Buffer;
  /** Where the font's bytes are cut for compressing in segments (see `zipped`). */
  cuts: number[];
  zipped?: Buffer;
  zippedMap?: Buffer;
}

/** Subsets encoded lately, by font data, then CIDs and what they draw (TrueTypeSubset.encode). */
const encoded = new WeakMap<Buffer, Map<string, Encoded>>();
const KEPT_SUBSETS = 4;

/**
 * The CID a twin is given unless another took it first: a hash (FNV-1a) of the glyph, the
 * advance and the text, above the font's glyph ids where there is room for a few thousand
 * twins, else anywhere past .notdef.
 */
export function twinHome(glyphCount: number, id: number, advance: number, text: string): number {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h = Math.imul(h ^ v, 0x01000193);
  };
  mix(id & 0xffff);
  mix(id >>> 16);
  mix(advance & 0xffff);
  mix(advance >>> 16);
  for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
  const from = twinsFrom(glyphCount);
  return from + ((h >>> 0) % (CID_COUNT - from));
}

/** Where twins' CIDs start: above the glyph ids, unless the font leaves no room there. */
const twinsFrom = (glyphCount: number): number => (CID_COUNT - glyphCount >= 4096 ? glyphCount : 1);

export class TrueTypeSubset {
  private readonly tables: Map<string, TableRecord>;
  private readonly metrics: HorizontalMetrics;
  /** head.unitsPerEm: units of the font's design grid per em. */
  readonly unitsPerEm: number;
  /** maxp.numGlyphs: CIDs from here up are free for twins. */
  readonly glyphCount: number;
  /** CIDs in use and what they draw. */
  private readonly drawn = new Map<number, Drawn>();
  /** The CID of each glyph drawn as itself. */
  private readonly plain = new Map<number, number>();
  private last: { cids: readonly number[]; extra: string; out: Encoded } | undefined;
  /** `cids()`, until a CID is claimed. */
  private sorted: number[] | undefined;

  constructor(
    private readonly data: Buffer,
    private readonly outline?: Outlines,
  ) {
    this.tables = readTableDirectory(data);
    this.metrics = new HorizontalMetrics(data, this.tables);
    this.unitsPerEm = unitsPerEm(data, this.tables);
    const maxp = this.tables.get('maxp');
    this.glyphCount = maxp ? data.readUInt16BE(maxp.offset + 4) : 0;
  }

  /**
   * The CID of glyph `id` drawn as itself, with its own advance: the glyph id, unless a twin
   * took that CID first (only in a font of nearly 65,536 glyphs, whose twins have no room
   * above the glyph ids). It copies as the `text` it is first asked for with.
   */
  includeGlyph(id: number, text = ''): number {
    let cid = this.plain.get(id);
    if (cid === undefined) {
      cid = this.claim(id, { id, advance: this.metrics.advance(id), text });
      this.plain.set(id, cid);
    }
    return cid;
  }

  /** The text CID `cid` copies as (its ToUnicode entry). */
  textOf(cid: number): string | undefined {
    return this.drawn.get(cid)?.text;
  }

  /**
   * The glyph under a CID of its own, with another advance (font units) or copying as another
   * text: in the subset a composite glyph of one component where the advance differs, so it
   * costs a few bytes, not the outline. Space the composer adds after a glyph (the Han/Latin
   * quarter em, tracking, justification) goes into the advance of such a twin, so text
   * extraction sees one wider glyph and no gap. Its CID is found from the glyph, the advance
   * and the text alone (a hash), so that it is the same whatever was drawn before it.
   */
  addTwin(id: number, advance: number, text = ''): number {
    return this.claim(twinHome(this.glyphCount, id, advance, text), { id, advance, text }, twinsFrom(this.glyphCount));
  }

  /** `home`, or the first CID after it not in use (past the last, from `first` again). */
  private claim(home: number, what: Drawn, first = 1): number {
    let cid = home;
    while (this.drawn.has(cid)) {
      cid = cid + 1 < CID_COUNT ? cid + 1 : first;
      if (cid === home) throw new Error('TrueTypeSubset: all 65,535 CIDs of the font are in use');
    }
    this.drawn.set(cid, what);
    this.sorted = undefined;
    return cid;
  }

  /** A glyph's advance in font units, from the font's hmtx. */
  units(id: number): number {
    return this.metrics.advance(id);
  }

  /** The advance CID `cid` declares, in thousandths of an em. */
  width(cid: number): number {
    const d = this.drawn.get(cid);
    return ((d ? d.advance : this.units(cid)) * 1000) / this.unitsPerEm;
  }

  /** The font's glyphs the CIDs in use draw, ascending (without the parts of composites). */
  glyphs(): number[] {
    const ids = new Set<number>([0]);
    for (const d of this.drawn.values()) ids.add(d.id);
    return [...ids].sort((a, b) => a - b);
  }

  /** The CIDs in use, ascending. */
  cids(): readonly number[] {
    return (this.sorted ??= [...this.drawn.keys()].sort((a, b) => a - b));
  }

  /**
   * The subset font; `extra` names further tables to copy as they are (OS/2, name, post).
   * The bytes follow from the font and what each CID draws alone: a rebuild in the same
   * process (the preview) whose fonts drew the same glyphs as one of the last few gets those
   * bytes again without assembling them.
   */
  encode(extra: string[] = []): Buffer {
    return this.encoded(extra).font;
  }

  /**
   * The CIDToGIDMap stream's content: the subset glyph of every CID from 0 to the largest in
   * use, two bytes each (0, .notdef, for a CID not in use).
   */
  cidToGidMap(): Buffer {
    return this.encoded([]).map;
  }

  /**
   * The FontFile2 as a zlib stream, compressed in segments (deflate-segments.ts): the table
   * directory and the tables before the outlines; the outlines of the glyphs drawn as
   * themselves; the twins, composites' parts and the tables after. An edit that brings a
   * twin (most edits: a line set anew has new spacing) compresses again the first and the
   * last, a few kilobytes, not the outlines (the stress issue's serif subset is 1.2 MB).
   */
  zipped(): Buffer {
    const e = this.encoded([]);
    return (e.zipped ??= deflateSegmented(e.font, e.cuts));
  }

  /** The CIDToGIDMap stream compressed (in one piece: it changes with every CID). */
  zippedMap(): Buffer {
    const e = this.encoded([]);
    return (e.zippedMap ??= deflateSegmented(e.map, []));
  }

  /** Compresses on the thread pool the segments of the font and the map `zipped` and `zippedMap` will not find. */
  compressAhead(): Promise<void> {
    const e = this.encoded([]);
    return Promise.all([deflateSegmentsAhead(e.font, e.cuts), deflateSegmentsAhead(e.map, [])]).then(() => undefined);
  }

  private encoded(extra: string[]): Encoded {
    const cids = this.cids();
    if (this.last && this.last.cids === cids && this.last.extra === extra.join(',')) return this.last.out;
    let key = `${extra.join(',')}|`;
    for (const c of cids) {
      const d = this.drawn.get(c)!;
      key += `${c}:${d.id}:${d.advance},`;
    }
    let byKey = encoded.get(this.data);
    if (!byKey) encoded.set(this.data, (byKey = new Map<string, Encoded>()));
    let out = byKey.get(key);
    if (!out) {
      const layout = this.layout(cids);
      const { font, cuts } = this.assemble(layout, extra);
      const top = cids.length ? cids[cids.length - 1] : 0;
      const map = Buffer.alloc(2 * (top + 1));
      for (const [cid, sub] of layout.cids) map.writeUInt16BE(sub, 2 * cid);
      out = { font, map, cuts };
      byKey.set(key, out);
      for (const k of byKey.keys()) if (byKey.size > KEPT_SUBSETS) byKey.delete(k);
    }
    this.last = { cids, extra: extra.join(','), out };
    return out;
  }

  /**
   * The subset's glyphs in their one order: .notdef, the glyphs drawn (as themselves or by a
   * twin) by id, then the twins that change the advance, by glyph and advance. Twins of one
   * glyph and advance that copy as different texts share a subset glyph.
   */
  private layout(cids: readonly number[]): Layout {
    const natural = (d: Drawn) => d.advance === this.metrics.advance(d.id);
    const ids = this.glyphs();
    const bases = ids.length;
    const sub = new Map<number, number>();
    ids.forEach((id, k) => sub.set(id, k));
    const pair = (d: Drawn) => `${d.id} ${d.advance}`;
    // one subset glyph per glyph and advance, however many texts its twins copy as
    const pairs = new Map<string, Drawn>();
    for (const c of cids) {
      const d = this.drawn.get(c)!;
      if (!natural(d)) pairs.set(pair(d), d);
    }
    const twins = new Map<number, number>();
    const twinSub = new Map<string, number>();
    for (const [key, d] of [...pairs].sort(([, a], [, b]) => a.id - b.id || a.advance - b.advance)) {
      twinSub.set(key, ids.length);
      twins.set(ids.length, d.advance);
      ids.push(d.id);
    }
    const byCid = new Map<number, number>();
    for (const c of cids) {
      const d = this.drawn.get(c)!;
      byCid.set(c, natural(d) ? sub.get(d.id)! : twinSub.get(pair(d))!);
    }
    return { ids, twins, sub, cids: byCid, bases };
  }

  /**
   * The subset written straight into the one buffer it is returned in: tables laid out first
   * (every glyph is known once composites have pulled in their parts), each outline copied
   * once from the font, checksums summed over the result.
   */
  private assemble(layout: Layout, extra: string[]): { font: Buffer; cuts: number[] } {
    const d = this.data;
    const index = locaIndex(d, this.tables);
    if (!index) throw new Error('TrueTypeSubset: the font has no glyf outlines (CFF fonts are not subset here)');
    const hm = this.metrics;
    const { ids, twins, sub } = layout;

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
      if (twins.has(k) && length >= GLYPH_HEADER_SIZE) kind = TWIN;
      else if (isComposite(src, at, at + length)) {
        kind = COMPOSITE;
        const g = src;
        forEachComponent(g, at, at + length, (idAt) => {
          const part = g.readUInt16BE(idAt);
          if (!sub.has(part)) {
            sub.set(part, ids.length);
            ids.push(part);
          }
        });
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
    const cuts = [glyf];
    for (let k = 0; k < count; k++) {
      const id = ids[k];
      const at = glyf + off;
      const kind = kinds[k];
      if (k === layout.bases) cuts.push(at);
      out.writeUInt32BE(off, loca + 4 * k);
      if (kind === TWIN) {
        // A composite glyph drawing subset glyph `sub` unmoved: numberOfContours −1, the
        // original's bounding box, one component (ARGS_ARE_XY_VALUES, byte offsets 0, 0).
        out.writeInt16BE(-1, at);
        sources[k].copy(out, at + 2, starts[k] + 2, starts[k] + GLYPH_HEADER_SIZE);
        out.writeUInt16BE(0x0002, at + 10);
        out.writeUInt16BE(sub.get(id)!, at + 12);
        off += padded(TWIN_SIZE);
      } else {
        sources[k].copy(out, at, starts[k], starts[k] + lengths[k]);
        if (kind === COMPOSITE)
          forEachComponent(out, at, at + lengths[k], (idAt) =>
            out.writeUInt16BE(sub.get(out.readUInt16BE(idAt))!, idAt),
          );
        off += padded(lengths[k]);
      }
      out.writeUInt16BE(twins.get(k) ?? hm.advance(id), hmtx + 4 * k);
      out.writeInt16BE(hm.lsb(id), hmtx + 4 * k + 2);
    }
    out.writeUInt32BE(off, loca + 4 * count);
    cuts.push(glyf + padded(glyfLength));

    const head = where.get('head')!;
    out.writeUInt32BE(0, head + 8); // checkSumAdjustment, filled in below
    out.writeInt16BE(1, head + 50); // long loca offsets
    out.writeUInt16BE(count, where.get('hhea')! + 34);
    const maxp = where.get('maxp')!;
    out.writeUInt16BE(count, maxp + 4);
    if (twins.size && out.readUInt32BE(maxp) >= 0x00010000) {
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
    return { font: out, cuts };
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
