// The sample issue set in each shipped template and read back from the PDF: paper, text
// block, the 公文 grid (28 characters a full line, 22 lines a full page), folios, masthead,
// colophon; a copy of a template changed in five keys; --template over issue.yaml.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { ROOT, SAMPLE } from '../helpers/build.js';
import { readPdf, squash, type PdfLine, type PdfPage } from '../helpers/pdf.js';

const MM = 72 / 25.4;
const WIDE = /^[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e“”‘’—…·]$/u;

async function sampleIn(template: string, root = ROOT) {
  const result = await build(SAMPLE, { root, template });
  return { result, pdf: readPdf(result.pdf) };
}

const folioLine = (p: PdfPage) => p.lines.find((l) => l.y > p.height - 90 && /^—\d+—$/.test(squash(l.text)));

describe('the sample in gongwen (GB/T 9704-2012)', async () => {
  const { result, pdf } = await sampleIn('gongwen');
  const pages = pdf.pages;
  const top = 37 * MM;
  const pitch = (225 * MM) / 22;
  const left = (i: number) => (i % 2 === 0 ? 28 : 26) * MM; // page index 0 is page 1, odd
  const right = (i: number) => left(i) + 156 * MM;
  /** Lines of body text (三号, 16 pt) inside the text block, masthead and folio apart. */
  const body = (p: PdfPage, i: number) =>
    p.lines.filter(
      (l) =>
        l.size === 16 &&
        l.y > top &&
        l.y < top + 225 * MM &&
        l.left >= left(i) - 0.5 &&
        !(i === 0 && l.y < top + 4 * pitch),
    );

  it('names once the free faces standing in for the licensed ones', () => {
    const said = result.diagnostics.filter((d) => d.code === 'font-substitute');
    expect(said).toHaveLength(1);
    expect(said[0].message).toMatch(/仿宋_GB2312 \(fangsong\) in Noto Serif SC/);
    expect(said[0].message).toMatch(/方正小标宋简体 \(xiaobiaosong\) in Noto Serif SC Bold/);
  });

  it('is A4', () => {
    for (const p of pages) expect([p.width, p.height].map((v) => Math.round(v / MM))).toEqual([210, 297]);
  });

  it('keeps every body line in the 156 mm block, 28 mm from the binding edge (odd pages left, even right)', () => {
    let seen = 0;
    pages.forEach((p, i) => {
      for (const l of body(p, i)) {
        seen++;
        expect(l.left, `page ${i + 1}: ${l.text}`).toBeGreaterThanOrEqual(left(i) - 0.01);
        // a mark may hang past the end of a full line (标点溢出边界), one cell at most; a 16 pt
        // glyph on a 15.79 pt cell reaches 0.21 pt past its cell
        for (const c of l.chars.filter((c) => c.c.trim() && c.x1 > right(i) + 16 - (156 * MM) / 28 + 0.01))
          expect(c.c, `page ${i + 1}: ${l.text}`).toMatch(/[，。、；：？！”’）》」]/);
        expect(l.right).toBeLessThanOrEqual(right(i) + 16.05);
      }
    });
    expect(seen).toBeGreaterThan(200);
  });

  it('sets 28 characters on every full line of Chinese, each in its cell of 156/28 mm', () => {
    const counts = new Map<number, number>();
    let checked = 0;
    pages.forEach((p, i) => {
      for (const l of body(p, i)) {
        const inBlock = l.chars.filter((c) => c.c.trim() && c.x0 < right(i) - 1);
        const full = Math.abs(inBlock[0].x0 - left(i)) < 0.5 && inBlock[inBlock.length - 1].x1 > right(i) - 1;
        if (!full || !inBlock.every((c) => WIDE.test(c.c))) continue;
        checked++;
        counts.set(inBlock.length, (counts.get(inBlock.length) ?? 0) + 1);
        if (inBlock.length === 28) {
          // on the grid: the k-th character starts k cells from the edge
          inBlock.forEach((c, k) => expect(c.ox, `${l.text} #${k}`).toBeCloseTo(left(i) + (k * 156 * MM) / 28, 1));
        } else {
          // pushed down (推出): the 28th character could not end the line (“ 《) or its marks could not all hang
          expect(inBlock.length, l.text).toBe(27);
        }
        // a hung mark lies wholly outside the block
        for (const c of l.chars.filter((c) => c.c.trim() && c.x0 >= right(i) - 1))
          expect(/[，。、；：？！”’）》」]/.test(c.c), l.text).toBe(true);
      }
    });
    expect(checked).toBeGreaterThan(60);
    expect(counts.get(28)! / checked).toBeGreaterThan(0.9);
  });

  it('puts 22 lines on a full page, on one grid of 225/22 mm from the block top', () => {
    let full = 0;
    pages.forEach((p, i) => {
      if (i === 0) return; // the cover: masthead and contents
      const lines = body(p, i);
      for (const l of lines) {
        const k = (l.y - top - pitch / 2 - 0.38 * 16) / pitch;
        expect(Math.abs(k - Math.round(k)), `page ${i + 1} ${l.text}`).toBeLessThan(0.01);
        expect(Math.round(k)).toBeGreaterThanOrEqual(0);
        expect(Math.round(k)).toBeLessThan(22);
      }
      if (lines.length === 22) full++;
    });
    expect(full).toBeGreaterThanOrEqual(2);
  });

  it('prints the folio "— n —" in 四号 on every page but the colophon’s, one character in from the outside edge', () => {
    pages.forEach((p, i) => {
      const f = folioLine(p);
      if (i === pages.length - 1) return expect(f).toBeUndefined();
      expect(f, `page ${i + 1}`).toBeDefined();
      expect(squash(f!.text)).toBe(`—${i + 1}—`);
      expect(f!.size).toBe(14);
      if (i % 2 === 0) expect(f!.right).toBeCloseTo(right(i) - 14, 0);
      else expect(f!.left).toBeCloseTo(left(i) + 14, 0);
      // the 一字线 about 7 mm below the text block
      expect((f!.y - (top + 225 * MM)) / MM).toBeGreaterThan(7);
      expect((f!.y - (top + 225 * MM)) / MM).toBeLessThan(12);
    });
  });

  it('has the red masthead (红头) with the issue line over the red rule, and titles in 二号', () => {
    const name = pages[0].lines.find((l) => squash(l.text) === '科技情报参考')!;
    expect(name.size).toBe(42);
    for (const c of name.chars.filter((c) => c.c.trim())) expect(c.color).toEqual([1, 0, 0]);
    expect(squash(pages[0].text)).toContain('2023年第6期');
    const titles = pages.flatMap((p) => p.lines.filter((l) => l.size === 22));
    expect(titles.length).toBeGreaterThanOrEqual(5);
    for (const t of titles) expect(t.chars.every((c) => /Bold/.test(c.font))).toBe(true);
  });

  it('wraps a long contents title into lines of even length, or between its two clauses, never a lone character before the leader', () => {
    // the contents: page 1's lines below the 目录 heading, down to the folio
    const lines = pages[0].lines.filter((l) => l.y > pages[0].lines.find((h) => squash(h.text) === '目录')!.y);
    const entries: string[][] = [];
    let open: string[] = [];
    for (const l of lines) {
      const text = squash(l.text);
      if (/^—\d+—$/.test(text)) break;
      open.push(text);
      if (/…\d+$/.test(text)) [entries[entries.length], open] = [open, []];
    }
    expect(open).toEqual([]);
    const wrapped = entries.filter((e) => e.length > 1);
    expect(wrapped.length).toBeGreaterThanOrEqual(2); // the sample's two long titles, on 156 mm
    for (const e of wrapped) {
      const last = e[e.length - 1].replace(/…+\d+$/, '');
      expect(last.length, e.join(' / ')).toBeGreaterThanOrEqual(Math.min(6, e[0].length / 2));
    }
    // 湖北宜昌：聚力新型研发平台建设 助力产业高质量发展 — two clauses, one line each
    expect(wrapped.map((e) => e.map((l) => l.replace(/…+\d+$/, '')))).toContainEqual([
      '湖北宜昌：聚力新型研发平台建设',
      '助力产业高质量发展',
    ]);
  });

  it('sets the colophon (版记) on an even page: editor, phone, unit and the date issued', () => {
    const last = pages[pages.length - 1];
    expect(pages.length % 2).toBe(0);
    const text = squash(last.text);
    expect(text).toContain('编辑：李涛');
    expect(text).toContain('电话：4366683');
    expect(text).toContain('呼和浩特市科学技术局综合保障中心2023年6月30日印发');
    const issued = last.lines.find((l) => l.text.includes('印发'))!;
    expect(issued.right).toBeCloseTo(right(pages.length - 1) - 14, 0);
  });
});

describe('the sample in a5-booklet', async () => {
  const { result, pdf } = await sampleIn('a5-booklet');

  it('builds without warnings but the sample’s own', () =>
    expect(result.diagnostics.map((d) => d.code)).toEqual(['punct-width']));

  it('is A5, its text block 32 characters of 五号 centred, 27 lines from 54 pt', () => {
    const left = (419.53 - 336) / 2;
    for (const p of pdf.pages) {
      expect([p.width, p.height].map((v) => Math.round(v / MM))).toEqual([148, 210]);
      for (const l of p.lines.filter((l) => l.size === 10.5 && l.y > 54 && l.y < 54 + 27 * 18)) {
        // (an opening mark that starts a line loses its blank half, as in the default)
        expect(l.left).toBeGreaterThanOrEqual(left - 5.26);
        expect(l.right).toBeLessThanOrEqual(left + 336 + 10.6);
      }
    }
    const p2 = pdf.pages[1].lines.filter((l) => l.size === 10.5 && l.y < 540);
    expect(p2.length).toBeGreaterThan(20);
  });

  it('prints folios at the outside edge, from page 2', () => {
    const left = (419.53 - 336) / 2;
    pdf.pages.forEach((p, i) => {
      const f = p.lines.find((l) => l.y > p.height - 40 && /\d/.test(l.text));
      if (i === 0) return expect(f).toBeUndefined();
      expect(squash(f!.text)).toBe(`—${i + 1}—`);
      if (i % 2 === 0) expect(f!.right).toBeCloseTo(left + 336, 0);
      else expect(f!.left).toBeCloseTo(left, 0);
    });
  });

  it('runs articles on: a title follows the text before it on its page', () => {
    const contents = pdf.pages[0].lines.filter((l) => l.text.startsWith('★'));
    expect(contents).toHaveLength(5);
    const runOn = pdf.pages.slice(1).filter((p) => {
      const k = p.lines.findIndex((l) => l.size === 15);
      return k > 0 && p.lines.slice(0, k).some((l) => l.size === 10.5 && l.y > 54);
    });
    expect(runOn.length).toBeGreaterThanOrEqual(1);
  });
});

describe('a copy of a template with five keys changed', async () => {
  // An editor copies gongwen and changes five keys; no code knows the copy.
  const root = mkdtempSync(join(tmpdir(), 'bulletin-copy-'));
  cpSync(join(ROOT, 'fonts'), join(root, 'fonts'), { recursive: true });
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  cpSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), {
    recursive: true,
    dereference: false,
    filter: (src) => !src.includes('.cache') && /node_modules(\/@expo-google-fonts.*)?$/.test(src),
  });
  cpSync(join(ROOT, 'templates', 'gongwen'), join(root, 'templates', 'bumen'), { recursive: true });
  const file = join(root, 'templates', 'bumen', 'template.yaml');
  const original = readFileSync(file, 'utf8');
  const yaml = original
    .replace('  paper: A4\n', '  paper: B5\n')
    .replace('  chars: 28\n', '  chars: 22\n')
    .replace('  lines: 22\n', '  lines: 20\n')
    .replace('  color: "#ff0000"\n', '  color: "#c00000"\n')
    .replace('  format: "— {n} —"\n', '  format: "第 {n} 页"\n');
  writeFileSync(file, yaml);
  const { result, pdf } = await sampleIn('bumen', root);
  const top = 37 * MM;
  const block = { width: (176 - 28 - 26) * MM, height: (250 - 37 - 35) * MM };
  // body lines (headings, set in 黑体 at their own pitch, take two of these smaller grid lines)
  const body = (p: PdfPage) =>
    p.lines.filter(
      (l: PdfLine) =>
        l.size === 16 &&
        l.y > top &&
        l.y < top + block.height &&
        !l.chars.every((c) => !c.c.trim() || /Sans/.test(c.font)),
    );

  it('changed five lines of the copy', () => {
    const a = original.split('\n');
    const b = yaml.split('\n');
    expect(a.filter((line, k) => line !== b[k])).toHaveLength(5);
  });

  it('builds', () => expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('is B5 with a text block of 22 cells, the margins of 公文 at the sides', () => {
    const p = pdf.pages[1];
    expect([p.width, p.height].map((v) => Math.round(v / MM))).toEqual([176, 250]);
    const left = 26 * MM; // page 2: even
    const full = body(p)
      .map((l) => l.chars.filter((c) => c.c.trim() && c.x0 < left + block.width - 1))
      .filter((cs) => cs.length === 22 && cs.every((c) => WIDE.test(c.c)) && Math.abs(cs[0].ox - left) < 0.5);
    expect(full.length).toBeGreaterThan(5);
    for (const cs of full) expect(cs[21].ox - cs[0].ox).toBeCloseTo((21 * block.width) / 22, 1);
  });

  it('fits the lines to the new grid: 20 lines of 178/20 mm', () => {
    const pitch = block.height / 20;
    let lines = 0;
    for (const p of pdf.pages.slice(1)) {
      for (const l of body(p)) {
        const k = (l.y - top - pitch / 2 - 0.38 * 16) / pitch;
        expect(Math.abs(k - Math.round(k))).toBeLessThan(0.01);
        expect(Math.round(k)).toBeLessThan(20);
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(100);
  });

  it('prints the masthead in the new red', () => {
    const name = pdf.pages[0].lines.find((l) => squash(l.text) === '科技情报参考')!;
    expect(name.chars[0].color.map((v) => Math.round(v * 255))).toEqual([0xc0, 0, 0]);
  });

  it('prints folios as 第 n 页', () => {
    const f = pdf.pages[2].lines.find((l) => l.text.includes('页') && l.y > pdf.pages[2].height - 80)!;
    expect(squash(f.text)).toBe('第3页');
  });
});

describe('choosing the template', () => {
  it('takes --template over issue.yaml’s template:, and names the templates there are when it is wrong', () => {
    const bin = join(ROOT, 'bin', 'bulletin.js');
    const out = join(mkdtempSync(join(tmpdir(), 'bulletin-t-')), 'x.pdf');
    const ok = spawnSync(process.execPath, [bin, 'build', SAMPLE, '--template', 'a5-booklet', '-o', out, '-q'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(ok.status).toBe(0);
    const pdf = readPdf(readFileSync(out));
    expect(Math.round(pdf.pages[0].width / MM)).toBe(148);
    const bad = spawnSync(process.execPath, [bin, 'build', SAMPLE, '-t', 'gongwne', '-o', out], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /^--template: error: template "gongwne" not found .*use one of: a5-booklet, default, gongwen/m,
    );
  });
});
