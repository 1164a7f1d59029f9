// The command line in the reader's language: Chinese from the locale or --lang, English
// otherwise; check --json in English whatever the language; the version from package.json;
// a mistyped command or flag answered with a suggestion and the usage.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyIssue, ROOT, SAMPLE } from '../helpers/build.js';

const BIN = join(ROOT, 'bin', 'bulletin.js');

function run(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: clean });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The sample without its title: a build that fails on issue.yaml. */
function untitled(): string {
  const dir = copyIssue(SAMPLE);
  const yaml = join(dir, 'issue.yaml');
  writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^title:.*\n/m, ''));
  return dir;
}

const out = () => join(mkdtempSync(join(tmpdir(), 'bulletin-lang-')), 'x.pdf');

describe('messages in the reader’s language', () => {
  it('a failing build under LANG=zh_CN.UTF-8 speaks Chinese; --lang en forces English', () => {
    const dir = untitled();
    const zh = run(['build', dir, '-o', out()], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(1);
    expect(zh.err).toMatch(/issue\.yaml:\d+:\d+: 错误: issue\.yaml缺少必填的键“title”（请加一行“title: …”）\n/);
    expect(zh.err).toMatch(/：\d+ 处错误；未写入任何文件\n$/);
    expect(zh.err).not.toMatch(/nothing written|error:/);
    const en = run(['build', dir, '-o', out(), '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
    expect(en.code).toBe(1);
    expect(en.err).toMatch(/issue\.yaml:\d+:\d+: error: /);
    expect(en.err).toMatch(/: \d+ errors?; nothing written\n$/);
    expect(run(['build', dir, '-o', out(), '--lang', 'zh']).err).toContain('未写入任何文件');
  });

  it('a successful build says what it wrote, in Chinese', () => {
    const r = run(['build', SAMPLE, '-o', out()], { LC_ALL: 'zh_CN.UTF-8' });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/x\.pdf：共 \d+ 页，\d+ KB，用时 [\d.]+ 秒\n/);
  });

  it('check --json keeps English messages and the codes', () => {
    const r = run(['check', untitled(), '--json', '--no-archive'], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out) as { diagnostics: { code: string; message: string }[] };
    const missing = doc.diagnostics.find((d) => d.code === 'schema-missing');
    expect(missing?.message).toBe('issue.yaml is missing the required key "title"');
  });

  it('answers a mistyped command or flag with a suggestion and the usage, exit 2', () => {
    const cmd = run(['bulid', SAMPLE]);
    expect(cmd.code).toBe(2);
    expect(cmd.err).toContain('unknown command "bulid"; did you mean "build"?');
    expect(cmd.err).toContain('bulletin build <issue-dir>');
    const flag = run(['build', SAMPLE, '--outptu', 'x.pdf']);
    expect(flag.code).toBe(2);
    expect(flag.err).toMatch(
      /^bulletin build: unknown option --outptu; did you mean --output\?\n\nbulletin build <issue-dir> \[options\]/,
    );
    const zh = run(['build', SAMPLE, '--outptu', 'x.pdf'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.err).toContain('没有 --outptu 这个选项；是不是要用 --output？');
    expect(zh.err).toContain('选项：');
  });

  it('takes its version from package.json, in --version and the PDF', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version']).out).toBe(`bulletin ${version}\n`);
    const file = out();
    expect(run(['build', SAMPLE, '-o', file, '-q']).code).toBe(0);
    expect(readFileSync(file, 'latin1')).toContain(`(bulletin ${version})`);
  });
});
