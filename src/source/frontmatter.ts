// The one rule for where an article's front matter is: a first line of --- and the next
// line of --- or ... (YAML's document end). The loader and the checker both split here, so
// a line number means the same in the build's diagnostics and in the checker's findings.
import { Document, LineCounter, Pair, Scalar, YAMLMap } from 'yaml';
import type { Diagnostics } from './diagnostics.js';
import { parseYaml, type ParsedYaml } from './fields.js';

export type FrontMatter =
  /** The file does not start with ---. */
  | { kind: 'none' }
  /** --- is never closed. */
  | { kind: 'open' }
  /** 0-based index of the closing line; the YAML is lines 1 .. close-1, the body starts at close+1. */
  | { kind: 'closed'; close: number };

export function frontMatter(lines: readonly string[]): FrontMatter {
  if (lines[0]?.trim() !== '---') return { kind: 'none' };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l === '---' || l === '...') return { kind: 'closed', close: i };
  }
  return { kind: 'open' };
}

/**
 * The front matter's YAML, read. Nearly every article's front matter is a few lines of
 * `key: value` — a title in quotes, an author — and yaml's lexer, parser and composer cost
 * more for those than the rest of the article's loading; such text is read here into the
 * very nodes, ranges and line table yaml would give (tests/unit/frontmatter-fast.test.ts
 * holds the two to agreement). Anything else — comments, nesting, lists, escapes, blank
 * lines, a value yaml would read as a number, a date or a boolean, any error — goes to yaml.
 */
export function readFrontMatter(text: string, file: string, diags: Diagnostics, lineOffset: number): ParsedYaml | null {
  return plainFrontMatter(text, file, lineOffset) ?? parseYaml(text, file, diags, lineOffset);
}

/** A key as nearly every front matter writes it (no quotes, nothing yaml reads as other than text). */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Characters a one-line plain or quoted value may hold here without yaml reading them any
 * differently: none of the C0/C1 controls, DEL, the BOM or the Unicode line separators.
 */
function ordinary(cp: number): boolean {
  return cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp <= 0xa0) && cp !== 0xfeff && cp !== 0x2028 && cp !== 0x2029;
}

/** The node of a value written on one line, or null when yaml has to read it. */
function valueOf(line: string, from: number, at: number, nodeEnd: number, schema: Document['schema']): Scalar | null {
  const c = line.charCodeAt(from);
  let end = line.length;
  while (end > from && line.charCodeAt(end - 1) === 0x20) end--;
  if (end === from) return null; // no value: null, yaml's business
  for (let k = from; k < end; k++) if (!ordinary(line.charCodeAt(k))) return null;
  let value: string;
  let close: number;
  let type: Scalar.Type;
  if (c === 0x22 || c === 0x27) {
    // "…" or '…' with nothing to unescape and nothing after the closing quote
    const q = line[from];
    close = line.indexOf(q, from + 1);
    if (close !== end - 1 || (c === 0x22 && line.includes('\\', from))) return null;
    value = line.slice(from + 1, close);
    close++;
    type = c === 0x22 ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  } else {
    // a plain scalar starting with a letter, ideograph or the like: not an indicator, not a
    // number or .inf; and no ': ' or ' #' inside that would end it
    if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c > 0xa0)) return null;
    value = line.slice(from, end);
    if (value.endsWith(':') || value.includes(': ') || value.includes(' #')) return null;
    if (schema.tags.some((tag) => tag.default === true && tag.test?.test(value))) return null;
    close = end;
    type = 'PLAIN';
  }
  const node = new Scalar(value);
  node.range = [at + from, at + close, nodeEnd];
  node.source = value;
  node.type = type;
  return node;
}

/** The fast path alone: null when the text is not plain `key: value` lines (then yaml reads it). */
export function plainFrontMatter(text: string, file: string, lineOffset: number): ParsedYaml | null {
  if (!text) return null;
  const lines = new LineCounter();
  const doc = new Document(undefined, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const map = new YAMLMap(doc.schema);
  const seen = new Set<string>();
  let at = 0;
  while (at < text.length) {
    lines.addNewLine(at);
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = text.length;
    const line = text.slice(at, nl);
    const colon = line.indexOf(': ');
    if (colon < 1) return null;
    const key = line.slice(0, colon);
    if (!KEY.test(key) || seen.has(key)) return null;
    if (doc.schema.tags.some((tag) => (tag.default === true || tag.default === 'key') && tag.test?.test(key)))
      return null;
    seen.add(key);
    let from = colon + 2;
    while (line.charCodeAt(from) === 0x20) from++;
    // a newline ends the value's node; the line after it is the next pair (or the end)
    const value = valueOf(line, from, at, nl < text.length ? nl + 1 : nl, doc.schema);
    if (!value) return null;
    const keyNode = new Scalar(key);
    keyNode.range = [at, at + colon, at + colon];
    keyNode.source = key;
    keyNode.type = 'PLAIN';
    map.items.push(new Pair(keyNode, value));
    at = nl + 1;
  }
  // a text ending in a newline has one more (empty) line
  if (text.endsWith('\n')) lines.addNewLine(text.length);
  map.range = [0, text.length, text.length];
  doc.contents = map;
  doc.range = [0, text.length, text.length];
  return { doc, lines, file, lineOffset };
}
