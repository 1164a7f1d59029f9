// The load stage: issue.yaml and front matter against their schemas, Markdown into blocks,
// every problem with file:line:col.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/source/diagnostics.js';
import { closest, editDistance } from '../../src/source/fields.js';
import { loadIssue } from '../../src/source/load.js';
import { SAMPLE } from '../helpers/build.js';

const ISSUE = `title: 科技情报参考
year: 2024
number: 2
date: 2024-02-29
publisher: 某市科学技术局综合保障中心
editor: 王芳
phone: "1234567"
`;

function issue(files: Record<string, string>, yaml = ISSUE): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-src-'));
  mkdirSync(join(dir, 'articles'));
  writeFileSync(join(dir, 'issue.yaml'), yaml);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'articles', name), text);
  return dir;
}

const messages = (dir: string) =>
  loadIssue(dir).diagnostics.list.map((d) => formatDiagnostic(d).replace(dir + '/', ''));

describe('issue.yaml', () => {
  it('loads the sample issue cleanly, articles in file-name order', () => {
    const { issue: i, diagnostics } = loadIssue(SAMPLE);
    expect(diagnostics.list).toEqual([]);
    expect(i!.meta).toMatchObject({
      title: '科技情报参考',
      year: 2023,
      number: 6,
      date: '2023-06-30',
      phone: '4366683',
      template: 'default',
    });
    expect(i!.articles.map((a) => a.order)).toEqual([1, 2, 3, 4, 5]);
    expect(i!.name).toBe('2023-06');
  });

  it('reports every missing required key', () => {
    const dir = issue({ '01-a.md': '---\ntitle: 甲\n---\n正文。\n' }, 'title: 科技情报参考\nyear: 2024\n');
    const m = messages(dir).join('\n');
    for (const key of ['number', 'date', 'publisher', 'editor', 'phone'])
      expect(m).toContain(`missing the required key "${key}"`);
  });

  it('rejects an impossible date and a number that is not a whole number', () => {
    const dir = issue(
      { '01-a.md': '---\ntitle: 甲\n---\n正文。\n' },
      ISSUE.replace('2024-02-29', '2023-02-29').replace('number: 2', 'number: 2.5'),
    );
    const m = messages(dir);
    expect(m.some((x) => /^issue\.yaml:3:9: error: "number" must be a whole number.*, not 2\.5/.test(x))).toBe(true);
    expect(m.some((x) => x.startsWith('issue.yaml:4:7: error: "date" must be a date (YYYY-MM-DD)'))).toBe(true);
  });

  it('warns about unknown keys, suggesting the key meant', () => {
    const dir = issue({ '01-a.md': '---\ntitle: 甲\n---\n正文。\n' }, ISSUE + 'edtor: 张三\ncolour: red\n');
    const m = messages(dir);
    expect(m).toContain(
      'issue.yaml:8:1: warning: unknown key "edtor" in issue.yaml; did you mean "editor"? (rename it to "editor", or remove it)',
    );
    expect(m.find((x) => x.includes('"colour"'))).toMatch(/warning: unknown key "colour" in issue.yaml \(known keys: /);
    expect(loadIssue(dir).issue).not.toBeNull();
  });
});

describe('articles', () => {
  it('requires front matter with a title, at the right line', () => {
    const dir = issue({
      '01-a.md': '正文。\n',
      '02-b.md': '---\nsource: 某报\n---\n正文。\n',
      '03-c.md': '---\ntitle: [甲\n---\n',
    });
    const m = messages(dir);
    expect(m).toContain(
      'articles/01-a.md:1:1: error: the article has no front matter (start the file with ---, a line "title: …", and ---)',
    );
    expect(m).toContain(
      'articles/02-b.md:2:1: error: front matter is missing the required key "title" (add a line "title: …")',
    );
    expect(m.some((x) => /^articles\/03-c\.md:2:\d+: error: YAML syntax/.test(x))).toBe(true);
  });

  it('needs an order prefix, and one article per number', () => {
    const ok = '---\ntitle: 甲\n---\n正文。\n';
    const m = messages(issue({ 'intro.md': ok, '01-a.md': ok, '01-b.md': ok }));
    expect(m.some((x) => x.includes('"intro.md" has no order prefix'))).toBe(true);
    expect(m.some((x) => x.includes('two articles share the number 01'))).toBe(true);
  });

  it('turns Markdown into blocks with styled spans and source lines', () => {
    const dir = issue({
      '01-a.md':
        '---\ntitle: 甲\n---\n\n## 一、总体情况\n\n**一是加强。**以企业为主体，*重点*推进。\n\n- 第一项\n- 第二项\n\n> 引文一段。\n',
    });
    const a = loadIssue(dir).issue!.articles[0];
    expect(a.blocks.map((b) => b.kind)).toEqual(['heading', 'para', 'list', 'quote']);
    const para = a.blocks[1];
    if (para.kind !== 'para') throw new Error('not a paragraph');
    expect(para.spans.map((s) => [s.text, !!s.bold, !!s.em])).toEqual([
      ['一是加强。', true, false],
      ['以企业为主体，', false, false],
      ['重点', false, true],
      ['推进。', false, false],
    ]);
    expect(para.pos.line).toBe(7);
    expect(a.blocks[0].pos.line).toBe(5);
  });

  it('reports raw HTML instead of printing it', () => {
    const m = messages(issue({ '01-a.md': '---\ntitle: 甲\n---\n\n<script>alert(1)</script>\n\n正文<b>粗</b>。\n' }));
    expect(m.some((x) => /articles\/01-a\.md:5:1: warning: raw HTML is not printed/.test(x))).toBe(true);
    expect(m.some((x) => /articles\/01-a\.md:7:3: warning: raw HTML <b> is not printed/.test(x))).toBe(true);
  });
});

describe('did-you-mean', () => {
  it('measures edits and suggests only near keys', () => {
    expect(editDistance('titel', 'title')).toBe(1);
    expect(editDistance('soruce', 'source')).toBe(1);
    expect(closest('titel', ['title', 'source', 'author'])).toBe('title');
    expect(closest('auther', ['title', 'source', 'author'])).toBe('author');
    expect(closest('banana', ['title', 'source', 'author'])).toBeUndefined();
  });
});
