// `bulletin import <file> [-o issues/<yyyy-mm>]`: a printed issue (text or PDF) or a Word
// file → an issue folder, then the report of what was guessed, and what `bulletin check`
// says of the result. Exit codes: 0 imported, 1 the file cannot be read or the folder is
// taken, 2 wrong usage.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const IMPORT_HELP = `bulletin import <file> [options]

Makes an issue folder (issue.yaml and articles/NN-slug.md) from a back issue:
  - the text of a printed issue (.txt, UTF-8 or GBK): one line per paragraph as copied by
    hand, or one line per printed line as pdftotext gives it;
  - its PDF (printed by bulletin or any other tool);
  - a Word file (.docx): one article, or an issue whose articles start at Heading 1.

The masthead gives the title, year, number and publisher; the contents list (★ title …… 3)
where each article starts; the colophon the editor and phone. Folios and running heads are
dropped, paragraphs broken by a page end joined, numbered headings (一、 （一） 1. （1）)
and run-in leads (一是…。) written as the Markdown the build uses. An article printed twice
is kept once. Every guess is reported as input:line → article.md:line.

Options:
  -o, --output <dir>    the issue folder to make (default: issues/<yyyy-mm> from the date);
                        it must not exist yet, or be empty
  --keep-duplicates     keep an article printed twice (bulletin check will report it)
  -q, --quiet           print warnings only, not the notes of what was done for sure
  -h, --help            show this help

Exit status: 0 imported, 1 the file cannot be read or the folder is taken, 2 wrong usage.`;

const MESSAGES = {
  needsFile: 'import needs a file, e.g. bulletin import back-issue.txt -o issues/2023-06',
  missing: (f: string) => `${f}: error: no such file (give the path of a .txt, .pdf or .docx)`,
  taken: (d: string) => `${d}: error: the folder already holds files; nothing written (choose another with -o, or move it away)`,
  unreadable: (f: string, why: string) => `${f}: error: cannot read it: ${why} (is it a text file, a PDF or a .docx?)`,
  written: (dir: string, n: number, dropped: number) => `${dir}: ${n} article${n === 1 ? '' : 's'} written${dropped ? ` (${dropped} printed twice, left out)` : ''}`,
  summary: (w: number, n: number) => `${w} guess${w === 1 ? '' : 'es'} to confirm, ${n} note${n === 1 ? '' : 's'}`,
  check: (e: number, w: number, codes: string) => `bulletin check: ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}${codes ? ` (${codes})` : ''}`,
};

class UsageError extends Error {}

function parse(args: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        'keep-duplicates': { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return 'help' as const;
    if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`);
    if (!positionals.length) throw new UsageError(MESSAGES.needsFile);
    return { file: positionals[0], output: values.output, keepDuplicates: !!values['keep-duplicates'], quiet: !!values.quiet };
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message);
  }
}

export async function runImport(args: string[]): Promise<number> {
  let o: ReturnType<typeof parse>;
  try {
    o = parse(args);
  } catch (e) {
    process.stderr.write(`bulletin import: ${(e as Error).message}\n\n${IMPORT_HELP}\n`);
    return 2;
  }
  if (o === 'help') {
    process.stdout.write(IMPORT_HELP + '\n');
    return 0;
  }
  if (!existsSync(o.file) || !statSync(o.file).isFile()) {
    process.stderr.write(MESSAGES.missing(o.file) + '\n');
    return 1;
  }
  if (o.output && existsSync(o.output) && (!statSync(o.output).isDirectory() || readdirSync(o.output).length)) {
    process.stderr.write(MESSAGES.taken(o.output) + '\n');
    return 1;
  }
  const { importFile, completeMeta, defaultFolder, formatNote } = await import('../import/index.js');
  const { writeIssue } = await import('../import/write.js');
  let issue;
  try {
    issue = await importFile(o.file, { keepDuplicates: o.keepDuplicates, folder: o.output });
  } catch (e) {
    process.stderr.write(MESSAGES.unreadable(o.file, (e as Error).message) + '\n');
    return 1;
  }
  const meta = completeMeta(issue, o.file, o.output);
  const dir = o.output ?? defaultFolder(meta);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length)) {
    process.stderr.write(MESSAGES.taken(dir) + '\n');
    return 1;
  }
  const shown = relative(process.cwd(), resolve(dir)) || '.';
  writeIssue(issue, meta, shown, o.file.replace(/^.*[\\/]/, ''));
  for (const n of issue.notes) if (!o.quiet || n.severity === 'warning') process.stderr.write(formatNote(n, issue, shown) + '\n');
  const warnings = issue.notes.filter((n) => n.severity === 'warning').length;
  process.stdout.write(`${MESSAGES.written(shown, issue.articles.length, issue.dropped.length)}; ${MESSAGES.summary(warnings, issue.notes.length - warnings)}\n`);
  // What the checker says of the result: what was wrong in the original, mostly.
  const { ROOT } = await import('../index.js');
  const { checkIssue } = await import('../check/index.js');
  const result = checkIssue(shown, { root: ROOT, archive: 12 });
  const codes = [...new Set(result.findings.map((f) => f.code))].join(', ');
  process.stdout.write(`${MESSAGES.check(result.errors, result.warnings, codes)}${result.findings.length ? ` — bulletin check ${shown} lists them` : ''}\n`);
  return 0;
}
