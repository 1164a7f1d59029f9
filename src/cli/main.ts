// `bulletin` command line: parse arguments, call the API, print results. Exit codes:
// 0 success, 1 errors in the input (every diagnostic printed), 2 wrong usage.
import { basename, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { formatDiagnostic, type Diagnostic } from '../source/diagnostics.js';

const HELP = `bulletin — typesets a Chinese bulletin issue (Markdown + YAML) into a print-ready PDF

Usage:
  bulletin build <issue-dir> [-o file.pdf] [--strict] [--draft] [--record]
  bulletin build --all [archive-dir] [--jobs N] [--force]
  bulletin check <issue-dir> [--json] [--fix] [--max-warnings N]
  bulletin preview <issue-dir> [--port N] [--open] [--host H] [--no-watermark]
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
  -o, --output <file>  where to write the PDF (default: dist/<folder-name>.pdf)
  --strict             treat characters no font can print as errors
  --draft              mark every page 样稿 (the template's watermark)
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
  record: boolean;
}

function parseBuild(args: string[]): BuildArgs | 'help' {
  const out: BuildArgs = { dir: '', strict: false, quiet: false, draft: false, record: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '-o' || a === '--output') {
      const v = args[++i];
      if (!v) throw new UsageError(`${a} needs a file name`);
      out.output = v;
    } else if (a.startsWith('--output=')) out.output = a.slice(9);
    else if (a === '--strict') out.strict = true;
    else if (a === '--draft') out.draft = true;
    else if (a === '--record') out.record = true;
    else if (a === '-q' || a === '--quiet') out.quiet = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (!out.dir) out.dir = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!out.dir) throw new UsageError('build needs an issue folder, e.g. bulletin build issues/2023-06');
  return out;
}

function printDiagnostics(list: Diagnostic[], quiet: boolean): void {
  for (const d of list) if (!quiet || d.severity === 'error') process.stderr.write(formatDiagnostic(d) + '\n');
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
  try {
    const result = await build(parsed.dir, { strict: parsed.strict, draft: parsed.draft });
    printDiagnostics(result.diagnostics, parsed.quiet);
    try {
      writeAtomically(output, result.pdf);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = { EACCES: 'permission denied', EISDIR: 'it is a folder', ENOSPC: 'the disk is full', EROFS: 'read-only file system' }[err.code ?? ''] ?? err.message;
      process.stderr.write(`${output}: error: cannot write the PDF: ${why} (choose another place with -o); any earlier PDF there is untouched\n`);
      return 1;
    }
    if (!parsed.quiet) {
      const secs = ((performance.now() - t0) / 1000).toFixed(2);
      process.stdout.write(`${output}: ${result.pages} pages, ${Math.round(result.pdf.length / 1024)} KB, ${secs} s\n`);
    }
    // The record (build.json): a draft is not the issue, and is never recorded.
    if (!parsed.draft) {
      const { recordBuild } = await import('../archive/record.js');
      const { ROOT, VERSION } = await import('../index.js');
      const done = recordBuild(parsed.dir, result, ROOT, VERSION, parsed.record);
      if (!parsed.quiet && done !== 'kept') process.stdout.write(`${parsed.dir.replace(/[\\/]+$/, '')}/build.json: ${done === 'written' ? 'recorded' : 'already this build\'s record'}\n`);
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

export async function main(argv: string[]): Promise<number> {
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
