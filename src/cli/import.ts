// `bulletin import <file> [-o issues/<yyyy-mm>]`: a printed issue (text or PDF) or a Word
// file → an issue folder, then the report of what was guessed, and what `bulletin check`
// says of the result. Exit codes: 0 imported, 1 the file cannot be read or the folder is
// taken, 2 wrong usage (commands.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { counted, t, type Lang, type Params } from '../core/text.js';
import type { Parsed } from './commands.js';

/** A folder that exists and holds anything (or is not a folder) is never written into. */
const taken = (dir: string): boolean =>
  existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0);

export async function runImport(parsed: Parsed, lang: Lang): Promise<number> {
  const say = (key: string, params?: Params): string => t(key, params).in(lang);
  const error = (where: string, key: string, params?: Params): void => {
    process.stderr.write(`${where}: ${say('cli.severity.error')}: ${say(key, params)}\n`);
  };
  const file = parsed.dir;
  const output = parsed.values.output as string | undefined;
  const quiet = !!parsed.values.quiet;
  if (!existsSync(file) || !statSync(file).isFile()) {
    error(file, 'import.missing');
    return 1;
  }
  if (output && taken(output)) {
    error(output, 'import.taken');
    return 1;
  }
  const { importFile, completeMeta, defaultFolder, formatNote } = await import('../import/index.js');
  const { writeIssue } = await import('../import/write.js');
  let issue;
  try {
    issue = await importFile(file, { keepDuplicates: !!parsed.values['keep-duplicates'], folder: output });
  } catch (e) {
    error(file, 'import.unreadable', { why: (e as Error).message });
    return 1;
  }
  const meta = completeMeta(issue, file, output);
  const dir = output ?? defaultFolder(meta);
  if (taken(dir)) {
    error(dir, 'import.taken');
    return 1;
  }
  const shown = relative(process.cwd(), resolve(dir)) || '.';
  writeIssue(issue, meta, shown, file.replace(/^.*[\\/]/, ''));
  for (const n of issue.notes)
    if (!quiet || n.severity === 'warning') process.stderr.write(formatNote(n, issue, shown, lang) + '\n');
  const warnings = issue.notes.filter((n) => n.severity === 'warning').length;
  const notes = issue.notes.length - warnings;
  const n = issue.articles.length;
  const dropped = issue.dropped.length;
  process.stdout.write(
    say('import.written', { dir: shown, articles: counted('import.articles', n) }) +
      (dropped ? say('import.dropped', { count: dropped }) : '') +
      say('import.summary', { guesses: counted('import.guesses', warnings), notes: counted('report.notes', notes) }) +
      '\n',
  );
  // What the checker says of the result: what was wrong in the original, mostly.
  const { ROOT, checkIssue } = await import('../index.js');
  const result = checkIssue(shown, { root: ROOT, archive: 12 });
  const codes = [...new Set(result.findings.map((f) => f.code))].join(', ');
  process.stdout.write(
    say('import.check', {
      errors: counted('report.errors', result.errors),
      warnings: counted('report.warnings', result.warnings),
    }) +
      (codes ? say('import.check.codes', { codes }) : '') +
      (result.findings.length ? say('import.check.lists', { dir: shown }) : '') +
      '\n',
  );
  return 0;
}
