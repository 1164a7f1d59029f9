// The checker's reading of an article: the printed text of each paragraph, heading, item,
// cell and front matter value, with the exact source line and column of every character.
import { basename, dirname, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { joinLines, OPAQUE, parseDoc, posAt, sourceAt, splitLines } from '../../src/check/prose.js';
import { shownPath as shown } from '../../src/source/diagnostics.js';

const read = (body: string, front = 'title: 标题') =>
  parseDoc('/virtual/articles/01-a.md', `---\n${front}\n---\n\n${body}\n`);
const texts = (body: string) => read(body).units.map((u) => [u.kind, u.text]);

describe('names shown in findings', () => {
  it('are relative to the working folder when inside it, as path.relative says, else the path as given', () => {
    const cwd = process.cwd();
    const slow = (p: string) => {
      const rel = relative(cwd, p);
      return rel && !rel.startsWith('..') ? rel : p;
    };
    const base = basename(cwd);
    const paths = [
      cwd,
      `${cwd}/a.md`,
      `${cwd}/articles/01-a.md`,
      `${cwd}x/a.md`,
      `${cwd}/../${base}/a.md`,
      `${cwd}/./a.md`,
      `${cwd}//a.md`,
      `${cwd}/a/`,
      `${cwd}/..a/b.md`,
      `${cwd}/...`,
      '/',
      '/tmp/stress/articles/001-article.md',
      dirname(cwd),
      'articles/01-a.md',
      '../x.md',
    ];
    for (const p of paths) expect(shown(p), p).toBe(slow(p));
  });
});

describe('reading an article', () => {
  it('keeps the printed text of each block, markup dropped', () => {
    const body = [
      '## 一、总体情况',
      '',
      '**一是**加强*领导*，见[网站](https://a.cn)[^1]。',
      '第二行。',
      '',
      '- 项目一',
      '1. 项目二',
      '',
      '> 引文',
      '',
      '[^1]: 注释。',
    ].join('\n');
    expect(texts(body)).toEqual([
      ['heading', '一、总体情况'],
      ['para', '一是加强领导，见网站。\n第二行。'],
      ['item', '项目一'],
      ['item', '项目二'],
      ['quote', '引文'],
      ['note', '注释。'],
    ]);
    expect(read(body).units[0].level).toBe(2);
  });

  it('stands opaque for code, addresses and entities, and drops HTML and code blocks', () => {
    expect(
      texts(
        '运行 `a, b.` 或访问https://x.cn/a,b 或 <https://y.cn> 再&nbsp;见<br>。\n\n```\ncode, here.\n```\n\n    indented code.',
      ),
    ).toEqual([['para', `运行 ${OPAQUE} 或访问${OPAQUE} 或 ${OPAQUE} 再${OPAQUE}见。`]]);
  });

  it('splits table rows into cells and skips the delimiter row', () => {
    // A cell's text as printed: the blanks around it are the table's, not the cell's.
    expect(texts('| 地区 | 数量 |\n|:--|--:|\n| 上海 | 32 |')).toEqual([
      ['cell', '地区'],
      ['cell', '数量'],
      ['cell', '上海'],
      ['cell', '32'],
    ]);
    // Cells that read alike are each found at their own column.
    const doc = read('| 是 | 是 |\n|--|--|\n| 是 | 是 |');
    expect(doc.units.map((u) => posAt(u, 0))).toEqual([
      { line: 4, col: 2 },
      { line: 4, col: 6 },
      { line: 6, col: 2 },
      { line: 6, col: 6 },
    ]);
  });

  it('reads the units off the parse the build makes: escapes, entities, notes, alt text, closing #s', () => {
    const body = [
      '## 标题 ##',
      '',
      '正文\\*，见 &amp; ![图1 说明](a.png "t") 与<b>粗</b>。^[注文，在此。]',
      '',
      '    缩进代码，不读。',
    ].join('\n');
    expect(texts(body)).toEqual([
      ['heading', '标题'],
      ['note', '注文，在此。'],
      ['para', `正文*，见 ${OPAQUE} 图1 说明 与粗。`],
    ]);
    const doc = read(body);
    const col = (u: number, ch: string) => posAt(doc.units[u], doc.units[u].text.indexOf(ch)).col;
    expect(col(0, '题')).toBe(doc.lines[4].indexOf('题'));
    expect(col(1, '在')).toBe(doc.lines[6].indexOf('在'));
    expect(col(2, '*')).toBe(doc.lines[6].indexOf('*'));
    expect(col(2, '明')).toBe(doc.lines[6].indexOf('明'));
    expect(col(2, '粗')).toBe(doc.lines[6].indexOf('粗'));
  });

  it('places quoted and listed lines after their markers, and notes where they are defined', () => {
    const doc = read(
      ['> 引文第一行，', '> 第二行。', '', '1. 项目，', '   续行。', '', '[^a]: 注释。', '', '后文[^a]。'].join('\n'),
    );
    expect(doc.units.map((u) => [u.kind, u.text, u.start])).toEqual([
      ['quote', '引文第一行，\n第二行。', 4],
      ['item', '项目，\n续行。', 7],
      ['note', '注释。', 10],
      ['para', '后文。', 12],
    ]);
    const q = doc.units[0];
    expect(sourceAt(q, q.text.indexOf('第二'))).toEqual({ line: 5, col: 2 });
    const it2 = doc.units[1];
    expect(sourceAt(it2, it2.text.indexOf('续'))).toEqual({ line: 8, col: 3 });
  });

  it('maps every character back to its line and column', () => {
    const doc = read('**一是**加强领导,推进发展。');
    const u = doc.units[0];
    const k = u.text.indexOf(',');
    expect(sourceAt(u, k)).toEqual({ line: 4, col: doc.lines[4].indexOf(',') });
    expect(posAt(u, 0)).toEqual({ line: 4, col: 2 });
    // A line join belongs to no column; the text before it keeps its own.
    const two = read('第一行，\n第二行。').units[0];
    expect(posAt(two, 4).line).toBe(-1);
    expect(sourceAt(two, 5)).toEqual({ line: 5, col: 0 });
  });

  it('reads the printed front matter values, without YAML quotes', () => {
    const doc = read('正文。', 'title: "标题:带引号"\nsource: 来源  # a comment\nauthor: |\n  张三');
    expect(doc.fields.get('title')).toMatchObject({ text: '标题:带引号', start: 1, editable: true });
    expect(posAt(doc.fields.get('title')!, 0).col).toBe(8);
    expect(doc.fields.get('source')!.text).toBe('来源');
    expect(doc.fields.has('author')).toBe(false);
  });

  it('keeps line ends and a byte-order mark exactly, to write the file back unchanged', () => {
    const raw = '\uFEFF---\r\ntitle: 标题\r\n---\r\n\r\n正文。\nLF 行\r\n';
    expect(joinLines(splitLines(raw))).toBe(raw);
    expect(splitLines(raw).lines[4]).toBe('正文。');
  });
});

describe('one parse for build and check', () => {
  it('checks an article from the parse its build made, not from the file again', async () => {
    const { loadIssue } = await import('../../src/source/load.js');
    const { articleDocs } = await import('../../src/check/prose.js');
    const { ROOT } = await import('../helpers/build.js');
    const { issue } = loadIssue(`${ROOT}/issues/2023-06`, {});
    const article = issue!.articles[0];
    const source = article.source!;
    // What the build parsed is what is checked: a unit of the parse, stood in for the file's.
    const { markdown } = await import('../../src/source/markdown.js');
    const tokens = markdown().parse('替换的段落，只在解析里。', {});
    const docs = articleDocs([source.path], { ...issue!, articles: [{ ...article, source: { ...source, tokens } }] });
    expect(docs[0].units.map((u) => u.text)).toEqual(['替换的段落，只在解析里。']);
    // Without the build's parse, the file is read and parsed here, to the same units.
    const fresh = articleDocs([source.path])[0];
    const reused = articleDocs([source.path], issue)[0];
    expect(reused.units.map((u) => [u.kind, u.text, [...u.segs]])).toEqual(
      fresh.units.map((u) => [u.kind, u.text, [...u.segs]]),
    );
    expect([...reused.fields.values()]).toEqual([...fresh.fields.values()]);
    expect(reused.lines).toEqual(fresh.lines);
  });
});

describe('an issue the loader stops on', () => {
  it('still hands the checker the articles it parsed', async () => {
    const { loadIssue } = await import('../../src/source/load.js');
    const { copyIssue, ROOT } = await import('../helpers/build.js');
    const { writeFileSync } = await import('node:fs');
    const dir = copyIssue(`${ROOT}/issues/2023-06`);
    writeFileSync(`${dir}/issue.yaml`, 'title: [unclosed\n');
    const loaded = loadIssue(dir, {});
    expect(loaded.issue).toBeNull();
    expect(loaded.articles.length).toBeGreaterThan(0);
    expect(loaded.articles.every((a) => a.source?.tokens.length)).toBe(true);
  });
});
