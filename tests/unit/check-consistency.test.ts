// issue.yaml against its folder's name and the previous issue in the archive.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIssue } from '../../src/index.js';
import { ROOT } from '../helpers/build.js';

const ARCHIVE = join(ROOT, 'tests', 'fixtures', 'check-archive', 'issues');
const consistency = (dir: string) =>
  checkIssue(dir, { root: ROOT }).findings.filter((f) => f.code.startsWith('issue-'));

function archive(issues: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-arch-'));
  for (const [name, yaml] of Object.entries(issues)) {
    mkdirSync(join(root, name, 'articles'), { recursive: true });
    writeFileSync(
      join(root, name, 'issue.yaml'),
      `title: 科技情报参考\npublisher: 某单位\neditor: 王芳\nphone: "1234567"\n${yaml}`,
    );
    writeFileSync(join(root, name, 'articles', '01-a.md'), `---\ntitle: ${name}\n---\n\n${name} 期的正文。\n`);
  }
  return root;
}

describe('issue number and date', () => {
  it('reports a number that does not follow the previous issue, and a date outside the folder’s month', () => {
    const found = consistency(join(ARCHIVE, '2023-06'));
    expect(found.map((f) => [f.line, f.col, f.severity, f.code, f.message])).toEqual([
      [4, 9, 'warning', 'issue-number', '第 7 期 does not follow the previous issue, 第 5 期 (2023-05)'],
      [5, 7, 'warning', 'issue-date', "the date 2023-05-30 is not after the previous issue's (2023-05: 2023-05-31)"],
      [5, 7, 'error', 'issue-date', 'the date 2023-05-30 is not in 2023-06, the month the folder 2023-06 is named for'],
    ]);
    expect(found[0].fix).toBe('number it 6');
  });

  it('accepts an issue that follows the previous one', () => {
    expect(consistency(join(ARCHIVE, '2023-05'))).toEqual([]);
  });

  it('reports the same number twice, a year that contradicts the date, and a total that skips', () => {
    const root = archive({
      '2023-05': 'year: 2023\nnumber: 5\ndate: 2023-05-31\ntotal: 61\n',
      '2023-06': 'year: 2024\nnumber: 5\ndate: 2023-06-30\ntotal: 63\n',
    });
    expect(consistency(join(root, '2023-06')).map((f) => [f.severity, f.code])).toEqual([
      ['error', 'issue-year'],
      ['warning', 'issue-number'],
      ['warning', 'issue-total'],
    ]);
    const root2 = archive({
      '2023-05': 'year: 2023\nnumber: 5\ndate: 2023-05-31\n',
      '2023-06': 'year: 2023\nnumber: 5\ndate: 2023-06-30\n',
    });
    expect(consistency(join(root2, '2023-06')).map((f) => [f.severity, f.code, f.message])).toEqual([
      ['error', 'issue-number', '第 5 期 again: the previous issue (2023-05) is 第 5 期 too'],
    ]);
  });

  it('takes an issue printed early the next month for a warning, not an error', () => {
    const root = archive({
      '2023-11': 'year: 2023\nnumber: 11\ndate: 2023-11-30\n',
      '2023-12': 'year: 2023\nnumber: 12\ndate: 2024-01-05\n',
    });
    expect(consistency(join(root, '2023-12')).map((f) => [f.severity, f.code])).toEqual([
      ['warning', 'issue-year'],
      ['warning', 'issue-date'],
    ]);
  });

  it('allows a month missing from the archive, a new year starting at 第 1 期, and unrelated folders beside the issue', () => {
    const root = archive({
      '2022-12': 'year: 2022\nnumber: 12\ndate: 2022-12-30\n',
      '2023-01': 'year: 2023\nnumber: 1\ndate: 2023-01-31\n',
      '2023-03': 'year: 2023\nnumber: 3\ndate: 2023-03-31\n',
      drafts: 'year: 2023\nnumber: 9\ndate: 2023-09-30\n',
    });
    expect(consistency(join(root, '2023-01'))).toEqual([]);
    expect(consistency(join(root, '2023-03'))).toEqual([]);
    expect(consistency(join(root, 'drafts'))).toEqual([]);
  });
});
