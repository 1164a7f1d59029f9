// `bulletin check <issue-dir>`: argument parsing and output. Exit codes: 0 clean (warnings
// allowed unless --max-warnings is exceeded), 1 errors or too many warnings, 2 wrong usage.
import { t, type Lang, type Params } from '../core/text.js';
import type { Parsed } from './commands.js';
import { diagnostic, formatDiagnostic } from '../source/diagnostics.js';

function useColour(flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!process.stdout.isTTY;
}

export async function runCheck(args: Parsed, lang: Lang): Promise<number> {
  const say = (key: string, params?: Params): string => t(key, params).in(lang);
  const v = args.values;
  const colour = v.color || v.colour ? true : v['no-color'] || v['no-colour'] ? false : undefined;
  const parsed = {
    dir: args.dir,
    json: !!v.json,
    fix: !!v.fix,
    archive: !v['no-archive'],
    color: colour,
    maxWarnings: v['max-warnings'] === undefined ? undefined : Number(v['max-warnings']),
  };
  // Loaded here, not at start-up: --help and usage errors stay instant.
  const { ROOT, checkIssue } = await import('../index.js');
  const { fixIssue, formatHuman, formatJson, COLOUR, PLAIN, issueName } = await import('../check/index.js');
  const style = useColour(parsed.color) ? COLOUR : PLAIN;
  const options = { root: ROOT, archive: parsed.archive ? 12 : 0 };
  let result = checkIssue(parsed.dir, options);
  let fixed;
  let failed = false;
  if (parsed.fix) {
    const done = fixIssue(result);
    fixed = done.fixed;
    const diffs = done.files.map((f) => colourDiff(f.diff, style)).join('');
    // With --json, stdout holds the JSON document alone.
    const to = parsed.json ? process.stderr : process.stdout;
    if (diffs) to.write(diffs);
    for (const file of done.skipped) process.stderr.write(`bulletin check: ${say('check.fix.changed', { file })}\n`);
    for (const f of done.failed)
      process.stderr.write(
        formatDiagnostic(diagnostic('error', 'fix-failed', { file: f.file, line: 0, col: 0 }, f.message, f.fix), lang) +
          '\n',
      );
    if (done.failed.length) failed = true;
    if (done.files.length) {
      const n = done.fixed.length;
      to.write(
        style.green(
          say('check.fixed', {
            problems: say(n === 1 ? 'check.problems.one' : 'check.problems', { n }),
            files: say(done.files.length === 1 ? 'check.files.one' : 'check.files', { n: done.files.length }),
          }),
        ) + '\n\n',
      );
      result = checkIssue(parsed.dir, options);
    } else if (!parsed.json) to.write(say('check.nothing-to-fix') + '\n\n');
  }
  if (parsed.json) process.stdout.write(formatJson(result.findings, fixed));
  else process.stdout.write(formatHuman(result.findings, issueName(parsed.dir), style, lang));
  if (result.errors > 0 || failed) return 1;
  if (parsed.maxWarnings !== undefined && result.warnings > parsed.maxWarnings) {
    if (!parsed.json)
      process.stdout.write(say('check.too-many-warnings', { count: result.warnings, max: parsed.maxWarnings }) + '\n');
    return 1;
  }
  return 0;
}

function colourDiff(
  diff: string,
  style: {
    red: (s: string) => string;
    green: (s: string) => string;
    bold: (s: string) => string;
    cyan: (s: string) => string;
  },
): string {
  return diff
    .split('\n')
    .map((l) =>
      l.startsWith('---') || l.startsWith('+++')
        ? style.bold(l)
        : l.startsWith('@@')
          ? style.cyan(l)
          : l.startsWith('-')
            ? style.red(l)
            : l.startsWith('+')
              ? style.green(l)
              : l,
    )
    .join('\n');
}
