// `bulletin check` as editors and CI use it: the report, --json, exit codes, --fix, and the
// same findings as warnings in every build.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SAMPLE } from '../helpers/build.js';

const BIN = join(ROOT, 'bin', 'bulletin.js');
const FIXTURES = join(ROOT, 'tests', 'fixtures');
const SEED = join(FIXTURES, 'seed-duplicate');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Json {
  diagnostics: {
    file: string;
    line: number;
    col: number;
    severity: string;
    code: string;
    message: string;
    fix: string | null;
  }[];
  errors: number;
  warnings: number;
  fixed?: unknown[];
}

describe('bulletin check', () => {
  it('reports the sample issue’s one real slip, grouped by file, and exits 0', () => {
    const r = run(['check', 'issues/2023-06']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe(
      [
        'issues/2023-06/articles/02-xian-chengguo-zhuanhua.md  1 warning',
        '  issues/2023-06/articles/02-xian-chengguo-zhuanhua.md:27:78: warning: half-width brackets "(管理)" in Chinese text [punct-width, fixable]',
        '      fix: write "（管理）"',
        '',
        '2023-06: 0 errors, 1 warning (1 fixable with --fix)',
        '',
      ].join('\n'),
    );
  });

  it('finds the seed issue’s duplicate article, with both places and the similarity, and exits 1', () => {
    const r = run(['check', 'tests/fixtures/seed-duplicate']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'tests/fixtures/seed-duplicate/articles/05-huainan-kechuang-dup.md:2:8: error: this article repeats tests/fixtures/seed-duplicate/articles/04-huainan-kechuang.md:2',
    );
    expect(r.out).toMatch(/100% alike \[dup-article\]/);
    expect(r.out).toMatch(/seed-duplicate: 1 error, 1 warning/);
  });

  it('prints one JSON document for scripts', () => {
    const r = run(['check', SEED, '--json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as Json;
    expect(doc.errors).toBe(1);
    expect(doc.warnings).toBe(1);
    expect(doc.diagnostics.map((d) => d.code)).toEqual(['punct-width', 'dup-article']);
    for (const d of doc.diagnostics) {
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining(['file', 'line', 'col', 'severity', 'code', 'message', 'fix']),
      );
      expect(d.line).toBeGreaterThan(0);
      expect(d.col).toBeGreaterThan(0);
    }
    expect(JSON.parse(run(['check', 'tests/fixtures/check-clean', '--json']).out)).toEqual({
      diagnostics: [],
      errors: 0,
      warnings: 0,
    });
  });

  it('fails CI on more warnings than --max-warnings allows', () => {
    expect(run(['check', SAMPLE, '--max-warnings', '1']).code).toBe(0);
    const r = run(['check', SAMPLE, '--max-warnings=0']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('more than --max-warnings 0');
    expect(run(['check', 'tests/fixtures/check-clean', '--max-warnings', '0']).code).toBe(0);
  });

  it('fixes the safe problems, prints the diff, and checks again', () => {
    // A folder of its own: siblings named alike would be taken for back issues.
    const dir = join(mkdtempSync(join(tmpdir(), 'bulletin-cli-fix-')), 'issue');
    cpSync(join(FIXTURES, 'check-fix'), dir, { recursive: true });
    const r = run(['check', dir, '--fix']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `--- ${dir}/articles/01-xiuzheng.md\n+++ ${dir}/articles/01-xiuzheng.md\n@@ -2 +2 @@\n-title: 科技成果转化"三项改革"试点:进展与问题\n+title: 科技成果转化“三项改革”试点：进展与问题\n`,
    );
    expect(r.out).toMatch(/fixed 16 problems in 1 file/);
    // What is left is what no fix may guess at.
    expect(r.out).toMatch(/0 errors, 1 warning\n$/);
    expect(readFileSync(join(dir, 'articles', '01-xiuzheng.md'), 'utf8')).toBe(
      readFileSync(join(FIXTURES, 'check-fix', 'expected', '01-xiuzheng.md'), 'utf8'),
    );
    const again = run(['check', dir, '--fix', '--json']);
    expect((JSON.parse(again.out) as Json).fixed).toEqual([]);
  });

  it('colours the report on request, never by default into a pipe', () => {
    expect(run(['check', SAMPLE]).out).not.toContain('\x1b[');
    expect(run(['check', SAMPLE, '--color']).out).toContain('\x1b[33mwarning\x1b[39m');
    expect(run(['check', SAMPLE], { FORCE_COLOR: '1' }).out).toContain('\x1b[');
  });

  it('exits 2 on wrong usage, 1 on a folder that is not there', () => {
    expect(run(['check']).code).toBe(2);
    const typo = run(['check', SAMPLE, '--jsn']);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('unknown option --jsn; did you mean --json?');
    expect(run(['check', SAMPLE, '--max-warnings', 'many']).code).toBe(2);
    expect(run(['check', SAMPLE, 'extra']).code).toBe(2);
    const missing = run(['check', 'issues/1999-01']);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('issues/1999-01: error: no such issue folder');
    expect(run(['check', '--help']).out).toContain('bulletin check <issue-dir> [options]');
    expect(run(['--help']).out).toContain('bulletin check <issue-dir>');
  });
});

describe('checks in every build', () => {
  it('prints the checker’s findings as warnings, and still builds', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'bulletin-out-')), 'x.pdf');
    // (a copy: a build records build.json in an issue that has none)
    const copy = join(mkdtempSync(join(tmpdir(), 'bulletin-seed-')), 'seed-duplicate');
    cpSync(SEED, copy, { recursive: true });
    const r = run(['build', copy, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('05-huainan-kechuang-dup.md:2:8: warning: this article repeats');
    expect(r.err).toContain(
      '02-xian-chengguo-zhuanhua.md:27:78: warning: half-width brackets "(管理)" in Chinese text (write "（管理）")',
    );
    expect(r.out).toMatch(/x\.pdf: \d+ pages/);
  });
});
