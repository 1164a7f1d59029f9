// The checker's report: for people, grouped by file (coloured on a terminal); for scripts,
// one JSON document.
import { capped, formatDiagnostic, severityWord } from '../source/diagnostics.js';
import { t, type Lang } from '../core/text.js';
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
export const COLOUR: Style = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  yellow: sgr(33, 39),
  green: sgr(32, 39),
  cyan: sgr(36, 39),
};
const id = (s: string) => s;
export const PLAIN: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id };

/** `3 errors`, `1 warning`, `2 处错误`: the catalogue's count of a severity. */
const plural = (n: number, word: 'error' | 'warning' | 'note', lang: Lang): string =>
  t(`report.${word}s${n === 1 ? '.one' : ''}`, { n }).in(lang);

/**
 * Each problem on a line of its own as file:line:col: severity: message (fix) [code], the
 * form every diagnostic of the build has, so editors and terminals can jump to it; grouped
 * under a heading per file.
 */
export function formatHuman(findings: Finding[], label: string, style: Style = PLAIN, lang: Lang = 'en'): string {
  const out: string[] = [];
  const files = new Map<string, Finding[]>();
  const { shown, more } = capped(findings, undefined, lang);
  for (const f of shown) {
    const l = files.get(f.file);
    if (l) l.push(f);
    else files.set(f.file, [f]);
  }
  for (const [file, list] of files) {
    const c = count(list);
    const notes = list.filter((f) => f.severity === 'note').length;
    const parts = [
      c.errors ? style.red(plural(c.errors, 'error', lang)) : '',
      c.warnings ? style.yellow(plural(c.warnings, 'warning', lang)) : '',
      notes ? style.dim(plural(notes, 'note', lang)) : '',
    ].filter(Boolean);
    out.push(`${style.bold(style.cyan(file))}  ${parts.join(lang === 'zh' ? '，' : ', ')}`);
    for (const f of list) {
      const word = severityWord(f.severity, lang);
      const sev =
        f.severity === 'error' ? style.red(word) : f.severity === 'warning' ? style.yellow(word) : style.dim(word);
      const line = formatDiagnostic({ ...f, fix: undefined, fixText: undefined }, lang).replace(
        `: ${word}: `,
        `: ${sev}: `,
      );
      const tags = [f.code, f.edits ? t('report.fixable').in(lang) : ''].filter(Boolean).join(', ');
      out.push(`  ${line} ${style.dim(`[${tags}]`)}`);
      const fix = lang === 'en' ? f.fix : (f.fixText?.in(lang) ?? f.fix);
      if (fix) out.push(`      ${style.green(t('report.fix').in(lang))} ${fix}`);
    }
    out.push('');
  }
  if (more.length) out.push(...more.map((line) => style.dim(t('report.more-json', { line }).in(lang))), '');
  const c = count(findings);
  if (!findings.length) out.push(style.green(t('report.clean', { label }).in(lang)));
  else {
    const fixable = findings.filter((f) => f.edits).length;
    const counts = { label, errors: plural(c.errors, 'error', lang), warnings: plural(c.warnings, 'warning', lang) };
    const summary = fixable
      ? t('report.summary.fixable', { ...counts, fixable }).in(lang)
      : t('report.summary', counts).in(lang);
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
  const d: JsonDiagnostic = {
    file: f.file,
    line: f.line,
    col: f.col,
    severity: f.severity,
    code: f.code,
    message: f.message,
    fix: f.fix ?? null,
    fixable: !!f.edits,
  };
  if (f.related) d.related = f.related;
  return d;
}

export function formatJson(findings: Finding[], fixed?: Finding[]): string {
  const c = count(findings);
  const doc: Record<string, unknown> = { diagnostics: findings.map(toJson), errors: c.errors, warnings: c.warnings };
  if (fixed) doc.fixed = fixed.map(toJson);
  return JSON.stringify(doc, null, 2) + '\n';
}
