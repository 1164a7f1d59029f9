// Glyphs → text objects, so that what a reader copies is what the editor wrote.
//
// Text extraction (pdf.js, poppler, MuPDF) predicts where each glyph should start from the
// widths the PDF declares and puts a space wherever a glyph starts noticeably further right
// (pdf.js: a tenth of an em). Character spacing (Tc) and TJ offsets count as such gaps in
// pdf.js 5.6, so the space composition adds — the Han/Latin quarter em, tracking, a spread
// name, justification — goes into the advance of the glyph before it: that glyph is drawn
// as a twin (a composite of one component in the subset font) whose advance, and so its
// /W width, includes the space, and whose ToUnicode is the glyph's own text. Every reader
// then sees one wider glyph and copies nothing for the space. A space the editor typed is
// folded into the glyph before it the same way, its text appended (`2022 年`, `李　涛`):
// drawn as a glyph of its own, pdf.js would copy an ideographic space as U+0020.
import type { PlacedGlyph } from '../core/drawn.js';
import { colorOp, type ColorMode } from '../template/color.js';
import type { TextItem } from '../paginate/display.js';
import type { StructureWriter } from './tags.js';
import type { TrueTypeSubset } from './subset.js';

/** The parts of pdfkit's embedded font this renderer drives directly. */
export interface EmbeddedFont {
  id: string;
  subset: TrueTypeSubset;
  /** Declared widths (thousandths of an em) and text, by CID (= subset glyph index). */
  widths: number[];
  unicode: number[][];
  /** CIDs by glyph, advance (font units) and text. */
  cids: Map<string, number>;
  ref(): unknown;
}

export type Doc = PDFKit.PDFDocument & {
  _font: unknown;
  page: {
    fonts: Record<string, unknown>;
    height: number;
    dictionary: unknown;
    structParentTreeKey: number;
    annotations: unknown[];
  };
  addContent(s: string): Doc;
  appendXML(xml: string): void;
};

/**
 * Offsets up to this (in em) stay TJ adjustments: well below every reader's threshold for a
 * space, and kerning and rounding produce them by the thousand.
 */
const NEGLIGIBLE = 0.05;

export const n = (v: number): string => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/**
 * Whether a glyph's text is all white space (what /^\s+$/u matches), asked about every
 * glyph twice: a look at the code units instead of a regular expression.
 */
export const blank = (text: string): boolean => {
  if (!text.length) return false;
  for (let i = 0; i < text.length; i++) if (!isWhiteSpace(text.charCodeAt(i))) return false;
  return true;
};

/** ECMAScript's WhiteSpace and LineTerminator code points: \s. */
function isWhiteSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

interface Placed {
  g: PlacedGlyph;
  /** Left edge on the page, pt. */
  x: number;
  item: number;
}

export class TextWriter {
  constructor(
    private readonly doc: Doc,
    private readonly fontOf: (role: string) => EmbeddedFont,
    private readonly height: number,
    private readonly mode: ColorMode = 'rgb',
  ) {}

  /**
   * One text object for a text item and the items set in sequence after it (same baseline),
   * each item in its own marked content.
   */
  draw(chain: TextItem[], tags: StructureWriter): void {
    const doc = this.doc;
    const gs: Placed[] = [];
    chain.forEach((it, item) => {
      for (const g of it.glyphs) gs.push({ g, x: it.x + g.x, item });
    });
    const y = this.height - chain[0].y;
    doc.addContent(`q 1 0 0 -1 0 ${n(this.height)} cm BT`);
    let font: EmbeddedFont | undefined;
    let size = NaN;
    let color = '';
    let rise = 0;
    let started = false;
    let pen = 0; // where the next glyph would start, pt
    let parts: string[] = [];
    const flush = () => {
      if (parts.length) doc.addContent(`[${parts.join(' ')}] TJ`);
      parts = [];
    };
    let item = -1;
    for (let j = 0; j < gs.length; j++) {
      const { g, x } = gs[j];
      if (gs[j].item !== item) {
        flush();
        if (item >= 0) tags.end();
        // items with no glyphs still open and close their marked content
        for (let k = item + 1; k < gs[j].item; k++) {
          tags.begin(chain[k].node, chain[k].artifact);
          tags.end();
        }
        item = gs[j].item;
        tags.begin(chain[item].node, chain[item].artifact);
      }
      // A space with nothing before it in the item has no ink and nothing to fold into.
      if (blank(g.text)) continue;
      const f = this.fontOf(g.font);
      if (f !== font || g.size !== size) {
        flush();
        if (doc.page.fonts[f.id] == null) doc.page.fonts[f.id] = f.ref();
        doc.addContent(`/${f.id} ${n(g.size)} Tf`);
        font = f;
        size = g.size;
      }
      if (g.color !== color) {
        flush();
        doc.addContent(colorOp(g.color, this.mode));
        color = g.color;
      }
      if ((g.rise ?? 0) !== rise) {
        flush();
        rise = g.rise ?? 0;
        doc.addContent(`${n(rise)} Ts`);
      }
      if (!started) {
        // A turned item (a draft's watermark) turns about its origin; its glyphs run along the turned baseline.
        const a = ((chain[0].angle ?? 0) * Math.PI) / 180;
        const [cos, sin] = [Math.cos(a), Math.sin(a)];
        const x0 = chain[0].x;
        doc.addContent(
          a === 0
            ? `1 0 0 1 ${n(x)} ${n(y)} Tm`
            : `${n(cos)} ${n(sin)} ${n(-sin)} ${n(cos)} ${n(x0 + (x - x0) * cos)} ${n(y + (x - x0) * sin)} Tm`,
        );
        started = true;
        pen = x;
      }
      // The pen is moved only where it strays by more than rounding: a twin's advance, whole
      // font units, makes up for the drift before it.
      const shift = x - pen;
      const at = Math.abs(shift) > 0.01 ? x : pen;
      if (at !== pen) parts.push(n((-shift * 1000) / g.size));
      // Typed spaces right after the glyph (in its item) become part of its text.
      let text = g.text;
      let k = j + 1;
      while (k < gs.length && gs[k].item === item && blank(gs[k].g.text)) text += gs[k++].g.text;
      const upem = f.subset.unitsPerEm;
      const natural = f.subset.units(g.id);
      let advance = natural;
      if (k < gs.length) {
        // What the composer put between this glyph and the next, in font units.
        const gap = ((gs[k].x - (at + (natural * g.size) / upem)) * upem) / g.size;
        if (text !== g.text || Math.abs(gap) > NEGLIGIBLE * upem) advance = Math.max(0, Math.round(natural + gap));
      }
      const cid = cidOf(f, g.id, advance, natural, text);
      parts.push(`<${cid.toString(16).padStart(4, '0')}>`);
      pen = at + (f.widths[cid] * g.size) / 1000;
      j = k - 1;
    }
    flush();
    if (item >= 0) tags.end();
    for (let k = item + 1; k < chain.length; k++) {
      tags.begin(chain[k].node, chain[k].artifact);
      tags.end();
    }
    doc.addContent('ET Q');
  }
}

/**
 * The CID drawing glyph `id` with `advance` (font units) and copying as `text`: the subset's
 * own glyph when both are the glyph's own, else a twin of it.
 */
export function cidOf(f: EmbeddedFont, id: number, advance: number, natural: number, text: string): number {
  const key = `${id} ${advance} ${text}`;
  let cid = f.cids.get(key);
  if (cid !== undefined) return cid;
  const unicode = Array.from(text, (c) => c.codePointAt(0)!);
  const plain = f.subset.includeGlyph(id);
  if (f.unicode[plain] == null) {
    // a twin's original is in the subset too (the twin draws it): it copies as the same text
    f.widths[plain] = f.subset.width(plain);
    f.unicode[plain] = unicode;
  }
  if (advance === natural && f.unicode[plain].join() === unicode.join()) cid = plain;
  cid ??= f.subset.addTwin(id, advance);
  // The width the PDF declares is the glyph's advance in the embedded font (PDF/A compares them).
  f.widths[cid] = f.subset.width(cid);
  f.unicode[cid] = unicode;
  f.cids.set(key, cid);
  return cid;
}
