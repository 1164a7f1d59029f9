// `bulletin reprint <issue-dir>`: rebuild a back issue and hold it against its record
// (build.json). Exit codes: 0 identical, 1 different (or cannot be made: no record, input
// errors, --strict and a recorded font or template gone), 2 wrong usage.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const REPRINT_HELP = `bulletin reprint <issue-dir> [options]

Rebuilds a back issue and compares it with the record kept in its folder (build.json,
written by bulletin build): the inputs (issue.yaml, articles, pictures), the template's
files and options, the fonts, the tool's version, every page and the PDF's bytes.
Identical: says so. Different: names each input that changed, whether the tool's version
did, and which pages differ. The PDF is written either way, for you to look at.

Options:
  -o, --output <file>  where to write the PDF (default: dist/<folder-name>.pdf)
  --strict             refuse to rebuild when a recorded font or template file is missing
                       or is no longer the recorded one, rather than use what is there
  -h, --help           show this help

Exit status: 0 identical to the record; 1 different, or it could not be made (no record,
input errors, --strict and something recorded is gone); 2 wrong usage.`;

const MESSAGES = {
  needsDir: 'reprint needs an issue folder, e.g. bulletin reprint issues/2023-06',
  noRecord: (d: string) => `${d}: error: no build.json to compare with (record one with bulletin build --record ${d}, from the sources that printed it)`,
  refused: (d: string) => `${d}: error: --strict: not reprinted, because what printed it is no longer here:`,
  identical: (d: string, pages: number, sha: string, tool: string) => `${d}: identical to its record — ${pages} pages, PDF sha256 ${sha.slice(0, 16)}…, made by bulletin ${tool}`,
  different: (d: string, n: number) => `${d}: differs from its record (${n} difference${n === 1 ? '' : 's'}):`,
  errors: (d: string, n: number) => `${d}: ${n} error${n === 1 ? '' : 's'}; not reprinted`,
  wrote: (f: string) => `reprint written to ${f}`,
};

export async function runReprint(args: string[]): Promise<number> {
  let values: { output?: string; strict?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { output: { type: 'string', short: 'o' }, strict: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
    if (!values.help && positionals.length !== 1) throw new Error(positionals.length ? `unexpected argument ${positionals[1]}` : MESSAGES.needsDir);
  } catch (e) {
    process.stderr.write(`bulletin reprint: ${(e as Error).message}\n\n${REPRINT_HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(REPRINT_HELP + '\n');
    return 0;
  }
  const dir = positionals[0].replace(/[\\/]+$/, '');
  const { build, writeAtomically, InputError, formatDiagnostic, ROOT, VERSION } = await import('../index.js');
  const { readManifest, makeManifest } = await import('../archive/manifest.js');
  const { compare, unavailable } = await import('../archive/reprint.js');
  if (!existsSync(dir)) {
    process.stderr.write(`${dir}: error: no such issue folder\n`);
    return 1;
  }
  const record = readManifest(dir);
  if (!record) {
    process.stderr.write(MESSAGES.noRecord(dir) + '\n');
    return 1;
  }
  if (values.strict) {
    const gone = unavailable(record, ROOT);
    if (gone.length) {
      process.stderr.write(MESSAGES.refused(dir) + '\n' + gone.map((g) => `  ${g}\n`).join(''));
      return 1;
    }
  }
  let built;
  try {
    built = await build(dir, { root: ROOT, check: false });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    for (const d of e.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    process.stderr.write(MESSAGES.errors(dir, e.diagnostics.filter((d) => d.severity === 'error').length) + '\n');
    return 1;
  }
  const output = values.output ?? `dist/${basename(resolve(dir))}.pdf`;
  writeAtomically(output, built.pdf);
  const now = makeManifest(built, ROOT, VERSION);
  const diffs = compare(record, now);
  if (!diffs.length) {
    process.stdout.write(MESSAGES.identical(dir, now.pages.length, now.pdf.sha256, record.tool.bulletin) + '\n' + MESSAGES.wrote(output) + '\n');
    return 0;
  }
  process.stdout.write(MESSAGES.different(dir, diffs.length) + '\n' + diffs.map((d) => `  ${d.what}\n`).join('') + MESSAGES.wrote(output) + '\n');
  return 1;
}
