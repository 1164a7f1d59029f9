// --fix: the safe rewrites (punctuation widths, quote pairs, …… and ——, stray spaces by
// full-width marks, digit widths), applied character by character. Every other byte of the
// file stays as it was, line ends and byte-order mark included; the file is replaced
// atomically, and only when something changed.
import { existsSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { isProblem, readText, type Encoding } from '../source/read.js';
import type { Edit, Finding } from './model.js';
import { t, type Text } from '../core/text.js';
import { joinLines, type SourceDoc } from './prose.js';

export interface FileFix {
  path: string;
  file: string;
  before: string[];
  after: string[];
  /** The findings whose edits were applied. */
  fixed: Finding[];
  /** Changed lines, unified-diff style. */
  diff: string;
  eols: string[];
  bom: boolean;
  encoding: Encoding;
  /** The file as read, to make sure nobody changed it in between. */
  original: string;
}

/** A file that could not be fixed, and why. */
export interface FixFailure {
  file: string;
  message: Text;
  fix: Text;
}

/** Plans the fixes per file, on the text as checked; edits that overlap an earlier one wait for the next run. */
export function planFixes(findings: Finding[], docs: SourceDoc[]): FileFix[] {
  const byPath = new Map<string, Finding[]>();
  for (const f of findings) {
    if (!f.edits?.length || !f.path) continue;
    const l = byPath.get(f.path);
    if (l) l.push(f);
    else byPath.set(f.path, [f]);
  }
  const out: FileFix[] = [];
  for (const [path, list] of [...byPath].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const doc = docs.find((d) => d.path === path);
    if (!doc) continue;
    const { lines, eols, bom } = doc;
    const original = joinLines(doc);
    const taken: Edit[] = [];
    const fixed: Finding[] = [];
    const clash = (e: Edit) => taken.some((t) => t.line === e.line && e.start < t.end && t.start < e.end);
    for (const f of [...list].sort((a, b) => a.line - b.line || a.col - b.col)) {
      const edits = f.edits!;
      if (edits.some((e) => clash(e) || e.line >= lines.length || e.end > lines[e.line].length)) continue;
      taken.push(...edits);
      fixed.push(f);
    }
    if (!taken.length) continue;
    const after = [...lines];
    // Right to left within a line, so earlier columns stay where the finding said.
    for (const e of [...taken].sort((a, b) => a.line - b.line || b.start - a.start)) {
      after[e.line] = after[e.line].slice(0, e.start) + e.text + after[e.line].slice(e.end);
    }
    if (after.every((l, k) => l === lines[k])) continue;
    out.push({
      path,
      file: list[0].file,
      before: lines,
      after,
      fixed,
      diff: diff(list[0].file, lines, after),
      eols,
      bom,
      encoding: doc.encoding ?? 'utf-8',
      original,
    });
  }
  return out;
}

/** Changed lines as unified-diff hunks (no context lines: the fixes are within lines). */
export function diff(file: string, before: string[], after: string[]): string {
  const [a, b] = isAbsolute(file) ? [file, file] : [`a/${file}`, `b/${file}`];
  const out = [`--- ${a}`, `+++ ${b}`];
  let k = 0;
  while (k < before.length) {
    if (before[k] === after[k]) {
      k++;
      continue;
    }
    let e = k;
    while (e < before.length && before[e] !== after[e]) e++;
    const n = e - k;
    out.push(`@@ -${k + 1}${n > 1 ? `,${n}` : ''} +${k + 1}${n > 1 ? `,${n}` : ''} @@`);
    for (let j = k; j < e; j++) out.push(`-${before[j]}`);
    for (let j = k; j < e; j++) out.push(`+${after[j]}`);
    k = e;
  }
  return out.join('\n') + '\n';
}

/** The text in the file's own encoding (its byte-order mark is in the text). */
function encode(text: string, encoding: Encoding): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}

const WHY: Record<string, string> = {
  EACCES: 'cli.why.EACCES',
  EPERM: 'cli.why.EACCES',
  EROFS: 'cli.why.EROFS',
  ENOSPC: 'cli.why.ENOSPC',
};

/**
 * Writes each fixed file through a temporary file and a rename, beside the file itself: a
 * symlinked article is written through to its target and stays a link; the file keeps its
 * permissions. A file changed on disk since it was checked is left alone (returned in
 * `skipped`), so no one's edit is lost; one that cannot be written is returned in `failed`.
 */
export function writeFixes(fixes: FileFix[]): { skipped: string[]; failed: FixFailure[] } {
  const skipped: string[] = [];
  const failed: FixFailure[] = [];
  for (const f of fixes) {
    const now = readText(f.path, f.file);
    if (isProblem(now) || (now.bom ? '\uFEFF' : '') + now.text !== f.original || now.encoding !== f.encoding) {
      skipped.push(f.file);
      continue;
    }
    let target: string;
    try {
      target = realpathSync(f.path);
    } catch {
      skipped.push(f.file);
      continue;
    }
    const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.fix.tmp`);
    try {
      writeFileSync(tmp, encode(joinLines({ lines: f.after, eols: f.eols, bom: f.bom }), f.encoding), {
        mode: statSync(target).mode & 0o7777,
      });
      renameSync(tmp, target);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      failed.push({
        file: f.file,
        message: t('fix-failed', { why: WHY[code] ? t(WHY[code]) : (e as Error).message }),
        fix:
          code === 'EACCES' || code === 'EPERM'
            ? t('fix-failed.fix.permission', { folder: dirname(f.file) || '.' })
            : t('fix-failed.fix'),
      });
    } finally {
      if (existsSync(tmp)) rmSync(tmp, { force: true });
    }
  }
  return { skipped, failed };
}
