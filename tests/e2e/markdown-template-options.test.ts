// The page-assembly options of a template, on the fixture issue: how articles start, running
// heads, folios on blank pages, the colophon on an even page, link addresses after the text.
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontRegistry } from '../../src/fonts/registry.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { build } from '../../src/index.js';
import { copyIssue, ROOT } from '../helpers/build.js';
import { readPdf, squash, type PdfPage } from '../helpers/pdf.js';
import { rootWith } from '../helpers/root.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'all-constructs');

async function buildWith(template: string, edit?: (dir: string) => void) {
  const root = rootWith({ alt: template });
  const dir = copyIssue(FIXTURE);
  appendFileSync(join(dir, 'issue.yaml'), 'template: alt\n');
  edit?.(dir);
  const result = await build(dir, { root });
  return { result, pdf: readPdf(result.pdf) };
}

const folio = (p: PdfPage) =>
  squash(
    p.lines
      .filter((l) => l.y > p.height - 60)
      .map((l) => l.text)
      .join(''),
  );
const head = (p: PdfPage) =>
  squash(
    p.lines
      .filter((l) => l.y < 75)
      .map((l) => l.text)
      .join(''),
  );
const titlePage = (pages: PdfPage[], title: string) =>
  pages.findIndex((p) => p.lines.some((l) => l.size > 17 && squash(l.text).startsWith(title)));

describe('a template with odd-page starts, running heads, outside folios and the colophon on an even page', async () => {
  const { result, pdf } = await buildWith(
    [
      'article:',
      '  start: odd-page',
      'running-head:',
      '  odd: "{article}"',
      '  even: "{title}　{issue}"',
      'folio:',
      '  position: outside',
      'colophon:',
      '  page: even',
    ].join('\n'),
  );
  const pages = pdf.pages;

  it('builds without warnings', () => expect(result.diagnostics).toEqual([]));

  it('starts every article on an odd page, leaving blank pages with no folio', () => {
    const starts = ['制造业数字化转型', '关于2023年度科技创新'].map((t) => titlePage(pages, t));
    for (const s of starts) expect((s + 1) % 2, `article on page ${s + 1}`).toBe(1);
    expect(starts[0]).toBe(2); // the cover is page 1, page 2 is left blank
    expect(pages[1].lines).toHaveLength(0);
    for (let i = 1; i < pages.length; i++) {
      if (!pages[i].lines.length) expect(folio(pages[i])).toBe('');
    }
  });

  it('prints folios at the outer edge: right on odd pages, left on even', () => {
    for (let i = 2; i < pages.length; i++) {
      const f = pages[i].lines.find((l) => l.y > pages[i].height - 60 && /\d/.test(l.text));
      if (!f) continue;
      if ((i + 1) % 2 === 1) expect(f.right).toBeCloseTo(526, 0);
      else expect(f.left).toBeCloseTo(70, 0);
    }
  });

  it('sets running heads from the template, none on the cover, on blank pages or where an article opens', () => {
    expect(head(pages[0])).toBe('');
    const starts = ['制造业数字化转型', '关于2023年度科技创新'].map((t) => titlePage(pages, t));
    let seen = 0;
    for (let i = 1; i < pages.length; i++) {
      const h = head(pages[i]);
      if (!pages[i].lines.length || starts.includes(i) || (/编辑：/.test(pages[i].text) && pages[i].lines.length < 5)) {
        expect(h, `page ${i + 1}`).toBe('');
        continue;
      }
      seen++;
      if ((i + 1) % 2 === 0) expect(h).toBe('科技情报参考2024年第3期（总第67期）');
      else expect(['制造业数字化转型的路径与政策工具', '关于2023年度科技创新工作情况的报告']).toContain(h);
    }
    expect(seen).toBeGreaterThan(4);
  });

  it('puts the colophon on an even page', () => {
    const last = pages.length - 1;
    expect(pages[last].text).toContain('编辑：王芳');
    expect((last + 1) % 2).toBe(0);
  });

  it('points the contents at the odd pages the articles start on', () => {
    const entries = pages[0].lines
      .filter((l) => l.text.startsWith('★'))
      .map((l) => Number(/(\d+)\s*$/.exec(l.text)![1]));
    const starts = ['制造业数字化转型', '关于2023年度科技创新'].map((t) => titlePage(pages, t) + 1);
    expect(entries).toEqual(starts);
  });
});

describe('a template where articles run on, with addresses after link text', async () => {
  const { result, pdf } = await buildWith(
    ['article:', '  start: continue', '  separator: mark', 'links:', '  url: after'].join('\n'),
  );
  const pages = pdf.pages;

  it('builds without warnings', () => expect(result.diagnostics).toEqual([]));

  it('starts an article on the page where the one before ends, after a separator', async () => {
    const para =
      '各地围绕产业链部署创新链，推动科技成果在本地转化落地，重点实验室、技术创新中心等平台建设取得积极进展。';
    const short = await buildWith(['article:', '  start: continue', '  separator: mark'].join('\n'), (dir) => {
      rmSync(join(dir, 'articles'), { recursive: true });
      mkdirSync(join(dir, 'articles'));
      writeFileSync(join(dir, 'articles', '01-a.md'), `---\ntitle: 第一篇\n---\n\n${para}\n\n${para}\n`);
      writeFileSync(join(dir, 'articles', '02-b.md'), `---\ntitle: 第二篇\n---\n\n${para}\n`);
    });
    const p = short.pdf.pages;
    expect(p).toHaveLength(2);
    const text = squash(p[1].text);
    expect(text.indexOf('＊＊＊')).toBeGreaterThan(text.indexOf('第一篇'));
    expect(text.indexOf('＊＊＊')).toBeLessThan(text.indexOf('第二篇'));
    // the contents point both articles at page 2
    const entries = p[0].lines.filter((l) => l.text.startsWith('★')).map((l) => Number(/(\d+)\s*$/.exec(l.text)![1]));
    expect(entries).toEqual([2, 2]);
  });

  it('never opens a page with a separator', () => {
    for (const p of pages.slice(1)) {
      const first = p.lines.find((l) => l.y > 75);
      if (first) expect(squash(first.text)).not.toBe('＊＊＊');
    }
    const second = titlePage(pages, '关于2023年度科技创新');
    expect(second).toBeGreaterThan(titlePage(pages, '制造业数字化转型'));
  });

  it("prints a link's address after its text, clickable, and not as a footnote", () => {
    const text = squash(pdf.pages.map((p) => p.text).join(''));
    expect(text).toContain('国家统计局网站（https://www.stats.gov.cn/）');
    expect(pdf.links.filter((l) => l.uri === 'https://www.stats.gov.cn/').length).toBeGreaterThanOrEqual(1);
    const notes = pdf.pages
      .map((p) =>
        p.chars
          .filter((c) => Math.abs(c.size - 9) < 0.01)
          .map((c) => c.c)
          .join(''),
      )
      .join('');
    expect(notes).not.toContain('https');
  });
});

// (kai is looked for by family: a machine with a 楷体 installed has one, and then this is moot)
describe.skipIf(FontRegistry.load(ROOT, new Diagnostics()).has('kai'))('a missing kai font', () => {
  it('sets quotes in the body font, with no error or warning', async () => {
    const { result, pdf } = await buildWith('quote:\n  font: kai\n');
    expect(result.diagnostics).toEqual([]);
    const q = pdf.pages.flatMap((p) => p.lines).find((l) => l.text.includes('数字化转型不是简单的'))!;
    expect(q.chars[q.chars.length - 1].font).toMatch(/NotoSerifSC-Regular|NotoSerifSC/);
  });
});
