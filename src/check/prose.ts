// The checker's view of an article: the printed text of each paragraph, heading, item,
// cell, note and front matter value, with the exact source line and column of every
// character (so --fix can rewrite single characters and leave every other byte alone).
// Nothing here parses Markdown: the units are read off the build's own token stream, whose
// prose and columns source/prose.ts records during the parse; the front matter is split by
// source/frontmatter.ts and read with the yaml package, as the loader reads it.
import type { Token } from 'markdown-it';
import { isScalar, isMap, parseDocument, type Document } from 'yaml';
import { constructUnits } from '../constructs/index.js';
import { frontMatter } from '../source/frontmatter.js';
import type { ArticleSource, Issue } from '../source/model.js';
import { markdown } from '../source/markdown.js';
import { OPAQUE, proseOf, type Prose } from '../source/prose.js';
import { isProblem, readText, type Encoding } from '../source/read.js';
import { shownPath } from '../source/diagnostics.js';

export { OPAQUE };

export type UnitKind = 'para' | 'heading' | 'item' | 'quote' | 'cell' | 'note' | 'field';

/** A run of prose that reads as one: a paragraph, heading, list item, table cell, front matter value. */
export interface Unit {
  kind: UnitKind;
  /** As printed: markup dropped; '\n' where a source line ended inside the unit. */
  text: string;
  /**
   * Where the text came from, as runs: triples (index in text, source line, column), each
   * run copied from consecutive columns of one line (0-based; line -1 for the '\n' joins).
   * Runs, not a position per character: a build reads every article, and this is cheap.
   */
  segs: Int32Array;
  /** 0-based line where the unit starts. */
  start: number;
  /** Headings: the level as written (# count; setext === 1, --- 2). */
  level?: number;
  /** Front matter key, for fields. */
  field?: string;
  /** False where rewriting a character could change the meaning of the syntax around it. */
  editable: boolean;
}

export interface SourceDoc {
  /** The file on disk. */
  path: string;
  /** As shown in diagnostics (relative to the working directory when inside it). */
  file: string;
  /** Lines without their line ends (and without a byte-order mark). */
  lines: string[];
  /** What ended each line ('\n', '\r\n', or '' for the last). */
  eols: string[];
  bom: boolean;
  /** How the file is stored (a UTF-16 file is written back as UTF-16). */
  encoding?: Encoding;
  /** 0-based line of the front matter's closing ---; -1 when there is no front matter. */
  frontEnd: number;
  /** title, subtitle, source, author: the printed front matter values. */
  fields: Map<string, Unit>;
  units: Unit[];
}

/** The segment holding text index k. */
function segOf(u: Unit, k: number): number {
  const s = u.segs;
  let lo = 0;
  let hi = s.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid * 3] <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Source line and column (0-based) of text index k; line -1 for a line join. A character
 * standing for several (OPAQUE) maps to where they start.
 */
export function posAt(u: Unit, k: number): { line: number; col: number } {
  if (!u.segs.length) return { line: u.start, col: 0 };
  const i = segOf(u, k);
  const line = u.segs[i * 3 + 1];
  const at = u.segs[i * 3];
  const single = u.text[at] === OPAQUE || line < 0;
  return { line, col: u.segs[i * 3 + 2] + (single ? 0 : k - at) };
}

/** True when text indices k-1 and k are next to each other in the source. */
export function adjacent(u: Unit, k: number): boolean {
  if (k <= 0 || k >= u.text.length) return false;
  const a = posAt(u, k - 1);
  const b = posAt(u, k);
  return a.line >= 0 && a.line === b.line && b.col === a.col + 1 && u.text[k] !== OPAQUE && u.text[k - 1] !== OPAQUE;
}

export function splitLines(raw: string): { lines: string[]; eols: string[]; bom: boolean } {
  const bom = raw.startsWith('\uFEFF');
  const parts = (bom ? raw.slice(1) : raw).split('\n');
  const lines: string[] = [];
  const eols: string[] = [];
  parts.forEach((p, k) => {
    const last = k === parts.length - 1;
    if (p.endsWith('\r') && !last) {
      lines.push(p.slice(0, -1));
      eols.push('\r\n');
    } else {
      lines.push(p);
      eols.push(last ? '' : '\n');
    }
  });
  return { lines, eols, bom };
}

export function joinLines(doc: Pick<SourceDoc, 'lines' | 'eols' | 'bom'>): string {
  return (doc.bom ? '\uFEFF' : '') + doc.lines.map((l, k) => l + doc.eols[k]).join('');
}

const FIELDS = new Set(['title', 'subtitle', 'source', 'author']);

/** Reads an article; throws when the file cannot be read as text (the loader reports why). */
export function readDoc(path: string): SourceDoc {
  const read = readText(path, shownPath(path));
  if (isProblem(read)) throw new Error(String(read.message));
  const doc = parseDoc(path, read.bom && read.encoding === 'utf-8' ? '\uFEFF' + read.text : read.text);
  doc.encoding = read.encoding;
  if (read.encoding !== 'utf-8') doc.bom = read.bom;
  return doc;
}

/**
 * The articles of an issue folder, in order: each taken from the build's parse when `issue`
 * (the loader's articles) holds it, else read and parsed here. Unreadable files are left out
 * (the loader says why).
 */
export function articleDocs(paths: string[], issue?: Pick<Issue, 'articles'> | null): SourceDoc[] {
  const parsed = parsedSources(issue);
  const docs: SourceDoc[] = [];
  for (const path of paths) {
    const s = parsed.get(path);
    if (s) {
      docs.push(sourceDoc(path, s));
      continue;
    }
    try {
      docs.push(readDoc(path));
    } catch {
      // unreadable: the loader says so
    }
  }
  return docs;
}

/** The articles the loader parsed, by path. */
export function parsedSources(issue?: Pick<Issue, 'articles'> | null): Map<string, ArticleSource> {
  const parsed = new Map<string, ArticleSource>();
  for (const a of issue?.articles ?? []) if (a.source) parsed.set(a.source.path, a.source);
  return parsed;
}

/** An article as the loader parsed it, read for the checks without parsing it again. */
export function sourceDoc(path: string, s: ArticleSource): SourceDoc {
  const doc = parseDoc(path, s.bom && s.encoding === 'utf-8' ? '\uFEFF' + s.text : s.text, s);
  doc.encoding = s.encoding;
  if (s.encoding !== 'utf-8') doc.bom = s.bom;
  return doc;
}

/**
 * The same document under another path (an article pasted into a second file): its lines,
 * fields and units are shared, as nothing changes them once made.
 */
export function twin(doc: SourceDoc, path: string, file = shownPath(path)): SourceDoc {
  return { ...doc, path, file };
}

/**
 * An article from its text. `parsed`: its front matter and body as the build's loader
 * parsed them (the same parsers, on the same text), so a build and its checks parse each
 * article once.
 */
export function parseDoc(path: string, raw: string, parsed?: Pick<ArticleSource, 'front' | 'tokens'>): SourceDoc {
  const { lines, eols, bom } = splitLines(raw);
  const doc: SourceDoc = { path, file: shownPath(path), lines, eols, bom, frontEnd: -1, fields: new Map(), units: [] };
  const front = frontMatter(lines);
  let body = 0;
  if (front.kind !== 'none') {
    doc.frontEnd = front.kind === 'closed' ? front.close : lines.length;
    body = doc.frontEnd + 1;
    doc.fields = fieldUnits(lines, doc.frontEnd, parsed?.front);
  }
  if (body < lines.length)
    doc.units = bodyUnits(parsed?.tokens ?? markdown().parse(lines.slice(body).join('\n'), {}), body);
  return doc;
}

/** The printed front matter values (one line each; quoted scalars lose their quotes). */
function fieldUnits(lines: string[], end: number, parsed?: Document): Map<string, Unit> {
  const fields = new Map<string, Unit>();
  const text = lines.slice(1, Math.min(end, lines.length)).join('\n');
  const starts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === '\n') starts.push(k + 1);
  const yaml = parsed ?? parseDocument(text, { uniqueKeys: false });
  if (!isMap(yaml.contents)) return fields;
  for (const pair of yaml.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const v = pair.value;
    if (!FIELDS.has(key) || fields.has(key) || !isScalar(v) || !v.range) continue;
    const [s, e] = v.range;
    const written = text.slice(s, e);
    // A block scalar or a value over several lines: its text is not one run of one line.
    if (written.includes('\n') || v.type === 'BLOCK_LITERAL' || v.type === 'BLOCK_FOLDED') continue;
    let from = s;
    let to = e;
    let editable = true;
    if (v.type === 'QUOTE_DOUBLE' || v.type === 'QUOTE_SINGLE') {
      from += 1;
      to -= 1;
      // Escapes would shift what a column means; such values are checked but not rewritten.
      editable =
        v.type === 'QUOTE_DOUBLE' ? !text.slice(from, to).includes('\\') : !text.slice(from, to).includes("''");
    }
    while (to > from && /[ \t]/.test(text[to - 1])) to--;
    if (to <= from) continue;
    let li = starts.length - 1;
    while (starts[li] > from) li--;
    fields.set(key, {
      kind: 'field',
      text: text.slice(from, to),
      segs: Int32Array.of(0, li + 1, from - starts[li]),
      start: li + 1,
      field: key,
      editable,
    });
  }
  return fields;
}

/** A unit from the prose of an inline token, its lines moved from the body's to the file's. */
function unitOf(kind: UnitKind, p: Prose, shift: number, start: number, level?: number): Unit {
  const segs = Int32Array.from(p.segs);
  for (let k = 1; k < segs.length; k += 3) if (segs[k] >= 0) segs[k] += shift;
  return { kind, text: p.text, segs, start, level, editable: p.editable };
}

/**
 * The units of the body, in the order they are written (footnote definitions where they
 * stand, a note written inline just before the text that holds it). `shift`: lines of the
 * file before the body.
 */
function bodyUnits(tokens: Token[], shift: number): Unit[] {
  const units: Unit[] = [];
  const defs: Unit[] = [];
  /** What the text of the blocks around is, as the construct around it says (a > quote's: quote). */
  const around: ('para' | 'quote')[] = [];
  let note = 0;
  /** Per open list item: whether its first paragraph has been read. */
  const items: boolean[] = [];
  let heading = 0;
  let cell = false;
  let rowLine = 0;
  for (const t of tokens) {
    switch (t.type) {
      case 'footnote_open':
        note++;
        break;
      case 'footnote_close':
        note--;
        break;
      case 'list_item_open':
        items.push(false);
        break;
      case 'list_item_close':
        items.pop();
        break;
      case 'heading_open':
        heading = Number(t.tag.slice(1));
        break;
      case 'heading_close':
        heading = 0;
        break;
      case 'tr_open':
        rowLine = t.map?.[0] ?? rowLine;
        break;
      case 'th_open':
      case 'td_open':
        cell = true;
        break;
      case 'th_close':
      case 'td_close':
        cell = false;
        break;
      case 'inline': {
        const p = proseOf(t);
        if (!p) break;
        const start = (t.map?.[0] ?? rowLine) + shift;
        const to = note ? defs : units;
        for (const n of p.notes) {
          const u = unitOf('note', n, shift, firstLine(n, shift, start));
          if (u.text.trim()) to.push(u);
        }
        let kind: UnitKind;
        if (heading) kind = 'heading';
        else if (cell) kind = 'cell';
        else if (note) kind = 'note';
        else if (items.length && !items[items.length - 1]) kind = 'item';
        else kind = around[around.length - 1] ?? 'para';
        if (items.length) items[items.length - 1] = true;
        const u = unitOf(kind, p, shift, start, heading || undefined);
        // An empty heading still counts (structure: an article of headings only).
        if (u.text.trim() || kind === 'heading') to.push(u);
        break;
      }
      default: {
        // A construct declared in src/constructs/ says what the text inside it reads as.
        const c = constructUnits(t);
        if (c && 'open' in c) around.push(c.open);
        else if (c) around.pop();
        break;
      }
    }
  }
  if (!defs.length) return units;
  // markdown-it moves footnote definitions to the end; put them back where they stand.
  const out: Unit[] = [];
  let d = 0;
  for (const u of units) {
    while (d < defs.length && defs[d].start < u.start) out.push(defs[d++]);
    out.push(u);
  }
  while (d < defs.length) out.push(defs[d++]);
  return out;
}

function firstLine(p: Prose, shift: number, fallback: number): number {
  for (let k = 1; k < p.segs.length; k += 3) if (p.segs[k] >= 0) return p.segs[k] + shift;
  return fallback;
}

/** The source position (0-based line and column) of text index k of a unit, a line join taken back to the line it ends. */
export function sourceAt(u: Unit, k: number): { line: number; col: number } {
  let j = Math.max(0, Math.min(k, u.text.length - 1));
  let p = posAt(u, j);
  while (j > 0 && p.line < 0) p = posAt(u, --j);
  return p.line < 0 ? { line: u.start, col: 0 } : p;
}
