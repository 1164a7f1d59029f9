// The command as editors and scripts use it: messages, exit codes, files left behind.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyIssue, ROOT, SAMPLE } from '../helpers/build.js';

const BIN = join(ROOT, 'bin', 'bulletin.js');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function broken(edit: (dir: string) => void): string {
  const dir = copyIssue(SAMPLE);
  edit(dir);
  return dir;
}

const out = () => join(mkdtempSync(join(tmpdir(), 'bulletin-out-')), 'x.pdf');

describe('bulletin build', () => {
  it('builds the sample and says what it wrote', () => {
    const file = out();
    const r = run(['build', SAMPLE, '-o', file]);
    // The build's proofreading checks (bulletin check) find the sample's one real slip.
    expect(r.err).toBe(
      'issues/2023-06/articles/02-xian-chengguo-zhuanhua.md:27:78: warning: half-width brackets "(管理)" in Chinese text (write "（管理）")\n',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/x\.pdf: \d+ pages, \d+ KB, [\d.]+ s/);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes dist/<folder>.pdf by default', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'bulletin-cwd-'));
    const r = run(['build', SAMPLE, '-q'], cwd);
    expect(r.code).toBe(0);
    expect(existsSync(join(cwd, 'dist', '2023-06.pdf'))).toBe(true);
  });

  it('reports a YAML syntax error with its place, exits 1 and writes nothing', () => {
    const dir = broken((d) => writeFileSync(join(d, 'issue.yaml'), 'title: 科技情报参考\nyear: [2023\nnumber: 6\n'));
    const file = out();
    const r = run(['build', dir, '-o', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/issue\.yaml:\d+:\d+: error: YAML syntax/);
    expect(existsSync(file)).toBe(false);
  });

  it('reports a missing title at the front matter', () => {
    const dir = broken((d) => {
      const f = join(d, 'articles', '02-xian-chengguo-zhuanhua.md');
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^title: .*$/m, 'source: 西安日报'));
    });
    const r = run(['build', dir, '-o', out()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/02-xian-chengguo-zhuanhua\.md:2:1: error: front matter is missing the required key "title"/);
  });

  it('reports a wrong type with the line and column of the value', () => {
    const dir = broken((d) => {
      const f = join(d, 'issue.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace('number: 6', 'number: six'));
    });
    const r = run(['build', dir, '-o', out()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /issue\.yaml:4:9: error: "number" must be a whole number.*, not "six" \(write number: followed by a whole number/,
    );
  });

  it('warns about a mistyped key with a suggestion, and still builds', () => {
    const dir = broken((d) => {
      const f = join(d, 'articles', '01-zhejiang-quzhou.md');
      writeFileSync(f, readFileSync(f, 'utf8').replace('---\n\n', 'soruce: 衢州日报\n---\n\n'));
    });
    const r = run(['build', dir, '-o', out()]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /01-zhejiang-quzhou\.md:3:1: warning: unknown key "soruce" in front matter; did you mean "source"\?/,
    );
  });

  it('reports a missing issue folder', () => {
    const r = run(['build', join(ROOT, 'issues', '1999-01'), '-o', out()]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/1999-01: error: no such issue folder/);
  });

  it('keeps the last good PDF when a build fails', () => {
    const file = out();
    expect(run(['build', SAMPLE, '-o', file]).code).toBe(0);
    const good = readFileSync(file);
    const dir = broken((d) => rmSync(join(d, 'issue.yaml')));
    const r = run(['build', dir, '-o', file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/issue\.yaml: error: issue\.yaml is missing/);
    expect(readFileSync(file).equals(good)).toBe(true);
  });

  it('says so when the PDF cannot be written, leaving no partial file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulletin-out-'));
    const r = run(['build', SAMPLE, '-o', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${dir}: error: cannot write the PDF here: this is a folder, not a file`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports raw HTML instead of printing it', () => {
    const dir = broken((d) => {
      const f = join(d, 'articles', '03-meishan-chuangxin.md');
      writeFileSync(f, readFileSync(f, 'utf8') + '\n<div class="x">内容</div>\n');
    });
    const r = run(['build', dir, '-o', out()]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/03-meishan-chuangxin\.md:\d+:1: warning: raw HTML is not printed/);
  });

  it('reports a character no font can print, and refuses it with --strict', () => {
    const dir = broken((d) => {
      const f = join(d, 'articles', '05-yichang-yanfa-pingtai.md');
      const text = readFileSync(f, 'utf8').replace('近年来，宜昌市', '近年来，\u{1B170}宜昌市');
      writeFileSync(f, text);
    });
    const r = run(['build', dir, '-o', out()]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/05-yichang-yanfa-pingtai\.md:5:5: warning: no font can print "\u{1B170}" \(U\+1B170\)/u);
    const file = out();
    const strict = run(['build', dir, '-o', file, '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/error: no font can print/);
    expect(existsSync(file)).toBe(false);
  });

  it('exits 2 on wrong usage, with help', () => {
    expect(run(['build']).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
    const r = run(['build', SAMPLE, '--colour']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option --colour');
  });

  it('documents every option', () => {
    const help = execFileSync(process.execPath, [BIN, 'build', '--help'], { encoding: 'utf8' });
    for (const opt of ['--output', '--strict', '--quiet', 'Exit status']) expect(help).toContain(opt);
    expect(execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' })).toContain('bulletin build');
  });
});
