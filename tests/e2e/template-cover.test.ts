// The cover's template options, read back from the PDF: which headings the contents list
// (toc.levels, indented per level, bullets and leaders) with the outline following the same
// levels; and a masthead laid out differently by options alone (title text and alignment,
// the issue line's text, colour and place, the rule's offset, length and second rule).
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { copyIssue, ROOT, SAMPLE } from '../helpers/build.js';
import { drawings } from '../helpers/drawing.js';
import { readPdf, squash, type PdfLine } from '../helpers/pdf.js';
import { rootWith } from '../helpers/root.js';
import { readStructure } from '../helpers/structure.js';

const MM = 72 / 25.4;
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'all-constructs');
// The default text block: 38 characters of 12 pt, centred on A4.
const LEFT = (595.28 - 38 * 12) / 2;
const RIGHT = LEFT + 38 * 12;

async function buildIn(issue: string, template: string) {
  const root = rootWith({ alt: template });
  const dir = copyIssue(issue);
  appendFileSync(join(dir, 'issue.yaml'), 'template: alt\n');
  const result = await build(dir, { root });
  return { result, pdf: readPdf(result.pdf) };
}

interface Tree {
  title: string;
  page: number;
  down: Tree[];
}

function outlineTree(doc: mupdf.PDFDocument): Tree[] {
  type Node = NonNullable<ReturnType<mupdf.Document['loadOutline']>>[number];
  const walk = (items: Node[] | null | undefined): Tree[] =>
    (items ?? []).map((it) => ({ title: it.title ?? '', page: it.page ?? -1, down: walk(it.down) }));
  return walk(doc.loadOutline());
}

/** The contents' entries on a page: lines ending in a page number, below the heading. */
const entries = (lines: PdfLine[]) => lines.filter((l) => /\d$/.test(l.text.trim()) && l.y > 250 && l.size === 12);

describe('the sample with its ## sections in the contents (toc.levels: 2)', async () => {
  const { result, pdf } = await buildIn(SAMPLE, 'toc:\n  levels: 2\n  sub-bullet: "·"\n  sub-indent: 2\n');
  const listed = entries(pdf.pages[0].lines);
  const xian = [
    '一、西安市科技创新及成果转化基本情况',
    '二、深化全面创新改革，推进科技成果转化体制机制创新',
    '三、畅通科技成果就地转化通道，科研成果转化实现新突破',
  ];

  it('builds with the sample’s own warning only', () =>
    expect(result.diagnostics.map((d) => d.code)).toEqual(['punct-width']));

  it('lists the five titles and, under the second, its three sections, in order', () => {
    expect(listed).toHaveLength(8);
    const text = listed.map((l) => squash(l.text));
    expect(text[1]).toMatch(/^★西安市推进科技成果转化工作/);
    xian.forEach((s, k) => expect(text[2 + k].startsWith(`·${s}`), text[2 + k]).toBe(true));
    expect(text[5]).toMatch(/^★四川省眉山市/);
  });

  it('indents sections by two characters and sets them one grid line apart, titles two', () => {
    const titles = listed.filter((l) => l.text.startsWith('★'));
    const sections = listed.filter((l) => l.text.startsWith('·'));
    for (const t of titles) expect(t.left).toBeCloseTo(LEFT, 0);
    for (const s of sections) expect(s.left).toBeCloseTo(LEFT + 24, 0);
    expect(sections[0].y - titles[1].y).toBeCloseTo(22, 1);
    expect(sections[1].y - sections[0].y).toBeCloseTo(22, 1);
    expect(titles[2].y - sections[2].y).toBeCloseTo(44, 1);
  });

  it('prints the page each section starts on, with leaders to it, and links the entry there', () => {
    const onPage = (title: string) =>
      pdf.pages.findIndex((p, i) => i > 0 && p.lines.some((l) => squash(l.text) === title));
    listed.slice(2, 5).forEach((l, k) => {
      const page = onPage(xian[k]);
      expect(page).toBeGreaterThan(0);
      expect(squash(l.text)).toMatch(new RegExp(`…{3,}${page + 1}$`));
    });
    const links = pdf.links.filter((l) => l.page === 0);
    expect(links).toHaveLength(8);
    expect(links.slice(2, 5).map((l) => l.target)).toEqual(xian.map(onPage));
  });

  it('tags the sections as a contents list (TOC) inside their article’s item, each a link', () => {
    const toc = readStructure(pdf.doc).all.find((e) => e.type === 'TOC')!;
    expect(toc.kids.map((k) => k.type)).toEqual(['TOCI', 'TOCI', 'TOCI', 'TOCI', 'TOCI']);
    const xianItem = toc.kids[1];
    expect(xianItem.kids.map((k) => k.type)).toEqual(['Link', 'TOC']);
    expect(xianItem.kids[1].kids.map((k) => k.type)).toEqual(['TOCI', 'TOCI', 'TOCI']);
    for (const item of xianItem.kids[1].kids) expect(item.kids.map((k) => k.type)).toEqual(['Link']);
  });

  it('nests the same sections under their article in the outline', () => {
    const tree = outlineTree(pdf.doc);
    expect(tree).toHaveLength(5);
    expect(tree[1].down.map((d) => d.title)).toEqual(xian);
    expect(tree.filter((t, k) => k !== 1).every((t) => t.down.length === 0)).toBe(true);
  });
});

describe('three levels, no bullets, no leaders, on a fixture with ### headings', async () => {
  const { pdf } = await buildIn(FIXTURE, 'toc:\n  levels: 3\n  bullet: ""\n  leader: ""\n  sub-indent: 1.5\n');
  const cover = pdf.pages.slice(0, 2).flatMap((p) => entries(p.lines));

  it('lists ## and ### headings, ### further in, and no #### ones', () => {
    const lefts = new Map<string, number>(cover.map((l) => [squash(l.text).replace(/\d+$/, ''), l.left]));
    expect(lefts.get('一、总体情况')! - LEFT).toBeCloseTo(1.5 * 12, 0);
    // (an opening bracket at the start of a line is set in half an em: 3 characters less 0.5)
    expect(lefts.get('（一）政策工具')! - LEFT).toBeCloseTo(2.5 * 12, 0);
    expect([...lefts.keys()].some((t) => t.startsWith('1.供给侧'))).toBe(false);
  });

  it('draws no leaders and no bullets', () => {
    for (const l of cover) expect(l.text).not.toMatch(/[.…★·]/);
  });

  it('nests the outline three deep as the contents are', () => {
    const tree = outlineTree(pdf.doc);
    const first = tree[0];
    expect(first.down.map((d) => d.title)).toEqual(['一、总体情况', '二、存在的问题', '三、对策建议']);
    expect(first.down[0].down.map((d) => d.title)).toEqual(['（一）政策工具', '（二）典型做法']);
    expect(first.down[0].down[0].down).toEqual([]);
  });
});

describe('a masthead laid out by options alone', async () => {
  const { result, pdf } = await buildIn(
    SAMPLE,
    [
      'masthead:',
      '  title: "{title}简报"',
      '  title-align: left',
      '  title-tracking: 0',
      '  color: "#0050a0"',
      '  issue-line: "{publisher}　{issue}"',
      '  issue-align: right',
      '  issue-color: "#808080"',
      '  unit-line: false',
      '  rule-offset: 5mm',
      '  rule-length: 0.5',
      '  rule-width: 3',
      '  rule-gap: 2',
      '  rule2-width: 1',
      '',
    ].join('\n'),
  );
  const lines = pdf.pages[0].lines;
  const title = lines.find((l) => squash(l.text) === '科技情报参考简报')!;
  const issue = lines.find((l) => squash(l.text).endsWith('2023年第6期'))!;
  const rules = drawings(pdf.doc)[0].strokes.filter((s) => s.y1 < 250);

  it('builds', () => expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('sets the title as the template words it, at the text block’s left, in the masthead colour', () => {
    expect(title).toBeDefined();
    expect(title.left).toBeCloseTo(LEFT, 0);
    for (const c of title.chars.filter((c) => c.c.trim()))
      expect(c.color.map((v) => Math.round(v * 255))).toEqual([0, 0x50, 0xa0]);
  });

  it('sets the issue line with the publisher, flush right, in its own colour, and no publisher’s line under it', () => {
    expect(squash(issue.text)).toBe('呼和浩特市科学技术局综合保障中心2023年第6期');
    expect(issue.right).toBeCloseTo(RIGHT, 0);
    for (const c of issue.chars.filter((c) => c.c.trim()))
      expect(c.color.map((v) => Math.round(v * 255))).toEqual([128, 128, 128]);
    expect(lines.some((l) => squash(l.text).endsWith('编辑'))).toBe(false);
  });

  it('draws a half-width rule 5 mm under the issue line’s type and a thin one below, centred, in the masthead colour', () => {
    expect(rules).toHaveLength(2);
    const [thick, thin] = rules;
    expect(thick.width).toBeCloseTo(3, 2);
    expect(thin.width).toBeCloseTo(1, 2);
    expect(thick.y1 - (issue.y + 0.12 * 15)).toBeCloseTo(5 * MM, 1);
    expect(thin.y1 - thick.y1).toBeCloseTo(1.5 + 2 + 0.3, 2);
    for (const r of rules) {
      expect(r.x2 - r.x1).toBeCloseTo((RIGHT - LEFT) / 2, 1);
      expect((r.x1 + r.x2) / 2).toBeCloseTo((LEFT + RIGHT) / 2, 1);
      expect(r.color.map((v) => Math.round(v * 255))).toEqual([0, 0x50, 0xa0]);
    }
  });
});

describe('folios, running heads and the colophon worded and coloured by the template', async () => {
  const { result, pdf } = await buildIn(
    SAMPLE,
    [
      'folio:',
      '  format: "第 {n} 页　共 {total} 页"',
      '  color: "#336699"',
      'running-head:',
      '  odd: "{title}"',
      '  even: "{issue}"',
      '  align: outside',
      '  on-article-start: true',
      'colophon:',
      '  color: "#993333"',
      '  unit: "{publisher}　主办"',
      '  editor: "责任编辑：{editor}"',
      '  phone: "联系电话：{phone}"',
      '',
    ].join('\n'),
  );
  const pages = pdf.pages;
  const rgb = (l: PdfLine) => l.chars.find((c) => c.c.trim())!.color.map((v) => Math.round(v * 255));

  it('builds', () => expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('prints folios as 第 n 页 共 N 页 in the folio colour', () => {
    const total = pages.length;
    for (const [i, p] of pages.entries()) {
      if (i === 0) continue;
      const f = p.lines.find((l) => l.y > p.height - 60)!;
      expect(squash(f.text)).toBe(`第${i + 1}页共${total}页`);
      expect(rgb(f)).toEqual([0x33, 0x66, 0x99]);
    }
  });

  it('sets running heads at the outside edge: odd pages right, even pages left', () => {
    for (const [i, p] of pages.entries()) {
      if (i === 0) continue;
      const h = p.lines.find((l) => l.y < 75)!;
      expect(squash(h.text)).toBe(i % 2 === 0 ? '科技情报参考' : '2023年第6期');
      if (i % 2 === 0) expect(h.right).toBeCloseTo(RIGHT, 0);
      else expect(h.left).toBeCloseTo(LEFT, 0);
    }
  });

  it('words the colophon as the template says, in its colour, rules too', () => {
    const last = pages[pages.length - 1];
    const text = squash(last.text);
    expect(text).toContain('呼和浩特市科学技术局综合保障中心主办');
    expect(text).toContain('责任编辑：李涛');
    expect(text).toContain('联系电话：4366683');
    expect(rgb(last.lines.find((l) => l.text.includes('主办'))!)).toEqual([0x99, 0x33, 0x33]);
    const rules = drawings(pdf.doc)[pages.length - 1].strokes.filter((s) => s.x2 - s.x1 > 400 && s.y1 > 100); // (the running head’s rule above apart)
    expect(rules).toHaveLength(2);
    for (const r of rules) expect(r.color.map((v) => Math.round(v * 255))).toEqual([0x99, 0x33, 0x33]);
  });
});

describe('a copy of the default template with five of the cover’s keys changed', async () => {
  // An editor copies templates/default/template.yaml (every key, generated) and edits values.
  const original = readFileSync(join(ROOT, 'templates', 'default', 'template.yaml'), 'utf8');
  const edits: [RegExp, string][] = [
    [/^( {2}levels: )1\b/m, '$12'],
    [/^( {2}title: )"\{title\}"/m, '$1"{title}简报"'],
    [/^( {2}issue-align: )"center"/m, '$1"left"'],
    [/^( {2}position: )"center"/m, '$1"outside"'],
    [/^( {2}unit: )"\{publisher\}编辑"/m, '$1"{publisher}　印"'],
  ];
  const yaml = edits.reduce((text, [from, to]) => text.replace(from, to), original);
  const { result, pdf } = await buildIn(SAMPLE, yaml);
  const pages = pdf.pages;

  it('changed five lines', () => {
    const a = original.split('\n');
    expect(a.filter((line, k) => line !== yaml.split('\n')[k])).toHaveLength(5);
  });

  it('builds with the sample’s own warning only', () =>
    expect(result.diagnostics.map((d) => d.code)).toEqual(['punct-width']));

  it('shows each change', () => {
    const first = pages[0].lines;
    expect(first.some((l) => squash(l.text) === '科技情报参考简报')).toBe(true);
    expect(first.find((l) => squash(l.text) === '2023年第6期')!.left).toBeCloseTo(LEFT, 0);
    expect(entries(first)).toHaveLength(8);
    const f3 = pages[2].lines.find((l) => l.y > pages[2].height - 60)!;
    expect(f3.right).toBeCloseTo(RIGHT, 0); // page 3: odd, at the right
    const f4 = pages[3].lines.find((l) => l.y > pages[3].height - 60)!;
    expect(f4.left).toBeCloseTo(LEFT, 0);
    expect(squash(pages[pages.length - 1].text)).toContain('呼和浩特市科学技术局综合保障中心印');
  });
});

describe('the colophon right after the text (colophon.position: after)', async () => {
  const { result, pdf } = await buildIn(SAMPLE, 'colophon:\n  position: after\n');
  const last = pdf.pages[pdf.pages.length - 1];
  const text = last.lines.filter((l) => l.size === 12 && l.y < last.height - 60);

  it('builds', () => expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('sets it a grid line below the last line of text, its rules on the grid', () => {
    const unit = text.findIndex((l) => squash(l.text).endsWith('综合保障中心编辑'));
    expect(unit).toBeGreaterThan(0);
    expect(text[unit].y - text[unit - 1].y).toBeCloseTo(2 * 22, 1);
    expect(squash(text[unit + 1].text)).toMatch(/^编辑：李涛.*电话：4366683$/);
    expect(text[unit + 1].y - text[unit].y).toBeCloseTo(22, 1);
    // far above the foot of the text block, where the default puts it
    expect(text[unit + 1].y).toBeLessThan(80 + 31 * 22 - 5 * 22);
    const rules = drawings(pdf.doc)[pdf.pages.length - 1].strokes.filter((s) => s.x2 - s.x1 > 400);
    expect(rules).toHaveLength(2);
    expect(rules[0].y1).toBeLessThan(text[unit].y);
    expect(rules[1].y1).toBeGreaterThan(text[unit + 1].y);
  });
});
