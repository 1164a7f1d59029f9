// bulletin import: a printed issue (its text, its PDF) or a Word file → an issue folder,
// with a report of every guess made on the way.
import { t, type Lang, type Text } from '../core/text.js';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { lastWeekday } from '../archive/calendar.js';
import { splitArticles } from './articles.js';
import { clip, splitFurniture } from './furniture.js';
import type { ImportedIssue, ImportedMeta, Note, Place, Printed } from './model.js';
import { paragraphs } from './paragraphs.js';
import { readPdf } from './pdffile.js';
import { readText } from './textfile.js';

export type { ImportedIssue, Note } from './model.js';

export interface ImportOptions {
  /** Keep an article printed twice (default: the later printing is left out). */
  keepDuplicates?: boolean;
  /** The folder the issue will be written to: its name (yyyy-mm) stands in for a missing date. */
  folder?: string;
}

export type SourceKind = 'text' | 'pdf' | 'docx';

/** What a file is, by its first bytes (an extension can lie; a PDF is a PDF). */
export function sourceKind(data: Buffer): SourceKind {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  // A zip: Word's .docx (the only zip read).
  if (data[0] === 0x50 && data[1] === 0x4b) return 'docx';
  return 'text';
}

/** Text files are UTF-8, or GB 18030 (GBK) as Chinese Windows saves them. */
export function decodeText(data: Buffer): string {
  const utf8 = new TextDecoder('utf-8').decode(data);
  if (!utf8.includes('\uFFFD')) return utf8;
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(data);
  } catch {
    return utf8;
  }
}

export async function readPrinted(file: string, data = readFileSync(file)): Promise<Printed> {
  return sourceKind(data) === 'pdf' ? readPdf(data, file) : readText(decodeText(data), file);
}

/** A printed issue (text or PDF) → the issue it was. */
export async function importPrinted(file: string, o: ImportOptions = {}): Promise<ImportedIssue> {
  const pr = await readPrinted(file);
  const f = splitFurniture(pr.lines);
  const notes: Note[] = [...f.notes];
  const paras = paragraphs(pr, f.body, notes);
  const { articles, dropped } = splitArticles(pr, paras, f.toc, notes, o);
  // In the order of the input, as an editor reads along.
  const key = (n: Note) => (n.at.page ?? 0) * 1e6 + n.at.line;
  notes.sort((a, b) => key(a) - key(b));
  const issue: ImportedIssue = { meta: f.meta, articles, notes, dropped };
  (issue as ImportedIssue & { metaAt?: typeof f.metaAt }).metaAt = f.metaAt;
  return issue;
}

/** Imports a file of any kind the importer reads. */
export async function importFile(file: string, o: ImportOptions = {}): Promise<ImportedIssue> {
  const data = readFileSync(file);
  if (sourceKind(data) === 'docx') {
    const { importDocx } = await import('./docx.js');
    return importDocx(file, data);
  }
  return importPrinted(file, o);
}

const PLACEHOLDER = '待补';

/**
 * issue.yaml's fields, every one the build needs: what the print did not say is guessed
 * (the date from the folder, as the month's last weekday) or left as 待补, and reported.
 */
export function completeMeta(issue: ImportedIssue, source: string, folder?: string): ImportedMeta {
  const m = issue.meta;
  const at: Place = { file: basename(source), line: 0 };
  const metaAt = (issue as ImportedIssue & { metaAt?: Partial<Record<keyof ImportedMeta, Place>> }).metaAt ?? {};
  const warn = (meta: keyof ImportedMeta, message: Text) =>
    issue.notes.push({ severity: 'warning', code: 'import-meta', at: metaAt[meta] ?? at, message, meta });
  const named = folder ? /^(\d{4})-(\d{2})$/.exec(basename(folder)) : null;
  let year = m.year;
  let number = m.number;
  if (year === undefined) {
    year = named ? Number(named[1]) : m.date ? Number(m.date.slice(0, 4)) : new Date().getUTCFullYear();
    warn(
      'year',
      t(named ? 'import-meta.year.folder' : m.date ? 'import-meta.year.date' : 'import-meta.year.now', { year }),
    );
  }
  if (number === undefined) {
    number = named ? Number(named[2]) : 1;
    warn('number', t(named ? 'import-meta.number.folder' : 'import-meta.number.guess', { number }));
  }
  let date = m.date;
  if (!date) {
    const month = named ? Number(named[2]) : number >= 1 && number <= 12 ? number : 1;
    date = lastWeekday(year, month);
    warn(
      'date',
      t(named ? 'import-meta.date.folder' : 'import-meta.date.number', {
        date,
        month: `${year}-${String(month).padStart(2, '0')}`,
      }),
    );
  }
  const title = m.title ?? PLACEHOLDER;
  if (!m.title) warn('title', t('import-meta.title', { placeholder: PLACEHOLDER }));
  const field = (k: 'publisher' | 'editor' | 'phone'): string => {
    if (m[k]) return m[k];
    warn(k, t('import-meta.field', { what: t(`import-meta.field.${k}`), placeholder: PLACEHOLDER }));
    return PLACEHOLDER;
  };
  const meta: ImportedMeta = {
    title,
    year,
    number,
    date,
    publisher: field('publisher'),
    editor: field('editor'),
    phone: field('phone'),
  };
  if (m.total !== undefined) meta.total = m.total;
  return meta;
}

export { lastWeekday };

/** The folder an import goes to unless told: issues/<yyyy-mm> from the date. */
export function defaultFolder(meta: ImportedMeta): string {
  return `issues/${meta.date.slice(0, 7)}`;
}

/** Where a note is, in the input and (once written) in the issue: "seed.txt:25 → articles/01-….md:12". */
export function notePlaces(n: Note, issue: ImportedIssue, dir?: string): { input: string; output?: string } {
  const input = n.at.page
    ? `${n.at.file}:page ${n.at.page}:line ${n.at.line}`
    : `${n.at.file}${n.at.line ? `:${n.at.line}` : ''}`;
  if (n.meta) return { input, output: dir ? `${dir}/issue.yaml` : undefined };
  for (const a of [...issue.articles, ...issue.dropped]) {
    if (n.anchor === a) return { input, output: a.file ? `${a.file}:2` : undefined };
    for (const b of a.blocks) {
      const from = b.from as { lines?: unknown[] } | undefined;
      if (n.anchor && (b.from === n.anchor || from?.lines?.includes(n.anchor)))
        return { input, output: a.file && b.outLine ? `${a.file}:${b.outLine}` : undefined };
    }
  }
  return { input };
}

export function formatNote(n: Note, issue: ImportedIssue, dir?: string, lang: Lang = 'en'): string {
  const p = notePlaces(n, issue, dir);
  const message = typeof n.message === 'string' ? n.message : n.message.in(lang);
  const severity = t(`cli.severity.${n.severity}`).in(lang);
  return `${p.input}${p.output ? ` → ${p.output}` : ''}: ${severity}: ${message} [${n.code}]`;
}

export { clip, extname };
