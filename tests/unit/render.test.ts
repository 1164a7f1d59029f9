// The renderer draws the display list exactly: glyphs where layout put them, text that
// copies out as written, subset fonts, links, outline, metadata — and the same bytes twice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as fontkit from 'fontkit';
import type * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import type { PlacedGlyph } from '../../src/compose/atoms.js';
import { FontRegistry } from '../../src/fonts/registry.js';
import type { DisplayList, TextItem } from '../../src/paginate/display.js';
import { renderPdf } from '../../src/render/pdf.js';
import { TrueTypeSubset, twinHome } from '../../src/render/subset.js';
import { SparseFont } from '../../src/fonts/sparse.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { ROOT } from '../helpers/build.js';
import { readCidFont, readPdf } from '../helpers/pdf.js';
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
  const svg = (f: fontkit.Font, id: number) =>
    (f.getGlyph(id) as unknown as { path: { toSVG(): string } }).path.toSVG();
  /** The subset glyph a CID draws, from the CIDToGIDMap content. */
  const gid = (sub: TrueTypeSubset, cid: number) => sub.cidToGidMap().readUInt16BE(2 * cid);

  it('gives a glyph drawn as itself its glyph id as CID, keeps glyphs in id order and writes a valid sfnt', () => {
    const face = fonts.face('serif');
    const ids = Array.from('科技，Aé').map((c) => face.glyph(c.codePointAt(0)!)!.id);
    fonts.loadGlyphs('serif', ids);
    const sub = new TrueTypeSubset(face.data, fonts.outlines('serif'));
    expect(ids.map((id) => sub.includeGlyph(id))).toEqual(ids);
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
    // .notdef and the five by id: Noto's glyphs are all simple outlines, so nothing else comes in
    const sorted = [...ids].sort((x, y) => x - y);
    expect(sub.glyphs()).toEqual([0, ...sorted]);
    const program = fontkit.create(font);
    const whole = fontkit.create(readFileSync(face.file));
    expect(program.numGlyphs).toBe(6);
    for (const id of ids) {
      expect(gid(sub, id)).toBe(1 + sorted.indexOf(id));
      expect(svg(program, gid(sub, id))).toBe(svg(whole, id));
    }
    expect(sub.cidToGidMap()).toHaveLength(2 * (sorted[sorted.length - 1] + 1));
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
    expect(a).toBeLessThan(e);
    // Only the outlines asked for are read; the components come with their composite.
    const sparse = new SparseFont(path);
    sparse.loadGlyphs([a, e]);
    const sub = new TrueTypeSubset(sparse.data, (id) => sparse.outline(id));
    expect([e, a].map((id) => sub.includeGlyph(id))).toEqual([e, a]);
    const font = fontkit.create(sub.encode());
    expect(sub.glyphs()).toEqual([0, a, e]);
    expect(font.numGlyphs).toBe(5);
    expect([gid(sub, a), gid(sub, e)]).toEqual([1, 2]);
    // The composite now names its components by their numbers in the subset …
    expect(decoded(font, 2).components!.map((c) => c.glyphID)).toEqual([3, 4]);
    // … and draws as it did in the whole font, as do its parts on their own.
    expect(svg(font, 2)).toBe(svg(whole, e));
    expect(svg(font, 2).length).toBeGreaterThan(100);
    expect(svg(font, 3)).toBe(svg(whole, parts[0]));
    expect(svg(font, 4)).toBe(svg(whole, parts[1]));
  });

  it('adds twins above the glyph ids: the same outline with another advance, or the same glyph under another text', () => {
    const face = fonts.face('serif');
    const ids = Array.from('年2').map((c) => face.glyph(c.codePointAt(0)!)!.id);
    fonts.loadGlyphs('serif', ids);
    const sub = new TrueTypeSubset(face.data, fonts.outlines('serif'));
    const plain = sub.includeGlyph(ids[0], '年');
    const twin = sub.addTwin(ids[0], 1250, '年');
    const again = sub.addTwin(ids[1], sub.units(ids[1]) + 250, '2');
    // the same advance under other texts: a typed space folded in; and the glyph's own advance under another text
    const spaced = sub.addTwin(ids[0], 1250, '年 ');
    const other = sub.addTwin(ids[0], 1000, '秊');
    const cids = [plain, twin, again, spaced, other];
    expect(plain).toBe(ids[0]);
    expect(new Set(cids).size).toBe(5);
    for (const c of [twin, again, spaced, other]) expect(c).toBeGreaterThanOrEqual(sub.glyphCount);
    expect(sub.width(twin)).toBe(1250);
    expect(sub.width(other)).toBe(1000);
    expect(sub.textOf(spaced)).toBe('年 ');
    expect(sub.cids()).toEqual([...cids].sort((x, y) => x - y));
    const font = fontkit.create(sub.encode());
    // .notdef, 年 and 2 as themselves (2 is drawn only as a twin, but the twin draws it), and two twins
    expect(font.numGlyphs).toBe(5);
    expect(font.getGlyph(gid(sub, twin)).advanceWidth).toBe(1250);
    expect(font.getGlyph(gid(sub, plain)).advanceWidth).toBe(1000);
    expect(svg(font, gid(sub, twin))).toBe(svg(font, gid(sub, plain)));
    expect(svg(font, gid(sub, twin)).length).toBeGreaterThan(100);
    // one glyph and advance under two texts is one glyph of the subset; the glyph's own advance is the glyph
    expect(gid(sub, spaced)).toBe(gid(sub, twin));
    expect(gid(sub, other)).toBe(gid(sub, plain));
    const two = fontkit.create(readFileSync(face.file));
    expect(svg(font, gid(sub, again))).toBe(svg(two, ids[1]));
    expect(font.getGlyph(gid(sub, again)).advanceWidth).toBe(sub.units(ids[1]) + 250);
  });

  it('gives the same CIDs and the same font whatever order the glyphs are first drawn in', () => {
    const face = fonts.face('serif');
    const chars = Array.from('科技情报参考资料年月日2023ABC，。（）');
    const ids = chars.map((c) => face.glyph(c.codePointAt(0)!)!.id);
    fonts.loadGlyphs('serif', ids);
    type Key = { k: number; advance: number; text: string };
    const key = fc.record({
      k: fc.nat({ max: chars.length - 1 }),
      advance: fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 2000 })),
      text: fc.constantFrom('', ' ', '　'),
    });
    const draw = (keys: Key[]) => {
      const sub = new TrueTypeSubset(face.data, fonts.outlines('serif'));
      const cids = new Map<string, number>();
      for (const { k, advance, text } of keys) {
        const name = `${k} ${advance} ${text}`;
        if (cids.has(name)) continue;
        const id = ids[k];
        cids.set(name, advance < 0 ? sub.includeGlyph(id, chars[k]) : sub.addTwin(id, advance, chars[k] + text));
      }
      return { sub, cids };
    };
    fc.assert(
      fc.property(fc.array(key, { minLength: 1, maxLength: 40 }), fc.nat(), (keys, seed) => {
        // (two twins of one home take it in the order they come: that case is the next test's)
        const homes = keys
          .filter((x) => x.advance >= 0)
          .map((x) => twinHome(30920, ids[x.k], x.advance, chars[x.k] + x.text));
        const names = new Set(keys.filter((x) => x.advance >= 0).map((x) => `${x.k} ${x.advance} ${x.text}`));
        fc.pre(new Set(homes).size === names.size);
        const shuffled = [...keys];
        for (let i = shuffled.length - 1, r = seed; i > 0; i--, r = Math.floor(r / 7) + i * 31) {
          const j = r % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const one = draw(keys);
        const two = draw(shuffled);
        for (const [name, cid] of one.cids) expect(two.cids.get(name), name).toBe(cid);
        expect(two.sub.encode().equals(one.sub.encode())).toBe(true);
        expect(two.sub.cidToGidMap().equals(one.sub.cidToGidMap())).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('gives two twins hashed to one CID the next free one, each drawing its own glyph', () => {
    const face = fonts.face('serif');
    const [a, b] = Array.from('科技').map((c) => face.glyph(c.codePointAt(0)!)!.id);
    fonts.loadGlyphs('serif', [a, b]);
    const sub = new TrueTypeSubset(face.data, fonts.outlines('serif'));
    expect(sub.glyphCount).toBe(30920);
    // a second twin whose home is the first's
    const home = twinHome(sub.glyphCount, a, 1100, '科');
    let advance = 0;
    while (twinHome(sub.glyphCount, b, advance, '技') !== home) advance++;
    const first = sub.addTwin(a, 1100, '科');
    const second = sub.addTwin(b, advance, '技');
    expect(first).toBe(home);
    expect(second).toBe(home + 1 < 0x10000 ? home + 1 : sub.glyphCount);
    const font = fontkit.create(sub.encode());
    expect(font.getGlyph(gid(sub, first)).advanceWidth).toBe(1100);
    expect(font.getGlyph(gid(sub, second)).advanceWidth).toBe(advance);
    const whole = fontkit.create(readFileSync(face.file));
    expect(svg(font, gid(sub, second))).toBe(svg(whole, b));
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
    let declared = 0;
    read.doc
      .findPage(0)
      .get('Resources')
      .get('Font')
      .forEach((f: mupdf.PDFObject) => {
        const cidFont = f.get('DescendantFonts').get(0);
        const { program: bytes, gidOf, texts } = readCidFont(f);
        const program = fontkit.create(bytes);
        const em = (cid: number) => (program.getGlyph(gidOf(cid)).advanceWidth * 1000) / program.unitsPerEm;
        const fallback = cidFont.get('DW').isNumber() ? cidFont.get('DW').asNumber() : 1000;
        const w = cidFont.get('W');
        const listed = new Map<number, number>();
        for (let i = 0; i + 1 < w.length; i += 2) {
          const first = w.get(i).asNumber();
          const widths = w.get(i + 1);
          for (let k = 0; k < widths.length; k++) listed.set(first + k, widths.get(k).asNumber());
        }
        // every CID drawn (each is in the ToUnicode CMap): its width, listed or the default
        for (const cid of texts.keys()) {
          expect(listed.get(cid) ?? fallback, `CID ${cid}`).toBeCloseTo(em(cid), 3);
          declared++;
        }
        fontsSeen.add(cidFont.get('BaseFont').asName());
      });
    expect(fontsSeen.size).toBe(1);
    expect(declared).toBeGreaterThan(20);
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
        const { program: bytes, gidOf, texts } = readCidFont(f);
        const program = fontkit.create(bytes);
        // The text each CID copies as (ToUnicode), and the glyph it draws: the same character.
        for (const [cid, text] of texts) {
          if (cid === 0 || !text.trim()) continue;
          const want = source.glyphForCodePoint(text.codePointAt(0)!).id;
          expect(outline(program, gidOf(cid)), `CID ${cid} (${text})`).toBe(outline(source, want));
          checked++;
        }
      });
    expect(checked).toBe(new Set('科技情报参考资料科学').size);
  });
});
