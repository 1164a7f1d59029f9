// Display list → PDF bytes. pdfkit writes the file (objects, fonts, subsetting, outline,
// links); every glyph is placed here at the position layout chose — pdfkit's own text
// wrapping never decides a line.
import PDFDocument from 'pdfkit';
import type { PlacedGlyph } from '../compose/atoms.js';
import type { FontRegistry } from '../fonts/registry.js';
import type { DisplayList, ImageItem, TextItem } from '../paginate/display.js';
import type { ImageRef } from '../source/model.js';
import { fontHeader, TrueTypeSubset } from './subset.js';

/** The parts of pdfkit's embedded font this renderer drives directly. */
interface EmbeddedFont {
  id: string;
  subset: TrueTypeSubset;
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

type Doc = PDFKit.PDFDocument & {
  _font: EmbeddedFont;
  page: { fonts: Record<string, unknown>; height: number };
  addContent(s: string): Doc;
};

const n = (v: number): string => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

function rgb(hex: string): string {
  const v = parseInt(hex.slice(1), 16);
  return `${n(((v >> 16) & 255) / 255)} ${n(((v >> 8) & 255) / 255)} ${n((v & 255) / 255)}`;
}

export interface RenderOptions {
  producer: string;
}

export async function renderPdf(display: DisplayList, fonts: FontRegistry, o: RenderOptions): Promise<Buffer> {
  const { meta } = display;
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    // PDF/A-2b for the archive: fonts embedded, sRGB output intent, XMP metadata.
    subset: 'PDF/A-2b',
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords,
      Creator: o.producer,
      Producer: o.producer,
      // (no ModDate: PDF/A wants every Info entry mirrored in the XMP, which pdfkit writes without one)
      CreationDate: meta.date,
    },
  }) as unknown as Doc;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const embedded = new Map<string, EmbeddedFont>();
  const used = new Map<string, Set<number>>();
  const fontOf = (role: string): EmbeddedFont => {
    let f = embedded.get(role);
    if (!f) {
      const face = fonts.face(role);
      doc.registerFont(role, fontHeader(face.data));
      doc.font(role);
      f = doc._font;
      f.subset = new TrueTypeSubset(face.data);
      embedded.set(role, f);
    }
    return f;
  };
  const targets = new Set<number>();
  for (const p of display.pages) for (const it of p.items) if (it.kind === 'link' && it.page !== undefined) targets.add(it.page);
  const images = await embedImages(doc, display);

  display.pages.forEach((page, index) => {
    doc.addPage({ size: [display.width, display.height], margin: 0 });
    if (targets.has(index)) doc.addNamedDestination(`page-${index}`, 'XYZ', 0, display.height, null);
    for (const it of page.items) {
      if (it.kind === 'rule') {
        doc.save().lineWidth(it.width).strokeColor(it.color).moveTo(it.x1, it.y1).lineTo(it.x2, it.y2).stroke().restore();
      } else if (it.kind === 'image') {
        doc.image(images.get(it.image)! as never, it.x, it.y, { width: it.w, height: it.h });
      }
    }
    const text = page.items.filter((it): it is TextItem => it.kind === 'text' && it.glyphs.length > 0);
    if (text.length) {
      // Back to PDF's own y-up space for the text objects.
      doc.addContent(`q 1 0 0 -1 0 ${n(display.height)} cm BT`);
      for (const it of text) {
        drawText(doc, it, display.height, fontOf);
        for (const g of it.glyphs) {
          let ids = used.get(g.font);
          if (!ids) used.set(g.font, (ids = new Set()));
          ids.add(g.id);
        }
      }
      doc.addContent('ET Q');
    }
    for (const it of page.items) {
      if (it.kind !== 'link') continue;
      if (it.url) doc.link(it.x, it.y, it.w, it.h, it.url);
      else if (it.page !== undefined) doc.goTo(it.x, it.y, it.w, it.h, `page-${it.page}`);
    }
  });
  // Outlines are read from the font files only now, for just the glyphs drawn.
  for (const [role, ids] of used) fonts.loadGlyphs(role, ids);
  for (const e of display.outline) {
    doc.outline.addItem(e.title, { ...{ pageNumber: e.page, left: display.width, top: e.y } } as never);
  }
  doc.end();
  return done;
}

/** pdfkit's opened image: its object is written once `offset` is set. */
interface OpenedImage {
  obj?: { offset?: number } | null;
  embed(doc: unknown): void;
  /** Called by pdfkit when the image's data is ready (at once, or after unpacking a PNG). */
  finalize(): void;
}

/**
 * Embeds an image and resolves once pdfkit has written it. A PNG with transparency (or
 * interlaced) is unpacked asynchronously and only then finalized; the wait is for that
 * call, however long a large picture takes, not a count of turns of the event loop.
 * (The source stage has checked the data, and refused pictures too large for a page.)
 */
function embedded(img: OpenedImage, doc: Doc): Promise<void> {
  return new Promise((resolve) => {
    const finalize = img.finalize;
    img.finalize = function (this: OpenedImage) {
      finalize.call(this);
      resolve();
    };
    img.embed(doc);
    if (img.obj?.offset !== undefined) resolve();
  });
}

/**
 * Every picture is written once, before the pages, one after another: pdfkit unpacks PNGs
 * with transparency asynchronously, and two finishing in either order would change the
 * bytes of the file.
 */
async function embedImages(doc: Doc, display: DisplayList): Promise<Map<ImageRef, OpenedImage>> {
  const opened = new Map<ImageRef, OpenedImage>();
  const byPath = new Map<string, OpenedImage>();
  for (const p of display.pages) {
    for (const it of p.items) {
      if (it.kind !== 'image' || opened.has(it.image)) continue;
      const ref = (it as ImageItem).image;
      let img = byPath.get(ref.path);
      if (!img) {
        img = (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(ref.data);
        await embedded(img, doc);
        byPath.set(ref.path, img);
      }
      opened.set(ref, img);
    }
  }
  return opened;
}

function drawText(doc: Doc, it: TextItem, height: number, fontOf: (role: string) => EmbeddedFont): void {
  let k = 0;
  const gs = it.glyphs;
  let color = '';
  while (k < gs.length) {
    const first = gs[k];
    const font = fontOf(first.font);
    if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
    if (first.color !== color) {
      color = first.color;
      doc.addContent(`${rgb(color)} rg`);
    }
    const parts: string[] = [];
    let x = first.x; // where the pen stands after the previous glyph
    let j = k;
    while (j < gs.length && gs[j].font === first.font && gs[j].size === first.size && gs[j].color === first.color) {
      const g = gs[j];
      const gid = encode(font, g);
      const shift = g.x - x;
      if (j > k && Math.abs(shift) > 1e-4) parts.push(n((-shift * 1000) / g.size));
      parts.push(`<${gid.toString(16).padStart(4, '0')}>`);
      x = g.x + (font.widths[gid] * g.size) / 1000;
      j++;
    }
    doc.addContent(`/${font.id} ${n(first.size)} Tf 1 0 0 1 ${n(it.x + first.x)} ${n(height - it.y)} Tm [${parts.join(' ')}] TJ`);
    k = j;
  }
}

function encode(font: EmbeddedFont, g: PlacedGlyph): number {
  const gid = font.subset.includeGlyph(g.id);
  // The width the PDF declares is the font's own advance (not a kerned one): readers and
  // PDF/A validators compare the two.
  if (font.widths[gid] == null) font.widths[gid] = font.subset.advance(g.id);
  if (font.unicode[gid] == null) font.unicode[gid] = Array.from(g.text, (c) => c.codePointAt(0)!);
  return gid;
}
