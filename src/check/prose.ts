// The printed text of an article, with the exact source line and column of every
// character. The build's parser (markdown-it) gives only where a span starts; proofreading
// needs each mark's own column, and --fix needs to rewrite single characters while leaving
// every other byte of the file alone. So this reads the raw lines itself: it recognises the
// Markdown that bulletins use (headings, lists, quotes, tables, footnotes, links, code) well
// enough to keep markup, code and addresses out of the prose, and nothing more.
import { isProblem, readText, type Encoding } from '../source/read.js';
import { relative } from 'node:path';

/** Stands for text that prints but is not prose (inline code, a URL, an entity): Latin-like. */
export const OPAQUE = '\uE000';

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

/** Same rule as the loader, so a file is named alike in every diagnostic. */
export function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

class Builder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly segs: number[] = [];
  constructor(
    readonly kind: UnitKind,
    readonly start: number,
    readonly editable = true,
    public level?: number,
    readonly field?: string,
  ) {}
  /** Copies line[from, to), written at line `li`. */
  run(line: string, from: number, to: number, li: number): void {
    if (to <= from) return;
    this.segs.push(this.length, li, from);
    this.parts.push(line.slice(from, to));
    this.length += to - from;
  }
  /** One character standing for columns from `col` on (OPAQUE), or a line join (li -1). */
  char(ch: string, li: number, col: number): void {
    this.segs.push(this.length, li, col);
    this.parts.push(ch);
    this.length += ch.length;
    // A following run starts a new segment even on the same line and column.
  }
  unit(): Unit | null {
    const text = this.parts.join('');
    if (!text.trim()) return null;
    return { kind: this.kind, text, segs: Int32Array.from(this.segs), start: this.start, level: this.level, field: this.field, editable: this.editable };
  }
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
  const read = readText(path, shown(path));
  if (isProblem(read)) throw new Error(String(read.message));
  const doc = parseDoc(path, read.bom && read.encoding === 'utf-8' ? '\uFEFF' + read.text : read.text);
  doc.encoding = read.encoding;
  if (read.encoding !== 'utf-8') doc.bom = read.bom;
  return doc;
}

export function parseDoc(path: string, raw: string): SourceDoc {
  const { lines, eols, bom } = splitLines(raw);
  const doc: SourceDoc = { path, file: shown(path), lines, eols, bom, frontEnd: -1, fields: new Map(), units: [] };
  let body = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
    doc.frontEnd = close < 0 ? lines.length : close;
    body = close < 0 ? lines.length : close + 1;
    for (let i = 1; i < Math.min(doc.frontEnd, lines.length); i++) {
      const u = fieldUnit(lines[i], i);
      if (u && !doc.fields.has(u.field!)) doc.fields.set(u.field!, u);
    }
  }
  doc.units = readBody(lines, body);
  return doc;
}

/** A one-line YAML value under a printed key; quoted scalars lose their quotes. */
function fieldUnit(line: string, n: number): Unit | null {
  const m = /^([A-Za-z]+)[ \t]*:[ \t]*/.exec(line);
  if (!m || !FIELDS.has(m[1])) return null;
  let from = m[0].length;
  let to = line.length;
  let editable = true;
  const rest = line.slice(from);
  if (/^[|>]/.test(rest)) return null; // block scalar: its text is on the following lines
  if (rest.startsWith('"') || rest.startsWith("'")) {
    const q = rest[0];
    const end = line.lastIndexOf(q);
    if (end <= from) return null;
    from += 1;
    to = end;
    // Escapes would shift what a column means; such values are checked but not rewritten.
    editable = q === '"' ? !line.slice(from, to).includes('\\') : !line.slice(from, to).includes("''");
  } else {
    const comment = / #/.exec(rest);
    if (comment) to = from + comment.index;
  }
  while (to > from && /[ \t]/.test(line[to - 1])) to--;
  const b = new Builder('field', n, editable, undefined, m[1]);
  b.run(line, from, to, n);
  return b.unit();
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_BLOCK = /^ {0,3}<(?:[A-Za-z][\w-]*(?:[\s/>]|$)|\/[A-Za-z]|!--|\?|![A-Z])/;
const HR = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)[ \t]*/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const NOTE_DEF = /^ {0,3}\[\^[^\]]+\]:[ \t]*/;
const LINK_DEF = /^ {0,3}\[[^\]^][^\]]*\]:[ \t]*\S/;
const LIST = /^[ \t]*(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$)/;
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

function readBody(lines: string[], from: number): Unit[] {
  const units: Unit[] = [];
  let cur: Builder | null = null;
  let fence: { ch: string; n: number } | null = null;
  let html = false;
  let listOpen = false;
  let prevBlank = true;
  const close = () => {
    const u = cur?.unit();
    if (u) units.push(u);
    cur = null;
  };
  for (let li = from; li < lines.length; li++) {
    const line = lines[li];
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1][0] === fence.ch && m[1].length >= fence.n && !line.slice(m[0].length).trim()) fence = null;
      continue;
    }
    if (html) {
      if (!line.trim()) html = false;
      else continue;
    }
    let off = 0;
    let quoted = false;
    for (;;) {
      const q = /^ {0,3}> ?/.exec(line.slice(off));
      if (!q) break;
      off += q[0].length;
      quoted = true;
    }
    const rest = line.slice(off);
    if (!rest.trim()) {
      close();
      prevBlank = true;
      continue;
    }
    const fm = FENCE.exec(rest);
    if (fm && !(fm[1][0] === '`' && rest.slice(fm[0].length).includes('`'))) {
      close();
      fence = { ch: fm[1][0], n: fm[1].length };
      prevBlank = false;
      continue;
    }
    if (!cur && HTML_BLOCK.test(rest)) {
      html = true;
      prevBlank = false;
      continue;
    }
    if (!cur && prevBlank && !listOpen && /^(?: {4}|\t)/.test(rest)) continue; // indented code
    const c: Builder | null = cur;
    if (c && (c.kind === 'para' || c.kind === 'quote') && SETEXT.test(rest) && !quoted === (c.kind === 'para')) {
      // The paragraph above was a heading (setext); a later line of --- alone is a rule.
      const h = c.unit();
      if (h) units.push({ ...h, kind: 'heading', level: rest.trim()[0] === '=' ? 1 : 2 });
      cur = null;
      prevBlank = false;
      continue;
    }
    if (HR.test(rest)) {
      close();
      listOpen = false;
      prevBlank = false;
      continue;
    }
    const atx = ATX.exec(rest);
    if (atx) {
      close();
      const b = new Builder('heading', li, true, atx[1].length);
      let end = line.length;
      const trail = /[ \t]+#+[ \t]*$/.exec(line.slice(off + atx[0].length));
      if (trail) end = off + atx[0].length + trail.index;
      else if (/^#+[ \t]*$/.test(line.slice(off + atx[0].length))) end = off + atx[0].length;
      inline(line, off + atx[0].length, end, li, b, units);
      const u = b.unit();
      if (u) units.push(u);
      else units.push({ kind: 'heading', text: '', segs: new Int32Array(0), start: li, level: atx[1].length, editable: true });
      prevBlank = false;
      continue;
    }
    const note = NOTE_DEF.exec(rest);
    if (note) {
      close();
      cur = new Builder('note', li);
      inline(line, off + note[0].length, line.length, li, cur, units);
      prevBlank = false;
      continue;
    }
    if (!cur && LINK_DEF.test(rest)) continue;
    if (rest.includes('|') && li + 1 < lines.length && DELIMITER_ROW.test(lines[li + 1].slice(off)) && lines[li + 1].includes('-')) {
      close();
      tableRow(line, off, li, units);
      li += 1; // the delimiter row
      while (li + 1 < lines.length && lines[li + 1].trim() && lines[li + 1].includes('|')) {
        li++;
        tableRow(lines[li], off, li, units);
      }
      prevBlank = false;
      continue;
    }
    const item = LIST.exec(rest);
    if (item) {
      close();
      cur = new Builder('item', li);
      listOpen = true;
      inline(line, off + item[0].length, line.length, li, cur, units);
      prevBlank = false;
      continue;
    }
    if (cur) {
      (cur as Builder).char('\n', -1, 0);
      inline(line, off + (rest.length - rest.trimStart().length), line.length, li, cur, units);
    } else {
      if (prevBlank && !/^[ \t]/.test(rest) && !quoted) listOpen = false;
      cur = new Builder(quoted ? 'quote' : 'para', li);
      inline(line, off + (rest.length - rest.trimStart().length), line.length, li, cur, units);
    }
    prevBlank = false;
  }
  close();
  return units;
}

/** Each cell of a table row is a unit of its own: brackets and quotes balance within a cell. */
function tableRow(line: string, off: number, li: number, units: Unit[]): void {
  const bars: number[] = [];
  let code = false;
  for (let c = off; c < line.length; c++) {
    if (line[c] === '\\') c++;
    else if (line[c] === '`') code = !code;
    else if (line[c] === '|' && !code) bars.push(c);
  }
  const edges = [off - 1, ...bars, line.length];
  for (let k = 0; k + 1 < edges.length; k++) {
    const b = new Builder('cell', li);
    inline(line, edges[k] + 1, edges[k + 1], li, b, units);
    const u = b.unit();
    if (u) units.push(u);
  }
}

const KEEP = 0;
const DROP = 1;
const OPAQUE_START = 2;
const OPAQUE_REST = 3;

const ASCII_PUNCT = /[!-/:-@[-`{-~]/;
const AUTOLINK = /^<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|^<[^\s@<>]+@[^\s@<>]+>/;
const HTML_TAG = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|^<!--.*?-->/;
const ENTITY = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
const URL = /(?:\b(?:https?|ftp):\/\/|\bwww\.)[\x21-\x7e]+/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Pushes the prose of line[from, to) to `b`. */
function inline(line: string, from: number, to: number, li: number, b: Builder, notes?: Unit[]): void {
  const act = new Uint8Array(to - from);
  const lit = new Uint8Array(to - from);
  const at = (c: number) => act[c - from];
  const set = (s: number, e: number, v: number) => {
    for (let c = s; c < e; c++) act[c - from] = v;
  };
  const opaque = (s: number, e: number) => {
    set(s, e, OPAQUE_REST);
    act[s - from] = OPAQUE_START;
  };
  const escaped = (c: number) => {
    let n = 0;
    for (let k = c - 1; k >= from && line[k] === '\\'; k--) n++;
    return n % 2 === 1;
  };
  // Code spans first: nothing inside them is Markdown.
  for (let c = from; c < to; ) {
    if (line[c] !== '`') {
      const next = line.indexOf('`', c);
      c = next < 0 || next >= to ? to : next;
      continue;
    }
    if (escaped(c)) {
      c++;
      continue;
    }
    let n = 0;
    while (c + n < to && line[c + n] === '`') n++;
    let k = c + n;
    let found = -1;
    while (k < to) {
      if (line[k] !== '`') {
        k++;
        continue;
      }
      let m = 0;
      while (k + m < to && line[k + m] === '`') m++;
      if (m === n) {
        found = k;
        break;
      }
      k += m;
    }
    if (found < 0) {
      c += n;
      continue;
    }
    opaque(c, found + n);
    c = found + n;
  }
  const free = (c: number) => c < to && at(c) === KEEP && !lit[c - from];
  const special = /[\\<&^[]/g;
  special.lastIndex = from;
  // c: where the construct starts; the cases below move it past what they consume.
  let c = from;
  for (let m = special.exec(line); m && m.index < to; special.lastIndex = Math.max(special.lastIndex, c + 1), m = special.exec(line)) {
    c = m.index;
    if (!free(c)) continue;
    const ch = line[c];
    const tail = line.slice(c, to);
    if (ch === '\\') {
      if (c + 1 >= to) act[c - from] = DROP; // a hard line break
      else if (ASCII_PUNCT.test(line[c + 1])) {
        act[c - from] = DROP;
        lit[c + 1 - from] = 1;
        c++;
      }
      continue;
    }
    if (ch === '<') {
      const a = AUTOLINK.exec(tail);
      if (a) {
        opaque(c, c + a[0].length);
        c += a[0].length - 1;
        continue;
      }
      const h = HTML_TAG.exec(tail);
      if (h) {
        set(c, c + h[0].length, DROP);
        c += h[0].length - 1;
      }
      continue;
    }
    if (ch === '&') {
      const e = ENTITY.exec(tail);
      if (e) {
        opaque(c, c + e[0].length);
        c += e[0].length - 1;
      }
      continue;
    }
    if (ch === '^' && line[c + 1] === '[') {
      const close = matching(line, c + 1, to, free);
      if (close > 0) {
        // An inline footnote prints at the foot of the page: its text is a unit of its own.
        set(c, close + 1, DROP);
        if (notes) {
          const b2 = new Builder('note', li);
          inline(line, c + 2, close, li, b2);
          const u = b2.unit();
          if (u) notes.push(u);
        }
        c = close;
      }
      continue;
    }
    if (ch === '[') {
      const ref = /^\[\^[^\]\s]+\]/.exec(tail);
      if (ref) {
        set(c, c + ref[0].length, DROP);
        c += ref[0].length - 1;
        continue;
      }
      const close = matching(line, c, to, free);
      if (close < 0) continue;
      if (line[close + 1] === '(') {
        const end = destinationEnd(line, close + 1, to);
        if (end < 0) continue;
        act[c - from] = DROP;
        if (c > from && line[c - 1] === '!' && free(c - 1)) act[c - 1 - from] = DROP;
        set(close, end + 1, DROP);
      } else if (line[close + 1] === '[') {
        const end = line.indexOf(']', close + 2);
        if (end < 0 || end >= to) continue;
        act[c - from] = DROP;
        if (c > from && line[c - 1] === '!' && free(c - 1)) act[c - 1 - from] = DROP;
        set(close, end + 1, DROP);
      }
      continue;
    }
  }
  // Bare addresses print as written; none of their characters is prose.
  for (const re of [URL, EMAIL]) {
    re.lastIndex = 0;
    const text = line.slice(0, to);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m.index < from) continue;
      let e = m.index + m[0].length;
      const hasOpen = m[0].includes('(');
      while (e > m.index && (/[.,;:!?'"*_>\]]/.test(line[e - 1]) || (line[e - 1] === ')' && !hasOpen))) e--;
      let clean = true;
      for (let c = m.index; c < e; c++) if (at(c) !== KEEP) clean = false;
      if (clean && e > m.index) opaque(m.index, e);
    }
  }
  // Emphasis delimiters: *, **, _ (not inside a word: snake_case prints as written).
  const marks = /[*_]/g;
  marks.lastIndex = from;
  for (let m = marks.exec(line); m && m.index < to; m = marks.exec(line)) {
    const c = m.index;
    const ch = line[c];
    if (!free(c)) continue;
    let e = c;
    while (e < to && line[e] === ch && free(e)) e++;
    const before = c > from ? line[c - 1] : ' ';
    const after = e < to ? line[e] : ' ';
    const spaceBoth = /\s/.test(before) && /\s/.test(after);
    const wordBoth = /[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after);
    if (!spaceBoth && !(ch === '_' && wordBoth) && !(ch === '*' && /\d/.test(before) && /\d/.test(after))) set(c, e, DROP);
    marks.lastIndex = e;
  }
  // Trailing blanks: a hard line break, or nothing; never printed.
  for (let c = to - 1; c >= from && (line[c] === ' ' || line[c] === '\t'); c--) if (at(c) === KEEP) act[c - from] = DROP;
  let run = -1;
  for (let c = from; c < to; c++) {
    const a = act[c - from];
    if (a === KEEP) {
      if (run < 0) run = c;
      continue;
    }
    if (run >= 0) b.run(line, run, c, li);
    run = -1;
    if (a === OPAQUE_START) b.char(OPAQUE, li, c);
  }
  if (run >= 0) b.run(line, run, to, li);
}

/** The ] closing the [ at `open` (nesting counted), or -1. */
function matching(line: string, open: number, to: number, free: (c: number) => boolean): number {
  let depth = 0;
  for (let c = open; c < to; c++) {
    if (!free(c) && c !== open) continue;
    if (line[c] === '\\') {
      c++;
      continue;
    }
    if (line[c] === '[') depth++;
    else if (line[c] === ']' && --depth === 0) return c;
  }
  return -1;
}

/** The ) ending a link destination that opens at `open`, or -1. */
function destinationEnd(line: string, open: number, to: number): number {
  let depth = 0;
  let angle = false;
  let quote = '';
  for (let c = open; c < to; c++) {
    const ch = line[c];
    if (ch === '\\') {
      c++;
      continue;
    }
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (c === open + 1 && ch === '<') angle = true;
    else if (angle && ch === '>') angle = false;
    else if (!angle && (ch === '"' || ch === "'") && /\s/.test(line[c - 1] ?? '')) quote = ch;
    else if (!angle && ch === '(') depth++;
    else if (!angle && ch === ')' && --depth === 0) return c;
  }
  return -1;
}

/** The source position (0-based line and column) of text index k of a unit, a line join taken back to the line it ends. */
export function sourceAt(u: Unit, k: number): { line: number; col: number } {
  let j = Math.max(0, Math.min(k, u.text.length - 1));
  let p = posAt(u, j);
  while (j > 0 && p.line < 0) p = posAt(u, --j);
  return p.line < 0 ? { line: u.start, col: 0 } : p;
}
