// Every problem found in an issue's input is a Diagnostic with the place it was found,
// so editors can jump straight to file:line:col.

export type Severity = 'error' | 'warning';

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
