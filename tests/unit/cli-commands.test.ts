// The table of commands and options: parsing with util.parseArgs, did-you-mean, help printed
// from the table; the language chosen; the progress line on a (fake) terminal.
import { describe, expect, it } from 'vitest';
import { commandHelp, COMMANDS, COMMON, parseCommandLine, topHelp, UsageError } from '../../src/cli/commands.js';
import { Progress } from '../../src/cli/progress.js';
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
    expect(b).toMatchObject({ command: 'build', dir: 'issues/x', values: { output: '-', strict: true, draft: true, quiet: true } });
    expect(parseCommandLine(['build', '--output=a.pdf', 'd']).values.output).toBe('a.pdf');
    const c = parseCommandLine(['check', 'd', '--json', '--fix', '--max-warnings', '3', '--no-archive', '--no-color']);
    expect(c.values).toMatchObject({ json: true, fix: true, 'max-warnings': '3', 'no-archive': true, 'no-color': true });
    const p = parseCommandLine(['preview', 'd', '--port=0', '--open', '--host', '0.0.0.0', '--no-watermark', '--lang', 'zh']);
    expect(p).toMatchObject({ lang: 'zh', values: { port: '0', open: true, host: '0.0.0.0', 'no-watermark': true } });
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
        expect(top).toContain(`bulletin ${c.name} <issue-dir>`);
        const own = commandHelp(c.name, lang);
        for (const o of [...c.options, ...COMMON]) {
          if (o.alias) continue;
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
    expect([...line].length).toBeLessThanOrEqual(19);
    expect(new Progress(tty, { after: 0, lang: 'zh' }).line({ stage: 'render', pages: 9 })).toBe('正在生成 PDF，已排 9 页');
  });

  it('shows nothing when not a terminal, or with --quiet', () => {
    for (const [isTTY, quiet] of [[false, false], [true, true]]) {
      const s = new FakeTerminal();
      s.isTTY = isTTY;
      const p = new Progress(s, { after: 0, quiet });
      p.report({ stage: 'compose', article: 'a.md' });
      p.done();
      expect(s.written).toBe('');
    }
  });
});
