// `bulletin reprint <issue-dir>`: rebuild a back issue and hold it against its record
// (build.json). Exit codes: 0 identical, 1 different (or cannot be made: no record, input
// errors, --strict and a recorded font or template gone), 2 wrong usage (commands.ts).
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { counted, t, type Lang, type Params } from '../core/text.js';
import type { Parsed } from './commands.js';

export async function runReprint(parsed: Parsed, lang: Lang): Promise<number> {
  const say = (key: string, params?: Params): string => t(key, params).in(lang);
  const error = (where: string, key: string, params?: Params): void => {
    process.stderr.write(`${where}: ${say('cli.severity.error')}: ${say(key, params)}\n`);
  };
  const dir = parsed.dir.replace(/[\\/]+$/, '');
  const { build, writeAtomically, InputError, formatDiagnostic, ROOT, VERSION } = await import('../index.js');
  const { readManifest, makeManifest } = await import('../archive/manifest.js');
  const { compare, unavailableTexts } = await import('../archive/reprint.js');
  if (!existsSync(dir)) {
    error(dir, 'issue-missing');
    return 1;
  }
  const record = readManifest(dir);
  if (!record) {
    error(dir, 'reprint.no-record', { dir });
    return 1;
  }
  if (parsed.values.strict) {
    const gone = unavailableTexts(record, ROOT);
    if (gone.length) {
      error(dir, 'reprint.refused');
      process.stderr.write(gone.map((g) => `  ${g.in(lang)}\n`).join(''));
      return 1;
    }
  }
  let built;
  try {
    built = await build(dir, { root: ROOT, check: false });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    for (const d of e.diagnostics) process.stderr.write(formatDiagnostic(d, lang) + '\n');
    process.stderr.write(
      say('reprint.errors', {
        dir,
        errors: counted('report.errors', e.diagnostics.filter((d) => d.severity === 'error').length),
      }) + '\n',
    );
    return 1;
  }
  const output = (parsed.values.output as string | undefined) ?? `dist/${basename(resolve(dir))}.pdf`;
  writeAtomically(output, built.pdf);
  const now = makeManifest(built, ROOT, VERSION);
  const diffs = compare(record, now);
  if (!diffs.length) {
    process.stdout.write(
      say('reprint.identical', {
        dir,
        pages: now.pages.length,
        sha: now.pdf.sha256.slice(0, 16),
        tool: record.tool.bulletin,
      }) +
        '\n' +
        say('reprint.wrote', { output }) +
        '\n',
    );
    return 0;
  }
  process.stdout.write(
    say('reprint.different', { dir, differences: counted('reprint.differences', diffs.length) }) +
      '\n' +
      diffs.map((d) => `  ${d.text.in(lang)}\n`).join('') +
      say('reprint.wrote', { output }) +
      '\n',
  );
  return 1;
}
