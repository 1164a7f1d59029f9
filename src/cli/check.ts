// `bulletin check <issue-dir>`: argument parsing and output. Exit codes: 0 clean (warnings
// allowed unless --max-warnings is exceeded), 1 errors or too many warnings, 2 wrong usage.
import { closest } from '../source/fields.js';

export const CHECK_HELP = `bulletin check <issue-dir> [options]

Proofreads the issue in <issue-dir> before it goes to print: the build's own diagnostics
(issue.yaml, front matter, Markdown, template); duplicate or near-duplicate articles and
paragraphs, within the issue and against previous issues in the same folder; characters no
font can print; punctuation in Chinese text (half-width marks, straight quotes, unbalanced
quotes and brackets, ... for ……, -- or a lone — for ——, doubled marks, spaces by full-width
marks); full-width digits; heading levels; titles too long for the contents; the issue's
number and date against its folder and the previous issue.

Options:
  --json               print one JSON document: {diagnostics, errors, warnings}
  --fix                apply the safe fixes (punctuation widths, quote pairs, …… and ——,
                       stray spaces, digit widths) to the Markdown and print a diff
  --max-warnings <n>   exit 1 when there are more than n warnings (for CI)
  --no-archive         do not compare with previous issues
  --color, --no-color  colour the report (default: on a terminal, unless NO_COLOR is set)
  -h, --help           show this help

Each problem is printed as file:line:col: severity: message [code], with the fix below it.

Exit status: 0 no errors (and no more warnings than --max-warnings), 1 errors or too many
warnings, 2 wrong usage.`;

const OPTIONS = ['--json', '--fix', '--max-warnings', '--no-archive', '--color', '--no-color', '--help'];

class UsageError extends Error {}

interface CheckArgs {
  dir: string;
  json: boolean;
  fix: boolean;
  maxWarnings?: number;
  archive: boolean;
  color?: boolean;
}

function parseCheck(args: string[]): CheckArgs | 'help' {
  const out: CheckArgs = { dir: '', json: false, fix: false, archive: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--json') out.json = true;
    else if (a === '--fix') out.fix = true;
    else if (a === '--no-archive') out.archive = false;
    else if (a === '--color' || a === '--colour') out.color = true;
    else if (a === '--no-color' || a === '--no-colour') out.color = false;
    else if (a === '--max-warnings' || a.startsWith('--max-warnings=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined || !/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number, e.g. --max-warnings 0`);
      out.maxWarnings = Number(v);
    } else if (a.startsWith('-')) {
      const hint = closest(a.replace(/=.*/, ''), OPTIONS);
      throw new UsageError(`unknown option ${a}` + (hint ? `; did you mean ${hint}?` : ''));
    } else if (!out.dir) out.dir = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!out.dir) throw new UsageError('check needs an issue folder, e.g. bulletin check issues/2023-06');
  return out;
}

function useColour(flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return !!process.stdout.isTTY;
}

export async function runCheck(args: string[]): Promise<number> {
  let parsed: CheckArgs | 'help';
  try {
    parsed = parseCheck(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bulletin check: ${e.message}\n\n${CHECK_HELP}\n`);
      return 2;
    }
    throw e;
  }
  if (parsed === 'help') {
    process.stdout.write(CHECK_HELP + '\n');
    return 0;
  }
  // Loaded here, not at start-up: --help and usage errors stay instant.
  const { ROOT } = await import('../index.js');
  const { checkIssue, fixIssue, formatHuman, formatJson, COLOUR, PLAIN, issueName } = await import('../check/index.js');
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
    for (const file of done.skipped) process.stderr.write(`bulletin check: ${file} changed while it was checked; not fixed\n`);
    for (const f of done.failed) process.stderr.write(`${f.file}: error: ${f.message} (${f.fix})\n`);
    if (done.failed.length) failed = true;
    if (done.files.length) {
      const n = done.fixed.length;
      to.write(style.green(`fixed ${n} problem${n === 1 ? '' : 's'} in ${done.files.length} file${done.files.length === 1 ? '' : 's'}`) + '\n\n');
      result = checkIssue(parsed.dir, options);
    } else if (!parsed.json) to.write('nothing to fix\n\n');
  }
  if (parsed.json) process.stdout.write(formatJson(result.findings, fixed));
  else process.stdout.write(formatHuman(result.findings, issueName(parsed.dir), style));
  if (result.errors > 0 || failed) return 1;
  if (parsed.maxWarnings !== undefined && result.warnings > parsed.maxWarnings) {
    if (!parsed.json) process.stdout.write(`${result.warnings} warnings: more than --max-warnings ${parsed.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function colourDiff(diff: string, style: { red: (s: string) => string; green: (s: string) => string; bold: (s: string) => string; cyan: (s: string) => string }): string {
  return diff
    .split('\n')
    .map((l) => (l.startsWith('---') || l.startsWith('+++') ? style.bold(l) : l.startsWith('@@') ? style.cyan(l) : l.startsWith('-') ? style.red(l) : l.startsWith('+') ? style.green(l) : l))
    .join('\n');
}
