// bulletin build --draft: the template's 样稿 mark across every page, under the text; the
// template decides its text, size, colour and angle; without --draft nothing changes.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { copyIssue, ROOT, SAMPLE } from '../helpers/build.js';
import { readPdf, type PdfPage } from '../helpers/pdf.js';
import { rootWith } from '../helpers/root.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'all-constructs');
const marks = (p: PdfPage, text = '样稿') => p.chars.filter((c) => text.includes(c.c) && c.size > 60);

describe('bulletin build --draft', async () => {
  const plain = await build(SAMPLE);
  const draft = await build(SAMPLE, { draft: true });
  const read = readPdf(draft.pdf);

  it('marks every page 样稿, large, across the middle of the page, rising at 45°', () => {
    expect(read.pages.length).toBe(plain.pages);
    for (const [i, p] of read.pages.entries()) {
      const [yang, gao] = ['样', '稿'].map((c) => marks(p).find((m) => m.c === c));
      expect(yang, `page ${i + 1}`).toBeDefined();
      expect(gao, `page ${i + 1}`).toBeDefined();
      expect(yang!.size).toBeCloseTo(150, 0);
      // The second character sits up and to the right of the first, as much up as right.
      const [dx, dy] = [gao!.x0 - yang!.x0, yang!.y - gao!.y];
      expect(dx).toBeGreaterThan(60);
      expect(dy / dx).toBeCloseTo(1, 1);
      // The pair is centred on the page: the middle of its em boxes, from the glyphs' origins
      // (readers' boxes for turned text differ), half the pair's advance along the turned
      // baseline and 0.38 em above it.
      const a = Math.atan2(yang!.y - gao!.y, gao!.ox - yang!.ox);
      const size = yang!.size;
      const cx = (yang!.ox + gao!.ox) / 2 + (size / 2) * Math.cos(a) - 0.38 * size * Math.sin(a);
      const cy = (yang!.y + gao!.y) / 2 - (size / 2) * Math.sin(a) - 0.38 * size * Math.cos(a);
      expect(Math.abs(cx - p.width / 2)).toBeLessThan(10);
      expect(Math.abs(cy - p.height / 2)).toBeLessThan(10);
    }
  });

  it("leaves the pages' own text and the page count as they were", () => {
    const before = readPdf(plain.pdf);
    for (const [i, p] of read.pages.entries()) {
      const own = p.chars
        .filter((c) => !marks(p).includes(c))
        .map((c) => c.c)
        .join('');
      expect(own).toBe(before.pages[i].chars.map((c) => c.c).join(''));
    }
    expect(read.outline).toEqual(before.outline);
  });

  it('draws the mark before anything else on the page, so text, rules and pictures cover it', () => {
    const page = read.doc.loadPage(1) as unknown as {
      getObject(): { get(k: string): { readStream(): { asString(): string } } & { isArray(): boolean } };
    };
    const contents = page.getObject().get('Contents');
    const stream = contents.readStream().asString();
    const first = stream.search(/ Tm\s/);
    // The first text object is the turned one (cos 45° = 0.707), before any rule is stroked.
    expect(stream.slice(0, first)).toMatch(/0\.707 0\.707 -0\.707 0\.707 [\d.]+ [\d.]+$/);
    expect(stream.slice(0, first)).not.toMatch(/ S\b/);
  });

  it('is the same bytes every time, and the plain build has no mark at all', async () => {
    const again = await build(SAMPLE, { draft: true });
    expect(again.pdf.equals(draft.pdf)).toBe(true);
    for (const p of readPdf(plain.pdf).pages) expect(marks(p)).toEqual([]);
  });

  it('is on the command line as --draft', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bulletin-draft-')), 'x.pdf');
    execFileSync(process.execPath, [join(ROOT, 'bin', 'bulletin.js'), 'build', SAMPLE, '--draft', '-q', '-o', out]);
    const pages = readPdf(readFileSync(out)).pages;
    expect(pages.every((p) => marks(p).length === 2)).toBe(true);
  });
});

describe('the watermark comes from the template', () => {
  it('takes its text, size and angle from watermark: in template.yaml', async () => {
    const root = rootWith({
      alt: ['watermark:', '  text: 内部资料', '  size: 90', '  angle: 0', '  color: "#ff0000"'].join('\n'),
    });
    const dir = copyIssue(FIXTURE);
    appendFileSync(join(dir, 'issue.yaml'), '\ntemplate: alt\n');
    const r = await build(dir, { root, draft: true });
    for (const p of readPdf(r.pdf).pages) {
      const m = marks(p, '内部资料');
      expect(m.map((c) => c.c).join('')).toBe('内部资料');
      expect(m[0].size).toBeCloseTo(90, 0);
      // Level: one baseline.
      expect(new Set(m.map((c) => Math.round(c.y))).size).toBe(1);
    }
  });

  it('prints no mark when the text is empty', async () => {
    const root = rootWith({ alt: 'watermark:\n  text: ""\n' });
    const dir = copyIssue(FIXTURE);
    appendFileSync(join(dir, 'issue.yaml'), '\ntemplate: alt\n');
    const r = await build(dir, { root, draft: true });
    const plain = await build(dir, { root });
    expect(r.pdf.equals(plain.pdf)).toBe(true);
  });

  it('reports a mistyped watermark key with the file and line', async () => {
    const root = rootWith({ alt: 'watermark:\n  colour: "#ff0000"\n' });
    const dir = copyIssue(FIXTURE);
    appendFileSync(join(dir, 'issue.yaml'), '\ntemplate: alt\n');
    const r = await build(dir, { root, draft: true });
    const d = r.diagnostics.find((x) => x.message.includes('colour'));
    expect(d).toMatchObject({ severity: 'warning', line: 2 });
    expect(d!.fix).toContain('color');
  });
});
