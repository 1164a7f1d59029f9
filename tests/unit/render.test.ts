// The renderer draws the display list exactly: glyphs where layout put them, text that
// copies out as written, subset fonts, links, outline, metadata — and the same bytes twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import type * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import type { PlacedGlyph } from '../../src/compose/atoms.js';
import { FontRegistry } from '../../src/fonts/registry.js';
import type { DisplayList, TextItem } from '../../src/paginate/display.js';
import { renderPdf } from '../../src/render/pdf.js';
import { TrueTypeSubset } from '../../src/render/subset.js';
import { SparseFont } from '../../src/fonts/sparse.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { ROOT } from '../helpers/build.js';
import { readPdf } from '../helpers/pdf.js';
import { mupdfPages, pdfjsPages, popplerPages } from '../helpers/readers.js';

const fonts = FontRegistry.load(ROOT, new Diagnostics());

function glyphs(text: string, role = 'serif', size = 12, gap = 0): PlacedGlyph[] {
  const face = fonts.face(role);
  let x = 0;
  return Array.from(text).map((ch) => {
    const g = face.glyph(ch.codePointAt(0)!)!;
    const adv = (g.advance * size) / face.unitsPerEm;
    const placed = { font: role, size, color: '#000000', id: g.id, x, adv, text: ch };
    x += adv + gap;
    return placed;
  });
}

const list = (): DisplayList => ({
  width: 595.28,
  height: 841.89,
  pages: [
    {
      folio: null,
      items: [
        { kind: 'text', x: 100, y: 200, glyphs: glyphs('科技情报，参考') },
        { kind: 'text', x: 100, y: 230, glyphs: glyphs('间距均匀', 'sans-bold', 16, 6) },
        { kind: 'rule', x1: 100, y1: 250, x2: 400, y2: 250, width: 2, color: '#d7000f' },
        { kind: 'link', x: 100, y: 180, w: 200, h: 30, page: 1 },
      ],
    },
    { folio: 2, items: [{ kind: 'text', x: 70, y: 100, glyphs: glyphs('第二页') }] },
  ],
  outline: [{ title: '第二页的文章', page: 1, y: 80 }],
  meta: {
    title: '科技情报参考 测试',
    author: '某中心',
    subject: '',
    keywords: '',
    date: new Date('2024-01-31T00:00:00Z'),
  },
});

describe('renderPdf', async () => {
  const pdf = await renderPdf(list(), fonts, { producer: 'test' });
  const read = readPdf(pdf);

  it('puts every glyph where the display list says, and its text copies out', () => {
    const line = read.pages[0].lines.find((l) => l.text.includes('科技'))!;
    expect(line.text).toBe('科技情报，参考');
    expect(line.y).toBeCloseTo(200, 1);
    line.chars.forEach((c, k) => expect(c.x0).toBeCloseTo(100 + 12 * k, 1));
    const spaced = read.pages[0].lines.find((l) => l.text.includes('间距'))!;
    spaced.chars.forEach((c, k) => expect(c.x0).toBeCloseTo(100 + 22 * k, 1));
    expect(spaced.size).toBe(16);
    expect(read.pages[1].text).toBe('第二页');
  });

  it('embeds subset fonts under their own names', () => {
    const names = new Set(read.pages.flatMap((p) => p.chars.map((c) => c.font)));
    expect([...names].map((n) => n.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'NotoSansSC-Bold',
      'NotoSerifSC-Regular',
    ]);
    for (const n of names) expect(n).toMatch(/^[A-Z]{6}\+/);
    // a subset, not the 14 MB font
    expect(pdf.length).toBeLessThan(60_000);
  });

  it('links the contents area to its page and writes the outline', () => {
    expect(read.links).toEqual([{ page: 0, target: 1, uri: null }]);
    expect(read.outline).toEqual([{ title: '第二页的文章', page: 1 }]);
  });

  it('identifies itself as PDF/A-2a and PDF/UA-1, with an sRGB output intent and widths from the fonts', () => {
    const root = read.doc.getTrailer().get('Root');
    const xmp = root.get('Metadata').readStream().asString();
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    // pdfuaid is no schema PDF/A knows: it comes described
    expect(xmp).toContain('<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>');
    expect(root.get('MarkInfo').get('Marked').asBoolean()).toBe(true);
    expect(root.get('Lang').asString()).toBe('zh-CN');
    expect(root.get('ViewerPreferences').get('DisplayDocTitle').asBoolean()).toBe(true);
    expect(root.get('OutputIntents').get(0).get('S').asName()).toBe('GTS_PDFA1');
    expect(read.doc.getMetaData('info:ModDate') ?? '').toBe(''); // every Info entry has its XMP twin
  });

  it('dates the file from the issue and writes the same bytes every time', async () => {
    expect(read.doc.getMetaData('info:CreationDate')).toMatch(/^D:20240131/);
    expect(read.doc.getMetaData('info:Title')).toBe('科技情报参考 测试');
    const again = await renderPdf(list(), fonts, { producer: 'test' });
    expect(again.equals(pdf)).toBe(true);
  });
});

describe('TrueTypeSubset', () => {
  it('renumbers glyphs in first-use order and writes a valid sfnt', () => {
    const face = fonts.face('serif');
    const ids = Array.from('科技，Aé').map((c) => face.glyph(c.codePointAt(0)!)!.id);
    fonts.loadGlyphs('serif', ids);
    const sub = new TrueTypeSubset(face.data, fonts.outlines('serif'));
    expect(ids.map((id) => sub.includeGlyph(id))).toEqual([1, 2, 3, 4, 5]);
    const font = sub.encode();
    expect(font.readUInt32BE(0)).toBe(0x00010000);
    const tags: string[] = [];
    for (let i = 0; i < font.readUInt16BE(4); i++) tags.push(font.toString('latin1', 12 + 16 * i, 16 + 16 * i));
    expect(tags).toEqual([...tags].sort());
    expect(tags).toEqual(expect.arrayContaining(['glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp']));
    // the whole file sums to the magic number once checkSumAdjustment is in place
    let sum = 0;
    const padded = Buffer.concat([font, Buffer.alloc((4 - (font.length % 4)) % 4)]);
    for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
    // each table's checksum in the directory is its own (head's taken with checkSumAdjustment 0)
    for (let i = 0; i < tags.length; i++) {
      const rec = 12 + 16 * i;
      const [at, length] = [font.readUInt32BE(rec + 8), font.readUInt32BE(rec + 12)];
      const table = Buffer.concat([font.subarray(at, at + length), Buffer.alloc(3)]);
      if (tags[i] === 'head') table.writeUInt32BE(0, 8);
      let check = 0;
      for (let k = 0; k + 4 <= table.length; k += 4) check = (check + table.readUInt32BE(k)) >>> 0;
      expect(font.readUInt32BE(rec + 4), tags[i]).toBe(check);
      expect(at % 4, tags[i]).toBe(0);
    }
    // .notdef and the five: Noto's glyphs are all simple outlines, so nothing else comes in
    expect(sub.glyphs()).toEqual([0, ...ids]);
  });

  it('pulls in the components of a composite glyph, renumbered, read sparsely', () => {
    // Noto CJK has no composite glyphs; Liberation Sans (shipped with pdf.js) builds é from
    // e and the acute accent, as most Latin fonts do.
    const path = join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf');
    const whole = fontkit.create(readFileSync(path));
    type Decoded = { numberOfContours: number; components?: { glyphID: number }[] };
    const decoded = (f: fontkit.Font, id: number) => (f.getGlyph(id) as unknown as { _decode(): Decoded })._decode();
    const e = whole.glyphForCodePoint(0xe9).id;
    const a = whole.glyphForCodePoint(0x41).id;
    const parts = decoded(whole, e).components!.map((c) => c.glyphID);
    expect(decoded(whole, e).numberOfContours).toBeLessThan(0);
    expect(parts).toHaveLength(2);
    // Only the outlines asked for are read; the components come with their composite.
    const sparse = new SparseFont(path);
    sparse.loadGlyphs([a, e]);
    const sub = new TrueTypeSubset(sparse.data, (id) => sparse.outline(id));
    expect([a, e].map((id) => sub.includeGlyph(id))).toEqual([1, 2]);
    const font = fontkit.create(sub.encode());
    expect(sub.glyphs()).toEqual([0, a, e, ...parts]);
    expect(font.numGlyphs).toBe(5);
    // The composite now names its components by their numbers in the subset …
    expect(decoded(font, 2).components!.map((c) => c.glyphID)).toEqual([3, 4]);
    // … and draws as it did in the whole font, as do its parts on their own.
    const outline = (f: fontkit.Font, id: number) =>
      (f.getGlyph(id) as unknown as { path: { toSVG(): string } }).path.toSVG();
    expect(outline(font, 2)).toBe(outline(whole, e));
    expect(outline(font, 2).length).toBeGreaterThan(100);
    expect(outline(font, 3)).toBe(outline(whole, parts[0]));
    expect(outline(font, 4)).toBe(outline(whole, parts[1]));
  });

  it('adds twins: the same outline under an index of its own, with another advance', () => {
    const face = fonts.face('serif');
    const ids = Array.from('年2').map((c) => face.glyph(c.codePointAt(0)!)!.id);
    fonts.loadGlyphs('serif', ids);
    const sub = new TrueTypeSubset(face.data, fonts.outlines('serif'));
    const plain = sub.includeGlyph(ids[0]);
    const twin = sub.addTwin(ids[0], 1250);
    const again = sub.addTwin(ids[1], sub.units(ids[1]) + 250);
    expect([plain, twin, again]).toEqual([1, 2, 4]); // the second twin's original comes first
    expect(sub.width(twin)).toBe(1250);
    const font = fontkit.create(sub.encode());
    expect(font.getGlyph(twin).advanceWidth).toBe(1250);
    expect(font.getGlyph(plain).advanceWidth).toBe(1000);
    const outline = (id: number) => (font.getGlyph(id) as unknown as { path: { toSVG(): string } }).path.toSVG();
    expect(outline(twin)).toBe(outline(plain));
    expect(outline(twin).length).toBeGreaterThan(100);
    expect(outline(again)).toBe(outline(3));
  });
});

/** Glyphs of `text` one after another, `gaps[k]` pt of the composer's space after the k-th. */
function spaced(
  text: string,
  gaps: Record<number, number>,
  o: { size?: number; rise?: Record<number, number>; size2?: Record<number, number> } = {},
): PlacedGlyph[] {
  const face = fonts.face('serif');
  let x = 0;
  return Array.from(text).map((ch, k) => {
    const size = o.size2?.[k] ?? o.size ?? 12;
    const g = face.glyph(ch.codePointAt(0)!)!;
    const adv = (g.advance * size) / face.unitsPerEm;
    const placed: PlacedGlyph = {
      font: 'serif',
      size,
      color: '#000000',
      id: g.id,
      x,
      adv,
      text: ch,
      rise: o.rise?.[k],
    };
    x += adv + (gaps[k] ?? 0);
    return placed;
  });
}

describe('the text a reader copies', async () => {
  const q = 3; // a quarter em at 12 pt
  const lines: [string, PlacedGlyph[]][] = [
    // the Han/Latin quarter em, composed
    ['2022年', spaced('2022年', { 3: q })],
    // the same with the space the editor typed (a space glyph in the gap)
    ['2022 年', spaced('2022 年', { 3: 0, 4: q - 3.0 })],
    // a justified line: 0.15 em more between every two characters
    [
      '近年来西安市在贯彻落实',
      spaced('近年来西安市在贯彻落实', Object.fromEntries(Array.from({ length: 10 }, (_, k) => [k, 1.8]))),
    ],
    // a spread name (the composer's em), and one the editor typed with U+3000
    ['李涛', spaced('李涛', { 0: 12 })],
    ['李　涛', spaced('李　涛', {})],
    // a footnote marker in its place in the line, raised
    ['一句①。', spaced('一句①。', {}, { size2: { 2: 7.2 }, rise: { 2: 4.8 } })],
  ];
  const display: DisplayList = {
    width: 595.28,
    height: 841.89,
    pages: [
      {
        folio: null,
        items: [
          ...lines.map(([, glyphs], k): TextItem => ({ kind: 'text', x: 100, y: 100 + 40 * k, glyphs })),
          // set in sequence: the space between them is the composer's
          { kind: 'text', x: 100, y: 400, glyphs: spaced('标题', {}) },
          {
            kind: 'text',
            x: 100,
            y: 400,
            glyphs: spaced('..', { 0: 3 }).map((g) => ({ ...g, x: g.x + 40, text: '…' })),
            continues: true,
          },
          {
            kind: 'text',
            x: 100,
            y: 400,
            glyphs: spaced('3', {}).map((g) => ({ ...g, x: g.x + 80 })),
            continues: true,
          },
        ],
      },
    ],
    outline: [],
    meta: { title: 't', author: 'a', subject: '', keywords: '', date: new Date('2024-01-31T00:00:00Z') },
  };
  const pdf = await renderPdf(display, fonts, { producer: 'test' });
  const expected = [...lines.map(([t]) => t), '标题……3'];
  const readers: [string, string[] | null][] = [
    ['pdf.js', (await pdfjsPages(pdf))[0].split('\n')],
    ['MuPDF', mupdfPages(pdf)[0].split('\n')],
    ['poppler', popplerPages(pdf)?.[0].split('\n') ?? null],
  ];

  it.each(readers)('%s copies each line as typed: no space for the composer’s, the editor’s kept', (name, got) => {
    if (!got) return console.warn(`poppler-utils (pdftotext) is not installed: ${name} not checked`);
    expect(got.map((l) => l.normalize('NFC')).filter((l) => l.trim())).toEqual(expected);
  });

  it('still draws every glyph where the display list puts it, and the marker raised', () => {
    const read = readPdf(pdf);
    for (const [k, [, glyphs]] of lines.entries()) {
      const inks = glyphs.filter((g) => g.text.trim());
      const chars = read.pages[0].chars.filter(
        (c) => c.c.trim() && Math.abs(c.y - (100 + 40 * k - (inks.find((g) => g.text === c.c)?.rise ?? 0))) < 0.01,
      );
      expect(chars.map((c) => c.c).join('')).toBe(inks.map((g) => g.text).join(''));
      chars.forEach((c, i) => expect(c.x0).toBeCloseTo(100 + inks[i].x, 2));
    }
  });

  it('declares for every CID the advance its glyph has in the embedded font', () => {
    const read = readPdf(pdf);
    const fontsSeen = new Set<string>();
    read.doc
      .findPage(0)
      .get('Resources')
      .get('Font')
      .forEach((f: mupdf.PDFObject) => {
        const cid = f.get('DescendantFonts').get(0);
        const program = fontkit.create(
          Buffer.from(cid.get('FontDescriptor').get('FontFile2').readStream().asUint8Array()),
        );
        const w = cid.get('W');
        for (let i = 0; i + 1 < w.length; i += 2) {
          const first = w.get(i).asNumber();
          const widths = w.get(i + 1);
          for (let k = 0; k < widths.length; k++) {
            const glyph = program.getGlyph(first + k);
            expect(widths.get(k).asNumber(), `CID ${first + k}`).toBeCloseTo(
              (glyph.advanceWidth * 1000) / program.unitsPerEm,
              3,
            );
          }
        }
        fontsSeen.add(cid.get('BaseFont').asName());
      });
    expect(fontsSeen.size).toBe(1);
  });
});

describe('two roles set in one font file', async () => {
  // A bold role given the regular's file (an editor without a bold font): pdfkit hands back
  // the font it made for the first role, and the second must not start its subset afresh.
  const shared = Object.create(fonts) as FontRegistry;
  shared.face = (role: string) => fonts.face(role === 'twin' ? 'serif' : role);
  shared.loadGlyphs = (role: string, ids: Iterable<number>) => fonts.loadGlyphs(role === 'twin' ? 'serif' : role, ids);
  const doc: DisplayList = {
    ...list(),
    pages: [
      {
        folio: null,
        items: [
          { kind: 'text', x: 100, y: 200, glyphs: glyphs('科技情报') },
          { kind: 'text', x: 100, y: 230, glyphs: glyphs('参考资料', 'serif').map((g) => ({ ...g, font: 'twin' })) },
          { kind: 'text', x: 100, y: 260, glyphs: glyphs('科学') },
        ],
      },
    ],
    outline: [],
  };
  const pdf = await renderPdf(doc, shared, { producer: 'test' });

  it('draws every character with its own glyph', () => {
    const read = readPdf(pdf);
    const source = fontkit.create(readFileSync(fonts.face('serif').file));
    const outline = (f: fontkit.Font, id: number): string =>
      (f.getGlyph(id) as unknown as { path: { toSVG(): string } }).path.toSVG();
    let checked = 0;
    read.doc
      .findPage(0)
      .get('Resources')
      .get('Font')
      .forEach((f: mupdf.PDFObject) => {
        const program = fontkit.create(
          Buffer.from(
            f.get('DescendantFonts').get(0).get('FontDescriptor').get('FontFile2').readStream().asUint8Array(),
          ),
        );
        // The text each CID copies as (ToUnicode), and the glyph it draws: the same character.
        const cmap = Buffer.from(f.get('ToUnicode').readStream().asUint8Array()).toString('latin1');
        for (const [, first, list] of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/g)) {
          [...list.matchAll(/<([0-9a-f ]+)>/g)].forEach(([, hexText], k) => {
            const cid = parseInt(first, 16) + k;
            const text = String.fromCharCode(...hexText.split(' ').map((h) => parseInt(h, 16)));
            if (cid === 0 || !text.trim()) return;
            const want = source.glyphForCodePoint(text.codePointAt(0)!).id;
            expect(outline(program, cid), `CID ${cid} (${text})`).toBe(outline(source, want));
            checked++;
          });
        }
      });
    expect(checked).toBe(new Set('科技情报参考资料科学').size);
  });
});
