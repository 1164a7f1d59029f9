// The table of commands and options: parsing with util.parseArgs, did-you-mean, help printed
// from the table; the language chosen; the progress lines of build and build --all on a
// (fake) terminal with a fake clock, and the stages a build reports.
import { describe, expect, it } from 'vitest';
import { commandHelp, COMMANDS, COMMON, head, parseCommandLine, topHelp, UsageError } from '../../src/cli/commands.js';
import { BatchProgress, fit, Progress } from '../../src/cli/progress.js';
import { build } from '../../src/index.js';
import type { ProgressStep } from '../../src/pipeline/layout.js';
import { ROOT, SAMPLE } from '../helpers/build.js';
import { chooseLang } from '../../src/core/text.js';

function usage(argv: string[]): UsageError {
  try {
    parseCommandLine(argv);
  } catch (e) {
    if (e instanceof UsageError) return e;
    throw e;
  }
  throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('the command line', () => {
  it('reads every option of every command, in both spellings', () => {
    const b = parseCommandLine(['build', 'issues/x', '-o', '-', '--strict', '--draft', '-q']);
    expect(b).toMatchObject({
      command: 'build',
      dir: 'issues/x',
      values: { output: '-', strict: true, draft: true, quiet: true },
    });
    expect(parseCommandLine(['build', '--output=a.pdf', 'd']).values.output).toBe('a.pdf');
    const c = parseCommandLine(['check', 'd', '--json', '--fix', '--max-warnings', '3', '--no-archive', '--no-color']);
    expect(c.values).toMatchObject({
      json: true,
      fix: true,
      'max-warnings': '3',
      'no-archive': true,
      'no-color': true,
    });
    const p = parseCommandLine([
      'preview',
      'd',
      '--port=0',
      '--open',
      '--host',
      '0.0.0.0',
      '--no-watermark',
      '--lang',
      'zh',
    ]);
    expect(p).toMatchObject({ lang: 'zh', values: { port: '0', open: true, host: '0.0.0.0', 'no-watermark': true } });
    const print = parseCommandLine(['build', 'd', '-t', 'red', '--cmyk', '--marks', '--impose', 'booklet', '--record']);
    expect(print).toMatchObject({
      id: 'build',
      values: { template: 'red', cmyk: true, marks: true, impose: 'booklet', record: true },
    });
    expect(parseCommandLine(['build', 'd', '--grayscale', '--draft']).values).toMatchObject({
      grayscale: true,
      draft: true,
    });
    const all = parseCommandLine(['build', '--all', '--jobs', '2', '--force', '--dist', 'out', '-q']);
    expect(all).toMatchObject({
      command: 'build',
      id: 'build-all',
      dir: '',
      values: { jobs: '2', force: true, dist: 'out', quiet: true },
    });
    expect(parseCommandLine(['build', '--all', 'archive']).dir).toBe('archive');
    expect(parseCommandLine(['fonts']).dir).toBe('');
    expect(parseCommandLine(['fonts', 'd', '-t', 'red', '--all', '--json']).values).toMatchObject({
      template: 'red',
      all: true,
      json: true,
    });
    expect(
      parseCommandLine(['import', 'a.txt', '-o', 'issues/2023-06', '--keep-duplicates', '-q']).values,
    ).toMatchObject({ output: 'issues/2023-06', 'keep-duplicates': true, quiet: true });
    expect(parseCommandLine(['new', '--archive', 'old'])).toMatchObject({
      id: 'new',
      dir: '',
      values: { archive: 'old' },
    });
    expect(parseCommandLine(['reprint', 'd', '-o', 'r.pdf', '--strict']).values).toMatchObject({
      output: 'r.pdf',
      strict: true,
    });
    expect(parseCommandLine(['--lang', 'zh', 'check', 'd'])).toMatchObject({ id: 'check', dir: 'd', lang: 'zh' });
  });

  it('holds each form of a command to its own options', () => {
    expect(usage(['build', 'd', '--jobs', '2']).message).toBe('--jobs goes with --all only');
    const e = usage(['build', '--all', '--strict']);
    expect(e.message).toBe('--strict does not go with --all');
    expect(e.command).toBe('build-all');
    expect(usage(['build', '--all', '-o', 'x.pdf']).message).toBe('-o does not go with --all');
    expect(usage(['build', '--all', '--jobs', '0']).message).toBe('--jobs needs a whole number above 0, not "0"');
    expect(usage(['build', 'd', '--cmyk', '--grayscale']).message).toBe(
      '--cmyk and --grayscale exclude each other: choose one',
    );
    expect(usage(['build', 'd', '--impose', 'quarto']).message).toBe('--impose takes booklet, not "quarto"');
    expect(usage(['import']).message).toBe(
      'import needs a file, e.g. bulletin import back-issue.txt -o issues/2023-06',
    );
    expect(usage(['reprint']).message).toContain('reprint needs an issue folder');
    expect(usage(['improt', 'a.txt']).message).toBe('unknown command "improt"; did you mean "import"?');
    expect(usage(['import', 'a.txt', '--keep-duplicate']).message).toBe(
      'unknown option --keep-duplicate; did you mean --keep-duplicates?',
    );
    expect(usage(['fonts', '--bogus']).command).toBe('fonts');
    expect(usage(['new', 'a', 'b']).message).toBe('unexpected argument b');
  });

  it('suggests the command or flag meant, and names whose usage to show', () => {
    expect(usage(['bulid', 'x']).message).toBe('unknown command "bulid"; did you mean "build"?');
    expect(usage(['chekc', 'x']).message).toContain('did you mean "check"?');
    const e = usage(['build', 'x', '--outptu', 'y.pdf']);
    expect(e.message).toBe('unknown option --outptu; did you mean --output?');
    expect(e.command).toBe('build');
    expect(usage(['check', 'x', '--jsn']).message).toBe('unknown option --jsn; did you mean --json?');
    expect(usage(['preview', 'x', '--no-watermakr']).message).toContain('did you mean --no-watermark?');
    // An option of another command is not this one's.
    expect(usage(['build', 'x', '--json']).message).toMatch(/^unknown option --json/);
    expect(usage(['frobnicate']).message).toBe('unknown command "frobnicate"');
    expect(usage(['build', 'x', '--zzzzzzzz']).message).toBe('unknown option --zzzzzzzz');
  });

  it('refuses missing and malformed values, and extra or missing folders', () => {
    expect(usage(['build', 'x', '-o']).message).toBe('-o needs a value: -o <file>');
    expect(usage(['check', 'x', '--max-warnings', 'many']).message).toContain('needs a whole number');
    expect(usage(['preview', 'x', '--port', '70000']).message).toContain('port number');
    expect(usage(['build', 'x', '--strict=yes']).message).toBe('--strict takes no value');
    expect(usage(['build', 'x', '--lang', 'fr']).message).toBe('--lang takes en or zh, not "fr"');
    expect(usage(['build']).message).toBe('build needs an issue folder, e.g. bulletin build issues/2023-06');
    expect(usage(['check', 'a', 'b']).message).toBe('unexpected argument b');
  });

  it('prints help from the table: every option of every command, in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const top = topHelp(lang);
      for (const c of COMMANDS) {
        expect(top).toContain(head(c));
        const own = commandHelp(c.id, lang);
        expect(own.startsWith(head(c))).toBe(true);
        for (const o of [...c.options, ...COMMON]) {
          if (o.alias || o.name === c.form) continue;
          expect(top).toContain(`--${o.name}`);
          expect(own).toContain(`--${o.name}`);
          if (o.short) expect(own).toContain(`-${o.short}, --${o.name}`);
        }
      }
    }
    expect(topHelp('en')).toContain('--quiet');
    expect(topHelp('en')).toContain('--no-archive');
    expect(commandHelp('build', 'zh')).toContain('退出码');
  });

  it('chooses Chinese from --lang or the locale, English otherwise', () => {
    expect(chooseLang(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(chooseLang(undefined, { LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' })).toBe('zh');
    expect(chooseLang(undefined, { LC_MESSAGES: 'zh_CN' })).toBe('zh');
    expect(chooseLang(undefined, { LANG: 'C.UTF-8' })).toBe('en');
    expect(chooseLang(undefined, {})).toBe('en');
    expect(chooseLang('en', { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(chooseLang('zh', { LANG: 'C' })).toBe('zh');
  });
});

class FakeTerminal {
  isTTY = true;
  columns = 40;
  written = '';
  write(s: string): boolean {
    this.written += s;
    return true;
  }
}

describe('the progress line', () => {
  it('shows stage, article and pages on one line after a second, and clears it', () => {
    let now = 0;
    const tty = new FakeTerminal();
    const p = new Progress(tty, { now: () => now, lang: 'en' });
    p.report({ stage: 'load' });
    expect(tty.written).toBe(''); // a quick build shows nothing
    now = 1500;
    p.report({ stage: 'compose', article: '03-x.md' });
    p.report({ stage: 'paginate', article: '03-x.md', pages: 12 });
    p.report({ stage: 'paginate', article: '03-x.md', pages: 12 }); // unchanged: not rewritten
    p.done();
    expect(tty.written).toBe('\r\x1b[Ksetting, 03-x.md\r\x1b[Kmaking pages, 03-x.md, 12 pages so far\r\x1b[K');
    expect(tty.written).not.toContain('\n');
  });

  it('speaks Chinese and stays within the terminal width', () => {
    const tty = new FakeTerminal();
    tty.columns = 20;
    const p = new Progress(tty, { after: 0, lang: 'zh' });
    p.report({ stage: 'paginate', article: '03-a-very-long-article-name.md', pages: 3 });
    const line = tty.written.replace('\r\x1b[K', '');
    expect(line.startsWith('正在分页，03-')).toBe(true);
    // Han characters take two columns: 19 columns hold 正在分页，03- and a few more.
    expect([...line].reduce((n, ch) => n + (/[\u4e00-\u9fff，]/.test(ch) ? 2 : 1), 0)).toBeLessThanOrEqual(19);
    expect(line.endsWith('…')).toBe(true);
    const wide = new FakeTerminal();
    expect(new Progress(wide, { after: 0, lang: 'zh' }).line({ stage: 'render', pages: 9 })).toBe(
      '正在生成 PDF，已排 9 页',
    );
  });

  it('shows nothing when not a terminal, or with --quiet', () => {
    for (const [isTTY, quiet] of [
      [false, false],
      [true, true],
    ]) {
      const s = new FakeTerminal();
      s.isTTY = isTTY;
      const p = new Progress(s, { after: 0, quiet });
      p.report({ stage: 'compose', article: 'a.md' });
      p.done();
      expect(s.written).toBe('');
    }
  });
});

describe('the progress line of build --all', () => {
  it('shows issues done and being built after a second, with the lines about each issue above it', () => {
    let now = 0;
    const tty = new FakeTerminal();
    tty.columns = 60;
    const out = new FakeTerminal();
    const p = new BatchProgress(tty, 3, { now: () => now, lang: 'en' });
    p.started('2023-04');
    p.started('2023-05');
    expect(tty.written).toBe(''); // nothing in the first second
    now = 1200;
    p.tick();
    expect(tty.written).toBe('\r\x1b[K[0/3] building 2023-04, 2023-05');
    p.finishedOne('2023-04', '2023-04: built, 9 pages', out);
    // The line is cleared, the line printed, and the progress line drawn again.
    expect(tty.written.endsWith('\r\x1b[K\r\x1b[K[1/3] building 2023-05')).toBe(true);
    expect(out.written).toBe('2023-04: built, 9 pages\n');
    p.finishedOne('2023-05');
    p.done();
    expect(tty.written.endsWith('[2/3]\r\x1b[K')).toBe(true);
  });

  it('speaks Chinese, fits the terminal, and is silent off a terminal or with --quiet', () => {
    const tty = new FakeTerminal();
    tty.columns = 24;
    const p = new BatchProgress(tty, 12, { after: 0, lang: 'zh' });
    p.started('2023-01');
    p.started('2023-02');
    const line = tty.written.split('\r\x1b[K').pop()!;
    expect(line.startsWith('[0/12] 正在排版 2023-0')).toBe(true);
    expect(line.endsWith('…')).toBe(true);
    expect(fit(line, 24)).toBe(line);
    for (const [isTTY, quiet] of [
      [false, false],
      [true, true],
    ]) {
      const s = new FakeTerminal();
      s.isTTY = isTTY;
      const q = new BatchProgress(s, 2, { after: 0, quiet });
      q.started('a');
      q.tick();
      q.finishedOne('a', 'a: built', s);
      q.done();
      expect(s.written).toBe('a: built\n'); // the line, and nothing else
    }
  });

  it('counts a Han character as two columns when it cuts a line to the terminal', () => {
    expect(fit('正在分页，03-a.md', 80)).toBe('正在分页，03-a.md');
    expect(fit('正在分页，03-a.md', 10)).toBe('正在分页…'); // 8 columns and the ellipsis: the 9 a line may take
    expect(fit('abcdefghij', 10)).toBe('abcdefgh…');
    expect(fit('abcdefghi', 10)).toBe('abcdefghi');
  });
});

describe('the progress a build reports', () => {
  it('tells each stage, the articles and the pages as they grow', async () => {
    const steps: ProgressStep[] = [];
    const r = await build(SAMPLE, { root: ROOT, check: false, progress: (s) => steps.push(s) });
    const stages = [...new Set(steps.map((s) => s.stage))];
    expect(stages).toEqual(['load', 'compose', 'paginate', 'render']);
    expect(steps.some((s) => s.stage === 'compose' && s.article?.endsWith('.md'))).toBe(true);
    const pages = steps.filter((s) => s.stage === 'paginate').map((s) => s.pages!);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((n, i) => i === 0 || n >= pages[i - 1])).toBe(true);
    expect(steps[steps.length - 1]).toEqual({ stage: 'render', pages: r.pages });
  });
});
