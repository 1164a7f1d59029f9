// Every problem found in an issue's input is a Diagnostic with the place it was found,
// so editors can jump straight to file:line:col.

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
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.col}` : d.file;
  const fix = d.fix ? ` (${d.fix})` : '';
  return `${where}: ${d.severity}: ${d.message}${fix}`;
}

export class Diagnostics {
  readonly list: Diagnostic[] = [];

  add(severity: Severity, code: string, pos: SourcePos, message: string, fix?: string): void {
    this.list.push({ severity, code, file: pos.file, line: pos.line, col: pos.col, message, fix });
  }
  error(code: string, pos: SourcePos, message: string, fix?: string): void {
    this.add('error', code, pos, message, fix);
  }
  warn(code: string, pos: SourcePos, message: string, fix?: string): void {
    this.add('warning', code, pos, message, fix);
  }
  note(code: string, pos: SourcePos, message: string, fix?: string): void {
    this.add('note', code, pos, message, fix);
  }
  get errors(): Diagnostic[] {
    return this.list.filter((d) => d.severity === 'error');
  }
  get warnings(): Diagnostic[] {
    return this.list.filter((d) => d.severity === 'warning');
  }
  hasErrors(): boolean {
    return this.list.some((d) => d.severity === 'error');
  }
}

/** Thrown when input errors make going on pointless; carries everything found so far. */
export class InputError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
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
export function capped<T extends Diagnostic>(list: T[], max = SHOWN_PER_CODE): { shown: T[]; more: string[] } {
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
    more.push(`… and ${(n - max).toLocaleString('en')} more ${sev}${n - max === 1 ? '' : 's'} [${code}] not shown`);
  }
  return { shown, more };
}
