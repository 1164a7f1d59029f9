// `bulletin` command line: parse arguments, call the API, print results. Exit codes:
// 0 success, 1 errors in the input (every diagnostic printed), 2 wrong usage.
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { capped, formatDiagnostic, type Diagnostic } from '../source/diagnostics.js';
import { outputProblem } from '../output.js';

const HELP = `bulletin — typesets a Chinese bulletin issue (Markdown + YAML) into a print-ready PDF

Usage:
  bulletin build <issue-dir> [-o file.pdf] [--template name] [--strict] [--draft] [--record]
                [--cmyk | --grayscale] [--marks] [--impose booklet]
  bulletin build --all [archive-dir] [--jobs N] [--force]
  bulletin check <issue-dir> [--json] [--fix] [--max-warnings N]
  bulletin preview <issue-dir> [--port N] [--open] [--host H] [--no-watermark]
  bulletin fonts [issue-dir] [--template name] [--all] [--json]
  bulletin import <file.txt|.pdf|.docx> [-o issues/<yyyy-mm>] [--keep-duplicates]
  bulletin new [issues/<yyyy-mm>]
  bulletin reprint <issue-dir> [-o file.pdf] [--strict]
  bulletin --help | --version
  bulletin build --help | bulletin check --help | bulletin preview --help

An issue folder holds issue.yaml and articles/01-slug.md, 02-slug.md, …
See README.md for the formats.`;

const BUILD_HELP = `bulletin build <issue-dir> [options]

Lays out the issue in <issue-dir> and writes its PDF.

Options:
  -o, --output <file>  where to write the PDF (default: dist/<folder-name>.pdf); - for
                       standard output. Never a file inside the issue folder, a link, a
                       folder, a device, or an existing file that is not a PDF
  -t, --template <name> set the issue in templates/<name> (over issue.yaml's template:)
  --strict             treat characters no font can print as errors
  --draft              mark every page 样稿 (the template's watermark)
  --cmyk               colours in CMYK for the print shop (红头 0/100/100/0, black text K
                       only) with a print output intent: PDF/X-4 when a CMYK profile is found
                       (profiles/, or the system's) and the issue has no RGB pictures
  --grayscale          colours as greys, for black-and-white office printers
  --marks              crop marks and a 3 mm bleed around every page (TrimBox, BleedBox)
  --impose booklet     also write <output>-booklet.pdf: the pages two up in saddle-stitch
                       order (A5 on A4, A4 on A3), blank pages added to a multiple of four
  --record             write the issue's build manifest (build.json) anew; without it,
                       build.json is written only when the issue has none
  --all [archive-dir]  build every issue in archive-dir (default issues/) into dist/:
                       see bulletin build --all --help
  -q, --quiet          print nothing but errors
  -h, --help           show this help

The PDF is written to a temporary file and renamed: a failed build leaves any earlier PDF
untouched. Problems are printed as file:line:col: severity: message (fix).

Exit status: 0 built, 1 the input has errors (nothing written), 2 wrong usage.`;

class UsageError extends Error {}

interface BuildArgs {
  dir: string;
  output?: string;
  strict: boolean;
  quiet: boolean;
  draft: boolean;
  template?: string;
  cmyk: boolean;
  grayscale: boolean;
  marks: boolean;
  impose?: 'booklet';
  record: boolean;
}

function parseBuild(args: string[]): BuildArgs | 'help' {
  const out: BuildArgs = { dir: '', strict: false, quiet: false, draft: false, cmyk: false, grayscale: false, marks: false, record: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '-o' || a === '--output') {
      const v = args[++i];
      if (!v) throw new UsageError(`${a} needs a file name`);
      out.output = v;
    } else if (a.startsWith('--output=')) out.output = a.slice(9);
    else if (a === '-t' || a === '--template') {
      const v = args[++i];
      if (!v) throw new UsageError(`${a} needs a template name`);
      out.template = v;
    } else if (a.startsWith('--template=')) out.template = a.slice(11);
    else if (a === '--strict') out.strict = true;
    else if (a === '--draft') out.draft = true;
    else if (a === '--cmyk') out.cmyk = true;
    else if (a === '--grayscale') out.grayscale = true;
    else if (a === '--marks') out.marks = true;
    else if (a === '--impose' || a.startsWith('--impose=')) {
      const v = a === '--impose' ? args[++i] : a.slice(9);
      if (v !== 'booklet') throw new UsageError(`--impose takes booklet (saddle stitch), not ${v ? `"${v}"` : 'nothing'}`);
      out.impose = 'booklet';
    }
    else if (a === '--record') out.record = true;
    else if (a === '-q' || a === '--quiet') out.quiet = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (!out.dir) out.dir = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!out.dir) throw new UsageError('build needs an issue folder, e.g. bulletin build issues/2023-06');
  if (out.cmyk && out.grayscale) throw new UsageError('--cmyk and --grayscale exclude each other: choose one');
  return out;
}

function printDiagnostics(list: Diagnostic[], quiet: boolean): void {
  const { shown, more } = capped(list.filter((d) => !quiet || d.severity === 'error'));
  for (const d of shown) process.stderr.write(formatDiagnostic(d) + '\n');
  for (const line of more) process.stderr.write(line + ' (bulletin check --json lists them all)\n');
}

const WHY: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'its folder cannot be made',
  ENOSPC: 'the disk is full',
  EROFS: 'read-only file system',
  EBUSY: 'it is in use',
  EEXIST: 'a file of that name stands in the way',
};

/** The PDF on standard output (-o -): the whole of it, or an error. */
function writeStdout(pdf: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.once('error', reject);
    process.stdout.write(pdf, (err) => (err ? reject(err) : resolve()));
  });
}

async function runBuild(args: string[]): Promise<number> {
  if (args.includes('--all')) {
    const { runBuildAll } = await import('./build-all.js');
    return runBuildAll(args.filter((a) => a !== '--all'));
  }
  const parsed = parseBuild(args);
  if (parsed === 'help') {
    process.stdout.write(BUILD_HELP + '\n');
    return 0;
  }
  const t0 = performance.now();
  // Loaded here, not at start-up: --help and usage errors stay instant.
  const { build, writeAtomically, InputError } = await import('../index.js');
  const dir = resolve(parsed.dir);
  const name = basename(dir);
  const output = parsed.output ?? `dist/${name}.pdf`;
  const toStdout = output === '-';
  // Checked before the build, and so before anything is written.
  if (toStdout && process.stdout.isTTY) {
    process.stderr.write(`-: error: standard output is a terminal, where a PDF would print as noise (send it to a file or a program: bulletin build ${parsed.dir} -o - > ${name}.pdf)\n`);
    return 1;
  }
  // The booklet goes beside the PDF: -o - leaves it nowhere to go.
  if (toStdout && parsed.impose) {
    process.stderr.write(`-: error: --impose writes a second file beside the PDF, and standard output has no "beside" (give -o a file name)\n`);
    return 2;
  }
  const bookletFile = output.replace(/(\.pdf)?$/i, '-booklet.pdf');
  const refused = toStdout ? undefined : outputProblem(output, parsed.dir) ?? (parsed.impose ? outputProblem(bookletFile, parsed.dir) : undefined);
  if (refused) {
    process.stderr.write(`${output}: error: cannot write the PDF here: ${refused.message} (${refused.fix}); nothing written\n`);
    return 1;
  }
  try {
    const result = await build(parsed.dir, {
      strict: parsed.strict,
      draft: parsed.draft,
      template: parsed.template,
      cmyk: parsed.cmyk,
      grayscale: parsed.grayscale,
      marks: parsed.marks,
      impose: parsed.impose,
      once: true,
    });
    printDiagnostics(result.diagnostics, parsed.quiet);
    try {
      if (toStdout) await writeStdout(result.pdf);
      else writeAtomically(output, result.pdf);
      if (result.booklet) writeAtomically(bookletFile, result.booklet);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (toStdout) {
        process.stderr.write(`-: error: the PDF could not be written to standard output: ${err.code === 'EPIPE' ? 'the program reading it stopped' : (WHY[err.code ?? ''] ?? err.message)}\n`);
        return 1;
      }
      const why = WHY[err.code ?? ''] ?? err.message;
      process.stderr.write(`${output}: error: cannot write the PDF: ${why} (choose another place with -o); any earlier PDF there is untouched\n`);
      return 1;
    }
    if (!parsed.quiet) {
      const secs = ((performance.now() - t0) / 1000).toFixed(2);
      // With -o -, standard output holds the PDF alone.
      const say = (line: string) => (toStdout ? process.stderr : process.stdout).write(line + '\n');
      say(`${toStdout ? '(standard output)' : output}: ${result.pages} pages, ${Math.round(result.pdf.length / 1024)} KB, ${secs} s`);
      if (result.booklet) say(`${bookletFile}: the pages imposed for saddle stitch, ${Math.round(result.booklet.length / 1024)} KB`);
      const x = result.print.pdfx;
      if (x) say(x.claimed ? `  CMYK, PDF/X-4 (output intent: ${x.profile})` : `  CMYK, not PDF/X-4: ${x.why}`);
      for (const f of result.layout.fallbacks) {
        const shown = f.chars.slice(0, 12).join('') + (f.chars.length > 12 ? '…' : '');
        say(`  fallback font ${f.family} (${f.role}): ${f.chars.length} character${f.chars.length === 1 ? '' : 's'} ${shown}`);
      }
    }
    // The issue's record (build.json): a draft is not the issue, and is never recorded.
    if (!parsed.draft) {
      const { recordBuild } = await import('../archive/record.js');
      const { ROOT, VERSION } = await import('../index.js');
      const done = recordBuild(parsed.dir, result, ROOT, VERSION, parsed.record);
      // (with -o -, standard output holds the PDF alone)
      if (!parsed.quiet && done !== 'kept') (toStdout ? process.stderr : process.stdout).write(`${parsed.dir.replace(/[\\/]+$/, '')}/build.json: ${done === 'written' ? 'recorded' : 'already this build\'s record'}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof InputError) {
      printDiagnostics(e.diagnostics, parsed.quiet);
      const n = e.diagnostics.filter((d) => d.severity === 'error').length;
      process.stderr.write(`${parsed.dir}: ${n} error${n === 1 ? '' : 's'}; nothing written\n`);
      return 1;
    }
    throw e;
  }
}

/** A fault outside the awaited chain (a library's callback) is still a bug: exit 3, said once. */
function internal(e: unknown): void {
  const err = e as Error;
  process.stderr.write(`bulletin: internal error: ${err?.stack ?? String(e)}\n`);
  process.exit(3);
}

export async function main(argv: string[]): Promise<number> {
  process.on('uncaughtException', internal);
  process.on('unhandledRejection', internal);
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(HELP + '\n');
        return cmd === undefined ? 2 : 0;
      case '-v':
      case '--version':
        process.stdout.write('bulletin 0.1.0\n');
        return 0;
      case 'build':
        return await runBuild(rest);
      case 'check': {
        const { runCheck } = await import('./check.js');
        return await runCheck(rest);
      }
      case 'fonts': {
        const { runFonts } = await import('./fonts.js');
        return await runFonts(rest);
      }
      case 'preview': {
        const { runPreview } = await import('./preview.js');
        return await runPreview(rest);
      }
      case 'import': {
        const { runImport } = await import('./import.js');
        return await runImport(rest);
      }
      case 'reprint': {
        const { runReprint } = await import('./reprint.js');
        return await runReprint(rest);
      }
      case 'new': {
        const { runNew } = await import('./new.js');
        return await runNew(rest);
      }
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bulletin: ${e.message}\n\n${HELP}\n`);
      return 2;
    }
    const err = e as Error;
    process.stderr.write(`bulletin: internal error: ${err.stack ?? err.message}\n`);
    return 3;
  }
}
