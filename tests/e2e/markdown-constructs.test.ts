// A fixture issue using every Markdown construct an editor writes, built and read back from
// the PDF: headings, lists, quotes, rules, tables, images, footnotes, links, code.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { buildAndRead, copyIssue, ROOT } from '../helpers/build.js';
import { drawings } from '../helpers/drawing.js';
import { groupLines, readPdf, squash, type PdfChar, type PdfPage } from '../helpers/pdf.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'all-constructs');
const PITCH = 22;
const EM = 12;

/** The text an editor wrote, block by block, with the Markdown marks taken off (tables and notes apart). */
function sourceBlocks(): { paras: string[]; cells: string[]; notes: string[] } {
  const paras: string[] = [];
  const cells: string[] = [];
  const notes: string[] = [];
  for (const f of readdirSync(join(FIXTURE, 'articles')).sort()) {
    const body = readFileSync(join(FIXTURE, 'articles', f), 'utf8')
      .split(/^---$/m)
      .slice(2)
      .join('---');
    let fence = false;
    for (const block of body.split(/\n\s*\n/)) {
      const text = block.trim();
      if (!text || /^-{3,}$/.test(text)) continue;
      if (text.startsWith('```') || fence) {
        for (const l of text.split('\n')) if (!l.startsWith('```')) paras.push(squash(l));
        fence = text.startsWith('```') && !text.endsWith('```', text.length) ? !fence : fence;
        continue;
      }
      if (text.startsWith('|')) {
        for (const row of text.split('\n').filter((r) => !/^\|[-:| ]+\|$/.test(r))) {
          for (const c of row.split('|').slice(1, -1)) cells.push(clean(c));
        }
        continue;
      }
      if (text.startsWith('[^')) {
        for (const n of text.split(/\n(?=\[\^)/)) notes.push(clean(n.replace(/^\[\^[^\]]+\]:/, '')));
        continue;
      }
      // list items and quote paragraphs one by one
      for (const item of text.split(/\n(?=\s*(?:[-*+]|\d+[.)])\s)/)) {
        const t = clean(item.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/^>\s?/gm, ''));
        if (t) paras.push(t);
      }
    }
  }
  return { paras, cells, notes };
}

function clean(s: string): string {
  return squash(
    s
      .replace(/^#+\s*/gm, '')
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[\^[^\]]+\]/g, '')
      .replace(/\^\[[^\]]*\]/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*`]/g, '')
      .replace(/<br>/g, ''),
  );
}

/** A page's text without footnotes, folios and raised note markers: what runs in the body. */
function bodyText(p: PdfPage): string {
  const chars = p.chars.filter((c) => c.size >= 10 && c.y < p.height - 60);
  return groupLines(chars)
    .map((l) => l.text)
    .join('');
}

function footText(p: PdfPage): string {
  return groupLines(p.chars.filter((c) => Math.abs(c.size - 9) < 0.01))
    .map((l) => l.text)
    .join('\n');
}

describe('the all-constructs fixture', async () => {
  const { result, pdf } = await buildAndRead(FIXTURE);
  const pages = pdf.pages;
  const draw = drawings(pdf.doc);
  const src = sourceBlocks();
  const stream = squash(pages.slice(1).map(bodyText).join(''));
  const pageWith = (needle: string) => pages.findIndex((p, i) => i > 0 && squash(p.text).includes(squash(needle)));

  it('builds without a warning', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('prints every paragraph, list item, quote, caption and code line, in order', () => {
    let at = 0;
    for (const para of src.paras) {
      const k = stream.indexOf(para, at);
      expect(k, para.slice(0, 24)).toBeGreaterThanOrEqual(0);
      at = k + para.length;
    }
    expect(src.paras.length).toBeGreaterThan(40);
  });

  it('prints every table cell', () => {
    for (const cell of src.cells) {
      if (!cell) continue;
      const found = pages.some((p) => squash(bodyText(p)).includes(cell) || columnText(p, cell).includes(cell));
      expect(found, cell).toBe(true);
    }
  });

  it('sets the title, subtitle and byline under it', () => {
    const p = pages[1];
    const lines = p.lines.map((l) => squash(l.text));
    const t = lines.indexOf('制造业数字化转型的路径与政策工具');
    expect(t).toBeGreaterThanOrEqual(0);
    expect(lines[t + 1]).toBe('——基于长三角三省一市的调研');
    expect(lines[t + 2]).toBe('课题组来源：上海市科学学研究所');
  });

  it('styles the four heading levels as the template says, without renumbering them', () => {
    const find = (text: string) => pages.flatMap((p) => p.lines).find((l) => squash(l.text) === squash(text))!;
    const h2 = find('一、总体情况');
    const h3 = find('（一）政策工具');
    const h4 = find('1. 供给侧工具');
    const h5 = find('（1）揭榜挂帅的组织方式');
    for (const h of [h2, h3, h4, h5]) expect(h, 'heading').toBeDefined();
    expect(h2.chars[0].font).toMatch(/Sans.*Bold/);
    expect(h3.chars[0].font).toMatch(/Serif.*Bold/);
    expect(h5.chars.find((c) => c.c === '揭')!.font).toMatch(/Serif(?!.*Bold)/);
    expect(h2.left).toBeCloseTo(70 + 2 * EM, 0);
  });

  it('sets lists with markers, a hanging indent and a second level further in', () => {
    const p = pages[pageWith('数字化改造专项资金')];
    const item = p.lines.find((l) => l.text.includes('数字化改造专项资金'))!;
    const nested = p.lines.find((l) => l.text.includes('平台连接设备数'))!;
    const textX = (l: typeof item) => l.chars.find((c) => /[\u4e00-\u9fff]/.test(c.c))!.x0;
    // a small bullet is centred on the line's em box: just above its baseline, left of its text
    const bullet = (l: typeof item) =>
      p.chars.find((c) => c.y < l.y && c.y > l.y - 6 && c.x1 <= textX(l) && c.c.trim())?.c;
    expect(bullet(item)).toBe('●');
    expect(bullet(nested)).toBe('○');
    expect(textX(nested)).toBeGreaterThan(textX(item) + EM);
    const q = pages[pageWith('面向全国发布榜单')];
    const second = q.lines.find((l) => l.text.includes('面向全国发布榜单'))!;
    const cont = q.lines.find((l) => l.text.includes('方案须经专家评审'))!;
    expect(squash(second.text).startsWith('2.')).toBe(true);
    // the item's second paragraph hangs under its text, not under its number
    expect(cont.left).toBeCloseTo(textX(second), 0);
  });

  it('indents block quotes on both sides', () => {
    const p = pages[pageWith('数字化转型不是简单的')];
    const lines = p.lines.filter((l) => /数字化转型不是|系统性变革|摘自某省/.test(l.text));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const l of lines) {
      // (an opening bracket that starts a line is set half-width: its box starts half an em early)
      expect(l.left).toBeGreaterThanOrEqual(70 + 2 * EM - (l.text.trim().startsWith('（') ? EM / 2 : 0) - 0.5);
      expect(l.right).toBeLessThanOrEqual(526 - 2 * EM + 0.5);
    }
  });

  it('draws a section break as a short centred rule', () => {
    const short = draw
      .flatMap((d) => d.strokes)
      .filter((s) => Math.abs(s.y1 - s.y2) < 0.01 && Math.abs(s.x2 - s.x1 - 0.25 * 456) < 1 && s.x1 > 100);
    expect(short).toHaveLength(1);
    expect((short[0].x1 + short[0].x2) / 2).toBeCloseTo(298, 0);
  });

  it('rules tables as three-line tables, with the caption above', () => {
    const i = pageWith('表1长三角三省一市数字化转型主要指标');
    const full = draw[i].strokes.filter((s) => s.x2 - s.x1 > 400);
    expect(full.map((s) => s.width)).toEqual([1, 0.5, 1]);
    const caption = pages[i].lines.find((l) => l.text.includes('表 1') || squash(l.text).startsWith('表1'))!;
    expect(caption.y).toBeLessThan(full[0].y1);
  });

  it("repeats a long table's header on each page it runs onto, under 续表", () => {
    const first = pageWith('表2');
    const rowsOn = (i: number) =>
      pages[i].lines
        .filter((l) => l.size === 10.5)
        .map((l) => /^(\d+)[\u4e00-\u9fff]/.exec(squash(l.text))?.[1])
        .filter(Boolean)
        .map(Number);
    const spread: number[] = [first];
    while (!rowsOn(spread[spread.length - 1]).includes(40)) spread.push(spread[spread.length - 1] + 1);
    expect(spread.length).toBeGreaterThan(1);
    for (const i of spread) {
      expect(
        pages[i].lines.filter((l) => squash(l.text).startsWith('序号项目名称')),
        `page ${i + 1}`,
      ).toHaveLength(1);
      if (i !== first) expect(squash(pages[i].text)).toContain('续表2');
    }
    // each piece but the last is closed with a thick rule: two thick rules on every page of it
    for (const i of spread) expect(draw[i].strokes.filter((s) => s.width === 1 && s.x2 - s.x1 > 400)).toHaveLength(2);
    // rows run on in order, at least two of them on each page
    expect(spread.flatMap(rowsOn)).toEqual(Array.from({ length: 40 }, (_, k) => k + 1));
    for (const i of spread) expect(rowsOn(i).length).toBeGreaterThanOrEqual(2);
  });

  it('places the PNG and JPEG images, inside the measure, each above its caption on the same page', () => {
    const images = draw.flatMap((d, page) => d.images.map((im) => ({ ...im, page })));
    expect(images.map((im) => im.px)).toEqual([
      [360, 200],
      [320, 200],
      [240, 560],
    ]);
    const captions = ['图1各地工业互联网平台数量对比', '图2某企业智能车间外景', '图3项目管理流程示意'];
    images.forEach((im, k) => {
      const cap = pages[im.page].lines.find((l) => squash(l.text) === captions[k]);
      expect(cap, captions[k]).toBeDefined();
      expect(cap!.y).toBeGreaterThan(im.y + im.h);
      expect(im.x).toBeGreaterThanOrEqual(70);
      expect(im.x + im.w).toBeLessThanOrEqual(526);
      // the aspect ratio is kept
      expect(im.w / im.h).toBeCloseTo(im.px[0] / im.px[1], 2);
    });
  });

  it('sets each footnote at the foot of the page that refers to it, numbered per article, below a short rule', () => {
    const marks = '①②③④⑤';
    const notePages: number[] = [];
    for (const m of marks) {
      const refPage = pages.findIndex((p, i) => i > 0 && p.chars.some((c) => c.c === m && c.size < 8));
      expect(refPage, `marker ${m}`).toBeGreaterThan(0);
      const foot = footText(pages[refPage]);
      expect(foot, `note ${m}`).toContain(m);
      notePages.push(refPage);
    }
    const notes = pages.map(footText).join('\n');
    for (const n of src.notes) expect(squash(notes)).toContain(n);
    expect(squash(notes)).toContain('https://www.stats.gov.cn/');
    for (const p of new Set(notePages)) {
      const rule = draw[p].strokes.find((s) => Math.abs(s.x2 - s.x1 - 0.25 * 456) < 1 && s.width === 0.5 && s.x1 < 71);
      const noteTop = Math.min(...pages[p].chars.filter((c) => Math.abs(c.size - 9) < 0.01).map((c) => c.y));
      const bodyBottom = Math.max(...pages[p].chars.filter((c) => c.size >= 10 && c.y < noteTop).map((c) => c.y));
      expect(rule, `rule on page ${p + 1}`).toBeDefined();
      expect(rule!.y1).toBeGreaterThan(bodyBottom);
      expect(rule!.y1).toBeLessThan(noteTop);
    }
    // numbering per article: see 'footnotes in two articles' below (this fixture's second article has none)
  });

  it('prints links as text and makes them clickable', () => {
    const i = pageWith('国家统计局网站');
    const link = pdf.links.find((l) => l.page === i && l.uri === 'https://www.stats.gov.cn/');
    expect(link).toBeDefined();
  });

  it('sets inline code and code blocks in the code face', () => {
    const code = pages.flatMap((p) => p.lines).find((l) => l.text.includes('DX-2024-03'))!;
    expect(code.chars.find((c) => c.c === 'D')!.font).toMatch(/Sans/);
    const block = pages.flatMap((p) => p.lines).find((l) => l.text.includes('import pandas as pd'))!;
    expect(block.left).toBeCloseTo(70 + 2 * EM, 0);
  });

  it('keeps every body line on the grid of the page', () => {
    for (const p of pages.slice(1)) {
      for (const l of p.lines) {
        if (l.size !== 12 || l.y > p.height - 60) continue;
        const off = (l.y - 80 - (PITCH / 2 + 0.38 * 12)) / PITCH;
        expect(Math.abs(off - Math.round(off)), l.text).toBeLessThan(0.01);
      }
    }
  });

  it('gives the same bytes for the same input', async () => {
    const again = await build(FIXTURE, { root: ROOT });
    expect(again.pdf.equals(result.pdf)).toBe(true);
  });
});

/** Text in a column that starts where `cell` starts (for cells broken over lines). */
function columnText(p: PdfPage, cell: string): string {
  const head = Array.from(cell.slice(0, 3));
  let x = -1;
  let y = 0;
  for (const l of p.lines) {
    const s = l.chars.filter((c) => c.c.trim());
    for (let k = 0; k + head.length <= s.length; k++) {
      if (head.every((h, j) => s[k + j].c === h)) {
        x = s[k].x0;
        y = l.y;
        break;
      }
    }
    if (x >= 0) break;
  }
  if (x < 0) return '';
  const cs: PdfChar[] = p.chars.filter((c) => c.x0 >= x - 0.5 && c.y >= y - 0.5 && c.y < y + 4 * 16 && c.size >= 10);
  return squash(
    groupLines(cs)
      .map((l) => l.text)
      .join(''),
  );
}

describe('footnotes in two articles', async () => {
  // The fixture with notes in its second article too: each article numbers its own from ①.
  const dir = copyIssue(FIXTURE);
  const file = join(dir, 'articles', '02-niandu-baogao.md');
  const text = readFileSync(file, 'utf8')
    .replace('签约合作项目51个。', '签约合作项目51个[^a]。')
    .replace('已有3项成功揭榜。', '已有3项成功揭榜[^b]。');
  writeFileSync(file, `${text.trimEnd()}\n\n[^a]: 第二篇的第一条注释。\n[^b]: 第二篇的第二条注释。\n`);
  const result = await build(dir, { root: ROOT });
  const pages = readPdf(result.pdf).pages;
  const marker = (p: PdfPage) =>
    p.chars
      .filter((c) => c.size < 8 && /[\u2460-\u2473]/.test(c.c))
      .map((c) => c.c)
      .join('');
  const second = pages.findIndex((p, i) => i > 0 && squash(p.text).includes('关于2023年度科技创新工作情况的报告'));

  it('numbers the first article ① to ⑤ and the second from ① again', () => {
    expect(second).toBeGreaterThan(1);
    expect(pages.slice(1, second).map(marker).join('')).toBe('①②③④⑤');
    expect(pages.slice(second).map(marker).join('')).toBe('①②');
  });

  it("sets each of the second article's notes under its own number", () => {
    const foot = squash(pages.slice(second).map(footText).join('\n'));
    expect(foot).toContain('①第二篇的第一条注释。');
    expect(foot).toContain('②第二篇的第二条注释。');
    expect(foot).not.toMatch(/[⑥⑦]/);
  });
});
