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
