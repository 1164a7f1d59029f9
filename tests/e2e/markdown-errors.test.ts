// Bad input in articles and templates: every problem reported with file:line:col and a fix,
// nothing written, nothing crashing.
import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, InputError, type Diagnostic } from '../../src/index.js';
import { copyIssue, ROOT } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';
import { rootWith } from '../helpers/root.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'all-constructs');

async function problems(dir: string, root = ROOT): Promise<Diagnostic[]> {
  try {
    const r = await build(dir, { root });
    return r.diagnostics;
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics;
    throw e;
  }
}

/** A copy of the fixture whose first article gets `text` appended (at the returned line). */
function withText(text: string): { dir: string; line: number; file: string } {
  const dir = copyIssue(FIXTURE);
  const file = join(dir, 'articles', '01-shuzi-zhuanxing.md');
  const line = readFileSync(file, 'utf8').split('\n').length + 1;
  appendFileSync(file, `\n${text}\n`);
  return { dir, line, file };
}

describe('images that cannot be printed', () => {
  const cases: [string, string, RegExp][] = [
    ['a remote address', '![图9 网上的图](https://example.com/a.png)', /remote image .* not fetched/],
    ['a path outside the issue', '![图9 外面的图](../../outside.png)', /outside the issue folder/],
    ['an absolute path', '![图9 绝对路径](/etc/hosts)', /absolute/],
    ['a missing file', '![图9 缺图](images/nope.png)', /not found/],
  ];
  for (const [what, md, message] of cases) {
    it(`refuses ${what} with its place and a fix`, async () => {
      const { dir, line } = withText(md);
      const d = await problems(dir);
      const e = d.find((x) => x.code === 'md-image')!;
      expect(e, JSON.stringify(d)).toBeDefined();
      expect(e.severity).toBe('error');
      expect(e.message).toMatch(message);
      expect(e.file).toMatch(/01-shuzi-zhuanxing\.md$/);
      expect([e.line, e.col]).toEqual([line, 1]);
      expect(e.fix).toBeTruthy();
    });
  }

  it('refuses a GIF, and a PNG that is cut short', async () => {
    const { dir } = withText('![图9 动图](images/a.gif)\n\n![图10 坏图](images/bad.png)');
    writeFileSync(join(dir, 'images', 'a.gif'), Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'));
    const png = readFileSync(join(dir, 'images', 'chart.png'));
    writeFileSync(join(dir, 'images', 'bad.png'), png.subarray(0, 60));
    const d = (await problems(dir)).filter((x) => x.code === 'md-image');
    expect(d.map((x) => x.message)).toEqual([
      expect.stringMatching(/GIF/),
      expect.stringMatching(/PNG file is damaged/),
    ]);
    expect(d.every((x) => /PNG|JPEG/.test(x.fix ?? ''))).toBe(true);
  });

  it('finds an image written relative to the article file, and one with a Chinese name', async () => {
    const { dir } = withText('![图9 相对路径](../images/chart.png)\n\n![图10 中文名](images/图表.png)');
    copyFileSync(join(dir, 'images', 'chart.png'), join(dir, 'images', '图表.png'));
    const r = await build(dir, { root: ROOT });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('footnotes', () => {
  it('report a reference with no definition as an error at the reference', async () => {
    const { dir, line } = withText('这里引用了一个不存在的脚注[^nope]。');
    const d = await problems(dir);
    const e = d.find((x) => x.code === 'md-footnote-unknown')!;
    expect(e.severity).toBe('error');
    expect([e.line, e.col]).toEqual([line, 14]);
    expect(e.fix).toMatch(/\[\^nope\]:/);
  });

  it('warn about a definition never referred to', async () => {
    const { dir, line } = withText('[^lonely]: 没有人引用的脚注。');
    const d = await problems(dir);
    const w = d.find((x) => x.code === 'md-footnote-unused')!;
    expect(w.severity).toBe('warning');
    expect([w.line, w.col]).toEqual([line, 1]);
  });
});

describe('content taller than a page', () => {
  it('continues on the next pages, whole and in order, with no warning', async () => {
    const long = Array.from({ length: 400 }, (_, k) => `单元格第${k + 1}句，`).join('');
    const note = Array.from({ length: 500 }, (_, k) => `脚注第${k + 1}句，`).join('');
    const { dir } = withText(
      `| 甲 | 乙 |\n|--|--|\n| 一 | ${long} |\n\n后面的段落引用了一个很长的脚注[^long]。\n\n[^long]: ${note}`,
    );
    const r = await build(dir, { root: ROOT });
    expect(r.diagnostics.filter((d) => /overfull|overflow|table/.test(d.code))).toEqual([]);
    // table text (10.5 pt, without the header repeated on each page) and notes (9 pt) apart, page after page
    const lines = (size: number) =>
      readPdf(r.pdf).pages.flatMap((p) =>
        p.lines
          .filter((l) => l.size === size)
          .map((l) => squash(l.text))
          .filter((t) => t !== '甲乙'),
      );
    const cell = [
      ...lines(10.5)
        .join('')
        .matchAll(/单元格第(\d+)句/g),
    ].map((m) => Number(m[1]));
    expect(cell).toEqual(Array.from({ length: 400 }, (_, k) => k + 1));
    const notes = [
      ...lines(9)
        .join('')
        .matchAll(/脚注第(\d+)句/g),
    ].map((m) => Number(m[1]));
    expect(notes).toEqual(Array.from({ length: 500 }, (_, k) => k + 1));
  });
});

describe('template options', () => {
  it('are checked: wrong values are errors at their place, with the allowed ones', async () => {
    const root = rootWith({
      bad: [
        'article:',
        '  start: sideways',
        'figure:',
        '  max-height: 2',
        'running-head:',
        '  odd: "{chapter}"',
        'links:',
        '  after: "（网址）"',
        'list:',
        '  bullets: []',
      ].join('\n'),
    });
    const dir = copyIssue(FIXTURE);
    appendFileSync(join(dir, 'issue.yaml'), 'template: bad\n');
    const d = await problems(dir, root);
    const at = (line: number) => d.find((x) => x.line === line && x.file.endsWith('bad/template.yaml'));
    expect(at(2)?.message).toMatch(/one of new-page, odd-page, continue/);
    expect(at(4)?.message).toMatch(/from 0\.1 to 1/);
    expect(at(6)?.message).toMatch(/\{chapter\} is not a placeholder/);
    expect(at(8)?.message).toMatch(/lacks \{url\}/);
    expect(at(10)?.message).toMatch(/one or more marks/);
    expect(d.every((x) => x.severity !== 'error' || x.fix)).toBe(true);
  });
});
