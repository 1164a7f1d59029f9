// Output for the print shop, read back from the PDF: CMYK colours and the output intent,
// grey for office printers, crop marks with trim and bleed boxes, and the booklet imposed in
// the order a printer folds (4, 6, 8 and 13 pages, and any count).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { bookletOrder, imposeBooklet } from '../../src/render/impose.js';
import { findCmykProfile } from '../../src/render/print.js';
import { canonicalColor, colorOp } from '../../src/template/color.js';
import type { DisplayList } from '../../src/paginate/display.js';
import { copyIssue, ROOT, SAMPLE } from '../helpers/build.js';
import { drawings } from '../helpers/drawing.js';
import { readPdf, squash } from '../helpers/pdf.js';

const MM = 72 / 25.4;

function open(pdf: Buffer): mupdf.PDFDocument {
  return mupdf.Document.openDocument(pdf, 'application/pdf') as mupdf.PDFDocument;
}

/** The page's content stream as text (one stream per page here). */
function content(doc: mupdf.PDFDocument, page: number): string {
  return doc.findPage(page).get('Contents').readStream().asString();
}

const box = (doc: mupdf.PDFDocument, page: number, name: string) => {
  const b = doc.findPage(page).get(name);
  return b.isNull() ? null : [0, 1, 2, 3].map((k) => Math.round(b.get(k).asNumber() * 100) / 100);
};

/** The pages as the folded booklet reads them: outer sheets' fronts and backs, then back out. */
function folded(sides: [number | null, number | null][]): (number | null)[] {
  const sheets = sides.length / 2;
  const out: (number | null)[] = [];
  for (let s = 0; s < sheets; s++) out.push(sides[2 * s][1], sides[2 * s + 1][0]);
  for (let s = sheets - 1; s >= 0; s--) out.push(sides[2 * s + 1][1], sides[2 * s][0]);
  return out;
}

describe('saddle-stitch order', () => {
  const oneBased = (n: number) => bookletOrder(n).map(([l, r]) => [l === null ? '-' : l + 1, r === null ? '-' : r + 1]);

  it('4 pages: one sheet, 4|1 and 2|3', () =>
    expect(oneBased(4)).toEqual([
      [4, 1],
      [2, 3],
    ]));

  it('6 pages: two blanks at the end', () =>
    expect(oneBased(6)).toEqual([
      ['-', 1],
      [2, '-'],
      [6, 3],
      [4, 5],
    ]));

  it('8 pages: two sheets, nested', () =>
    expect(oneBased(8)).toEqual([
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]));

  it('13 pages: four sheets, three blanks at the end', () =>
    expect(oneBased(13)).toEqual([
      ['-', 1],
      [2, '-'],
      ['-', 3],
      [4, 13],
      [12, 5],
      [6, 11],
      [10, 7],
      [8, 9],
    ]));

  it('folds into the right order for any page count, every page once (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), (n) => {
        const sides = bookletOrder(n);
        const total = Math.ceil(n / 4) * 4;
        const read = folded(sides);
        return sides.length === total / 2 && read.every((p, k) => (k < n ? p === k : p === null));
      }),
    );
  });

  it('puts the right page of each pair at the sheet’s right half, links and outline following', () => {
    const page = (k: number) => ({
      items: [{ kind: 'link' as const, x: 1, y: 1, w: 1, h: 1, page: (k + 1) % 6 }],
      folio: k + 1,
    });
    const display: DisplayList = {
      width: 100,
      height: 200,
      pages: Array.from({ length: 6 }, (_, k) => page(k)),
      outline: [{ title: 't', page: 4, y: 0 }],
      meta: { title: 'x', author: '', subject: '', keywords: '', date: new Date(0) },
    };
    const imposed = imposeBooklet(display);
    expect(imposed.width).toBe(200);
    expect(imposed.pages).toHaveLength(4);
    // side 2 (front of the inner sheet) holds page 6 left and page 3 right
    const [left, right] = imposed.pages[2].items as { x: number; page: number }[];
    expect([left.x, right.x]).toEqual([1, 101]);
    // page 6 links to page 1 (side 0), page 3 to page 4 (side 3)
    expect([left.page, right.page]).toEqual([0, 3]);
    expect(imposed.outline[0].page).toBe(3); // page 5 is on side 3
  });
});

describe('the sample imposed as an A5 booklet', async () => {
  const result = await build(SAMPLE, { root: ROOT, template: 'a5-booklet', impose: 'booklet' });
  const pages = result.pages;
  const sides = readPdf(result.booklet!).pages;
  const width = (148 * MM * 100) / 100;

  it('prints two A5 pages on each side of an A4 sheet, blanks making a multiple of four', () => {
    expect(sides).toHaveLength(Math.ceil(pages / 4) * 2);
    // (two A5 pages of 148 mm: the A4 sheet's 297 less the half millimetre A5 rounds away)
    for (const s of sides) expect([s.width / MM, s.height / MM].map(Math.round)).toEqual([296, 210]);
  });

  it('has each page’s folio on the half of the side the fold puts it', () => {
    const order = bookletOrder(pages);
    sides.forEach((s, k) => {
      const folio = (half: 0 | 1) =>
        squash(
          s.chars
            .filter((c) => c.y > s.height - 40 && (half ? c.x0 > width : c.x1 < width))
            .map((c) => c.c)
            .join(''),
        );
      order[k].forEach((p, half) => {
        // page 1 (the cover) and blank pages carry no folio
        expect(folio(half as 0 | 1), `side ${k + 1}, ${half ? 'right' : 'left'}`).toBe(
          p === null || p === 0 ? '' : `—${p + 1}—`,
        );
      });
    });
  });
});

describe('--cmyk', async () => {
  const profile = findCmykProfile(ROOT);
  if (!profile)
    process.stderr.write(
      'print: no CMYK output profile on this machine (apt-get install libgs-common): PDF/X-4 checks reduced\n',
    );
  const result = await build(SAMPLE, { root: ROOT, template: 'gongwen', cmyk: true });
  const doc = open(result.pdf);

  it('sets the 红头 red as 0/100/100/0 and black text as K alone, with no RGB anywhere', () => {
    const page1 = content(doc, 0);
    expect(page1).toContain('0 1 1 0 k'); // the masthead's name
    expect(page1).toContain('0 1 1 0 K'); // its rule
    expect(page1).toContain('0 0 0 1 k'); // black text
    for (let p = 0; p < doc.countPages(); p++) expect(content(doc, p)).not.toMatch(/\b(rg|RG)\b|DeviceRGB/);
  });

  it('gives the default template’s red, #d7000f on screen, as 0/100/100/0 in print', async () => {
    const r = await build(SAMPLE, { root: ROOT, cmyk: true, check: false });
    expect(content(open(r.pdf), 0)).toContain('0 1 1 0 k');
    expect(colorOp('#d7000f', 'cmyk')).toBe('0 1 0.93 0.157 k'); // without the template's cmyk()
    expect(canonicalColor('cmyk(0,100,100,0)')).toBe('#ff0000 cmyk(0,100,100,0)');
    expect(canonicalColor('#FF0000 cmyk(0, 100, 100, 0)')).toBe('#ff0000 cmyk(0,100,100,0)');
    expect(canonicalColor('cmyk(0,100,100,120)')).toBeNull();
  });

  it.skipIf(!profile)('declares PDF/X-4 with a CMYK output intent shared with PDF/A-2, trim boxes and Trapped', () => {
    expect(result.print.pdfx).toEqual({ claimed: true, profile: profile!.description });
    const intents = doc.getTrailer().get('Root').get('OutputIntents');
    const kinds = [0, 1].map((k) => intents.get(k).get('S').asName());
    expect(kinds).toEqual(['GTS_PDFX', 'GTS_PDFA1']);
    expect(intents.get(0).get('DestOutputProfile').get('N').asNumber()).toBe(4);
    const xmp = doc.getTrailer().get('Root').get('Metadata').readStream().asString();
    expect(xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(doc.getTrailer().get('Info').get('Trapped').asName()).toBe('False');
    for (let p = 0; p < doc.countPages(); p++) expect(box(doc, p, 'TrimBox')).toEqual(box(doc, p, 'MediaBox'));
  });
});

/** Every image XObject the file holds (pictures and their soft masks): colour space and decoded bytes. */
function imageObjects(doc: mupdf.PDFDocument): { space: string; width: number; bytes: Uint8Array }[] {
  const out: { space: string; width: number; bytes: Uint8Array }[] = [];
  const seen = new Set<number>();
  for (let p = 0; p < doc.countPages(); p++) {
    const xo = doc.findPage(p).get('Resources').get('XObject');
    if (xo.isNull()) continue;
    xo.forEach((obj) => {
      if (seen.has(obj.asIndirect())) return;
      seen.add(obj.asIndirect());
      const image = (o: mupdf.PDFObject) =>
        out.push({
          space: o.get('ColorSpace').isName() ? o.get('ColorSpace').asName() : 'other',
          width: o.get('Width').asNumber(),
          bytes: o.readStream().asUint8Array(),
        });
      image(obj);
      if (!obj.get('SMask').isNull()) image(obj.get('SMask'));
    });
  }
  return out;
}

describe('pictures under --cmyk and --grayscale', async () => {
  const FIXTURE = join(ROOT, 'tests', 'fixtures', 'all-constructs');
  const profile = findCmykProfile(ROOT);
  const cmyk = await build(FIXTURE, { root: ROOT, cmyk: true, check: false });
  const gray = await build(FIXTURE, { root: ROOT, grayscale: true, check: false });
  const pictures = (doc: mupdf.PDFDocument) => drawings(doc).flatMap((d) => d.images);

  it('converts every picture to DeviceCMYK, its soft mask staying grey, so no RGB is left', () => {
    const doc = open(cmyk.pdf);
    expect(pictures(doc).length).toBe(3);
    for (const im of pictures(doc)) expect(im.space).toBe('DeviceCMYK');
    const objects = imageObjects(doc);
    expect(objects.map((o) => o.space).sort()).toEqual(['DeviceCMYK', 'DeviceCMYK', 'DeviceCMYK', 'DeviceGray']);
    for (let p = 0; p < doc.countPages(); p++) expect(content(doc, p)).not.toMatch(/\b(rg|RG)\b|DeviceRGB/);
    // photo.jpg's first pixel, (120, 160, 221): K from the darkest channel, the rest under it
    const photo = objects.find((o) => o.width === 320)!;
    expect(Array.from(photo.bytes.subarray(0, 4))).toEqual([117, 70, 0, 34]);
  });

  it.skipIf(!profile)('claims PDF/X-4 and PDF/A-2 with the pictures converted', () => {
    expect(cmyk.print.pdfx).toEqual({ claimed: true, profile: profile!.description });
    expect(cmyk.print.pdfa).toBe(true);
    const xmp = open(cmyk.pdf).getTrailer().get('Root').get('Metadata').readStream().asString();
    expect(xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
  });

  it.skipIf(!!profile)('says why it is not PDF/X-4 when there is no CMYK profile', () => {
    expect(cmyk.print.pdfx).toMatchObject({ claimed: false });
    // The reason is a catalogue text: English here, Chinese where the reader reads Chinese.
    expect(String((cmyk.print.pdfx as { why: unknown }).why)).toMatch(/no CMYK output profile/);
  });

  it('converts every picture to DeviceGray under --grayscale: no colour anywhere', () => {
    const doc = open(gray.pdf);
    for (const im of pictures(doc)) expect(im.space).toBe('DeviceGray');
    for (const o of imageObjects(doc)) expect(o.space).toBe('DeviceGray');
    for (let p = 0; p < doc.countPages(); p++)
      expect(content(doc, p)).not.toMatch(/\b(rg|RG|k|K)\b|DeviceRGB|DeviceCMYK/);
    // the same pixel as its luma: 0.299 × 120 + 0.587 × 160 + 0.114 × 221
    const photo = imageObjects(doc).find((o) => o.width === 320)!;
    expect(photo.bytes[0]).toBe(Math.round(0.299 * 120 + 0.587 * 160 + 0.114 * 221));
  });

  it('writes the same bytes twice', async () => {
    expect((await build(FIXTURE, { root: ROOT, cmyk: true, check: false })).pdf.equals(cmyk.pdf)).toBe(true);
  });

  it('keeps a JPEG turned as its EXIF orientation says, and looks as the RGB build does', async () => {
    const dir = copyIssue(FIXTURE);
    writeFileSync(join(dir, 'images', 'turned.jpg'), turned(readFileSync(join(dir, 'images', 'photo.jpg'))));
    rmSync(join(dir, 'articles'), { recursive: true });
    mkdirSync(join(dir, 'articles'));
    writeFileSync(
      join(dir, 'articles', '01-tu.md'),
      '---\ntitle: 图片\n---\n\n![图1 旋转](images/turned.jpg)\n\n![图2 图表](images/chart.png)\n',
    );
    const [rgb, print] = await Promise.all([
      build(dir, { root: ROOT, check: false }),
      build(dir, { root: ROOT, cmyk: true, check: false }),
    ]);
    const [a, b] = [rgb, print].map((r) => open(r.pdf));
    const [pa, pb] = [a, b].map((d) => drawings(d)[1].images);
    expect(pb.map((i) => [i.w, i.h].map(Math.round))).toEqual(pa.map((i) => [i.w, i.h].map(Math.round)));
    expect(Math.round(pb[0].w)).toBe(150); // 320 × 200 stored, shown 200 wide (96 dpi)
    // Rendered to RGB, the CMYK picture differs from the RGB one a little (MuPDF takes
    // DeviceCMYK back through its own profile: about 10 a sample); one turned the wrong way
    // differs by some 44.
    const pixmap = (d: mupdf.PDFDocument) =>
      d.loadPage(1).toPixmap(mupdf.Matrix.scale(0.5, 0.5), mupdf.ColorSpace.DeviceRGB, false);
    const [x, y] = [pixmap(a), pixmap(b)];
    const stride = x.getStride();
    const [px, py] = [x.getPixels(), y.getPixels()];
    // over the turned photograph's box only
    const box = pa[0];
    let diff = 0;
    let n = 0;
    for (let row = Math.ceil(box.y / 2); row < Math.floor((box.y + box.h) / 2); row++) {
      for (let col = Math.ceil(box.x / 2) * 3; col < Math.floor((box.x + box.w) / 2) * 3; col++, n++)
        diff += Math.abs(px[row * stride + col] - py[row * stride + col]);
    }
    expect(n).toBeGreaterThan(5000);
    expect(diff / n).toBeLessThan(20);
  });
});

/** The JPEG with an EXIF block saying "turn a quarter clockwise to show" (orientation 6). */
function turned(jpeg: Buffer): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x0112, 10);
  tiff.writeUInt16BE(3, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(6, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, body, jpeg.subarray(2)]);
}

describe('--grayscale', async () => {
  const result = await build(SAMPLE, { root: ROOT, grayscale: true, check: false });
  const doc = open(result.pdf);

  it('draws every colour as a grey: the masthead red as its luma', () => {
    const page1 = content(doc, 0);
    expect(page1).toContain('0.259 g'); // #d7000f
    expect(page1).toContain('0.259 G');
    for (let p = 0; p < doc.countPages(); p++) expect(content(doc, p)).not.toMatch(/\b(rg|RG|k|K)\b/);
  });
});

describe('--marks', async () => {
  const plain = readPdf((await build(SAMPLE, { root: ROOT, check: false })).pdf);
  const result = await build(SAMPLE, { root: ROOT, marks: true, check: false });
  const doc = open(result.pdf);
  const read = readPdf(result.pdf);
  const slug = 10 * MM;

  it('sets the trim box to the page and the bleed box 3 mm outside it, on a larger sheet', () => {
    for (let p = 0; p < doc.countPages(); p++) {
      const [w, h] = [595.28, 841.89];
      expect(box(doc, p, 'MediaBox')).toEqual([0, 0, w + 2 * slug, h + 2 * slug].map((v) => Math.round(v * 100) / 100));
      expect(box(doc, p, 'TrimBox')).toEqual([slug, slug, slug + w, slug + h].map((v) => Math.round(v * 100) / 100));
      expect(box(doc, p, 'BleedBox')).toEqual(
        [slug - 3 * MM, slug - 3 * MM, slug + w + 3 * MM, slug + h + 3 * MM].map((v) => Math.round(v * 100) / 100),
      );
    }
  });

  it('draws eight crop marks outside the bleed, as page furniture', () => {
    const c = content(doc, 0);
    const marks = /\/Artifact BMC\s*q\s*0\.25 w([\s\S]*?)S\s*Q\s*EMC/.exec(c)!;
    expect(marks[1].match(/ l\b/g)).toHaveLength(8);
  });

  it('moves every character onto the trim box, unchanged', () => {
    read.pages.forEach((p, i) => {
      const a = plain.pages[i].chars;
      expect(p.chars).toHaveLength(a.length);
      p.chars.forEach((c, k) => {
        expect(c.c).toBe(a[k].c);
        expect(c.ox - a[k].ox).toBeCloseTo(slug, 2);
        expect(c.y - a[k].y).toBeCloseTo(slug, 2);
      });
    });
  });
});
