// `bulletin build --all`: every issue of an archive into <dist>/<folder>.pdf, on a pool of
// worker threads, skipping issues whose inputs have not changed since their last build
// there. One issue failing never stops the others.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readInfo } from '../check/archive.js';
import { FontRegistry } from '../fonts/registry.js';
import { Diagnostics } from '../source/diagnostics.js';
import { writeAtomically } from '../index.js';
import type { BuildOutcome, BuildTask } from './build-worker.js';
import { folderFiles, sha256, templateFiles } from './manifest.js';
import { issueFolders } from './new-issue.js';
import { Pool } from './pool.js';
import type { Lang } from '../core/text.js';

export interface AllOptions {
  root: string;
  version: string;
  /** Where the PDFs go (default dist). */
  dist: string;
  /** Build even what has not changed. */
  force?: boolean;
  /** The language of the failures' diagnostics (default English). */
  lang?: Lang;
  /** Told as each issue starts and ends. */
  onStart?: (name: string) => void;
  onDone?: (name: string, result: IssueResult) => void;
}

export type IssueResult =
  | { status: 'skipped' }
  | { status: 'built'; outcome: Extract<BuildOutcome, { ok: true }> }
  | { status: 'failed'; outcome: Extract<BuildOutcome, { ok: false }> };

export interface AllResult {
  issues: { name: string; result: IssueResult }[];
  built: number;
  skipped: number;
  failed: number;
}

/** Where --all keeps what it last built from: <dist>/.bulletin/<folder>.json. */
const stateFile = (dist: string, name: string) => join(dist, '.bulletin', `${name}.json`);

interface State {
  inputs: string;
  pdf: string;
}

/**
 * One hash of everything an issue's PDF depends on: every file in its folder (but its
 * build.json), the template files, fonts/fonts.yaml and the font files it names (their
 * hashes cached by size and date), and the tool's version. Cheap: no Markdown is parsed.
 */
export function inputsKey(dir: string, root: string, version: string, fonts: FontRegistry): string {
  const h = [`bulletin ${version}`];
  for (const f of folderFiles(dir)) h.push(`${f.slice(dir.length)} ${sha256(readFileSync(f))}`);
  const template = readInfo(dir).template ?? 'default';
  for (const f of templateFiles(root, template)) h.push(`${f} ${sha256(readFileSync(f))}`);
  h.push(`fonts.yaml ${sha256(readFileSync(join(root, 'fonts', 'fonts.yaml')))}`);
  for (const role of [...fonts.entries.keys()].sort()) {
    // A role found by family name may have no font on this machine (a licensed 楷体): that is its state.
    let state = 'missing';
    try {
      const path = fonts.path(role);
      if (existsSync(path)) state = fonts.sha256(role);
    } catch {
      // not installed
    }
    h.push(`${role} ${state}`);
  }
  return sha256(h.join('\n'));
}

function unchanged(dist: string, name: string, key: string): boolean {
  try {
    const s = JSON.parse(readFileSync(stateFile(dist, name), 'utf8')) as State;
    const pdf = join(dist, `${name}.pdf`);
    return s.inputs === key && existsSync(pdf) && sha256(readFileSync(pdf)) === s.pdf;
  } catch {
    return false;
  }
}

export async function buildAll(archive: string, o: AllOptions): Promise<AllResult> {
  const dirs = issueFolders(archive);
  const fonts = FontRegistry.load(o.root, new Diagnostics());
  const results: AllResult['issues'] = [];
  const todo: { name: string; dir: string; key: string }[] = [];
  for (const dir of dirs) {
    const name = basename(dir);
    const key = inputsKey(dir, o.root, o.version, fonts);
    if (!o.force && unchanged(o.dist, name, key)) {
      const result: IssueResult = { status: 'skipped' };
      results.push({ name, result });
      o.onDone?.(name, result);
    } else todo.push({ name, dir, key });
  }
  const pool = new Pool<BuildTask, BuildOutcome>(join(o.root, 'lib', 'archive', 'build-worker.js'), todo.length);
  try {
    await Promise.all(
      todo.map(async ({ name, dir, key }) => {
        o.onStart?.(name);
        let outcome: BuildOutcome;
        try {
          outcome = await pool.run({ dir, output: join(o.dist, `${name}.pdf`), lang: o.lang ?? 'en' });
        } catch (e) {
          outcome = { ok: false, internal: true, reason: `internal error: ${(e as Error).message}`, errors: [] };
        }
        const result: IssueResult = outcome.ok ? { status: 'built', outcome } : { status: 'failed', outcome };
        if (outcome.ok)
          writeAtomically(
            stateFile(o.dist, name),
            Buffer.from(JSON.stringify({ inputs: key, pdf: outcome.pdfSha } satisfies State) + '\n'),
          );
        results.push({ name, result });
        o.onDone?.(name, result);
      }),
    );
  } finally {
    await pool.close();
  }
  results.sort((a, b) => (a.name < b.name ? -1 : 1));
  const count = (s: IssueResult['status']) => results.filter((r) => r.result.status === s).length;
  return { issues: results, built: count('built'), skipped: count('skipped'), failed: count('failed') };
}
