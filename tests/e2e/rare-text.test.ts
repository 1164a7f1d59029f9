// Classical prose and a diary with characters of CJK Extensions B–F, built with Hanazono
// installed (Debian's fonts-hanazono; .ci/run installs it where apt works): every character
// prints, each composed like its neighbours, and the report names the fallback fonts used.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { FontRegistry } from '../../src/fonts/registry.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { ROOT } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'rare-text');
const fonts = FontRegistry.load(ROOT, new Diagnostics());
const hanazono = fonts.has('hanamin-b');
if (!hanazono) {
  process.stderr.write(
    'rare-text: skipped — Hanazono (HanaMinB) is not installed; apt-get install fonts-hanazono to run it\n',
  );
}

/** Characters beyond the Basic Multilingual Plane's ideographs: Extensions B and on. */
const rare = (s: string) => Array.from(s).filter((c) => c.codePointAt(0)! >= 0x20000 && c.codePointAt(0)! <= 0x3ffff);

describe.skipIf(!hanazono)('a classical text with Extension B–F characters, Hanazono installed', async () => {
  const result = await build(FIXTURE, { root: ROOT });
  const pdf = readPdf(result.pdf);
  const source = [
    readFileSync(join(FIXTURE, 'issue.yaml'), 'utf8'),
    ...readdirSync(join(FIXTURE, 'articles')).map((f) => readFileSync(join(FIXTURE, 'articles', f), 'utf8')),
  ].join('\n');
  const wanted = [...new Set(rare(source))];
  const text = pdf.pages.map((p) => p.text).join('\n');

  it('has some fifty distinct rare characters to print', () => expect(wanted.length).toBeGreaterThanOrEqual(50));

  it('prints every one of them, and reports none missing', () => {
    const printed = new Set(rare(text));
    expect(wanted.filter((c) => !printed.has(c))).toEqual([]);
    expect(result.diagnostics.filter((d) => d.code === 'glyph-missing')).toEqual([]);
  });

  it('prints them where they were written: 陈𡈽生 in the title, the byline and the colophon', () => {
    expect(squash(text).match(/陈𡈽生/g)!.length).toBeGreaterThanOrEqual(4);
    for (const para of ['邑西有𠷷山，山下𡓪水出焉', '其孙𧘴、曾孙𧴧，皆以文名']) expect(squash(text)).toContain(para);
  });

  it('sets each one like its neighbours: same size, the same baseline, one cell wide', () => {
    let checked = 0;
    for (const p of pdf.pages) {
      for (const l of p.lines) {
        const cs = l.chars.filter((c) => c.c.trim());
        cs.forEach((c, k) => {
          if (!rare(c.c).length || k === 0 || k === cs.length - 1) return;
          const [before, after] = [cs[k - 1], cs[k + 1]];
          if (rare(before.c).length || !/\p{Script=Han}/u.test(before.c)) return;
          expect(c.size, c.c).toBe(before.size);
          expect(c.y, c.c).toBeCloseTo(before.y, 3);
          expect(c.font).not.toBe(before.font); // it did come from another font
          // on the line's grid: a cell (plus the line's justification) after its neighbour
          expect(c.ox - before.ox, c.c).toBeCloseTo(after.ox - c.ox, 1);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('keeps the body lines on the grid: no line pitch changes around them', () => {
    for (const p of pdf.pages.slice(1)) {
      const body = p.lines.filter((l) => l.size === 12 && l.y > 80 && l.y < 80 + 31 * 22);
      for (const l of body) {
        const k = (l.y - 80 - 11 - 0.38 * 12) / 22;
        expect(Math.abs(k - Math.round(k)), l.text).toBeLessThan(0.01);
      }
    }
  });

  it('names the fallback fonts it used, with their characters', () => {
    const b = result.layout.fallbacks.find((f) => f.role === 'hanamin-b')!;
    expect(b.family).toBe('HanaMinB');
    expect(b.chars.length).toBeGreaterThan(30);
    const all = new Set(result.layout.fallbacks.flatMap((f) => f.chars));
    for (const c of wanted) expect(all.has(c), c).toBe(true);
  });

  it('prints the diary’s emoji as their base or not at all: never a lone ♀, tone or joiner', () => {
    expect(text).not.toMatch(/\u200d|\ufe0f|\u2640|[\u{1f3fb}-\u{1f3ff}]/u);
    const line = squash(text).match(/收到了(.*)不要再寄了(.*)”/u)!;
    expect(['', '🙅']).toContain(line[1]);
    expect(['', '❤']).toContain(line[2]);
  });
});
