// bulletin import of Word files: an article with headings, bold, a list, a table, a
// footnote and a picture; an issue whose articles start at Heading 1 under a masthead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIssue } from '../../src/index.js';
import { build } from '../../src/index.js';
import { ROOT } from '../helpers/build.js';
import { makeDocx } from '../helpers/docx.js';
import { readPdf } from '../helpers/pdf.js';

const BIN = join(ROOT, 'bin', 'bulletin.js');
const PNG = readFileSync(join(ROOT, 'tests', 'fixtures', 'all-constructs', 'images', 'chart.png'));

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('a .docx article', () => {
  it('carries over headings, bold, a list, a table, a footnote and a picture, and builds', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'bulletin-docx-'));
    writeFileSync(
      join(cwd, 'chuangxinquan.docx'),
      makeDocx([
        { h: 1, text: '我市科技创新券工作成效明显' },
        {
          p: [
            '今年以来，全市共发放科技创新券',
            { b: '2000万元' },
            '，惠及企业300家',
            { note: '数据来自市科技局统计。' },
            '。',
          ],
        },
        { h: 2, text: '一、主要做法' },
        { p: [{ b: '一是简化流程。' }, '企业线上申领，当日审核。'] },
        { list: ['简化申领流程；', '扩大适用范围。'] },
        { p: ['表1 创新券使用情况'] },
        {
          table: [
            ['类别', '金额'],
            ['检验检测', '800万元'],
            ['研发设计', '1200万元'],
          ],
        },
        { image: PNG, alt: '图1 创新券发放趋势' },
      ]),
    );
    const r = run(['import', 'chuangxinquan.docx', '-o', 'issues/2024-05'], cwd);
    expect(r.code).toBe(0);
    const dir = join(cwd, 'issues', '2024-05');
    // No masthead in an article: what issue.yaml needs is guessed or left to fill in, and said.
    expect(r.err).toContain(
      'issues/2024-05/issue.yaml: warning: the editor (编辑：…, colophon) not found: wrote 待补 in issue.yaml',
    );
    expect(readFileSync(join(dir, 'issue.yaml'), 'utf8')).toContain('year: 2024\nnumber: 5\ndate: 2024-05-31\n');
    const [name] = readdirSync(join(dir, 'articles'));
    expect(name).toBe('01-woke-jichuang-xinquan.md');
    const md = readFileSync(join(dir, 'articles', name), 'utf8');
    expect(md).toContain('title: 我市科技创新券工作成效明显\n');
    expect(md).toContain(
      '今年以来，全市共发放科技创新券**2000万元**，惠及企业300家[^1]。\n\n## 一、主要做法\n\n**一是简化流程。**企业线上申领，当日审核。\n\n1. 简化申领流程；\n2. 扩大适用范围。\n\n表1 创新券使用情况\n\n| 类别 | 金额 |\n| --- | --- |\n| 检验检测 | 800万元 |\n| 研发设计 | 1200万元 |\n\n![图1 创新券发放趋势](images/chuangxinquan-1.png)\n\n[^1]: 数据来自市科技局统计。\n',
    );
    expect(readFileSync(join(dir, 'images', 'chuangxinquan-1.png')).equals(PNG)).toBe(true);
    expect(checkIssue(dir, { root: ROOT, archive: 0 }).errors).toBe(0);
    // What a reader sees: the cells, the note's marker and its text, the picture.
    const { pdf } = await build(dir, { root: ROOT, check: false });
    const read = readPdf(pdf);
    const text = read.pages.map((p) => p.text).join('\n');
    for (const s of [
      '我市科技创新券工作成效明显',
      '一、主要做法',
      '检验检测',
      '1200万元',
      '惠及企业300家',
      '①数据来自市科技局统计。',
      '图1 创新券发放趋势',
    ])
      expect(text.replace(/ /g, '')).toContain(s.replace(/ /g, ''));
    // the marker in the text (raised, so a line of its own in MuPDF's reading) and at the note
    expect(text.match(/①/g)).toHaveLength(2);
    expect(read.doc.loadPage(1).toStructuredText('preserve-images').asJSON()).toContain('"type":"image"');
  });

  it('reads an issue: a masthead, then one article per Heading 1', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'bulletin-docx-'));
    writeFileSync(
      join(cwd, 'issue.docx'),
      makeDocx([
        { p: ['科技情报参考'] },
        { p: ['2023 年第 5 期'] },
        { p: ['呼和浩特市科学技术局综合保障中心 编辑'] },
        { h: 1, text: '第一篇文章' },
        { p: ['第一篇的正文，说明了一件事情。'] },
        { h: 1, text: '第二篇文章' },
        { p: ['第二篇的正文，说明了另一件事情。'] },
      ]),
    );
    const r = run(['import', 'issue.docx', '-o', 'issues/2023-05'], cwd);
    expect(r.code).toBe(0);
    const yaml = readFileSync(join(cwd, 'issues', '2023-05', 'issue.yaml'), 'utf8');
    expect(yaml).toContain(
      'title: 科技情报参考\nyear: 2023\nnumber: 5\ndate: 2023-05-31\npublisher: 呼和浩特市科学技术局综合保障中心\n',
    );
    expect(readdirSync(join(cwd, 'issues', '2023-05', 'articles'))).toEqual([
      '01-diyi-pianwen-zhang.md',
      '02-dier-pianwen-zhang.md',
    ]);
    expect(existsSync(join(cwd, 'issues', '2023-05', 'images'))).toBe(false);
  });
});
