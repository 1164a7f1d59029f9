// Duplicates: the seed issue's article printed twice (with different spacing), near-copies
// of paragraphs, and reprints of back issues, each with its similarity and both places.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIssue } from '../../src/index.js';
import { checkDuplicates, normalise } from '../../src/check/duplicates.js';
import { FindingSink } from '../../src/check/model.js';
import { parseDoc } from '../../src/check/prose.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

const FIXTURES = join(ROOT, 'tests', 'fixtures');
const SEED = join(FIXTURES, 'seed-duplicate');
const dups = (dir: string, archive = 12) =>
  checkIssue(dir, { root: ROOT, archive }).findings.filter((f) => f.code.startsWith('dup-'));

describe('duplicate articles in an issue', () => {
  it('finds the seed issue’s article printed twice, spacing differences and all', () => {
    const a = readFileSync(join(SEED, 'articles', '04-huainan-kechuang.md'), 'utf8');
    const b = readFileSync(join(SEED, 'articles', '05-huainan-kechuang-dup.md'), 'utf8');
    expect(a).not.toBe(b); // "2023年" in one, "2023 年" in the other
    const found = dups(SEED);
    expect(found).toHaveLength(1);
    const [d] = found;
    expect(d).toMatchObject({ severity: 'error', code: 'dup-article', line: 2, col: 8 });
    expect(d.file).toMatch(/05-huainan-kechuang-dup\.md$/);
    expect(d.message).toMatch(/^this article repeats .*04-huainan-kechuang\.md:2 \(「安徽省淮南市.*」\): 100% alike$/);
    expect(d.related).toMatchObject({ line: 2, col: 8 });
    expect(d.related!.file).toMatch(/04-huainan-kechuang\.md$/);
  });

  it('finds none in the sample issue', () => {
    expect(dups(SAMPLE)).toEqual([]);
  });

  it('finds a near-copy with a few words changed, and says how alike', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'bulletin-dup-')), '2023-06');
    cpSync(SAMPLE, dir, { recursive: true });
    const src = readFileSync(join(dir, 'articles', '04-huainan-kechuang.md'), 'utf8');
    const edited = src
      .replace('title: 安徽省淮南市', 'title: 淮南市')
      .replace('获批全国重点实验室', '获批为全国重点实验室')
      .replace('同比增长310%', '同比增长 310%');
    writeFileSync(join(dir, 'articles', '06-huainan-zai.md'), edited);
    const [d, ...rest] = dups(dir);
    expect(rest).toEqual([]);
    expect(d.code).toBe('dup-article');
    const pct = Number(/(\d+)% alike/.exec(d.message)![1]);
    expect(pct).toBeGreaterThanOrEqual(90);
    expect(pct).toBeLessThan(100);
  });

  it('normalises what typing varies: spaces, widths, quote styles', () => {
    expect(normalise('２０２３ 年，“科创+产业”')).toBe(normalise('2023年,"科创＋产业"'));
  });
});

describe('duplicate paragraphs', () => {
  const doc = (name: string, body: string) => parseDoc(`/v/articles/${name}`, `---\ntitle: ${name}\n---\n\n${body}\n`);
  const P = '从区域分布看，科技服务机构主要集中在高新区和经开区，两区机构数量占全市的六成以上，服务能力明显增强。';

  it('reports a paragraph repeated in another article, at the later one', () => {
    const sink = new FindingSink();
    checkDuplicates(
      [
        doc('01-a.md', `第一篇的开头，讲的是另一件事情，和后面的文字没有关系，只是为了让文章不同。\n\n${P}`),
        doc('02-b.md', `第二篇的开头，讲的又是另外一回事，篇幅也不一样长。\n\n${P.replace('，两区', ', 两区')}`),
      ],
      [],
      sink,
    );
    expect(sink.list.map((f) => [f.file, f.line, f.code, f.severity])).toEqual([
      ['/v/articles/02-b.md', 7, 'dup-paragraph', 'warning'],
    ]);
    expect(sink.list[0].message).toBe(
      'this paragraph repeats /v/articles/01-a.md:7 (「从区域分布看，科技服务机…」): 100% alike',
    );
  });

  it('leaves short and merely similar paragraphs alone', () => {
    const sink = new FindingSink();
    checkDuplicates(
      [
        doc('01-a.md', `一是加强领导。\n\n${P}`),
        doc(
          '02-b.md',
          `一是加强领导。\n\n从时间分布看，科技服务机构主要在近五年成立，其中三成以上是民营企业，服务能力还有待提升。`,
        ),
      ],
      [],
      sink,
    );
    expect(sink.list).toEqual([]);
  });
});

describe('against the archive', () => {
  const ARCHIVE = join(FIXTURES, 'check-archive', 'issues');

  it('finds a reprinted article and a reprinted paragraph from the previous issue', () => {
    const found = dups(join(ARCHIVE, '2023-06'));
    expect(found.map((f) => [f.file.replace(/.*issues\//, ''), f.line, f.severity, f.code])).toEqual([
      ['2023-06/articles/01-xinxing-yanfa-zai.md', 2, 'error', 'dup-archive'],
      ['2023-06/articles/02-keji-fuwu.md', 7, 'warning', 'dup-archive'],
      ['2023-06/articles/02-keji-fuwu.md', 11, 'warning', 'dup-paragraph'],
    ]);
    expect(found[0].message).toMatch(
      /already published in 2023-05: .*2023-05\/articles\/01-xinxing-yanfa\.md:2 \(「新型研发机构建设的探索与实践」\), 100% alike/,
    );
    expect(found[1].message).toMatch(
      /already published in 2023-05: .*2023-05\/articles\/02-zhuanli-zhiya\.md:7, 100% alike/,
    );
    expect(found[2].message).toMatch(/repeats .*02-keji-fuwu\.md:9 .*: 9\d% alike/);
  });

  it('compares only with earlier issues, and not at all with --no-archive', () => {
    expect(dups(join(ARCHIVE, '2023-05'))).toEqual([]);
    expect(dups(join(ARCHIVE, '2023-06'), 0).map((f) => f.code)).toEqual(['dup-paragraph']);
  });
});
