// Display list → PDF bytes. pdfkit writes the file (objects, fonts, subsetting, outline,
// links); every glyph is placed here at the position layout chose — pdfkit's own text
// wrapping never decides a line.
import type { FontRegistry } from '../fonts/registry.js';
import type { DisplayList, ImageItem, OutlineEntry, TextItem } from '../paginate/display.js';
import type { ImageRef } from '../source/model.js';
import { colorOp, type ColorMode } from '../template/color.js';
import { rememberDeflate } from './deflate-cache.js';
import { keepSegments } from './deflate-segments.js';
import { ConvertedImage, convertPixels, decodePixels } from './image-color.js';
import { BLEED, cropMarks, PDFX_XMP, SLUG, type OutputProfile } from './print.js';
import { identificationXmp } from './xmp.js';
import { t, type Text } from '../core/text.js';
import { fontHeader, TrueTypeSubset } from './subset.js';

import { CidTable, drawPage, newRendering, pageKey } from './page-cache.js';
import {
  declareUntrapped,
  documentBytes,
  drawImage,
  embedFont,
  embedImage,
  lastAnnotation,
  newDocument,
  openImage,
  pageDictionary,
  replaceOutputIntent,
  type Doc,
  type EmbeddedFont,
  type OpenedImage,
} from './pdfkit-internals.js';
import { StructureWriter } from './tags.js';
import { TextWriter } from './text.js';

export interface RenderOptions {
  producer: string;
  /** Colours as RGB (default), DeviceCMYK for the print shop, or grey. */
  color?: ColorMode;
  /** Crop marks and a 3 mm bleed around every page (TrimBox and BleedBox). */
  marks?: boolean;
  /** With CMYK: the output profile naming the printing condition (PDF/X-4's output intent). */
  profile?: OutputProfile | null;
  /** Pages kept for the next rendering of the process to replay (default); off for a one-off build. */
  remember?: boolean;
  /**
   * Work for the main thread while the fonts compress on the thread pool (the build's
   * proofreading): called once, after the pages are drawn.
   */
  meanwhile?: () => void;
}

/** What the print options made of the file, for the build's report. */
export interface PrintReport {
  /** PDF/X-4 claimed, or why not. */
  pdfx?: { claimed: true; profile: string } | { claimed: false; why: Text };
  /** PDF/A-2a claimed (the archive's standard; not with CMYK unless PDF/X-4 holds too). */
  pdfa: boolean;
}

/**
 * PDF/UA-1 beside PDF/A-2a in the XMP: the pdfuaid schema is not one PDF/A predefines, so
 * it comes with its PDF/A extension-schema description.
 */
const PDFUA_XMP = identificationXmp({
  namespace: 'http://www.aiim.org/pdfua/ns/id/',
  prefix: 'pdfuaid',
  property: 'part',
  value: '1',
  valueType: 'Integer',
  schema: 'PDF/UA identification',
  description: 'The part of ISO 14289 the file conforms to',
});

export async function renderPdf(
  display: DisplayList,
  fonts: FontRegistry,
  o: RenderOptions,
  report?: PrintReport,
): Promise<Buffer> {
  const { meta } = display;
  const mode: ColorMode = o.color ?? 'rgb';
  // PDF/X-4 with CMYK: a CMYK output profile to name the condition (pictures are converted
  // to CMYK, so the file's only device colours are CMYK and grey). PDF/A-2 shares the output intent.
  const x4 = mode === 'cmyk' && !!o.profile;
  const pdfa = mode !== 'cmyk' || x4;
  if (report) {
    report.pdfa = pdfa;
    if (mode === 'cmyk')
      report.pdfx = x4
        ? { claimed: true, profile: o.profile!.description }
        : { claimed: false, why: t('pdfx.no-profile') };
  }
  const slug = o.marks ? SLUG : 0;
  rememberDeflate(o.remember !== false);
  keepSegments(o.remember !== false);
  const doc = newDocument({
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    // Tagged (PDF/UA-1), and PDF/A-2a for the archive: fonts embedded, sRGB output intent,
    // XMP metadata, the logical structure.
    tagged: true,
    subset: pdfa ? 'PDF/A-2a' : undefined,
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
  } as PDFKit.PDFDocumentOptions);
  if (x4) {
    // PDF/X: the Info dictionary says whether the file was trapped (Trapped /False).
    declareUntrapped(doc);
    // One CMYK output intent for both standards, in place of pdfkit's sRGB one.
    replaceOutputIntent(doc, (doc, catalog) => {
      const profile = doc.ref({ Length: o.profile!.data.length, N: 4 });
      profile.write(o.profile!.data);
      profile.end();
      const intent = (s: string) => {
        const r = doc.ref({
          Type: 'OutputIntent',
          S: s,
          Info: new String(o.profile!.description),
          OutputConditionIdentifier: new String(o.profile!.description),
          RegistryName: new String(''),
          DestOutputProfile: profile,
        });
        r.end();
        return r;
      };
      catalog.data.OutputIntents = [intent('GTS_PDFX'), intent('GTS_PDFA1')];
    });
  }
  const done = documentBytes(doc);

  const embedded = new Map<string, EmbeddedFont>();
  const fontOf = (role: string): EmbeddedFont => {
    let f = embedded.get(role);
    if (!f) {
      const face = fonts.face(role);
      const outlines = fonts.outlines(role);
      const { font, fresh } = embedFont(
        doc,
        role,
        fontHeader(face.data, outlines),
        () => new TrueTypeSubset(face.data, outlines),
      );
      f = font;
      if (fresh) f.cids = new CidTable();
      embedded.set(role, f);
    }
    return f;
  };
  const targets = new Set<number>();
  for (const p of display.pages)
    for (const it of p.items) if (it.kind === 'link' && it.page !== undefined) targets.add(it.page);
  const images = await embedImages(doc, display, mode);
  const tags = new StructureWriter(doc);
  const text = new TextWriter(doc, fontOf, display.height, mode);
  const context = `${mode}|${display.width}|${display.height}|${slug}`;
  newRendering();

  display.pages.forEach((page, index) => {
    doc.addPage({ size: [display.width + 2 * slug, display.height + 2 * slug], margin: 0 });
    if (o.marks || mode === 'cmyk') {
      const box = (d: number) => [slug - d, slug - d, slug + display.width + d, slug + display.height + d];
      Object.assign(pageDictionary(doc), {
        TrimBox: box(0),
        BleedBox: box(o.marks ? BLEED : 0),
      });
    }
    if (o.marks) {
      // Crop marks in every ink (registration), outside the bleed; then the page, moved onto the trim box.
      doc.addContent('/Artifact BMC');
      doc.save().lineWidth(0.25);
      if (mode === 'rgb') doc.strokeColor('#000000');
      else doc.addContent(mode === 'cmyk' ? '1 1 1 1 K' : '0 G');
      for (const [x1, y1, x2, y2] of cropMarks(slug, slug, display.width, display.height))
        doc.moveTo(x1, y1).lineTo(x2, y2);
      doc.stroke().restore();
      doc.addContent('EMC');
      doc.translate(slug, slug);
    }
    if (targets.has(index)) doc.addNamedDestination(`page-${index}`, 'XYZ', slug, slug + display.height, null);
    // Drawn in reading order, each item marked as its element's content or as an Artifact;
    // a page drawn in an earlier build of the process is replayed (render/page-cache.ts).
    const items = page.items;
    drawPage(doc, page, o.remember === false ? null : pageKey(page, context), tags, fonts, embedded, fontOf, () => {
      for (let k = 0; k < items.length; k++) {
        const it = items[k];
        if (it.kind === 'link') continue;
        if (it.kind === 'text') {
          // A text item and those set in sequence after it are one text object: the pen
          // carries on, and the composer's space between them copies as nothing.
          const chain = [it];
          while (k + 1 < items.length && items[k + 1].kind === 'text' && (items[k + 1] as TextItem).continues)
            chain.push(items[++k] as TextItem);
          // (an empty item still holds its element's place in the structure: an empty table cell)
          if (chain.every((c) => !c.glyphs.length && !c.node)) continue;
          text.draw(chain, tags);
          continue;
        }
        tags.begin(it.node, it.artifact);
        if (it.kind === 'rule') {
          doc.save().lineWidth(it.width);
          if (mode === 'rgb') doc.strokeColor(it.color.slice(0, 7));
          else doc.addContent(colorOp(it.color, mode, true));
          doc.moveTo(it.x1, it.y1).lineTo(it.x2, it.y2).stroke().restore();
        } else {
          drawImage(doc, images.get(it.image)!, it.x, it.y, it.w, it.h);
        }
        tags.end();
      }
    });
    for (const it of items) {
      if (it.kind !== 'link') continue;
      const label = it.label ?? it.url ?? (it.page !== undefined ? `→ ${it.page + 1}` : '');
      const tag = it.node ? tags.linkParent(it.node) : undefined;
      const options = { Contents: new String(label), ...(tag ? { StructParent: tag.key } : {}) };
      if (it.url) doc.link(it.x, it.y, it.w, it.h, it.url, options as never);
      else if (it.page !== undefined) doc.goTo(it.x, it.y, it.w, it.h, `page-${it.page}`, options as never);
      else continue;
      if (tag) tags.annotated(tag.element, lastAnnotation(doc));
    }
  });
  // Outlines are read from the font files only now, for just the glyphs drawn.
  for (const [role, f] of embedded) fonts.loadGlyphs(role, f.subset.glyphs());
  // The subsets are what they will be now: compressed on the thread pool while the outline,
  // the structure tree and `meanwhile` (the build's proofreading) are done here; the fonts'
  // embedding as the document ends finds the segments ready (deflate-segments.ts).
  const ahead = Promise.all([...new Set(embedded.values())].map((f) => f.subset.compressAhead()));
  // Nested as the contents are: an article's sections under its title, closed.
  type Outline = { addItem(title: string, o: unknown): Outline };
  const addOutline = (parent: Outline, entries: OutlineEntry[]): void => {
    for (const e of entries) {
      const item = parent.addItem(e.title, {
        ...{ pageNumber: e.page, left: display.width + 2 * slug - slug, top: e.y + slug },
      });
      if (e.children?.length) addOutline(item, e.children);
    }
  };
  addOutline(doc.outline as unknown as Outline, display.outline);
  tags.finish();
  doc.appendXML(PDFUA_XMP);
  if (x4) doc.appendXML(PDFX_XMP);
  o.meanwhile?.();
  await ahead;
  doc.end();
  return done;
}

/**
 * Every picture is written once, before the pages, one after another: pdfkit unpacks PNGs
 * with transparency asynchronously, and two finishing in either order would change the
 * bytes of the file.
 */
async function embedImages(doc: Doc, display: DisplayList, mode: ColorMode): Promise<Map<ImageRef, OpenedImage>> {
  const opened = new Map<ImageRef, OpenedImage>();
  const byPath = new Map<string, OpenedImage>();
  for (const p of display.pages) {
    for (const it of p.items) {
      if (it.kind !== 'image' || opened.has(it.image)) continue;
      const ref = (it as ImageItem).image;
      let img = byPath.get(ref.path);
      if (!img) {
        img = openImage(doc, ref.data);
        if (mode !== 'rgb') {
          // In the print's colours: pdfkit's opening gives the label and the JPEG's orientation.
          const { label, orientation } = img;
          img = new ConvertedImage(
            label,
            convertPixels(await decodePixels(ref), mode),
            orientation ?? 1,
          ) as unknown as OpenedImage;
        }
        await embedImage(img, doc);
        byPath.set(ref.path, img);
      }
      opened.set(ref, img);
    }
  }
  return opened;
}
