// --fix: the safe rewrites applied character by character, everything else in the file
// byte for byte as it was; a fixed file checks clean of what was fixed; a file with
// nothing to fix is not written at all.
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIssue, fixIssue } from '../../src/index.js';
import { planFixes } from '../../src/check/fix.js';
import { ROOT } from '../helpers/build.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'check-fix');

function copy(): string {
  // A folder of its own: siblings named alike would be taken for back issues.
  const dir = join(mkdtempSync(join(tmpdir(), 'bulletin-fix-')), 'issue');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

const check = (dir: string) => checkIssue(dir, { root: ROOT, archive: 0 });

describe('--fix', () => {
  it('rewrites the fixture exactly as expected, and only the lines with problems', () => {
    const dir = copy();
    const before = readFileSync(join(dir, 'articles', '01-xiuzheng.md'), 'utf8').split('\n');
    const first = check(dir);
    const fixable = first.findings.filter((f) => f.edits);
    expect(fixable.length).toBeGreaterThan(10);
    const done = fixIssue(first);
    expect(done.skipped).toEqual([]);
    expect(done.files.map((f) => f.path)).toEqual([join(dir, 'articles', '01-xiuzheng.md')]);
    const after = readFileSync(join(dir, 'articles', '01-xiuzheng.md'), 'utf8');
    expect(after).toBe(readFileSync(join(FIXTURE, 'expected', '01-xiuzheng.md'), 'utf8'));
    // Lines the diff does not name are untouched.
    const changed = new Set([...done.files[0].diff.matchAll(/^@@ -(\d+)/gm)].map((m) => Number(m[1]) - 1));
    after.split('\n').forEach((line, k) => {
      if (!changed.has(k)) expect(line).toBe(before[k]);
    });
    expect(done.files[0].diff).toContain(
      '@@ -6 +6 @@\n-截至2023年5月底,全市累计入库科技型中小企业226家.57名科研(管理)人员',
    );
    expect(done.files[0].diff).toContain('+截至2023年5月底，全市累计入库科技型中小企业226家。57名科研（管理）人员');
  });

  it('leaves nothing fixable behind, and the problems it may not guess at in place', () => {
    const dir = copy();
    fixIssue(check(dir));
    const again = check(dir);
    expect(again.findings.filter((f) => f.edits)).toEqual([]);
    expect(again.findings.map((f) => [f.line, f.code])).toEqual([[14, 'punct-unbalanced']]);
    // A second run has nothing to do.
    expect(fixIssue(again).files).toEqual([]);
  });

  it('does not rewrite a file with nothing to fix', () => {
    const dir = copy();
    const clean = join(dir, 'articles', '02-meiyou-wenti.md');
    const stamp = statSync(clean);
    fixIssue(check(dir));
    const now = statSync(clean);
    expect(now.mtimeMs).toBe(stamp.mtimeMs);
    expect(now.ino).toBe(stamp.ino);
  });

  it('keeps CRLF line ends and a byte-order mark', () => {
    const dir = copy();
    const file = join(dir, 'articles', '02-meiyou-wenti.md');
    writeFileSync(
      file,
      '\uFEFF---\r\ntitle: 标题\r\n---\r\n\r\n全市新增项目,总投资达135.4亿元.\r\n第二段没有问题。\r\n',
    );
    fixIssue(check(dir));
    expect(readFileSync(file, 'utf8')).toBe(
      '\uFEFF---\r\ntitle: 标题\r\n---\r\n\r\n全市新增项目，总投资达135.4亿元。\r\n第二段没有问题。\r\n',
    );
  });

  it('leaves alone a file that changed after it was checked', () => {
    const dir = copy();
    const result = check(dir);
    const file = join(dir, 'articles', '01-xiuzheng.md');
    writeFileSync(file, readFileSync(file, 'utf8') + '\n编辑刚刚加的一段。\n');
    const edited = readFileSync(file, 'utf8');
    const done = fixIssue(result);
    expect(done.skipped).toEqual([result.findings.find((f) => f.edits)!.file]);
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('defers an edit that overlaps another to the next run', () => {
    const dir = copy();
    const result = check(dir);
    const f = result.findings.find((x) => x.edits)!;
    const twin = { ...f, edits: f.edits!.map((e) => ({ ...e, text: 'X' })) };
    const [plan] = planFixes([f, twin], result.docs);
    expect(plan.fixed).toEqual([f]);
  });
});
