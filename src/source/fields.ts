// A small schema checker for YAML mappings (issue.yaml, front matter, templates) that keeps
// the source position of every key and value, so each problem points at file:line:col.
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostics, SourcePos } from './diagnostics.js';
import { t, type Text } from '../core/text.js';

export type FieldType = 'string' | 'integer' | 'number' | 'date' | 'boolean' | 'color' | 'map' | 'list';

export interface FieldSpec {
  type: FieldType;
  required?: boolean;
  /** Nested mapping schema when type is 'map'. */
  fields?: Schema;
  /** Allowed values for strings. */
  oneOf?: readonly string[];
  min?: number;
  max?: number;
  /** A further check of a well-typed value: what is wrong with it, and the fix. */
  test?: (value: unknown) => { message: Text; fix: Text } | undefined;
  /**
   * Numbers: text that also means a number (37mm, 三号), read into one; colours: the text in its
   * canonical form. Or what is wrong with it.
   */
  coerce?: (text: string) => number | string | { message: Text; fix: Text };
}

export type Schema = Record<string, FieldSpec>;

export interface ParsedYaml {
  doc: Document;
  lines: LineCounter;
  file: string;
  /** Lines of the surrounding file before this YAML text (front matter starts after ---). */
  lineOffset: number;
}

export function parseYaml(text: string, file: string, diags: Diagnostics, lineOffset = 0): ParsedYaml | null {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const parsed: ParsedYaml = { doc, lines, file, lineOffset };
  for (const e of doc.errors) {
    const pos = posAt(parsed, e.pos[0]);
    diags.error('yaml-syntax', pos, t('yaml-syntax', { detail: firstLine(e.message) }), t('yaml-syntax.fix'));
  }
  if (doc.errors.length) return null;
  clean.delete(text);
  clean.set(text, doc);
  for (const k of clean.keys()) if (clean.size > CLEAN) clean.delete(k);
  return parsed;
}

/**
 * The last few texts read without an error, with their documents: the proofreading checks
 * read issue.yaml's numbers (check/archive.ts) from the loader's parse of the same text
 * instead of parsing it again. Read only: a document here is never changed.
 */
const clean = new Map<string, Document.Parsed>();
const CLEAN = 8;

/** The document `parseYaml` made of this very text without an error, if it was lately. */
export function parsedBefore(text: string): Document.Parsed | undefined {
  return clean.get(text);
}

/** issue.yaml, front matter, template: named in the reader's language. */
function place(where: string): Text | string {
  return where === 'front matter' || where === 'template' ? t(`where.${where.replace(' ', '-')}`) : where;
}

function firstLine(s: string): string {
  return s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

export function posAt(p: ParsedYaml, offset: number): SourcePos {
  const lp = p.lines.linePos(offset);
  return { file: p.file, line: lp.line + p.lineOffset, col: lp.col };
}

export function nodePos(p: ParsedYaml, node: Node | null | undefined): SourcePos {
  const off = node?.range?.[0] ?? 0;
  return posAt(p, off);
}

/** Edit distance counting a swap of two neighbours as one edit (titel → title), for did-you-mean. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * Check a mapping node against a schema and return it as a plain object.
 * Errors for missing/mistyped fields, warnings for unknown keys (with a suggestion).
 */
export function checkMapping(
  p: ParsedYaml,
  node: Node | null | undefined,
  schema: Schema,
  diags: Diagnostics,
  where: string,
  path = '',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isMap(node)) {
    if (node == null && Object.values(schema).every((f) => !f.required)) return out;
    diags.error(
      'schema-type',
      nodePos(p, node),
      t('schema-type.mapping', { where: place(where) }),
      t('schema-type.mapping.fix'),
    );
    return out;
  }
  const seen = new Set<string>();
  for (const item of node.items) {
    const keyNode = item.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    seen.add(key);
    const field = schema[key];
    if (!field) {
      const hint = closest(key, Object.keys(schema));
      diags.warn(
        'schema-unknown-key',
        nodePos(p, keyNode),
        hint
          ? t('schema-unknown-key.hint', { key: path ? `${path}.${key}` : key, where: place(where), hint })
          : t('schema-unknown-key', { key: path ? `${path}.${key}` : key, where: place(where) }),
        hint
          ? t('schema-unknown-key.fix.hint', { hint })
          : t('schema-unknown-key.fix', { keys: Object.keys(schema).join(', ') }),
      );
      continue;
    }
    const value = checkValue(p, item.value as Node | null, field, diags, path ? `${path}.${key}` : key, key, where);
    if (value !== undefined) out[key] = value;
  }
  for (const [key, field] of Object.entries(schema)) {
    if (field.required && !seen.has(key)) {
      diags.error(
        'schema-missing',
        nodePos(p, node),
        t('schema-missing', { where: place(where), key: path ? `${path}.${key}` : key }),
        t('schema-missing.fix', { key }),
      );
    }
  }
  return out;
}

function checkValue(
  p: ParsedYaml,
  node: Node | null,
  field: FieldSpec,
  diags: Diagnostics,
  where: string,
  key: string,
  label: string,
): unknown {
  const pos = nodePos(p, node);
  const numeric = field.type === 'number' || field.type === 'integer';
  const type = t(`type.${field.type}`);
  const bounded: Text = !numeric
    ? type
    : field.min !== undefined && field.max !== undefined
      ? t('type.range', { type, min: field.min, max: field.max })
      : field.min !== undefined && field.min > 0
        ? t('type.at-least', { type, min: field.min })
        : field.max !== undefined
          ? t('type.at-most', { type, max: field.max })
          : type;
  // A number that may also be written as a length or a Chinese size says so.
  const wanted: Text = field.coerce && field.type === 'number' ? t('type.length', { type: bounded }) : bounded;
  const bad = (shown: unknown, raw?: string): undefined => {
    diags.error(
      'schema-type',
      pos,
      t('schema-type', { where, wanted, shown: raw ?? JSON.stringify(shown) }),
      t('schema-type.fix', { key, wanted }),
    );
    return undefined;
  };
  if (field.type === 'map') {
    if (field.fields) return checkMapping(p, node, field.fields, diags, label, where);
    return isMap(node) ? node.toJSON() : bad(node?.toJSON?.());
  }
  if (field.type === 'list') {
    const v: unknown = node?.toJSON?.();
    if (!Array.isArray(v)) return bad(v);
    const problem = field.test?.(v);
    if (problem) {
      diags.error('schema-value', pos, t('schema-value', { where, problem: problem.message }), problem.fix);
      return undefined;
    }
    return v;
  }
  if (!isScalar(node)) {
    if (node == null && !field.required) return undefined;
    return bad(node == null ? null : node.toJSON());
  }
  // Text is text whatever YAML makes of it: phone: 04714366683 keeps its leading zero,
  // title: 1e3 stays "1e3", not 1000.
  const source = (node as { source?: unknown }).source;
  const v =
    field.type === 'string' &&
    node.value !== null &&
    typeof node.value !== 'string' &&
    node.type === 'PLAIN' &&
    typeof source === 'string'
      ? source
      : node.value;
  if (v === null) {
    if (field.required) {
      diags.error('schema-missing', pos, t('schema-missing.empty', { where }), t('schema-missing.empty.fix', { key }));
    }
    return undefined;
  }
  // Shown as written: 1e308, not 1e+308.
  const written = node.type === 'PLAIN' && typeof source === 'string' && typeof v !== 'string' ? source : undefined;
  const value = scalar(v, field, pos, diags, where, key, (shown) => bad(shown, written));
  if (value !== undefined && field.test) {
    const problem = field.test(value);
    if (problem) {
      diags.error('schema-value', pos, t('schema-value', { where, problem: problem.message }), problem.fix);
      return undefined;
    }
  }
  return value;
}

function scalar(
  v: unknown,
  field: FieldSpec,
  pos: SourcePos,
  diags: Diagnostics,
  where: string,
  key: string,
  bad: (shown: unknown) => undefined,
): unknown {
  const range = (n: number): boolean => n >= (field.min ?? -Infinity) && n <= (field.max ?? Infinity);
  switch (field.type) {
    case 'string':
      if (typeof v === 'string' || typeof v === 'number') {
        const s = String(v);
        if (field.oneOf && !field.oneOf.includes(s)) {
          diags.error(
            'schema-value',
            pos,
            t('schema-value.one-of', { where, values: field.oneOf.join(', '), value: s }),
            t('schema-value.one-of.fix', { values: field.oneOf.join(', ') }),
          );
          return undefined;
        }
        if (field.required && s.trim() === '') {
          diags.error(
            'schema-missing',
            pos,
            t('schema-missing.empty', { where }),
            t('schema-missing.empty.fix', { key }),
          );
          return undefined;
        }
        return s;
      }
      return bad(v);
    case 'integer':
      if (typeof v === 'number' && Number.isInteger(v) && range(v)) return v;
      return bad(v);
    case 'number': {
      let n = v;
      if (typeof v === 'string' && field.coerce) {
        const read = field.coerce(v);
        if (typeof read === 'object') {
          diags.error('schema-value', pos, t('schema-value', { where, problem: read.message }), read.fix);
          return undefined;
        }
        n = read;
      }
      if (typeof n === 'number' && range(n)) return n;
      return bad(v);
    }
    case 'boolean':
      return typeof v === 'boolean' ? v : bad(v);
    case 'color': {
      if (typeof v === 'string' && field.coerce) {
        const read = field.coerce(v);
        return typeof read === 'string' ? read : bad(v);
      }
      return typeof v === 'string' && /^#[0-9a-fA-F]{6}$/.test(v) ? v.toLowerCase() : bad(v);
    }
    case 'date': {
      const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return bad(v);
      const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      if (d.getUTCMonth() !== +m[2] - 1) return bad(v);
      return s;
    }
  }
}
