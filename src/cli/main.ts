// `bulletin` command line: parse arguments (the table in commands.ts), call the API, print
// results. Exit codes: 0 success, 1 errors in the input (every diagnostic printed), 2 wrong
// usage, 3 a bug.
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { capped, formatDiagnostic, type Diagnostic } from '../source/diagnostics.js';
import { outputProblem } from '../output.js';
import { chooseLang, t, type Lang, type Params } from '../core/text.js';
import { VERSION } from '../core/version.js';
import { commandHelp, langOf, parseCommandLine, topHelp, UsageError, type Parsed } from './commands.js';
import { readableStack } from './stack.js';
import { why } from './why.js';

function printDiagnostics(list: Diagnostic[], quiet: boolean, lang: Lang): void {
  const { shown, more } = capped(
    list.filter((d) => !quiet || d.severity === 'error'),
    undefined,
    lang,
  );
  for (const d of shown) process.stderr.write(formatDiagnostic(d, lang) + '\n');
  for (const line of more) process.stderr.write(t('cli.all-listed-json', { line }).in(lang) + '\n');
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
  const v = parsed.values;
  const quiet = !!v.quiet;
  const draft = !!v.draft;
  const impose = v.impose as 'booklet' | undefined;
  const t0 = performance.now();
  // Loaded here, not at start-up: --help and usage errors stay instant.
  const { build, writeAtomically, InputError } = await import('../index.js');
  const dir = resolve(parsed.dir);
  const name = basename(dir);
  const output = (v.output as string | undefined) ?? `dist/${name}.pdf`;
  const toStdout = output === '-';
  const error = (where: string, key: string, params?: Params): void => {
    process.stderr.write(`${where}: ${say('cli.severity.error')}: ${say(key, params)}\n`);
  };
  // Checked before the build, and so before anything is written.
  if (toStdout && process.stdout.isTTY) {
    error('-', 'cli.stdout-terminal', { dir: parsed.dir, name });
    return 1;
  }
  // The booklet goes beside the PDF: -o - leaves it nowhere to go.
  if (toStdout && impose) {
    error('-', 'cli.stdout-impose');
    return 2;
  }
  const bookletFile = output.replace(/(\.pdf)?$/i, '-booklet.pdf');
  const refused = toStdout
    ? undefined
    : (outputProblem(output, parsed.dir) ?? (impose ? outputProblem(bookletFile, parsed.dir) : undefined));
  if (refused) {
    error(output, 'cli.output-refused', { why: refused.message, fix: refused.fix });
    return 1;
  }
  const { Progress } = await import('./progress.js');
  const progress = new Progress(process.stderr, { quiet, lang });
  try {
    const result = await build(parsed.dir, {
      strict: !!v.strict,
      draft,
      template: v.template as string | undefined,
      cmyk: !!v.cmyk,
      grayscale: !!v.grayscale,
      marks: !!v.marks,
      impose,
      progress: progress.report,
      once: true,
    });
    progress.done();
    printDiagnostics(result.diagnostics, quiet, lang);
    try {
      if (toStdout) await writeStdout(result.pdf);
      else writeAtomically(output, result.pdf);
      if (result.booklet) writeAtomically(bookletFile, result.booklet);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (toStdout) error('-', 'cli.stdout-failed', { why: why(err, lang) });
      else error(output, 'cli.write-failed', { why: why(err, lang) });
      return 1;
    }
    // With -o -, standard output holds the PDF alone.
    const tell = (line: string) => (toStdout ? process.stderr : process.stdout).write(line + '\n');
    if (!quiet) {
      const secs = ((performance.now() - t0) / 1000).toFixed(2);
      tell(
        say('cli.built', {
          output: toStdout ? say('cli.stdout-name') : output,
          pages: result.pages,
          kb: Math.round(result.pdf.length / 1024),
          secs,
        }),
      );
      if (result.booklet)
        tell(say('cli.booklet-built', { output: bookletFile, kb: Math.round(result.booklet.length / 1024) }));
      const x = result.print.pdfx;
      if (x) tell(x.claimed ? say('cli.pdfx', { profile: x.profile }) : say('cli.pdfx.not', { why: x.why }));
      for (const f of result.layout.fallbacks) {
        const shown = f.chars.slice(0, 12).join('') + (f.chars.length > 12 ? '…' : '');
        tell(
          say(f.chars.length === 1 ? 'cli.fallback.one' : 'cli.fallback', {
            family: f.family,
            role: f.role,
            count: f.chars.length,
            chars: shown,
          }),
        );
      }
    }
    // The record (build.json): a draft is not the issue, and is never recorded.
    if (!draft) {
      const { recordBuild } = await import('../archive/record.js');
      const { ROOT } = await import('../index.js');
      const done = recordBuild(parsed.dir, result, ROOT, VERSION, !!v.record);
      if (!quiet && done !== 'kept')
        tell(
          say(done === 'written' ? 'cli.recorded' : 'cli.recorded.same', {
            file: `${parsed.dir.replace(/[\\/]+$/, '')}/build.json`,
          }),
        );
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
  process.stderr.write(
    `bulletin: ${t('cli.internal', { detail: err?.stack ? readableStack(err.stack) : String(e) }).in(chooseLang(undefined))}\n`,
  );
  process.exit(3);
}

export async function main(argv: string[]): Promise<number> {
  process.on('uncaughtException', internal);
  process.on('unhandledRejection', internal);
  let lang = chooseLang(langOf(argv));
  try {
    const parsed = parseCommandLine(argv);
    lang = chooseLang(parsed.lang);
    if (!parsed.id) {
      if (parsed.values.version) {
        process.stdout.write(`bulletin ${VERSION}\n`);
        return 0;
      }
      process.stdout.write(topHelp(lang) + '\n');
      // `bulletin` alone is a usage error; `bulletin --help` is not.
      return parsed.values.help || argv.includes('help') ? 0 : 2;
    }
    if (parsed.values.help) {
      process.stdout.write(commandHelp(parsed.id, lang) + '\n');
      return 0;
    }
    switch (parsed.id) {
      case 'build':
        return await runBuild(parsed, lang);
      case 'build-all': {
        const { runBuildAll } = await import('./build-all.js');
        return await runBuildAll(parsed, lang);
      }
      case 'check': {
        const { runCheck } = await import('./check.js');
        return await runCheck(parsed, lang);
      }
      case 'preview': {
        const { runPreview } = await import('./preview.js');
        return await runPreview(parsed, lang);
      }
      case 'fonts': {
        const { runFonts } = await import('./fonts.js');
        return await runFonts(parsed, lang);
      }
      case 'import': {
        const { runImport } = await import('./import.js');
        return await runImport(parsed, lang);
      }
      case 'new': {
        const { runNew } = await import('./new.js');
        return await runNew(parsed, lang);
      }
      case 'reprint': {
        const { runReprint } = await import('./reprint.js');
        return await runReprint(parsed, lang);
      }
    }
    throw new Error(`command ${parsed.id} is in the table but has no case in main.ts`);
  } catch (e) {
    if (e instanceof UsageError) {
      const who = e.command ? `bulletin ${e.command.replace('-', ' --')}` : 'bulletin';
      const usage = e.command ? commandHelp(e.command, lang) : topHelp(lang);
      process.stderr.write(`${who}: ${e.text.in(lang)}\n\n${usage}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(
      `bulletin: ${t('cli.internal', { detail: err.stack ? readableStack(err.stack) : err.message }).in(lang)}\n`,
    );
    return 3;
  }
}
