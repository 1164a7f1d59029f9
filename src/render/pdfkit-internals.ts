// Everything the renderer does to pdfkit beyond its documented API, in one place.
//
// Written against pdfkit 0.20.2 (node_modules/pdfkit/package.json). Each function below names
// the private member it relies on; tests/unit/pdfkit-internals.test.ts checks that every one of
// them is still there and still behaves so, and that the installed pdfkit is this version.
// After upgrading pdfkit, read the new js/pdfkit.js for each member named here (EmbeddedFont's
// constructor and embed(), PDFDocument's _font, _info, _root, _pageBuffer, flushPages,
// _addColorOutputIntent, openImage, PDFPage's dictionary/fonts/annotations/content,
// PDFReference's buffer/finalize, the tagged-PDF mixin; PDFDocument.addContent writing every
// drawing operator, PDFPage's content stream, registerFont taking a fontkit font, EmbeddedFont's
// font and the fields embedCidFont reads), run that test, and only then change
// PDFKIT_VERSION.
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import { DEFAULT_WIDTH, toUnicodeCMap, widthsArray } from './cid-font.js';
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
 * private `_font`. When the document ends, its embed() — ours, embedCidFont — writes the font.
 *
 * Between documents of one process (the preview's rebuilds) the fontkit font pdfkit parsed
 * from the same header bytes is handed to it again (`registerFont` takes a fontkit font as it
 * takes bytes: anything with a `layout` method; the EmbeddedFont's `font`), and the font's
 * ToUnicode CMap is written as last time when its glyphs copy as the same text.
 */
export function embedFont(
  doc: Doc,
  name: string,
  header: Buffer,
  subset: () => TrueTypeSubset,
): { font: EmbeddedFont; fresh: boolean } {
  const known = parsedFonts.find((p) => p.header === header || p.header.equals(header));
  doc.registerFont(name, (known?.font ?? header) as Buffer);
  doc.font(name);
  const f = (doc as unknown as { _font: EmbeddedFont & { font: object } })._font;
  if (known) fontReuseStats.parsed++;
  else {
    parsedFonts.unshift({ header, font: f.font });
    parsedFonts.length = Math.min(parsedFonts.length, KEPT_FONTS);
  }
  // Two names set in one font file (a bold role given the regular's file) are one font to
  // pdfkit, which hands back the object it made for the first: that keeps its subset, or the
  // glyphs drawn under the first name would be lost from the file.
  const fresh = !ours.has(f);
  if (fresh) {
    f.subset = subset();
    ours.add(f);
    const font = f as PdfkitFont;
    font.embed = () => embedCidFont(doc, font, name);
  }
  return { font: f, fresh };
}

/** Fonts parsed lately (newest first), by the header bytes they were parsed from. */
const parsedFonts: { header: Buffer; font: object }[] = [];
/** More than the roles of a template or two (a process building many issues parses again). */
const KEPT_FONTS = 24;

/** Fonts not parsed again and CMaps not made again since the process started (tests, the benchmark). */
export const fontReuseStats = { parsed: 0, cmaps: 0 };

/**
 * The ToUnicode CMaps written lately, by font name: the CIDs in use with the text each copies
 * as (flattened: CID, the number of code points, then them), the CMap's content and its
 * compressed bytes. Bounded by the names in use (the roles of a template or two).
 */
const cmaps = new Map<string, { codes: Int32Array; content: string; zipped: Buffer }>();

function flatCodes(cids: readonly number[], textOf: (cid: number) => string): Int32Array {
  let n = 0;
  for (const c of cids) n += 2 + textOf(c).length;
  const out = new Int32Array(n);
  let i = 0;
  for (const c of cids) {
    const text = textOf(c);
    out[i++] = c;
    out[i++] = text.length;
    for (let k = 0; k < text.length; k++) out[i++] = text.charCodeAt(k);
  }
  return out;
}

function sameCodes(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** pdfkit's EmbeddedFont as embedCidFont reads it (fontkit's font: the header, subset.ts fontHeader). */
interface PdfkitFont extends EmbeddedFont {
  dictionary: Ref;
  ascender: number;
  descender: number;
  scale: number;
  embed(): void;
  font: {
    'OS/2'?: { sFamilyClass?: number };
    post: { isFixedPitch?: boolean };
    head: { macStyle: { italic?: boolean } };
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
    postscriptName?: string;
    italicAngle: number;
    capHeight?: number;
    ascent: number;
    xHeight?: number;
  };
}

/**
 * In place of EmbeddedFont.embed (called as the document ends): the Type 0 font with our
 * subset as its FontFile2, written as pdfkit writes it but for the CIDs — sparse and stable
 * (subset.ts) — which the CIDFont maps to subset glyphs with a CIDToGIDMap stream, lists in W
 * (those not an em wide) and in the ToUnicode CMap. The CMap is written as last time, content
 * and compressed bytes, when the CIDs in use copy as the same text as when a font of this
 * name was last embedded.
 */
function embedCidFont(doc: Doc, f: PdfkitFont, name: string): void {
  const subset = f.subset;
  const font = f.font;
  const fontFile = doc.ref();
  // (compressed by the subset, in segments: see TrueTypeSubset.zipped)
  zipWith(fontFile, () => subset.zipped());
  fontFile.end(subset.encode());
  const familyClass = (font['OS/2']?.sFamilyClass ?? 0) >> 8;
  let flags = 1 << 2; // symbolic: glyphs outside the standard Latin set
  if (font.post.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (font.head.macStyle.italic) flags |= 1 << 6;
  // The six-letter subset tag from the resource name (F1 → BAAAAA-like), as pdfkit makes it.
  const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((f.id.charCodeAt(i) || 73) + 17)).join('');
  const baseFont = `${tag}+${font.postscriptName?.replaceAll(' ', '_')}`;
  const { bbox } = font;
  const descriptor = doc.ref({
    Type: 'FontDescriptor',
    FontName: baseFont,
    Flags: flags,
    FontBBox: [bbox.minX * f.scale, bbox.minY * f.scale, bbox.maxX * f.scale, bbox.maxY * f.scale],
    ItalicAngle: font.italicAngle,
    Ascent: f.ascender,
    Descent: f.descender,
    CapHeight: (font.capHeight || font.ascent) * f.scale,
    XHeight: (font.xHeight || 0) * f.scale,
    StemV: 0,
    FontFile2: fontFile,
  });
  descriptor.end();
  const cids = subset.cids();
  const map = doc.ref();
  zipWith(map, () => subset.zippedMap());
  map.end(subset.cidToGidMap());
  const descendant = doc.ref({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: baseFont,
    CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
    FontDescriptor: descriptor,
    DW: DEFAULT_WIDTH,
    W: widthsArray(cids, (c) => subset.width(c)),
    CIDToGIDMap: map,
  });
  descendant.end();
  f.dictionary.data = {
    Type: 'Font',
    Subtype: 'Type0',
    BaseFont: baseFont,
    Encoding: 'Identity-H',
    DescendantFonts: [descendant],
    ToUnicode: toUnicodeStream(doc, f, name, cids),
  };
  f.dictionary.end();
}

function toUnicodeStream(doc: Doc, f: EmbeddedFont, name: string, cids: readonly number[]): Ref {
  const textOf = (c: number) => f.subset.textOf(c) ?? '';
  const codes = flatCodes(cids, textOf);
  const last = cmaps.get(name);
  const cmap = doc.ref();
  if (last && sameCodes(last.codes, codes)) {
    fontReuseStats.cmaps++;
    zipWith(cmap, () => last.zipped);
    cmap.end(last.content as unknown as Buffer);
    return cmap;
  }
  const content = toUnicodeCMap(cids, (c) => Array.from(textOf(c), (ch) => ch.codePointAt(0)!));
  zipWith(cmap, (chunks) => {
    const zipped = zlib.deflateSync(Buffer.concat(chunks));
    cmaps.delete(name);
    cmaps.set(name, { codes, content, zipped });
    for (const k of cmaps.keys()) if (cmaps.size > KEPT_FONTS) cmaps.delete(k);
    return zipped;
  });
  // (pdfkit takes a string as one byte a character: the CMap is ASCII)
  cmap.end(content as unknown as Buffer);
  return cmap;
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

/**
 * Sends what is drawn on the current page to `sink` instead of the page's content stream, until
 * the function returned is called (captures nest: the latest gets the pieces). Every drawing
 * call of pdfkit's (paths, colours, transforms) and the renderer's own operators go through
 * `addContent`, one piece of text per call; the pieces come as they were given, without the
 * newline pdfkit would end each with.
 */
export function captureContent(doc: Doc, sink: (piece: string) => void): () => void {
  return shadow(doc, 'addContent', ((piece: string) => {
    sink(piece);
    return doc;
  }) as Doc['addContent']);
}

/**
 * Sets `key` on `doc` as an own property over the prototype's method; the function returned
 * puts back what was there before (an own property of an earlier override, or none), so that
 * overrides nest and none is left behind.
 */
function shadow<K extends keyof Doc>(doc: Doc, key: K, value: Doc[K]): () => void {
  const before = Object.getOwnPropertyDescriptor(doc, key);
  doc[key] = value;
  return () => {
    if (before) Object.defineProperty(doc, key, before);
    else delete (doc as Partial<Doc>)[key];
  };
}

/** Writes bytes to the current page's content stream as they are (pdfkit takes bytes without adding a newline). */
export function addContentBytes(doc: Doc, bytes: Buffer): void {
  doc.addContent(bytes as unknown as string);
}

/**
 * Lets `zip` supply the compressed bytes of the current page's content stream. pdfkit
 * compresses a stream (zlib.deflateSync, its defaults) as the object is written — for a page,
 * when the next page is added or the document ends — from the chunks written to it (the
 * page's PDFReference `content`: its `buffer`, `compress` and `finalize`). `zip` is handed
 * those chunks then; what it returns is written as the stream (its Filter is FlateDecode
 * already), or with undefined pdfkit compresses them itself. It must return what
 * deflateSync would make of the chunks concatenated.
 */
export function zipPageContent(doc: Doc, zip: (chunks: readonly Uint8Array[]) => Buffer | undefined): void {
  zipWith((doc.page as unknown as { content: Ref }).content, zip);
}

/** A stream object's compressed bytes from `zip` (see zipPageContent). */
function zipWith(stream: Ref, zip: (chunks: readonly Uint8Array[]) => Buffer | undefined): void {
  const ref = stream as unknown as ContentStream;
  const finalize = ref.finalize.bind(ref);
  ref.finalize = () => {
    if (ref.compress && ref.buffer.length) {
      const data = zip(ref.buffer);
      if (data) {
        ref.buffer = [data];
        ref.compress = false;
      }
    }
    finalize();
  };
}

/** pdfkit's stream object (a PDFReference), as far as zipWith drives it. */
interface ContentStream {
  buffer: Uint8Array[];
  compress: boolean;
  finalize(): void;
}
