// Output for the print shop, read back from the PDF: CMYK colours and the output intent,
// grey for office printers, crop marks with trim and bleed boxes, and the booklet imposed in
// the order a printer folds (4, 6, 8 and 13 pages, and any count).
import { join } from 'node:path';
import fc from 'fast-check';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { bookletOrder, imposeBooklet } from '../../src/render/impose.js';
import { findCmykProfile } from '../../src/render/print.js';
import { canonicalColor, colorOp } from '../../src/template/color.js';
import type { DisplayList } from '../../src/paginate/display.js';
import { ROOT, SAMPLE } from '../helpers/build.js';
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

  it('4 pages: one sheet, 4|1 and 2|3', () => expect(oneBased(4)).toEqual([[4, 1], [2, 3]]));

  it('6 pages: two blanks at the end', () => expect(oneBased(6)).toEqual([['-', 1], [2, '-'], [6, 3], [4, 5]]));

  it('8 pages: two sheets, nested', () => expect(oneBased(8)).toEqual([[8, 1], [2, 7], [6, 3], [4, 5]]));

  it('13 pages: four sheets, three blanks at the end', () =>
    expect(oneBased(13)).toEqual([['-', 1], [2, '-'], ['-', 3], [4, 13], [12, 5], [6, 11], [10, 7], [8, 9]]));

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
    const page = (k: number) => ({ items: [{ kind: 'link' as const, x: 1, y: 1, w: 1, h: 1, page: (k + 1) % 6 }], folio: k + 1 });
    const display: DisplayList = { width: 100, height: 200, pages: Array.from({ length: 6 }, (_, k) => page(k)), outline: [{ title: 't', page: 4, y: 0 }], meta: { title: 'x', author: '', subject: '', keywords: '', date: new Date(0) } };
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
      const folio = (half: 0 | 1) => squash(s.chars.filter((c) => c.y > s.height - 40 && (half ? c.x0 > width : c.x1 < width)).map((c) => c.c).join(''));
      order[k].forEach((p, half) => {
        // page 1 (the cover) and blank pages carry no folio
        expect(folio(half as 0 | 1), `side ${k + 1}, ${half ? 'right' : 'left'}`).toBe(p === null || p === 0 ? '' : `—${p + 1}—`);
      });
    });
  });
});

describe('--cmyk', async () => {
  const profile = findCmykProfile(ROOT);
  if (!profile) process.stderr.write('print: no CMYK output profile on this machine (apt-get install libgs-common): PDF/X-4 checks reduced\n');
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

  it('claims neither PDF/X-4 nor PDF/A with RGB pictures in the issue, and says why', async () => {
    const r = await build(join(ROOT, 'tests', 'fixtures', 'all-constructs'), { root: ROOT, cmyk: true, check: false });
    expect(r.print.pdfx).toMatchObject({ claimed: false });
    expect(r.print.pdfa).toBe(false);
    const xmp = open(r.pdf).getTrailer().get('Root').get('Metadata').readStream().asString();
    expect(xmp).not.toContain('pdfaid:part');
    expect(xmp).not.toContain('GTS_PDFXVersion');
  });
});

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
      expect(box(doc, p, 'BleedBox')).toEqual([slug - 3 * MM, slug - 3 * MM, slug + w + 3 * MM, slug + h + 3 * MM].map((v) => Math.round(v * 100) / 100));
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
