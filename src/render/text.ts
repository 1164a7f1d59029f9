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
import { usePageFont, type Doc, type EmbeddedFont } from './pdfkit-internals.js';
import type { StructureWriter } from './tags.js';

/**
 * Offsets up to this (in em) stay TJ adjustments: well below every reader's threshold for a
 * space, and kerning and rounding produce them by the thousand.
 */
const NEGLIGIBLE = 0.05;

/** A number as the content stream writes it: to three decimals, no negative zero. */
export const n = (v: number): string => {
  const k = Math.round(v * 1000);
  // (a justified line moves the pen by the same amount glyph after glyph)
  if (k === lastRounded) return lastWritten;
  lastRounded = k;
  lastWritten = k === 0 ? '0' : String(k / 1000);
  return lastWritten;
};
let lastRounded = 0;
let lastWritten = '0';

/**
 * Whether a glyph's text is all white space (what /^\s+$/u matches), asked about every
 * glyph: a look at the code units instead of a regular expression.
 */
export const blank = (text: string): boolean => {
  if (text.length === 1) return isWhiteSpace(text.charCodeAt(0));
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

/**
 * The glyphs of a chain of items, flat, for the writer to look ahead across items: scratch
 * reused from one text object to the next (a build draws some hundred thousand glyphs, and
 * an object per glyph was the renderer's largest allocation).
 */
const glyphs: PlacedGlyph[] = [];
/** Left edge on the page, pt, the item in the chain, and whether its text is blank, per glyph. */
let lefts = new Float64Array(256);
let itemOf = new Int32Array(256);
let blanks = new Uint8Array(256);

function flatten(chain: TextItem[]): number {
  let count = 0;
  for (const it of chain) count += it.glyphs.length;
  if (count > lefts.length) {
    const size = Math.max(count, 2 * lefts.length);
    lefts = new Float64Array(size);
    itemOf = new Int32Array(size);
    blanks = new Uint8Array(size);
  }
  let j = 0;
  for (let i = 0; i < chain.length; i++) {
    const it = chain[i];
    const gs = it.glyphs;
    for (let k = 0; k < gs.length; k++) {
      const g = gs[k];
      if (j < glyphs.length) glyphs[j] = g;
      else glyphs.push(g);
      lefts[j] = it.x + g.x;
      blanks[j] = blank(g.text) ? 1 : 0;
      itemOf[j++] = i;
    }
  }
  return count;
}

/**
 * (All 65,536 places made at once: CIDs are sparse, and an array written far past its end
 * turns into a slow dictionary.)
 */
const HEX: string[] = new Array<string>(0x10000);
/** A CID as a TJ string operand, `<00ab>`. */
export const hex = (cid: number): string => (HEX[cid] ??= `<${cid.toString(16).padStart(4, '0')}>`);

export class TextWriter {
  /** Colour operators by colour (a text object starts with one, from a handful of colours). */
  private readonly colorOps = new Map<string, string>();

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
    const count = flatten(chain);
    const gs = glyphs;
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
    // the font of the role last asked for (runs of glyphs share a role)
    let role: string | undefined;
    let f: EmbeddedFont | undefined;
    for (let j = 0; j < count; j++) {
      const g = gs[j];
      const x = lefts[j];
      if (itemOf[j] !== item) {
        flush();
        if (item >= 0) tags.end();
        // items with no glyphs still open and close their marked content
        for (let k = item + 1; k < itemOf[j]; k++) {
          tags.begin(chain[k].node, chain[k].artifact);
          tags.end();
        }
        item = itemOf[j];
        tags.begin(chain[item].node, chain[item].artifact);
      }
      // A space with nothing before it in the item has no ink and nothing to fold into.
      if (blanks[j]) continue;
      if (g.font !== role) {
        role = g.font;
        f = this.fontOf(role);
      }
      if (f !== font || g.size !== size) {
        flush();
        usePageFont(doc, f!);
        doc.addContent(`/${f!.id} ${n(g.size)} Tf`);
        font = f;
        size = g.size;
      }
      if (g.color !== color) {
        flush();
        color = g.color;
        let op = this.colorOps.get(color);
        if (op === undefined) this.colorOps.set(color, (op = colorOp(color, this.mode)));
        doc.addContent(op);
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
      while (k < count && itemOf[k] === item && blanks[k]) text += gs[k++].text;
      const subset = font!.subset;
      const upem = subset.unitsPerEm;
      const natural = subset.units(g.id);
      let advance = natural;
      if (k < count) {
        // What the composer put between this glyph and the next, in font units.
        const gap = ((lefts[k] - (at + (natural * g.size) / upem)) * upem) / g.size;
        if (text !== g.text || Math.abs(gap) > NEGLIGIBLE * upem) advance = Math.max(0, Math.round(natural + gap));
      }
      const cid = cidOf(font!, g.id, advance, natural, text);
      parts.push(hex(cid));
      // (the width the CID declares: the advance, in thousandths of an em)
      pen = at + (((advance * 1000) / upem) * g.size) / 1000;
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
  // Asked for every glyph drawn: found by one number and the text as it is, without making
  // the key string the CID table (and the page cache's programs) know a glyph by.
  const slot = slotOf(id, advance);
  const found = slot < 0 ? undefined : slotsOf(f);
  if (found) {
    const cid = found.cids.get(slot);
    if (cid !== undefined) {
      if (found.texts[cid] === text) return cid;
      const other = found.others.get(slot)?.get(text);
      if (other !== undefined) return other;
    }
  }
  const key = `${id} ${advance} ${text}`;
  let cid = f.cids.get(key);
  if (cid === undefined) {
    // The glyph as itself copies as the first text it is drawn with; another text, or another
    // advance, is a twin. (The width the PDF declares is the advance in the embedded font:
    // PDF/A compares them.)
    if (advance === natural) {
      const plain = f.subset.includeGlyph(id, text);
      if (f.subset.textOf(plain) === text) cid = plain;
    }
    cid ??= f.subset.addTwin(id, advance, text);
    f.cids.set(key, cid);
  }
  if (found) remember(found, slot, text, cid);
  return cid;
}

/**
 * A glyph and an advance as one small integer (a map keyed by it hashes no heap number):
 * glyph ids are 16-bit; advances are whole font units, under 2¹⁴ in practice. −1 otherwise
 * (such a glyph is found by its key string).
 */
const slotOf = (id: number, advance: number): number =>
  Number.isInteger(advance) && advance >= 0 && advance < 1 << 14 && id >= 0 && id < 1 << 16
    ? id * (1 << 14) + advance
    : -1;

/**
 * CIDs by font, then glyph and advance (slotOf), then text: the same as the font's `cids`,
 * found without a string. The first text a slot was drawn with is checked against `texts`
 * (by CID); other texts of the same slot (a typed space folded in) are under `others`.
 */
interface Slots {
  cids: Map<number, number>;
  texts: string[];
  others: Map<number, Map<string, number>>;
}
const byFont = new WeakMap<EmbeddedFont, Slots>();
/** The font asked about last, and its slots: runs of glyphs share a font. */
let lastFont: EmbeddedFont | undefined;
let lastSlots: Slots | undefined;

function slotsOf(f: EmbeddedFont): Slots {
  if (f === lastFont) return lastSlots!;
  let slots = byFont.get(f);
  if (!slots) byFont.set(f, (slots = { cids: new Map(), texts: [], others: new Map() }));
  lastFont = f;
  lastSlots = slots;
  return slots;
}

function remember(slots: Slots, slot: number, text: string, cid: number): void {
  const first = slots.cids.get(slot);
  if (first === undefined) {
    slots.cids.set(slot, cid);
    slots.texts[cid] = text;
  } else if (slots.texts[first] !== text) {
    let byText = slots.others.get(slot);
    if (!byText) slots.others.set(slot, (byText = new Map<string, number>()));
    byText.set(text, cid);
  }
}
