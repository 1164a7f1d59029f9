// The checker's report: for people, grouped by file (coloured on a terminal); for scripts,
// one JSON document.
import { capped, formatDiagnostic } from '../source/diagnostics.js';
import type { Finding } from './model.js';

export interface Counts {
  errors: number;
  warnings: number;
}

export function count(findings: Finding[]): Counts {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
  cyan: (s: string) => string;
}

const sgr = (on: number, off: number) => (s: string) => `\x1b[${on}m${s}\x1b[${off}m`;
export const COLOUR: Style = { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), cyan: sgr(36, 39) };
const id = (s: string) => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id };

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Each problem on a line of its own as file:line:col: severity: message (fix) [code], the
 * form every diagnostic of the build has, so editors and terminals can jump to it; grouped
 * under a heading per file.
 */
export function formatHuman(findings: Finding[], label: string, style: Style = PLAIN): string {
  const out: string[] = [];
  const files = new Map<string, Finding[]>();
  const { shown, more } = capped(findings);
  for (const f of shown) {
    const l = files.get(f.file);
    if (l) l.push(f);
    else files.set(f.file, [f]);
  }
  for (const [file, list] of files) {
    const c = count(list);
    const notes = list.filter((f) => f.severity === 'note').length;
    const parts = [c.errors ? style.red(plural(c.errors, 'error')) : '', c.warnings ? style.yellow(plural(c.warnings, 'warning')) : '', notes ? style.dim(plural(notes, 'note')) : ''].filter(Boolean);
    out.push(`${style.bold(style.cyan(file))}  ${parts.join(', ')}`);
    for (const f of list) {
      const sev = f.severity === 'error' ? style.red('error') : f.severity === 'warning' ? style.yellow('warning') : style.dim('note');
      const line = formatDiagnostic({ ...f, fix: undefined }).replace(`: ${f.severity}: `, `: ${sev}: `);
      const tags = [f.code, f.edits ? 'fixable' : ''].filter(Boolean).join(', ');
      out.push(`  ${line} ${style.dim(`[${tags}]`)}`);
      if (f.fix) out.push(`      ${style.green('fix:')} ${f.fix}`);
    }
    out.push('');
  }
  if (more.length) out.push(...more.map((l) => style.dim(`${l} (--json lists them all)`)), '');
  const c = count(findings);
  if (!findings.length) out.push(style.green(`${label}: no problems found`));
  else {
    const fixable = findings.filter((f) => f.edits).length;
    const summary = `${label}: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}` + (fixable ? ` (${fixable} fixable with --fix)` : '');
    out.push(c.errors ? style.bold(style.red(summary)) : style.bold(style.yellow(summary)));
  }
  return out.join('\n') + '\n';
}

export interface JsonDiagnostic {
  file: string;
  line: number;
  col: number;
  severity: string;
  code: string;
  message: string;
  fix: string | null;
  fixable: boolean;
  related?: { file: string; line: number; col: number };
}

export function toJson(f: Finding): JsonDiagnostic {
  const d: JsonDiagnostic = { file: f.file, line: f.line, col: f.col, severity: f.severity, code: f.code, message: f.message, fix: f.fix ?? null, fixable: !!f.edits };
  if (f.related) d.related = f.related;
  return d;
}

export function formatJson(findings: Finding[], fixed?: Finding[]): string {
  const c = count(findings);
  const doc: Record<string, unknown> = { diagnostics: findings.map(toJson), errors: c.errors, warnings: c.warnings };
  if (fixed) doc.fixed = fixed.map(toJson);
  return JSON.stringify(doc, null, 2) + '\n';
}
