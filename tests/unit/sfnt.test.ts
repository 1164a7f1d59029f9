// The shared TrueType table reader (src/fonts/sfnt.ts), checked against fontkit's own
// decoding of the same files: Liberation Sans (shipped with pdf.js) in three cuts that cover
// short and long loca offsets, composite glyphs, and an hmtx whose last glyphs have bare
// side bearings; and the sparse reader's use of it on a file that is not a font.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import {
  componentIds,
  glyphSpan,
  HorizontalMetrics,
  isComposite,
  locaIndex,
  readTableDirectory,
  unitsPerEm,
} from '../../src/fonts/sfnt.js';
import { SparseFont } from '../../src/fonts/sparse.js';
import { ROOT } from '../helpers/build.js';

const FONTS = join(ROOT, 'node_modules/pdfjs-dist/standard_fonts');

/** The parts of fontkit's tables read here (fontkit ships no types for them). */
interface Decoded {
  directory: { tables: Record<string, { offset: number; length: number }> };
  head: { indexToLocFormat: number };
  loca: { offsets: number[] };
  hhea: { numberOfMetrics: number };
  hmtx: { metrics: { get(i: number): { advance: number; bearing: number } }; bearings: { get(i: number): number } };
}

const decode = (f: fontkit.Font, id: number) =>
  (
    f.getGlyph(id) as unknown as { _decode(): { numberOfContours: number; components?: { glyphID: number }[] } | null }
  )._decode();

describe.each([
  ['LiberationSans-Regular.ttf', false],
  ['LiberationSans-Italic.ttf', true],
  ['LiberationSans-Bold.ttf', false],
])('%s', (file, longLoca) => {
  const data = readFileSync(join(FONTS, file));
  const whole = fontkit.create(data);
  const known = whole as unknown as Decoded;
  const tables = readTableDirectory(data);

  it('reads the table directory as fontkit does', () => {
    const theirs = Object.entries(known.directory.tables).map(([tag, t]) => [tag, t.offset, t.length]);
    expect([...tables].map(([tag, t]) => [tag, t.offset, t.length])).toEqual(theirs);
    expect(unitsPerEm(data, tables)).toBe(whole.unitsPerEm);
  });

  it('finds every outline where loca says', () => {
    const index = locaIndex(data, tables)!;
    expect(index.long).toBe(longLoca);
    expect(known.head.indexToLocFormat).toBe(longLoca ? 1 : 0);
    expect(index.glyf).toBe(tables.get('glyf')!.offset);
    for (let id = 0; id < whole.numGlyphs; id++)
      expect(glyphSpan(data, index, id)).toEqual([known.loca.offsets[id], known.loca.offsets[id + 1]]);
  });

  it('names the components of every composite glyph', () => {
    const index = locaIndex(data, tables)!;
    let composites = 0;
    for (let id = 0; id < whole.numGlyphs; id++) {
      const [from, to] = glyphSpan(data, index, id);
      const at = index.glyf + from;
      const glyph = decode(whole, id);
      expect(isComposite(data, at, index.glyf + to)).toBe(!!glyph && glyph.numberOfContours < 0);
      if (!glyph || glyph.numberOfContours >= 0) continue;
      composites++;
      expect(componentIds(data, at, index.glyf + to)).toEqual(glyph.components!.map((c) => c.glyphID));
    }
    expect(composites).toBeGreaterThan(50); // é, Å, ǻ …
  });

  it('reads advances and side bearings, past numberOfHMetrics too', () => {
    const hm = new HorizontalMetrics(data, tables);
    const n = known.hhea.numberOfMetrics;
    expect(hm.count).toBe(n);
    for (let id = 0; id < whole.numGlyphs; id++) {
      expect(hm.advance(id)).toBe(whole.getGlyph(id).advanceWidth);
      expect(hm.lsb(id)).toBe(id < n ? known.hmtx.metrics.get(id).bearing : known.hmtx.bearings.get(id - n));
    }
  });
});

describe('a file that is not a font', () => {
  it('is refused with its name, not read past its end', () => {
    expect(() => readTableDirectory(Buffer.from('hello'), 'a.ttf')).toThrow(/^a\.ttf: not a TrueType or OpenType font/);
    // an offset table that promises 4096 tables in a 100-byte file
    const lying = Buffer.alloc(100);
    lying.writeUInt32BE(0x00010000, 0);
    lying.writeUInt16BE(4096, 4);
    expect(() => readTableDirectory(lying, 'b.ttf')).toThrow(/b\.ttf: .*table directory runs past the end/);
  });

  it('is refused by the sparse reader with the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfnt-'));
    const path = join(dir, 'short.ttf');
    writeFileSync(path, 'not a font');
    expect(() => new SparseFont(path)).toThrow(`${path}: not a TrueType or OpenType font`);
  });

  it('has no loca index when it has no glyf outlines', () => {
    const data = readFileSync(join(FONTS, 'LiberationSans-Regular.ttf'));
    const tables = readTableDirectory(data);
    tables.delete('glyf');
    expect(locaIndex(data, tables)).toBeNull();
  });
});

describe('the sparse reader', () => {
  /** The outline of `id` as the file holds it. */
  const inFile = (data: Buffer, id: number): Buffer => {
    const index = locaIndex(data, readTableDirectory(data))!;
    const [from, to] = glyphSpan(data, index, id);
    return to > from ? data.subarray(index.glyf + from, index.glyf + to) : Buffer.alloc(0);
  };

  it.each(['LiberationSans-Regular.ttf', 'LiberationSans-Italic.ttf'])(
    'reads the outlines asked for, and their components, as the file holds them (%s)',
    (file) => {
      const path = join(FONTS, file);
      const data = readFileSync(path);
      const sparse = new SparseFont(path);
      const count = fontkit.create(data).numGlyphs;
      // in two rounds, out of order, some twice; far apart and close together
      const first = [count - 1, 3, 200, 36, 37, 38, 200, 5];
      sparse.loadGlyphs(first);
      const rest = Array.from({ length: count }, (_, i) => (i * 7919) % count);
      sparse.loadGlyphs(rest);
      let composites = 0;
      for (let id = 0; id < count; id++) {
        const g = sparse.outline(id);
        expect(g, `glyph ${id}`).toBeDefined();
        expect(g!.equals(inFile(data, id)), `glyph ${id}`).toBe(true);
        if (isComposite(g!, 0, g!.length)) {
          composites++;
          for (const part of componentIds(g!, 0, g!.length)) expect(sparse.outline(part)).toBeDefined();
        }
      }
      expect(composites).toBeGreaterThan(10);
      // the font's own bytes hold no outline (they are had from `outline`)
      const index = locaIndex(data, readTableDirectory(data))!;
      expect(sparse.data.subarray(index.glyf, index.glyf + 1000).every((b) => b === 0)).toBe(true);
    },
  );

  it('reads glyphs whose outlines overlap in the file (loca pointing two glyphs at the same bytes)', () => {
    const data = Buffer.from(readFileSync(join(FONTS, 'LiberationSans-Regular.ttf')));
    const tables = readTableDirectory(data);
    const index = locaIndex(data, tables)!;
    const at = (id: number) =>
      index.long ? data.readUInt32BE(index.loca + 4 * id) : data.readUInt16BE(index.loca + 2 * id);
    const set = (id: number, v: number) =>
      index.long ? data.writeUInt32BE(v, index.loca + 4 * id) : data.writeUInt16BE(v, index.loca + 2 * id);
    // glyph 40 starts where glyph 36 does and runs past it; glyph 39 then runs backwards (empty)
    set(40, at(36));
    const path = join(mkdtempSync(join(tmpdir(), 'sfnt-')), 'overlap.ttf');
    writeFileSync(path, data);
    const sparse = new SparseFont(path);
    sparse.loadGlyphs([40, 36, 37, 39, 38]);
    for (const id of [36, 37, 38, 39, 40])
      expect(sparse.outline(id)!.equals(inFile(data, id)), `glyph ${id}`).toBe(true);
    expect(sparse.outline(40)!.length).toBeGreaterThan(sparse.outline(36)!.length);
    expect(sparse.outline(39)!.length).toBe(0);
  });
});
