// Structure: heading levels that skip, a title too long for its line in the contents, and
// the loader's own findings (empty article, no title, an image or footnote that does not
// resolve) reported by the checker as they are.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIssue } from '../../src/index.js';
import { checkIssue as checkSource } from '../../src/check/index.js';
import type { ContentsMeasurer } from '../../src/check/toc.js';
import { FindingSink } from '../../src/check/model.js';
import { parseDoc } from '../../src/check/prose.js';
import { checkStructure } from '../../src/check/structure.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'check-structure');

describe('structure', () => {
  const r = checkIssue(FIXTURE, { root: ROOT, archive: 0 });
  const at = (name: string) =>
    r.findings.filter((f) => f.file.endsWith(name)).map((f) => [f.line, f.col, f.severity, f.code]);

  it('reports a heading level that is skipped, and a title that wraps in the contents', () => {
    expect(at('01-biaoti.md')).toEqual([
      [2, 8, 'warning', 'title-toc'],
      [7, 1, 'warning', 'heading-skip'],
    ]);
    const skip = r.findings.find((f) => f.code === 'heading-skip')!;
    expect(skip.message).toBe('a level-4 heading (####) follows a level-2 heading: level 3 is skipped');
    expect(r.findings.find((f) => f.code === 'title-toc')!.message).toMatch(/wraps onto 2 lines/);
  });

  it('measures titles with the measurer it is handed, and none without one', () => {
    const bare = checkSource(FIXTURE, { root: ROOT, archive: 0 });
    expect(bare.findings.filter((f) => f.code === 'title-toc')).toEqual([]);
    // A measurer that finds every title two lines long: the check reports what it is told.
    const asked: string[] = [];
    const twoLines: ContentsMeasurer = () => (title) => {
      asked.push(title);
      return { lines: 2, width: 40, measure: 20 };
    };
    const told = checkSource(FIXTURE, { root: ROOT, archive: 0, contentsMeasurer: twoLines });
    expect(told.findings.filter((f) => f.code === 'title-toc').length).toBeGreaterThan(1);
    expect(asked.length).toBeGreaterThan(1);
  });

  it('reports an empty article, one without a title, and references that do not resolve', () => {
    expect(at('02-kong.md')).toEqual([[4, 1, 'warning', 'article-empty']]);
    expect(at('03-wubiaoti.md')).toEqual([[2, 1, 'error', 'schema-missing']]);
    expect(at('04-yinyong.md')).toEqual([
      [5, 28, 'error', 'md-footnote-unknown'],
      [7, 1, 'error', 'md-image'],
    ]);
  });

  it('reports an article of headings alone', () => {
    const sink = new FindingSink();
    checkStructure(
      [parseDoc('/v/articles/01-a.md', '---\ntitle: 标题\n---\n\n## 一、只有标题\n\n## 二、还是标题\n')],
      sink,
    );
    expect(sink.list.map((f) => [f.line, f.code, f.message])).toEqual([
      [5, 'article-empty', 'the article has headings but no text'],
    ]);
  });

  it('accepts headings that step down one level at a time and climb back at will', () => {
    const doc = parseDoc(
      '/v/articles/01-a.md',
      '---\ntitle: 标题\n---\n\n## 一\n\n### （一）\n\n#### 1.\n\n正文。\n\n## 二\n\n### （一）\n\n正文。\n',
    );
    const sink = new FindingSink();
    checkStructure([doc], sink);
    expect(sink.list).toEqual([]);
    const first = parseDoc('/v/articles/01-a.md', '---\ntitle: 标题\n---\n\n### （一）先有三级\n\n正文。\n');
    checkStructure([first], sink);
    expect(sink.list.map((f) => f.message)).toEqual(['a level-3 heading (###) follows the title: level 2 is skipped']);
  });

  it('finds nothing to say about the structure of the sample issue', () => {
    const sample = checkIssue(SAMPLE, { root: ROOT, archive: 0 });
    expect(sample.findings.filter((f) => !f.code.startsWith('punct-'))).toEqual([]);
  });
});
