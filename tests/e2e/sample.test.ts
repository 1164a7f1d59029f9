// The sample issue, built and read back from the PDF as a reader would see it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { buildAndRead, ROOT, SAMPLE } from '../helpers/build.js';
import { squash } from '../helpers/pdf.js';

const NO_START = new Set(Array.from('。，、；：？！）”'));
const NO_END = new Set(Array.from('（“《'));

function sourceParagraphs(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(join(dir, 'articles')).sort()) {
    const body = readFileSync(join(dir, 'articles', f), 'utf8').split(/^---$/m)[2];
    for (const block of body.split(/\n\s*\n/)) {
      const t = block
        .trim()
        .replace(/^#+\s*/, '')
        .replace(/\*\*/g, '');
      if (t) out.push(squash(t));
    }
  }
  return out;
}

describe('the sample issue 2023-06', async () => {
  const { result, pdf } = await buildAndRead(SAMPLE);
  // the text a reader copies out, folios left aside
  const stream = squash(
    pdf.pages.flatMap((p) => p.lines.filter((l) => !/^—\d+—$/.test(squash(l.text))).map((l) => l.text)).join(''),
  );

  it('has the masthead and the contents on page 1', () => {
    const p1 = pdf.pages[0].text;
    expect(p1).toContain('科技情报参考');
    expect(squash(p1)).toContain('2023年第6期');
    expect(p1).toContain('呼和浩特市科学技术局综合保障中心');
    expect(p1).toContain('目');
    expect(p1.match(/★/g)).toHaveLength(5);
  });

  it('prints every paragraph, in order', () => {
    let at = 0;
    for (const para of sourceParagraphs(SAMPLE)) {
      const k = stream.indexOf(para, at);
      expect(k, para.slice(0, 20)).toBeGreaterThanOrEqual(0);
      at = k + para.length;
    }
  });

  it('gives each contents entry the folio of the page its article starts on', () => {
    const entries = pdf.pages[0].lines.filter((l) => l.text.startsWith('★'));
    expect(entries).toHaveLength(5);
    for (const e of entries) {
      const number = Number(/(\d+)\s*$/.exec(e.text)![1]);
      const title = squash(e.text)
        .replace(/^★/, '')
        .replace(/[.\d]+$/, '');
      const page = pdf.pages.findIndex(
        (p, i) =>
          i > 0 &&
          squash(
            p.lines
              .filter((l) => l.size > 12.5)
              .map((l) => l.text)
              .join(''),
          ).startsWith(title.slice(0, 10)),
      );
      expect(page, title).toBeGreaterThan(0);
      const folio = pdf.pages[page].lines
        .filter((l) => l.y > pdf.pages[page].height * 0.9)
        .map((l) => squash(l.text))
        .join('');
      expect(folio).toBe(`—${number}—`);
    }
  });

  it('starts every article on a new page with folios from page 2', () => {
    expect(pdf.pages[0].lines.some((l) => /—\s*1\s*—/.test(l.text))).toBe(false);
    pdf.pages.slice(1).forEach((p, i) => {
      const foot = p.lines[p.lines.length - 1];
      expect(squash(foot.text)).toBe(`—${i + 2}—`);
    });
  });

  it('closes with the colophon at the foot of the last page', () => {
    const last = pdf.pages[pdf.pages.length - 1];
    const text = squash(last.text);
    expect(text).toContain('呼和浩特市科学技术局综合保障中心编辑');
    // 李涛 is spread to the width of three characters, and copies as the editor wrote it
    expect(last.text).toContain('编辑：李涛');
    const li = last.chars.find((c) => c.c === '李')!;
    const tao = last.chars.find((c) => c.c === '涛' && Math.abs(c.y - li.y) < 1)!;
    expect((tao.x0 - li.x0) / 12).toBeCloseTo(2, 2);
    expect(text).toContain('电话：4366683');
    const phone = last.lines.find((l) => l.text.includes('电话'))!;
    expect(phone.y).toBeGreaterThan(last.height * 0.8);
  });

  it('breaks no line before a closing mark or after an opening one', () => {
    for (const p of pdf.pages) {
      for (const l of p.lines) {
        const vis = l.chars.filter((c) => c.c.trim());
        expect(NO_START.has(vis[0].c), l.text).toBe(false);
        expect(NO_END.has(vis[vis.length - 1].c), l.text).toBe(false);
      }
    }
  });

  it('justifies body lines to both edges', () => {
    const body = pdf.pages.slice(1).flatMap((p) => p.lines.filter((l) => l.size === 12 && l.chars.length > 20));
    const counts = new Map<number, number>();
    for (const l of body) counts.set(Math.round(l.right), (counts.get(Math.round(l.right)) ?? 0) + 1);
    const right = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const full = body.filter((l) => l.right > right - 13);
    // every full line ends at the edge (a final mark set half-width ends half an em early)
    for (const l of full) {
      const last = l.chars.filter((c) => c.c.trim()).pop()!;
      const edge = '。，、；：？！）”'.includes(last.c) ? last.x0 + 6 : l.right;
      expect(Math.abs(edge - right), l.text).toBeLessThan(1.5);
    }
    expect(full.length).toBeGreaterThan(100);
  });

  it('embeds subset fonts and carries an outline entry and a link per article', () => {
    const fonts = new Set(pdf.pages.flatMap((p) => p.chars.map((c) => c.font)));
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+Noto/);
    expect(pdf.outline.map((o) => o.title)).toEqual([
      '浙江：教育、科技、人才三位一体的创新“衢”动模式实践',
      '西安市推进科技成果转化工作',
      '四川省眉山市强化举措推进创新驱动发展',
      '安徽省淮南市四措并举推动“科创+产业”融合发展',
      '湖北宜昌：聚力新型研发平台建设 助力产业高质量发展',
    ]);
    const tocLinks = pdf.links.filter((l) => l.page === 0 && l.target !== null);
    expect(tocLinks).toHaveLength(5);
    expect(tocLinks.map((l) => l.target)).toEqual(pdf.outline.map((o) => o.page));
  });

  it('records the issue in the metadata, dated from the issue, not the clock', () => {
    expect(pdf.doc.getMetaData('info:Title')).toBe('科技情报参考 2023年第6期');
    expect(pdf.doc.getMetaData('info:Author')).toBe('呼和浩特市科学技术局综合保障中心');
    expect(pdf.doc.getMetaData('info:CreationDate')).toMatch(/^D:20230630/);
  });

  it('gives the same bytes for the same input', async () => {
    const again = await build(SAMPLE, { root: ROOT });
    expect(again.pdf.equals(result.pdf)).toBe(true);
  });

  it('builds without warnings but the proofreading check’s one real finding (科研(管理)人员)', () => {
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.col}`)).toEqual(['punct-width 27:78']);
  });
});
