// `bulletin` command line: parse arguments, call the API, print results. Exit codes:
// 0 success, 1 errors in the input (every diagnostic printed), 2 wrong usage.
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { capped, formatDiagnostic, type Diagnostic } from '../source/diagnostics.js';
import { outputProblem } from '../output.js';
import { chooseLang, t, type Lang, type Params } from '../core/text.js';
import { VERSION } from '../core/version.js';
import { commandHelp, langOf, parseCommandLine, topHelp, UsageError, type Parsed } from './commands.js';

function printDiagnostics(list: Diagnostic[], quiet: boolean, lang: Lang): void {
  const { shown, more } = capped(list.filter((d) => !quiet || d.severity === 'error'), undefined, lang);
  for (const d of shown) process.stderr.write(formatDiagnostic(d, lang) + '\n');
  for (const line of more) process.stderr.write(t('cli.all-listed-json', { line }).in(lang) + '\n');
}

const WHY = new Set(['EACCES', 'EISDIR', 'ENOTDIR', 'ENOENT', 'ENOSPC', 'EROFS', 'EBUSY', 'EEXIST', 'EPIPE']);

/** Why a write failed, in words: the system's own message for a cause not foreseen. */
function why(err: NodeJS.ErrnoException, lang: Lang): string {
  const code = err.code === 'EPERM' ? 'EACCES' : (err.code ?? '');
  return WHY.has(code) ? t(`cli.why.${code}`).in(lang) : err.message;
}

/** The PDF on standard output (-o -): the whole of it, or an error. */
function writeStdout(pdf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.once('error', reject);
    process.stdout.write(pdf, (err) => (err ? reject(err) : resolve()));
  });
}

async function runBuild(parsed: Parsed, lang: Lang): Promise<number> {
  const say = (key: string, params?: Params): string => t(key, params).in(lang);
  const quiet = !!parsed.values.quiet;
  const t0 = performance.now();
  // Loaded here, not at start-up: --help and usage errors stay instant.
  const { build, writeAtomically, InputError } = await import('../index.js');
  const dir = resolve(parsed.dir);
  const name = basename(dir);
  const output = (parsed.values.output as string | undefined) ?? `dist/${name}.pdf`;
  const toStdout = output === '-';
  // Checked before the build, and so before anything is written.
  if (toStdout && process.stdout.isTTY) {
    process.stderr.write(`-: ${say('cli.severity.error')}: ${say('cli.stdout-terminal', { dir: parsed.dir, name })}\n`);
    return 1;
  }
  const refused = toStdout ? undefined : outputProblem(output, parsed.dir);
  if (refused) {
    process.stderr.write(`${output}: ${say('cli.severity.error')}: ${say('cli.output-refused', { why: refused.message, fix: refused.fix })}\n`);
    return 1;
  }
  const { Progress } = await import('./progress.js');
  const progress = new Progress(process.stderr, { quiet, lang });
  try {
    const result = await build(parsed.dir, { strict: !!parsed.values.strict, draft: !!parsed.values.draft, progress: progress.report });
    progress.done();
    printDiagnostics(result.diagnostics, quiet, lang);
    try {
      if (toStdout) await writeStdout(result.pdf);
      else writeAtomically(output, result.pdf);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (toStdout) {
        process.stderr.write(`-: ${say('cli.severity.error')}: ${say('cli.stdout-failed', { why: why(err, lang) })}\n`);
        return 1;
      }
      process.stderr.write(`${output}: ${say('cli.severity.error')}: ${say('cli.write-failed', { why: why(err, lang) })}\n`);
      return 1;
    }
    if (!quiet) {
      const secs = ((performance.now() - t0) / 1000).toFixed(2);
      // With -o -, standard output holds the PDF alone.
      (toStdout ? process.stderr : process.stdout).write(say('cli.built', { output: toStdout ? say('cli.stdout-name') : output, pages: result.pages, kb: Math.round(result.pdf.length / 1024), secs }) + '\n');
    }
    return 0;
  } catch (e) {
    progress.done();
    if (e instanceof InputError) {
      printDiagnostics(e.diagnostics, quiet, lang);
      const n = e.diagnostics.filter((d) => d.severity === 'error').length;
      process.stderr.write(say(n === 1 ? 'cli.failed.one' : 'cli.failed', { dir: parsed.dir, count: n }) + '\n');
      return 1;
    }
    throw e;
  }
}

/** A fault outside the awaited chain (a library's callback) is still a bug: exit 3, said once. */
function internal(e: unknown): void {
  const err = e as Error;
  process.stderr.write(`bulletin: ${t('cli.internal', { detail: err?.stack ?? String(e) }).in(chooseLang(undefined))}\n`);
  process.exit(3);
}

export async function main(argv: string[]): Promise<number> {
  process.on('uncaughtException', internal);
  process.on('unhandledRejection', internal);
  let lang = chooseLang(langOf(argv));
  try {
    const parsed = parseCommandLine(argv);
    lang = chooseLang(parsed.lang);
    if (!parsed.command) {
      if (parsed.values.version) {
        process.stdout.write(`bulletin ${VERSION}\n`);
        return 0;
      }
      process.stdout.write(topHelp(lang) + '\n');
      // `bulletin` alone is a usage error; `bulletin --help` is not.
      return parsed.values.help || argv.includes('help') ? 0 : 2;
    }
    if (parsed.values.help) {
      process.stdout.write(commandHelp(parsed.command, lang) + '\n');
      return 0;
    }
    switch (parsed.command) {
      case 'build':
        return await runBuild(parsed, lang);
      case 'check': {
        const { runCheck } = await import('./check.js');
        return await runCheck(parsed, lang);
      }
      case 'preview': {
        const { runPreview } = await import('./preview.js');
        return await runPreview(parsed, lang);
      }
    }
    throw new Error(`command ${parsed.command} is in the table but has no case in main.ts`);
  } catch (e) {
    if (e instanceof UsageError) {
      const who = e.command ? `bulletin ${e.command}` : 'bulletin';
      const usage = e.command ? commandHelp(e.command, lang) : topHelp(lang);
      process.stderr.write(`${who}: ${e.text.in(lang)}\n\n${usage}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(`bulletin: ${t('cli.internal', { detail: err.stack ?? err.message }).in(lang)}\n`);
    return 3;
  }
}
