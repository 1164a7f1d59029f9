// The renderer draws the display list exactly: glyphs where layout put them, text that
// copies out as written, subset fonts, links, outline, metadata — and the same bytes twice.
import { describe, expect, it } from 'vitest';
import type { PlacedGlyph } from '../../src/compose/atoms.js';
import { FontRegistry } from '../../src/fonts/registry.js';
import type { DisplayList } from '../../src/paginate/display.js';
import { renderPdf } from '../../src/render/pdf.js';
import { TrueTypeSubset } from '../../src/render/subset.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { ROOT } from '../helpers/build.js';
import { readPdf } from '../helpers/pdf.js';

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
  meta: { title: '科技情报参考 测试', author: '某中心', subject: '', keywords: '', date: new Date('2024-01-31T00:00:00Z') },
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
    expect([...names].map((n) => n.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['NotoSansSC-Bold', 'NotoSerifSC-Regular']);
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
  it('renumbers glyphs in first-use order, pulls in composite components, and writes a valid sfnt', () => {
    const face = fonts.face('serif');
    const ids = Array.from('科技，Aé').map((c) => face.glyph(c.codePointAt(0)!)!.id);
    fonts.loadGlyphs('serif', ids);
    const sub = new TrueTypeSubset(face.data);
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
    expect(sub.glyphs().length).toBeGreaterThanOrEqual(6);
  });
});
