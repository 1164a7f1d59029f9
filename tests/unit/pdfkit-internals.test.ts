// The renderer reaches into pdfkit's private members through src/render/pdfkit-internals.ts
// only. This test fails loudly when pdfkit changes under it: the installed version must be the
// one the adapter was written against, and every private member it relies on must still be
// there and still behave as the adapter expects (each checked by what reaches the file).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it, vi } from 'vitest';
import {
  addContentBytes,
  captureContent,
  declareUntrapped,
  documentBytes,
  drawImage,
  embedFont,
  embedImage,
  fontReuseStats,
  lastAnnotation,
  newDocument,
  openImage,
  pageDictionary,
  PDFKIT_VERSION,
  replaceOutputIntent,
  usePageFont,
  zipPageContent,
  type Doc,
  type Ref,
} from '../../src/render/pdfkit-internals.js';
import { TrueTypeSubset } from '../../src/render/subset.js';
import { png } from '../helpers/bad-input.js';
import { ROOT } from '../helpers/build.js';

const installed = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/pdfkit/package.json'), 'utf8')) as { version: string }
).version;
const RECHECK =
  `pdfkit ${installed} is installed, src/render/pdfkit-internals.ts was written against ${PDFKIT_VERSION}. ` +
  `Re-check every private member its header lists in node_modules/pdfkit/js/pdfkit.js, fix the adapter, ` +
  `then set PDFKIT_VERSION to ${installed}`;

const LIBERATION = join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');

/** A document as the renderer makes it, uncompressed unless asked, so its objects can be read. */
function document(o: { compress?: boolean; pdfa?: boolean } = {}): { doc: Doc; done: Promise<Buffer> } {
  const doc = newDocument({
    autoFirstPage: false,
    compress: o.compress ?? false,
    pdfVersion: '1.7',
    tagged: true,
    subset: o.pdfa ? 'PDF/A-2a' : undefined,
    info: { Title: 't', CreationDate: new Date(Date.UTC(2024, 0, 31)) },
  });
  return { doc, done: documentBytes(doc) };
}

function ended(d: { doc: Doc; done: Promise<Buffer> }): Promise<string> {
  d.doc.end();
  return d.done.then((b) => b.toString('latin1'));
}

describe(`pdfkit as src/render/pdfkit-internals.ts knows it`, () => {
  it('is the version the adapter was written against', () => {
    expect(installed, RECHECK).toBe(PDFKIT_VERSION);
  });

  it('still has every private member the adapter uses', () => {
    const { doc } = document({ pdfa: true });
    const d = doc as unknown as Record<string, unknown>;
    for (const method of [
      '_addColorOutputIntent',
      'openImage',
      'flushPages',
      'getStructTreeRoot',
      'getStructParentTree',
      'createStructParentTreeNextKey',
      'addContent',
      'ref',
    ])
      expect(typeof d[method], `PDFDocument.${method}: ${RECHECK}`).toBe('function');
    expect(d._font, `PDFDocument._font (no default font): ${RECHECK}`).toBeNull();
    expect((d._root as Ref).data.Type, `PDFDocument._root: ${RECHECK}`).toBe('Catalog');
    expect(Array.isArray(d._pageBuffer), `PDFDocument._pageBuffer: ${RECHECK}`).toBe(true);
    doc.addPage({ size: [200, 200], margin: 0 });
    const page = doc.page as unknown as Record<string, unknown>;
    expect(typeof page.fonts, `PDFPage.fonts: ${RECHECK}`).toBe('object');
    expect(Array.isArray(page.annotations), `PDFPage.annotations: ${RECHECK}`).toBe(true);
    expect((page.dictionary as Ref).data.Type, `PDFPage.dictionary: ${RECHECK}`).toBe('Page');
    expect(typeof page.structParentTreeKey, `PDFPage.structParentTreeKey: ${RECHECK}`).toBe('number');
  });

  it('writes into memory the bytes its stream gives (_write, _offset, the xref)', async () => {
    const options = {
      autoFirstPage: false,
      compress: true,
      pdfVersion: '1.7' as const,
      tagged: true,
      subset: 'PDF/A-2a' as const,
      info: { Title: '科技情报 (t)', CreationDate: new Date(Date.UTC(2024, 0, 31)) },
    };
    const draw = (doc: Doc) => {
      for (let i = 0; i < 3; i++) {
        doc.addPage({ size: [200, 200], margin: 0 });
        doc.addContent(`0 0 m ${i} 10 l S`);
        doc.addContent(Buffer.from('0 g\n', 'latin1') as unknown as string);
        doc.goTo(10, 10, 20, 20, 'p0', { Contents: new String('→ 1') } as never);
        doc.addNamedDestination(`p${i}`);
      }
      (doc as unknown as { outline: { addItem(t: string): void } }).outline.addItem('一');
      doc.end();
    };
    const streamed = new PDFDocument({ ...options, font: null as unknown as string }) as unknown as Doc;
    const chunks: Buffer[] = [];
    streamed.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<Buffer>((resolve) => streamed.on('end', () => resolve(Buffer.concat(chunks))));
    draw(streamed);
    const inMemory = newDocument(options);
    const bytes = documentBytes(inMemory);
    draw(inMemory);
    const got = await bytes;
    expect(got.equals(await ended), `PDFDocument._write/_offset: ${RECHECK}`).toBe(true);
    // and the xref points at every object
    const text = got.toString('latin1');
    const xref = text.slice(text.lastIndexOf('xref\n')).split('\n').slice(3);
    for (let k = 0; xref[k]?.endsWith(' 00000 n '); k++)
      expect(text.startsWith(`${k + 1} 0 obj`, Number(xref[k].slice(0, 10)))).toBe(true);
  });

  it('opens no default font (no Helvetica in the file)', async () => {
    const d = document();
    d.doc.addPage({ size: [200, 200], margin: 0 });
    expect(await ended(d), RECHECK).not.toContain('Helvetica');
  });

  it('embeds our subset in place of its own: the FontFile2 is what subset.encode() gives', async () => {
    const d = document({ compress: true });
    const { doc } = d;
    doc.addPage({ size: [200, 200], margin: 0 });
    const data = readFileSync(LIBERATION);
    const subset = new TrueTypeSubset(data);
    const { font: f, fresh } = embedFont(doc, 'latin', data, () => subset);
    expect(fresh).toBe(true);
    expect(f.subset, RECHECK).toBe(subset);
    // the same file under a second name: pdfkit's one font, which keeps the subset it has
    const second = embedFont(doc, 'latin-again', data, () => new TrueTypeSubset(data));
    expect(second.font, `PDFDocument.font() returning its font for an equal file: ${RECHECK}`).toBe(f);
    expect(second.fresh).toBe(false);
    expect(f.subset).toBe(subset);
    expect(f.id, `EmbeddedFont.id: ${RECHECK}`).toMatch(/^F\d+$/);
    // what embedCidFont reads of pdfkit's EmbeddedFont and of the fontkit font it parsed
    const pf = f as unknown as Record<string, unknown> & { font: Record<string, unknown> };
    for (const k of ['scale', 'ascender', 'descender'])
      expect(typeof pf[k], `EmbeddedFont.${k}: ${RECHECK}`).toBe('number');
    expect(typeof pf.embed, `EmbeddedFont.embed: ${RECHECK}`).toBe('function');
    expect(typeof pf.font.italicAngle, `fontkit Font.italicAngle: ${RECHECK}`).toBe('number');
    expect(typeof pf.font.ascent, `fontkit Font.ascent: ${RECHECK}`).toBe('number');
    expect(pf.font.bbox, `fontkit Font.bbox: ${RECHECK}`).toHaveProperty('maxY');
    expect(pf.font.head, `fontkit Font.head.macStyle: ${RECHECK}`).toHaveProperty('macStyle');
    expect(pf.font.post, `fontkit Font.post: ${RECHECK}`).toHaveProperty('isFixedPitch');
    const cid = subset.includeGlyph(36, 'A');
    expect(cid).toBe(36); // a glyph drawn as itself: CID = glyph id (subset.ts)
    usePageFont(doc, f);
    expect(doc.page.fonts[f.id], `PDFPage.fonts: ${RECHECK}`).toBe(f.ref());
    doc.addContent(`BT /${f.id} 12 Tf <0024> Tj ET`);
    const encoded: Buffer[] = [];
    const encode = subset.encode.bind(subset);
    subset.encode = (extra) => {
      const b = encode(extra);
      encoded.push(b);
      return b;
    };
    const pdf = Buffer.from(await ended(d), 'latin1');
    expect(encoded, `our embed() (EmbeddedFont.embed replaced) did not call subset.encode(): ${RECHECK}`).toHaveLength(
      1,
    );
    // (compressed in segments by the subset: deflate-segments.ts)
    expect(zlib.inflateSync(subset.zipped()).equals(encoded[0])).toBe(true);
    expect(pdf.includes(subset.zipped()), `the FontFile2 is not our subset: ${RECHECK}`).toBe(true);
    const map = subset.cidToGidMap();
    expect(map).toHaveLength(2 * 37);
    expect(map.readUInt16BE(2 * 36)).toBe(1); // A is the subset's glyph 1, after .notdef
    expect(zlib.inflateSync(subset.zippedMap()).equals(map)).toBe(true);
    expect(pdf.includes(subset.zippedMap()), 'the CIDToGIDMap stream is not the subset’s').toBe(true);
    const text = pdf.toString('latin1');
    expect(text).toMatch(new RegExp(`/Font <<\\n/${f.id} \\d+ 0 R`));
    expect(text).toMatch(/\/Subtype \/CIDFontType2/);
    expect(text).toMatch(/\/CIDToGIDMap \d+ 0 R/);
    // an em is the default width; A's is declared: 1366 units of 2048
    expect(text).toMatch(/\/DW 1000/);
    expect(text).toMatch(/\/W \[36 \[666\.99\d*\]\]/);
  });

  it('parses a font once for many documents, and writes its ToUnicode CMap again as it was for the same text', async () => {
    const data = readFileSync(LIBERATION);
    /** A document drawing `glyphs` (id → code point) in the font; its streams inflated. */
    const make = async (glyphs: [number, number][]) => {
      const d = document({ compress: true });
      d.doc.addPage({ size: [200, 200], margin: 0 });
      const subset = new TrueTypeSubset(data);
      const { font: f } = embedFont(d.doc, 'cmap-test', data, () => subset);
      for (const [id, code] of glyphs) subset.includeGlyph(id, String.fromCodePoint(code));
      usePageFont(d.doc, f);
      d.doc.addContent(`BT /${f.id} 12 Tf <${glyphs[0][0].toString(16).padStart(4, '0')}> Tj ET`);
      const pdf = Buffer.from(await ended(d), 'latin1');
      const streams: string[] = [];
      for (const m of pdf.toString('latin1').matchAll(/stream\n/g)) {
        const from = m.index + m[0].length;
        const to = pdf.indexOf('\nendstream', from);
        try {
          streams.push(zlib.inflateSync(pdf.subarray(from, to)).toString('latin1'));
        } catch {
          streams.push('');
        }
      }
      return { pdf, cmap: streams.find((x) => x.includes('begincmap')) };
    };
    const before = { ...fontReuseStats };
    const a = await make([[36, 0x41]]);
    const b = await make([[36, 0x41]]);
    expect(fontReuseStats.parsed - before.parsed, `registerFont with a fontkit font: ${RECHECK}`).toBeGreaterThan(0);
    expect(fontReuseStats.cmaps - before.cmaps, 'the CMap was not written again as it was').toBe(1);
    expect(a.cmap, 'no ToUnicode CMap stream').toContain('<0024> <0041>');
    expect(b.pdf.equals(a.pdf), 'a document made again is not the same bytes').toBe(true);
    // Other text: the CMap is made afresh.
    const c = await make([[37, 0x42]]);
    expect(fontReuseStats.cmaps - before.cmaps).toBe(1);
    expect(c.cmap).toContain('<0025> <0042>');
    expect(c.cmap).not.toContain('<0041>');
  });

  it('lets the Info dictionary say Trapped /False, as a name', async () => {
    const d = document();
    declareUntrapped(d.doc);
    d.doc.addPage({ size: [200, 200], margin: 0 });
    const pdf = await ended(d);
    expect(pdf, `PDFDocument._info is no longer set then ended by end(): ${RECHECK}`).toMatch(
      /\/Title \d+ 0 R\n\/Trapped \/False\n>>/,
    );
  });

  it('writes our output intents in place of the sRGB one, on the catalog', async () => {
    const d = document({ pdfa: true });
    const calls: Ref[] = [];
    replaceOutputIntent(d.doc, (doc, catalog) => {
      calls.push(catalog);
      const r = doc.ref({ Type: 'OutputIntent', S: 'GTS_TEST' });
      r.end();
      catalog.data.OutputIntents = [r];
    });
    d.doc.addPage({ size: [200, 200], margin: 0 });
    const pdf = await ended(d);
    expect(calls, `PDFDocument._addColorOutputIntent is no longer called for PDF/A: ${RECHECK}`).toHaveLength(1);
    expect(calls[0].data.Type, `PDFDocument._root: ${RECHECK}`).toBe('Catalog');
    expect(pdf).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
    expect(pdf).toContain('/S /GTS_TEST');
    expect(pdf, 'pdfkit wrote its own sRGB output intent as well').not.toContain('GTS_PDFA1');
  });

  it('writes boxes set on the page dictionary, and finds the annotation just made', async () => {
    const d = document();
    const { doc } = d;
    doc.addPage({ size: [200, 200], margin: 0 });
    Object.assign(pageDictionary(doc), { TrimBox: [1, 2, 3, 4] });
    doc.link(10, 10, 20, 20, 'https://example.org/');
    expect(lastAnnotation(doc).data.Subtype, `PDFPage.annotations: ${RECHECK}`).toBe('Link');
    doc.goTo(10, 40, 20, 20, 'there');
    expect((lastAnnotation(doc).data.A as Ref).data.D, RECHECK).toEqual(new String('there'));
    expect(await ended(d)).toMatch(/\/TrimBox \[1 2 3 4\]/);
  });

  it('waits for a PNG unpacked asynchronously, and draws an image object already opened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdfkit-'));
    await png(join(dir, 'a.png'), 8, 8, 6); // with alpha: pdfkit splits it off asynchronously
    await png(join(dir, 'b.png'), 8, 8, 2);
    const d = document();
    const { doc } = d;
    const alpha = openImage(doc, readFileSync(join(dir, 'a.png')));
    const plain = openImage(doc, readFileSync(join(dir, 'b.png')));
    expect(alpha.label, `openImage: ${RECHECK}`).toBe('I1');
    const waiting = embedImage(alpha, doc);
    expect(alpha.obj?.offset, 'the transparent PNG was written at once: embedImage needs re-checking').toBeUndefined();
    await waiting;
    expect(typeof alpha.obj?.offset, `PDFImage.finalize / obj: ${RECHECK}`).toBe('number');
    await embedImage(plain, doc);
    expect(typeof plain.obj?.offset, RECHECK).toBe('number');
    doc.addPage({ size: [200, 200], margin: 0 });
    drawImage(doc, alpha, 10, 10, 50, 50);
    const pdf = await ended(d);
    expect(pdf).toContain('/I1 Do');
    expect(pdf).toMatch(/\/XObject <<\n\/I1 \d+ 0 R/);
  });
});

describe('what other render modules rely on', () => {
  it('captures what is drawn, pdfkit’s own operators too, until released; nested captures (page-cache.ts)', async () => {
    const d = document();
    const { doc } = d;
    doc.addPage({ size: [200, 200], margin: 0 });
    const outer: string[] = [];
    const inner: string[] = [];
    const releaseOuter = captureContent(doc, (s) => outer.push(s));
    doc.save();
    const releaseInner = captureContent(doc, (s) => inner.push(s));
    doc.lineWidth(2);
    releaseInner();
    doc.restore();
    releaseOuter();
    expect(outer, `PDFDocument's drawing methods no longer go through this.addContent: ${RECHECK}`).toEqual(['q', 'Q']);
    expect(inner, RECHECK).toEqual(['2 w']);
    // bytes are taken as they are, text gets a newline; nothing captured reached the page
    addContentBytes(doc, Buffer.from('0 g\n1 G\n', 'latin1'));
    doc.addContent('EMC');
    const pdf = await ended(d);
    expect(pdf, `PDFReference.write: ${RECHECK}`).toMatch(/stream\n1 0 0 -1 0 200 cm\n0 g\n1 G\nEMC\n\s*endstream/);
    expect(pdf).not.toMatch(/2 w|\bq\b/);
  });

  it('writes the compressed bytes zipPageContent supplies for a page’s content, or compresses itself (page-cache.ts)', async () => {
    const d = document({ compress: true });
    const { doc } = d;
    const given: string[][] = [];
    doc.addPage({ size: [200, 200], margin: 0 });
    doc.addContent('0 0 m 10 10 l S');
    const first = zlib.deflateSync(Buffer.from('1 0 0 -1 0 200 cm\n0 0 m 10 10 l S\n', 'latin1'), { level: 9 });
    zipPageContent(doc, (chunks) => {
      given.push(chunks.map((c) => Buffer.from(c).toString('latin1')));
      return first;
    });
    doc.addPage({ size: [200, 200], margin: 0 });
    addContentBytes(doc, Buffer.from('1 1 m S\n', 'latin1'));
    zipPageContent(doc, () => undefined);
    const pdf = Buffer.from(await ended(d), 'latin1');
    expect(given, `PDFPage.content's buffer as written: ${RECHECK}`).toEqual([
      ['1 0 0 -1 0 200 cm\n', '0 0 m 10 10 l S\n'],
    ]);
    expect(pdf.includes(Buffer.concat([Buffer.from('stream\n'), first, Buffer.from('\nendstream')])), RECHECK).toBe(
      true,
    );
    expect(pdf.toString('latin1')).toMatch(new RegExp(`/Length ${first.length}\\n/Filter /FlateDecode`));
    const second = zlib.deflateSync(Buffer.from('1 0 0 -1 0 200 cm\n1 1 m S\n', 'latin1'));
    expect(pdf.includes(second), 'the page left to pdfkit is not compressed as before').toBe(true);
  });

  it('compresses each stream through zlib.deflateSync, looked up when called (deflate-cache.ts)', async () => {
    const d = document({ compress: true });
    d.doc.addPage({ size: [200, 200], margin: 0 });
    d.doc.addContent('0 0 m 10 10 l S');
    const spy = vi.spyOn(zlib, 'deflateSync');
    let given: string[];
    try {
      await ended(d);
      // (read before mockRestore(), which forgets the calls)
      given = spy.mock.calls.map(([data]) => Buffer.from(data as Uint8Array).toString('latin1'));
    } finally {
      spy.mockRestore();
    }
    expect(given, `PDFReference.finalize no longer calls zlib.deflateSync: ${RECHECK}`).toContain(
      '1 0 0 -1 0 200 cm\n0 0 m 10 10 l S\n',
    );
  });

  it('keeps the tagged-PDF plumbing tags.ts uses', () => {
    const { doc } = document();
    doc.addPage({ size: [200, 200], margin: 0 });
    const key = doc.page.structParentTreeKey;
    expect(doc.page.structParentTreeKey, RECHECK).toBe(key);
    const next = doc.createStructParentTreeNextKey();
    expect(next, RECHECK).toBe(key + 1);
    const parents = doc.getStructParentTree().get(key);
    expect(parents, `getStructParentTree().get: ${RECHECK}`).toEqual([]);
    parents.push('x');
    expect(doc.getStructParentTree().get(key)).toEqual(['x']);
    expect(doc.getStructTreeRoot().data.Type, RECHECK).toBe('StructTreeRoot');
  });
});
