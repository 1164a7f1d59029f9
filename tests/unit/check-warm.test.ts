// Checks kept warm between builds (the preview): after every kind of edit, the findings of a
// check that remembers the last one are exactly those of a check from nothing.
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckMemory, checkIssue } from '../../src/check/index.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

function issueWithArchive(): string {
  const parent = mkdtempSync(join(tmpdir(), 'bulletin-warm-check-'));
  for (const name of ['2023-05', '2023-06']) cpSync(join(SAMPLE, '..', name), join(parent, name), { recursive: true });
  return join(parent, '2023-06');
}

describe('warm checks', () => {
  it('find what a cold check finds, after edits of text, front matter, issue.yaml and the article list', () => {
    const dir = issueWithArchive();
    const art = (n: string) => join(dir, 'articles', n);
    const read = (n: string) => readFileSync(art(n), 'utf8');
    const memory = new CheckMemory();
    const warm = () => checkIssue(dir, { root: ROOT, template: false, memory }).findings;
    const cold = () => checkIssue(dir, { root: ROOT, template: false }).findings;
    const same = (label: string) => {
      const w = warm();
      expect(w, label).toEqual(cold());
      return w;
    };
    const first = read('01-zhejiang-quzhou.md');
    const fourth = read('04-huainan-kechuang.md');
    const longest = fourth.split(/\n\n/).reduce((a, b) => (b.length > a.length ? b : a));
    const fifth = read('05-yichang-yanfa-pingtai.md')
      .split(/\n\n/)
      .filter((p) => !p.startsWith('---'))
      .sort((a, b) => b.length - a.length)[1];
    const older = readFileSync(join(dir, '..', '2023-05', 'articles', '01-linhai-kexue-jishu.md'), 'utf8');
    const reprinted = older
      .split(/\n\n/)
      .filter((p) => !p.startsWith('---'))
      .reduce((a, b) => (b.length > a.length ? b : a));

    same('as it is');
    // A whole article copied: a duplicate article and all its paragraphs.
    writeFileSync(art('06-copy.md'), fourth.replace(/^title: .*$/m, 'title: 一篇重复的文章'));
    expect(same('an article copied').some((f) => f.code === 'dup-article')).toBe(true);
    // One paragraph of the copy changed (the index updated for one article).
    writeFileSync(
      art('06-copy.md'),
      read('06-copy.md').replace(longest, `${longest.slice(0, 20)}改动了几个字${longest.slice(20)}`),
    );
    same('a paragraph of the copy changed');
    // Most of the copy rewritten: only one paragraph repeats now.
    writeFileSync(
      art('06-copy.md'),
      `---\ntitle: 另一篇\n---\n\n${'新写的段落，与本期其他文章都不相同。'.repeat(4)}\n\n${'另外一段很长的新文字，讲的是别的事情：春天来了。'.repeat(12)}\n\n${longest}\n`,
    );
    expect(same('one paragraph repeated').some((f) => f.code === 'dup-paragraph')).toBe(true);
    // An article put before the others that repeats a later one's paragraph: the later one
    // must now find it, though nothing in the later one changed.
    writeFileSync(
      art('00-first.md'),
      `---\ntitle: 排在最前\n---\n\n${'本文另起炉灶，说的是一件完全不同的事情。'.repeat(10)}\n\n${fifth.slice(0, 30)}有改动${fifth.slice(30)}\n`,
    );
    expect(
      same('an article put first').some(
        (f) => f.code.startsWith('dup-') && f.file.endsWith('05-yichang-yanfa-pingtai.md'),
      ),
    ).toBe(true);
    rmSync(art('00-first.md'));
    same('the first article removed');
    // Text edits in an article: punctuation slips come and go.
    writeFileSync(art('01-zhejiang-quzhou.md'), first.replace('。', '..').replace('，', ', '));
    same('punctuation slips typed');
    // Front matter: a title changed, full-width digits in a field.
    writeFileSync(art('01-zhejiang-quzhou.md'), first.replace(/^title: (.*)$/m, 'title: $1（２０２３）'));
    same('the title changed');
    // issue.yaml: the number changed (consistency with the back issue).
    const yaml = join(dir, 'issue.yaml');
    const y = readFileSync(yaml, 'utf8');
    writeFileSync(yaml, y.replace(/^number:.*$/m, 'number: 99'));
    same('issue.yaml changed');
    writeFileSync(yaml, y);
    // An article saved as editors do (renamed over), then removed; the copy removed.
    writeFileSync(`${art('01-zhejiang-quzhou.md')}.tmp`, first);
    renameSync(`${art('01-zhejiang-quzhou.md')}.tmp`, art('01-zhejiang-quzhou.md'));
    same('an article restored');
    rmSync(art('06-copy.md'));
    same('the copy removed');
    rmSync(art('02-xian-chengguo-zhuanhua.md'));
    same('an article removed');
    // A back issue's paragraph pasted into this issue, then a whole back-issue article.
    writeFileSync(art('03-meishan-chuangxin.md'), `${read('03-meishan-chuangxin.md')}\n${reprinted}\n`);
    expect(same('a back-issue paragraph pasted').some((f) => f.code === 'dup-archive')).toBe(true);
    writeFileSync(art('07-reprint.md'), older);
    expect(same('a back-issue article reprinted').filter((f) => f.code === 'dup-archive').length).toBeGreaterThan(1);
    // The back issue itself edited.
    writeFileSync(
      join(dir, '..', '2023-05', 'articles', '01-linhai-kexue-jishu.md'),
      older.replace(reprinted, '改写过的段落。'),
    );
    same('the back issue edited');
  });
});
