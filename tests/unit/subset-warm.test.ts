// A subset assembled after another from the same font (the preview's rebuilds) reuses the
// glyph data of the glyphs it begins with: the file must be the one a subset made from
// nothing gives, whatever the two have in common — glyphs appended, one put in front,
// composites whose components move, twins.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { TrueTypeSubset } from '../../src/render/subset.js';
import { ROOT } from '../helpers/build.js';

// Liberation Sans (shipped with pdf.js): Latin with composite accented letters.
const data = readFileSync(join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'));
const whole = fontkit.create(data);
const id = (c: string) => whole.glyphForCodePoint(c.codePointAt(0)!).id;

/** Glyphs by character; `c+250`: a twin of c with 250 units more advance. */
function subsetOf(font: Buffer, glyphs: string[]): { bytes: Buffer; sub: TrueTypeSubset } {
  const sub = new TrueTypeSubset(font);
  for (const g of glyphs) {
    const [c, more] = g.split('+');
    if (more) sub.addTwin(id(c), sub.units(id(c)) + Number(more), c);
    else sub.includeGlyph(id(c), c);
  }
  return { bytes: sub.encode(), sub };
}

const sums = (font: Buffer) => {
  let sum = 0;
  const padded = Buffer.concat([font, Buffer.alloc((4 - (font.length % 4)) % 4)]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
};

describe('subsets assembled one after another', () => {
  it('give the bytes of a subset made from nothing', () => {
    const font = Buffer.from(data); // this test's own: nothing assembled from it before
    const steps = [
      ['A', 'é', 'b', 'c+250'],
      ['A', 'é', 'b', 'c+250', 'd', 'é+100'], // appended (é's components now come later)
      ['A', 'é', 'b', 'c+250', 'd', 'é+100'], // the same again
      ['A', 'é', 'b', 'c+300', 'd'], // a twin's advance changed
      ['x', 'A', 'é', 'b', 'c+300', 'd'], // one put in front: every index moves
      ['x', 'A', 'ü', 'é', 'b'],
    ];
    for (const glyphs of steps) {
      const { bytes: warm, sub } = subsetOf(font, glyphs);
      const fresh = subsetOf(Buffer.from(data), glyphs).bytes;
      expect(warm.equals(fresh), glyphs.join(' ')).toBe(true);
      expect(sums(warm)).toBe(0xb1b0afba);
      // and it reads as a font with the glyphs drawn as in the whole font
      const read = fontkit.create(warm);
      const path = (f: fontkit.Font, g: number) =>
        (f.getGlyph(g) as unknown as { path: { toSVG(): string } }).path.toSVG();
      const map = sub.cidToGidMap();
      for (const c of glyphs.filter((g) => !g.includes('+')))
        expect(path(read, map.readUInt16BE(2 * sub.includeGlyph(id(c)))), c).toBe(path(whole, id(c)));
    }
  });
});
