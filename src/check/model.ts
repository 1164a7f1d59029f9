// What the checker finds: a Diagnostic (file:line:col, severity, message, suggested fix)
// and, for the fixes that cannot change meaning, the exact characters to rewrite.
import { diagnostic, type Diagnostic, type Severity } from '../source/diagnostics.js';
import type { Text } from '../core/text.js';

/** Replace columns [start, end) of one source line (0-based, UTF-16 units) by `text`. */
export interface Edit {
  line: number;
  start: number;
  end: number;
  text: string;
}

export interface Finding extends Diagnostic {
  /** Present only for safe fixes (punctuation widths, quote pairs, …… and ——): `--fix` applies them. */
  edits?: Edit[];
  /** The file on disk the edits apply to. */
  path?: string;
  /** The other place, for findings about two places (a duplicate and its original). */
  related?: { file: string; line: number; col: number };
}

/** Collects findings for one file; positions are 0-based in, 1-based out. */
export class FindingSink {
  readonly list: Finding[] = [];

  add(
    severity: Severity,
    code: string,
    where: { file: string; path?: string; line: number; col: number },
    message: string | Text,
    fix?: string | Text,
    edits?: Edit[],
  ): Finding {
    const f: Finding = diagnostic(severity, code, where, message, fix);
    if (edits && edits.length && where.path) {
      f.edits = edits;
      f.path = where.path;
    }
    this.list.push(f);
    return f;
  }
}

/** A stable order: by file, then place, then code (reports and builds stay deterministic). */
export function compareFindings(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return (
    a.line - b.line ||
    a.col - b.col ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
