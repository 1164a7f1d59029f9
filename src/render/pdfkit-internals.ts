// Everything the renderer does to pdfkit beyond its documented API, in one place.
//
// Written against pdfkit 0.20.2 (node_modules/pdfkit/package.json). Each function below names
// the private member it relies on; tests/unit/pdfkit-internals.test.ts checks that every one of
// them is still there and still behaves so, and that the installed pdfkit is this version.
// After upgrading pdfkit, read the new js/pdfkit.js for each member named here (EmbeddedFont's
// constructor and embed(), PDFDocument's _font, _info, _root, _pageBuffer, flushPages,
// _addColorOutputIntent, openImage, PDFPage's dictionary/fonts/annotations/content,
// PDFReference's buffer/finalize, the tagged-PDF mixin), run that test, and only then change
// PDFKIT_VERSION.
import PDFDocument from 'pdfkit';
import type { TrueTypeSubset } from './subset.js';

/** The pdfkit release this module was written against. */
export const PDFKIT_VERSION = '0.20.2';

/** pdfkit's object reference (PDFReference): its dictionary, written when ended. */
export interface Ref {
  data: Record<string, unknown>;
  write(chunk: Buffer | string): void;
  end(chunk?: Buffer): void;
}

/** pdfkit's page (PDFPage), as far as the renderer reaches into it. */
export interface Page {
  /** Font resources of the page by resource name. */
  fonts: Record<string, unknown>;
  height: number;
  dictionary: Ref;
  /** The page's key in the structure parent tree (made on first use). */
  structParentTreeKey: number;
  annotations: Ref[];
}

/** pdfkit's document with the members the renderer uses that @types/pdfkit does not declare. */
export type Doc = Omit<PDFKit.PDFDocument, 'page' | 'ref' | 'getStructTreeRoot' | 'createStructParentTreeNextKey'> & {
  page: Page;
  addContent(s: string): Doc;
  appendXML(xml: string): void;
  ref(data?: Record<string, unknown>): Ref;
  /** Tagged PDF (pdfkit's markings mixin). */
  getStructTreeRoot(): Ref;
  getStructParentTree(): { get(key: number): unknown[]; add(key: number, value: unknown): void };
  createStructParentTreeNextKey(): number;
};

/** The parts of pdfkit's EmbeddedFont the renderer drives directly. */
export interface EmbeddedFont {
  /** Resource name (F1, F2 …). */
  id: string;
  /** Ours, in place of the fontkit subset pdfkit made: pdfkit calls its encode() when embedding. */
  subset: TrueTypeSubset;
  /** Declared widths (thousandths of an em) and text, by CID (= subset glyph index). */
  widths: number[];
  unicode: number[][];
  /** CIDs by glyph, advance (font units) and text. */
  cids: Map<string, number>;
  /** The font's dictionary, made on first use and written when the document ends. */
  ref(): unknown;
}

/**
 * What a document has written: its pieces in order, text (one byte a character, as pdfkit's
 * fromBinaryString makes it) and binary, and their length in bytes.
 */
class Written {
  readonly parts: (string | Uint8Array)[] = [];
  length = 0;

  /** The file: made once, when the document has ended. */
  bytes(): Buffer {
    const out = Buffer.allocUnsafe(this.length);
    let at = 0;
    for (const p of this.parts) {
      if (typeof p === 'string') at += out.write(p, at, 'latin1');
      else {
        out.set(p, at);
        at += p.length;
      }
    }
    if (at !== this.length) throw new Error(`pdfkit wrote ${this.length} bytes, ${at} were collected`);
    return out;
  }
}

const written = new WeakMap<object, Written>();

/**
 * pdfkit's document writing into memory. PDFDocument is a Readable stream whose `_write` turns
 * every line of every object it writes (some hundred thousand for a 300-page issue with its
 * structure tree) into bytes, a character at a time, and pushes each as a chunk of its own:
 * the stream's bookkeeping per chunk, and the chunks' garbage, cost more than writing the
 * file. Here `_write` keeps the text as it is, advancing `_offset` (the xref's offsets) by
 * exactly the bytes pdfkit would have pushed — the text's length and its newline — and the
 * file's bytes are made once at the end (documentBytes). The stream itself still ends (its
 * `_finalize` pushes null), which is when the file is complete.
 */
const InMemoryDocument = class extends (PDFDocument as unknown as new (options: object) => object) {
  _write(data: string | Uint8Array): void {
    let w = written.get(this);
    // (the constructor writes the header before this class's constructor body could run)
    if (!w) written.set(this, (w = new Written()));
    const self = this as unknown as { _offset: number };
    if (typeof data === 'string') {
      w.parts.push(data, '\n');
      self._offset += data.length + 1;
      w.length += data.length + 1;
    } else {
      w.parts.push(data);
      self._offset += data.length;
      w.length += data.length;
    }
  }
};

/**
 * A new document with no default font: every glyph is drawn in a font of the issue's. pdfkit
 * opens its `font` option (Helvetica unless given) as it starts, reading the AFM metrics for
 * nothing; a null font is skipped (initFonts). It writes into memory (InMemoryDocument): its
 * bytes are had from documentBytes, not from the stream's data events.
 */
export function newDocument(options: Omit<PDFKit.PDFDocumentOptions, 'font'>): Doc {
  return new InMemoryDocument({ ...options, font: null as unknown as string }) as unknown as Doc;
}

/** The file a document made by newDocument writes, once it has ended. */
export function documentBytes(doc: Doc): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(written.get(doc)!.bytes()));
    doc.on('error', reject);
    // (flowing, so that the stream ends once pdfkit pushes its end)
    doc.resume();
  });
}

/**
 * Registers a font under `name` and returns pdfkit's EmbeddedFont for it, its subset replaced
 * by ours. pdfkit parses `header` with fontkit (names, metrics, .notdef: see subset.ts
 * fontHeader) and makes a subset of it in the constructor; `doc.font()` leaves the font in the
 * private `_font`. When the document ends, EmbeddedFont.embed() writes `subset.encode()` as the
 * FontFile2 (and asks `subset.cff`, which ours leaves undefined: TrueType).
 */
export function embedFont(
  doc: Doc,
  name: string,
  header: Buffer,
  subset: () => TrueTypeSubset,
): { font: EmbeddedFont; fresh: boolean } {
  doc.registerFont(name, header);
  doc.font(name);
  const f = (doc as unknown as { _font: EmbeddedFont })._font;
  // Two names set in one font file (a bold role given the regular's file) are one font to
  // pdfkit, which hands back the object it made for the first: that keeps its subset, or the
  // glyphs drawn under the first name would be lost from the file.
  const fresh = !ours.has(f);
  if (fresh) {
    f.subset = subset();
    ours.add(f);
  }
  return { font: f, fresh };
}

/** pdfkit's fonts whose subset is ours already. */
const ours = new WeakSet<EmbeddedFont>();

/** Makes the current page use font `f` (its resource dictionary's /Font entry). */
export function usePageFont(doc: Doc, f: EmbeddedFont): void {
  const fonts = doc.page.fonts;
  if (fonts[f.id] == null) fonts[f.id] = f.ref();
}

/**
 * PDF/X's Trapped entry, as the name /False. pdfkit makes every Info entry a string, so the
 * entry goes into the Info dictionary as pdfkit closes it: end() makes the dictionary and
 * assigns it to the private `_info`, fills it, then ends it.
 */
export function declareUntrapped(doc: Doc): void {
  let info: Ref | undefined;
  Object.defineProperty(doc, '_info', {
    get: () => info,
    set(v: Ref) {
      info = v;
      const close = v.end.bind(v);
      v.end = () => {
        v.data.Trapped = 'False';
        close();
      };
    },
  });
}

/**
 * Writes the output intents with `write` in place of pdfkit's sRGB one: pdfkit calls the
 * private `_addColorOutputIntent` once, for a PDF/A document, as it ends. `write` is given
 * the catalog (the private `_root`) to set OutputIntents on.
 */
export function replaceOutputIntent(doc: Doc, write: (doc: Doc, catalog: Ref) => void): void {
  (doc as unknown as { _addColorOutputIntent(): void })._addColorOutputIntent = () =>
    write(doc, (doc as unknown as { _root: Ref })._root);
}

/** The page dictionary of the current page: for boxes pdfkit has no option for (TrimBox, BleedBox). */
export function pageDictionary(doc: Doc): Record<string, unknown> {
  return doc.page.dictionary.data;
}

/** The annotation made last on the current page (doc.link and doc.goTo return the document). */
export function lastAnnotation(doc: Doc): Ref {
  const a = doc.page.annotations;
  return a[a.length - 1];
}

/** pdfkit's opened image (PDFImage), or anything drawn like one (image-color.ts ConvertedImage). */
export interface OpenedImage {
  width: number;
  height: number;
  obj?: { offset?: number } | null;
  label: string;
  orientation?: number;
  embed(doc: unknown): void;
  /** Called by pdfkit when the image's data is ready (at once, or after unpacking a PNG). */
  finalize(): void;
}

/**
 * Draws an opened image: pdfkit's `image` takes any object with a width and a height as an
 * image already opened (and embeds it if its `obj` is not set yet).
 */
export function drawImage(doc: Doc, img: OpenedImage, x: number, y: number, width: number, height: number): void {
  doc.image(img as never, x, y, { width, height });
}

/** Opens an image from its bytes (pdfkit's `openImage`, which `doc.image` uses inside). */
export function openImage(doc: Doc, data: Buffer): OpenedImage {
  return (doc as unknown as { openImage(src: Buffer): OpenedImage }).openImage(data);
}

/**
 * Embeds an image and resolves once pdfkit has written it. A PNG with transparency (or
 * interlaced) is unpacked asynchronously and only then finalized; the wait is for that
 * call, however long a large picture takes, not a count of turns of the event loop.
 * pdfkit's image sets `obj` as it is written (its reference's offset is set then).
 */
export function embedImage(img: OpenedImage, doc: Doc): Promise<void> {
  return new Promise((resolve) => {
    // (a JPEG has no finalize: pdfkit writes it within embed())
    const finalize = typeof img.finalize === 'function' ? img.finalize.bind(img) : undefined;
    if (finalize)
      img.finalize = () => {
        finalize();
        resolve();
      };
    img.embed(doc);
    if (img.obj?.offset !== undefined) resolve();
  });
}
