// Every problem found in an issue's input is a Diagnostic with the place it was found,
// so editors can jump straight to file:line:col. Its words come from the message catalogue
// (core/messages.ts): `message` and `fix` are the English, `text` and `fixText` the
// catalogue's key and parameters, put into the reader's language when printed.
import { relative, sep } from 'node:path';
import { t, Text, type Lang } from '../core/text.js';

/**
 * A file's path as every message names it: relative to the working directory when the file
 * is inside it, else as given; one rule, so a file is named alike by the build and the check.
 */
export function shownPath(path: string): string {
  const rel = plain.test(path) && sep === '/' ? below(process.cwd(), path) : relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** An absolute path with nothing to resolve: no empty, "." or ".." segments, no trailing slash. */
const plain = /^\/(?!.*(?:\/\/|\/\.\.?(?:\/|$)|\/$))/;

/**
 * `relative(cwd, path)` for a plain absolute path, without resolving both (a check shows
 * every article's name, and relative() was a noticeable share of checking 180 of them):
 * the rest of the path inside `cwd`, else a path that leaves it ("..", which shows as is).
 */
function below(cwd: string, path: string): string {
  if (cwd === '/') return path.slice(1);
  if (path === cwd) return '';
  return path.startsWith(cwd) && path[cwd.length] === '/' ? path.slice(cwd.length + 1) : '..';
}

/** A note says what was passed over on purpose (an editor's backup file): nothing to fix. */
export type Severity = 'error' | 'warning' | 'note';

export interface SourcePos {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

export interface Diagnostic extends SourcePos {
  severity: Severity;
  code: string;
  message: string;
  /** What the editor should do about it. */
  fix?: string;
  text?: Text;
  fixText?: Text;
}

/** A diagnostic's message and fix in `lang`. */
export function wordsOf(d: Diagnostic, lang: Lang): { message: string; fix?: string } {
  if (lang === 'en') return { message: d.message, fix: d.fix };
  return { message: d.text ? d.text.in(lang) : d.message, fix: d.fixText ? d.fixText.in(lang) : d.fix };
}

/** The catalogue's word for a severity. */
export const severityWord = (s: Severity, lang: Lang): string => t(`cli.severity.${s}`).in(lang);

export function formatDiagnostic(d: Diagnostic, lang: Lang = 'en'): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  const w = wordsOf(d, lang);
  if (lang === 'zh') return `${where}: ${severityWord(d.severity, lang)}: ${w.message}${w.fix ? `（${w.fix}）` : ''}`;
  return `${where}: ${d.severity}: ${w.message}${w.fix ? ` (${w.fix})` : ''}`;
}

/** A diagnostic whose message (and fix) are catalogue texts. */
export function diagnostic(
  severity: Severity,
  code: string,
  pos: SourcePos,
  message: string | Text,
  fix?: string | Text,
): Diagnostic {
  const d: Diagnostic = {
    severity,
    code,
    file: pos.file,
    line: pos.line,
    col: pos.col,
    message: String(message),
    fix: fix === undefined ? undefined : String(fix),
  };
  if (message instanceof Text) d.text = message;
  if (fix instanceof Text) d.fixText = fix;
  return d;
}

export class Diagnostics {
  readonly list: Diagnostic[] = [];

  add(severity: Severity, code: string, pos: SourcePos, message: string | Text, fix?: string | Text): void {
    this.list.push(diagnostic(severity, code, pos, message, fix));
  }
  error(code: string, pos: SourcePos, message: string | Text, fix?: string | Text): void {
    this.add('error', code, pos, message, fix);
  }
  warn(code: string, pos: SourcePos, message: string | Text, fix?: string | Text): void {
    this.add('warning', code, pos, message, fix);
  }
  note(code: string, pos: SourcePos, message: string | Text, fix?: string | Text): void {
    this.add('note', code, pos, message, fix);
  }
  get errors(): Diagnostic[] {
    return this.list.filter((d) => d.severity === 'error');
  }
  hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}

/** Thrown when input errors make going on pointless; carries everything found so far. */
export class InputError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => formatDiagnostic(d))
        .join('\n'),
    );
    this.name = 'InputError';
  }
}

/** How many diagnostics of one code a printout shows; the rest are counted on one line. */
export const SHOWN_PER_CODE = 20;

/**
 * The diagnostics to print: at most `max` of each code, in their order, and for each code
 * with more, one line saying how many more there are (a 500-article issue full of copies
 * must not bury the one error that matters under thousands of lines).
 */
export function capped<T extends Diagnostic>(
  list: T[],
  max = SHOWN_PER_CODE,
  lang: Lang = 'en',
): { shown: T[]; more: string[] } {
  const seen = new Map<string, number>();
  const shown: T[] = [];
  for (const d of list) {
    const n = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, n);
    if (n <= max) shown.push(d);
  }
  const more: string[] = [];
  for (const [code, n] of seen) {
    if (n <= max) continue;
    const sev = list.find((d) => d.code === code)!.severity;
    const rest = n - max;
    more.push(
      t(rest === 1 ? 'cli.more-not-shown.one' : 'cli.more-not-shown', {
        count: rest.toLocaleString('en'),
        severity: severityWord(sev, lang),
        code,
      }).in(lang),
    );
  }
  return { shown, more };
}
