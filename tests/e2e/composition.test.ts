// Chinese composition measured on the PDF as a reader's tools see it: characters and their
// positions read back, on the sample issue and on mixed-script, punctuation-dense text.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAndRead, ROOT, SAMPLE } from '../helpers/build.js';
import type { PdfChar, PdfLine, PdfRead } from '../helpers/pdf.js';

const EM = 12;
const NO_START = new Set(Array.from('。．，、；：？！）】》」』〉”’〕％‰℃·,.;:?!)]}%…—'));
const NO_END = new Set(Array.from('（【《「『〈“‘〔([{'));
const FULL_PUNCT = new Set(Array.from('。，、；：？！）（】【》《」「』『〉〈”“’‘〕〔'));
const HALF_AT_END = new Set(Array.from('。，、；：？！）】》」』〉”’〕'));
const isHan = (c: string) => /\p{Script=Han}/u.test(c);
const isLatin = (c: string) => /^[A-Za-z0-9]$/.test(c);

interface BodyLine extends PdfLine {
  page: number;
  vis: PdfChar[];
}

function bodyLines(pdf: PdfRead): BodyLine[] {
  return pdf.pages.flatMap((p, page) =>
    p.lines
      .filter((l) => l.size === EM && !/^[\s—\d]+$/.test(l.text))
      .map((l) => ({ ...l, page, vis: l.chars.filter((c) => c.c.trim()) }))
      .filter((l) => l.vis.length >= 4),
  );
}

function mode(xs: number[]): number {
  const m = new Map<number, number>();
  for (const x of xs) m.set(Math.round(x), (m.get(Math.round(x)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1])[0][0];
}

function measures(pdf: PdfRead) {
  const lines = bodyLines(pdf);
  const left = mode(lines.map((l) => l.left));
  const right = mode(lines.filter((l) => isHan(l.vis[l.vis.length - 1].c)).map((l) => l.right));
  const bad: string[] = [];
  let ragged = 0;
  let checked = 0;
  const hanLatin: number[] = [];
  const pairs: number[] = [];
  const sds: number[] = [];
  lines.forEach((l, k) => {
    const first = l.vis[0].c;
    const last = l.vis[l.vis.length - 1].c;
    if (NO_START.has(first)) bad.push(`starts: ${l.text}`);
    if (NO_END.has(last)) bad.push(`ends: ${l.text}`);
    const next = lines[k + 1];
    if (next && next.page === l.page && '—…'.includes(last) && next.vis[0].c === last) bad.push(`splits: ${l.text}`);
    // a line followed, on the same page and pitch, by one that starts at the left edge is not a paragraph's last
    if (
      next &&
      next.page === l.page &&
      next.y - l.y < 2 * EM &&
      next.left - left < 0.3 * EM &&
      l.left - left < 3 * EM
    ) {
      checked++;
      const lc = l.vis[l.vis.length - 1];
      const edge = HALF_AT_END.has(lc.c) ? lc.x0 + EM / 2 : lc.x1;
      if (Math.abs(edge - right) > 1) ragged++;
    }
    const hh: number[] = [];
    for (let i = 1; i < l.vis.length; i++)
      if (isHan(l.vis[i - 1].c) && isHan(l.vis[i].c)) hh.push((l.vis[i].x0 - l.vis[i - 1].x1) / EM);
    const base = hh.length ? [...hh].sort((a, b) => a - b)[Math.floor(hh.length / 2)] : 0;
    if (hh.length >= 10) {
      const mean = hh.reduce((a, b) => a + b, 0) / hh.length;
      sds.push(Math.sqrt(hh.reduce((a, b) => a + (b - mean) ** 2, 0) / hh.length));
    }
    for (let i = 1; i < l.vis.length; i++) {
      const a = l.vis[i - 1];
      const b = l.vis[i];
      if ((isHan(a.c) && isLatin(b.c)) || (isLatin(a.c) && isHan(b.c))) hanLatin.push((b.x0 - a.x1) / EM - base);
      if (FULL_PUNCT.has(a.c) && FULL_PUNCT.has(b.c)) pairs.push((b.x1 - a.x0) / EM - base);
    }
  });
  return { lines, bad, ragged, checked, hanLatin, pairs, sd: sds.reduce((a, b) => a + b, 0) / Math.max(1, sds.length) };
}

describe.each([
  ['the sample issue', SAMPLE],
  ['mixed-script news and punctuation-dense prose', join(ROOT, 'tests', 'fixtures', 'mixed-script')],
])('composition of %s, read back from the PDF', async (_, dir) => {
  const { pdf } = await buildAndRead(dir);
  const m = measures(pdf);

  it('breaks no prohibition rule and splits no —— or ……', () => {
    expect(m.bad).toEqual([]);
    expect(m.lines.length).toBeGreaterThan(30);
  });

  it('brings every non-final line to the right edge (within 1 pt)', () => {
    expect(m.checked).toBeGreaterThan(20);
    expect(m.ragged).toBe(0);
  });

  it('puts 0.25 em ± 0.03 between Chinese and Latin letters or digits', () => {
    expect(m.hanLatin.length).toBeGreaterThan(20);
    expect(m.hanLatin.every((g) => Math.abs(g - 0.25) <= 0.03)).toBe(true);
  });

  it('sets two adjacent full-width marks in at most 1.55 em', () => {
    expect(m.pairs.length).toBeGreaterThan(3);
    expect(Math.max(...m.pairs)).toBeLessThanOrEqual(1.55);
  });

  it('spaces Chinese characters evenly within each line', () => {
    expect(m.sd).toBeLessThan(0.02);
  });
});
