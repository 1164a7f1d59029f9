// The importer's parts on small inputs: escaping, the page furniture, joins, titles against
// the contents, headings and leads, encodings, names and dates.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastWeekday, nextMonth } from '../../src/archive/calendar.js';
import { decodeText, importPrinted } from '../../src/import/index.js';
import { escapeMd } from '../../src/import/markdown.js';
import { slugOf } from '../../src/import/write.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { parseMarkdown } from '../../src/source/markdown.js';
import type { Block, Span } from '../../src/source/model.js';

function text(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}

async function imp(body: string, name = 'in.txt') {
  const file = join(mkdtempSync(join(tmpdir(), 'bulletin-imp-')), name);
  writeFileSync(file, body);
  return importPrinted(file);
}

const codes = (notes: { code: string; severity: string }[]) => notes.map((n) => `${n.severity}:${n.code}`);

describe('escapeMd', () => {
  it('gives Markdown that reads back as the very text (property)', () => {
    const chars = [
      ...'科技。，“”（）*_`[]<>#|~\\&!^-+=1.):;ab ',
      '&amp;',
      '&#65;',
      '1. ',
      '- ',
      '> ',
      '# ',
      '***',
      '---',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 30 }), (parts) => {
        const s = parts.join('').trim();
        fc.pre(s.length > 0);
        const diags = new Diagnostics();
        const { blocks } = parseMarkdown(escapeMd(s), 'x.md', 0, diags);
        expect(blocks).toHaveLength(1);
        const b = blocks[0] as Extract<Block, { kind: 'para' }>;
        expect(b.kind).toBe('para');
        expect(text(b.spans)).toBe(s);
        expect(b.spans.some((x) => x.bold || x.em || x.code || x.href)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the printed issue around the articles', () => {
  it('reads the masthead, a wrapped contents title and a colophon line of several fields; drops folios', async () => {
    const issue = await imp(
      [
        '科技动态',
        '2024年第3期（总第27期）',
        '某市科学技术局编　　2024年3月29日',
        '目  录',
        '★ 关于加快推进科技成果转化的',
        '若干措施……………2',
        '★ 第二篇……………3',
        '',
        '关于加快推进科技成果转化的若干措施',
        '',
        '正文第一段。',
        '— 2 —',
        '\f第二篇',
        '',
        '正文第二篇。',
        '- 3 -',
        '编辑：王芳　　电话：0471-6612345',
      ].join('\n'),
    );
    expect(issue.meta).toEqual({
      title: '科技动态',
      year: 2024,
      number: 3,
      total: 27,
      date: '2024-03-29',
      publisher: '某市科学技术局',
      editor: '王芳',
      phone: '0471-6612345',
    });
    expect(issue.articles.map((a) => a.title)).toEqual(['关于加快推进科技成果转化的若干措施', '第二篇']);
    expect(issue.articles.map((a) => a.blocks.map((b) => b.md))).toEqual([['正文第一段。'], ['正文第二篇。']]);
    expect(issue.notes.filter((n) => n.severity === 'warning')).toEqual([]);
  });

  it('says when a title differs from the contents, and when a contents line has no article', async () => {
    const issue = await imp(
      [
        '科技情报参考',
        '2023 年第 6 期',
        '★ 西安市推进科技成果转化工作.....3',
        '★ 不存在的文章.....5',
        '',
        '西安市推进科技成果转化工作情况',
        '',
        '近年来，西安市做了许多有益的实践探索。',
      ].join('\n'),
    );
    expect(issue.articles.map((a) => a.title)).toEqual(['西安市推进科技成果转化工作情况']);
    const title = issue.notes.find((n) => n.code === 'import-title')!;
    expect(title.at.line).toBe(6);
    expect(String(title.message)).toContain(
      'the title printed here is 「西安市推进科技成果转化工作情况」, the contents list (in.txt:3) says 「西安市推进科技成果转化工作」',
    );
    const missing = issue.notes.find((n) => n.code === 'import-toc-missing')!;
    expect(missing.at.line).toBe(4);
  });

  it('finds titles by their shape when there is no contents list, and says so', async () => {
    const issue = await imp(
      ['第一篇的标题', '', '第一篇的正文，说了一件事。', '', '第二篇的标题', '', '第二篇的正文，又说了一件事。'].join(
        '\n',
      ),
    );
    expect(issue.articles.map((a) => a.title)).toEqual(['第一篇的标题', '第二篇的标题']);
    expect(codes(issue.notes)).toEqual(['warning:import-title', 'warning:import-title']);
  });
});

describe('page ends, headings and leads in plain text', () => {
  const head = ['科技情报参考', '2023 年第 6 期', '★ 标题.....2', '', '标题', ''];

  it('joins a paragraph broken mid-sentence; warns when the next piece could open a paragraph; never joins a heading', async () => {
    const issue = await imp(
      [
        ...head,
        '企业需求优',
        '',
        '势，助力发展。',
        '',
        '下列事项：',
        '',
        '一是加强领导。正文。',
        '',
        '二、标题一句',
        '',
        '正文在这里。',
      ].join('\n'),
    );
    const md = issue.articles[0].blocks.map((b) => (b.kind === 'heading' ? `${'#'.repeat(b.level!)} ${b.md}` : b.md));
    // (joined, the lead is no longer at the paragraph's start: the warning says to look)
    expect(md).toEqual([
      '企业需求优势，助力发展。',
      '下列事项：一是加强领导。正文。',
      '## 二、标题一句',
      '正文在这里。',
    ]);
    expect(codes(issue.notes)).toEqual(['note:import-join', 'warning:import-join']);
    expect(String(issue.notes[1].message)).toContain('could open a paragraph of its own');
  });

  it('numbers give heading levels, closed up; leads are bolded to their first stop', async () => {
    const issue = await imp(
      [
        ...head,
        '（一）没有上级的标题',
        '',
        '1. 第三级',
        '',
        '（1）第四级',
        '',
        '1.8 亿元的投入增长了。',
        '',
        '二是第二条。说明。',
      ].join('\n'),
    );
    const md = issue.articles[0].blocks.map((b) => (b.kind === 'heading' ? `${'#'.repeat(b.level!)} ${b.md}` : b.md));
    expect(md).toEqual([
      '## （一）没有上级的标题',
      '### 1. 第三级',
      '#### （1）第四级',
      '1.8 亿元的投入增长了。',
      '**二是第二条。**说明。',
    ]);
  });

  it('takes three paragraphs opening with a short sentence of one shape for unnumbered leads, and says so', async () => {
    const issue = await imp(
      [
        ...head,
        '强化主体培育，蓄能新动力。正文一，说了很多的事情。',
        '',
        '加强平台建设，激发新活力。正文二，说了很多的事情。',
        '',
        '推动全链融合，把握新机遇。正文三，说了很多的事情。',
      ].join('\n'),
    );
    expect(issue.articles[0].blocks.map((b) => b.md)).toEqual([
      '**强化主体培育，蓄能新动力。**正文一，说了很多的事情。',
      '**加强平台建设，激发新活力。**正文二，说了很多的事情。',
      '**推动全链融合，把握新机遇。**正文三，说了很多的事情。',
    ]);
    expect(codes(issue.notes)).toEqual(['warning:import-lead']);
  });
});

describe('encodings, names and dates', () => {
  it('reads GBK text as Chinese Windows saves it', () => {
    // 科技 in GB 18030
    expect(decodeText(Buffer.from([0xbf, 0xc6, 0xbc, 0xbc]))).toBe('科技');
    expect(decodeText(Buffer.from('科技', 'utf8'))).toBe('科技');
  });

  it('names articles by the pinyin of their first words, 省 市 left out, never twice', () => {
    const used = new Set<string>();
    expect(slugOf('四川省眉山市强化举措推进创新驱动发展', used)).toBe('sichuan-meishan-qianghua');
    expect(slugOf('四川省眉山市强化举措再推进', used)).toBe('sichuan-meishan-qianghua-2');
    expect(slugOf('AI chip news', used)).toBe('ai-chip-news');
  });

  it('dates an issue on the last weekday of its month', () => {
    expect(lastWeekday(2023, 6)).toBe('2023-06-30');
    expect(lastWeekday(2023, 9)).toBe('2023-09-29'); // the 30th is a Saturday
    expect(lastWeekday(2024, 3)).toBe('2024-03-29'); // the 31st a Sunday
    expect(nextMonth('2023-12')).toBe('2024-01');
    expect(nextMonth('2023-06')).toBe('2023-07');
  });
});
