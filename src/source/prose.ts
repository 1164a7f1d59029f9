// The printed text of every inline token, with the source line and column of each of its
// characters. markdown-it's `map` says only which lines a block spans; proofreading needs
// each mark's own column, and `check --fix` rewrites single characters while leaving every
// other byte alone. A core rule (installed by source/markdown.ts, run right after inline
// parsing, before text_join merges escapes and entities into their neighbours and loses
// where they were) walks each inline token's children along its source text and records the
// result beside the token. The build and the checker share this one parse.
import type { MarkdownIt as MarkdownItType, Token } from 'markdown-it';

/** Stands for text that prints but is not prose (inline code, a URL, an entity): Latin-like. */
export const OPAQUE = '\uE000';

/** Prose of one inline token. Lines are 0-based lines of the Markdown body. */
export interface Prose {
  /** As printed: markup dropped; '\n' where a source line ended inside it; OPAQUE for code, addresses, entities. */
  text: string;
  /**
   * Runs as triples (index in text, body line, column), each run copied from consecutive
   * columns of one line (line -1 for a '\n' join; a run starting with OPAQUE is that one
   * character, standing for the columns from there on).
   */
  segs: number[];
  /** False when some line could not be found in the source (tabs expanded by the parser). */
  editable: boolean;
  /** Inline footnotes (^[…]) written inside this text: they print at the page's foot. */
  notes: Prose[];
}

const prose = new WeakMap<Token, Prose>();

/** What the rule recorded for an inline token (undefined for tokens of another parser). */
export function proseOf(inline: Token): Prose | undefined {
  return prose.get(inline);
}

type CoreState = Parameters<Parameters<MarkdownItType['core']['ruler']['at']>[1]>[0];

interface NoteList {
  footnotes?: { list?: { content?: string; tokens?: Token[] }[] };
}

/** The core rule: records the prose of every inline token of the document. */
export function recordProse(state: CoreState): void {
  const lines = state.src.split('\n');
  const env = state.env as NoteList;
  // Cells of one row share a line: each is looked for after the one before.
  const cursor = new Map<number, number>();
  let rowMap: [number, number] | null = null;
  let cell = false;
  for (const t of state.tokens) {
    if (t.type === 'tr_open') rowMap = t.map;
    else if (t.type === 'td_open' || t.type === 'th_open') cell = true;
    else if (t.type === 'td_close' || t.type === 'th_close') cell = false;
    else if (t.type === 'inline' && t.children) {
      const map = t.map ?? rowMap;
      if (!map) continue;
      const place = placeLines(t.content, map[0], lines, cell ? cursor : null);
      prose.set(t, walk(t.children, t.content, 0, place, env));
    }
  }
}

/** Where each line of an inline token's content starts in the source: [line, column] or column -1 when not found. */
interface Placement {
  starts: number[];
  lines: number[];
  cols: number[];
}

function placeLines(content: string, first: number, src: string[], cursor: Map<number, number> | null): Placement {
  const p: Placement = { starts: [], lines: [], cols: [] };
  let at = 0;
  content.split('\n').forEach((c, k) => {
    const li = first + k;
    const s = src[li] ?? '';
    let col: number;
    if (cursor) {
      col = c ? s.indexOf(c, cursor.get(li) ?? 0) : (cursor.get(li) ?? 0);
      if (col >= 0) cursor.set(li, col + c.length);
    } else {
      // A line of a paragraph is the end of its source line (a quote's > or an item's marker
      // before it); the last line lost its trailing blanks; a heading's text may be followed
      // by closing #s. A tab the parser expanded into spaces shows as leading blanks.
      const lead = c.length - c.trimStart().length;
      const core = c.slice(lead);
      const trimmed = s.trimEnd();
      if (s.endsWith(c)) col = s.length - c.length;
      else if (trimmed.endsWith(c)) col = trimmed.length - c.length;
      else if (lead && s.endsWith(core)) col = s.length - core.length - lead;
      else if (lead && trimmed.endsWith(core)) col = trimmed.length - core.length - lead;
      else col = s.indexOf(c);
    }
    p.starts.push(at);
    p.lines.push(li);
    p.cols.push(col);
    at += c.length + 1;
  });
  return p;
}

class Out {
  text = '';
  readonly segs: number[] = [];
  editable = true;
  readonly notes: Prose[] = [];
  constructor(readonly place: Placement) {}
  /** Line and column of content offset o. */
  where(o: number): [number, number] {
    const s = this.place.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    const col = this.place.cols[lo];
    if (col < 0) {
      this.editable = false;
      return [this.place.lines[lo], 0];
    }
    return [this.place.lines[lo], col + o - s[lo]];
  }
  /** Text copied from content offset o on (one source line). */
  run(text: string, o: number): void {
    if (!text) return;
    const [line, col] = this.where(o);
    this.segs.push(this.text.length, line, col);
    this.text += text;
  }
  opaque(o: number): void {
    const [line, col] = this.where(o);
    this.segs.push(this.text.length, line, col);
    this.text += OPAQUE;
  }
  join(): void {
    this.segs.push(this.text.length, -1, 0);
    this.text += '\n';
  }
}

const URL = /(?:\b(?:https?|ftp):\/\/|\bwww\.)[\x21-\x7e]+/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** A reference to a note nobody defined stays text for markdown-it; it never prints as such. */
const UNKNOWN_NOTE = /\[\^[^\]\s]+\]/g;

/** A text token's content at offset o: bare addresses are opaque, unknown note references dropped. */
function text(out: Out, t: string, o: number): void {
  // Most text has none of these: a look for the one character each needs saves the scans.
  const note = t.includes('[^');
  const url = t.includes('://') || t.includes('www.');
  const email = t.includes('@');
  if (!note && !url && !email) {
    out.run(t, o);
    return;
  }
  const marks: [number, number, boolean][] = [];
  if (note) for (const m of t.matchAll(UNKNOWN_NOTE)) marks.push([m.index, m.index + m[0].length, false]);
  for (const re of url && email ? [URL, EMAIL] : url ? [URL] : email ? [EMAIL] : []) {
    for (const m of t.matchAll(re)) {
      let e = m.index + m[0].length;
      const hasOpen = m[0].includes('(');
      // Trailing punctuation belongs to the sentence, not the address.
      while (e > m.index && (/[.,;:!?'"*_>\]]/.test(t[e - 1]) || (t[e - 1] === ')' && !hasOpen))) e--;
      if (e > m.index && !marks.some(([s, f]) => m.index < f && s < e)) marks.push([m.index, e, true]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  let k = 0;
  for (const [s, e, opaque] of marks) {
    out.run(t.slice(k, s), o + k);
    if (opaque) out.opaque(o + s);
    k = e;
  }
  out.run(t.slice(k), o + k);
}

/** Index of the backtick run of exactly n closing a code span opened before `from`. */
function closingTicks(c: string, from: number, n: number): number {
  for (let k = c.indexOf('`', from); k >= 0; k = c.indexOf('`', k)) {
    let m = 0;
    while (c[k + m] === '`') m++;
    if (m === n) return k;
    k += m;
  }
  return -1;
}

/** The ) ending a link destination that opens at `open`, or -1. */
function destinationEnd(c: string, open: number): number {
  let depth = 0;
  let angle = false;
  let quote = '';
  for (let k = open; k < c.length; k++) {
    const ch = c[k];
    if (ch === '\\') {
      k++;
      continue;
    }
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (k === open + 1 && ch === '<') angle = true;
    else if (angle && ch === '>') angle = false;
    else if (!angle && (ch === '"' || ch === "'") && /\s/.test(c[k - 1] ?? '')) quote = ch;
    else if (!angle && ch === '(') depth++;
    else if (!angle && ch === ')' && --depth === 0) return k;
  }
  return -1;
}

/** Past a link's or image's closing ] and its destination ((…) or [ref]). */
function pastLink(c: string, p: number): number {
  const close = c.indexOf(']', p);
  if (close < 0) return p;
  if (c[close + 1] === '(') {
    const end = destinationEnd(c, close + 1);
    return end < 0 ? close + 1 : end + 1;
  }
  if (c[close + 1] === '[') {
    const end = c.indexOf(']', close + 2);
    return end < 0 ? close + 1 : end + 1;
  }
  return close + 1;
}

/** `base`: where `content` starts within the text the placement describes. */
function walk(children: Token[], content: string, base: number, place: Placement, env: NoteList, into?: Out): Prose {
  const out = into ?? new Out(place);
  let p = 0;
  const find = (s: string) => {
    const k = content.indexOf(s, p);
    return k < 0 ? p : k;
  };
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    switch (c.type) {
      case 'text': {
        const o = find(c.content);
        text(out, c.content, base + o);
        p = o + c.content.length;
        break;
      }
      case 'text_special': {
        const o = find(c.markup);
        if (c.info === 'entity') out.opaque(base + o);
        else if (c.content === c.markup) out.run(c.content, base + o);
        else out.run(c.content, base + o + 1);
        p = o + c.markup.length;
        break;
      }
      case 'softbreak':
      case 'hardbreak':
        out.join();
        p = find('\n') + 1;
        break;
      case 'code_inline': {
        const o = find(c.markup);
        out.opaque(base + o);
        const close = closingTicks(content, o + c.markup.length, c.markup.length);
        p = close < 0 ? o + c.markup.length : close + c.markup.length;
        break;
      }
      case 'em_open':
      case 'em_close':
      case 'strong_open':
      case 'strong_close':
        p = find(c.markup) + c.markup.length;
        break;
      case 'link_open':
        if (c.markup === 'autolink') {
          const o = find('<');
          out.opaque(base + o);
          while (i + 1 < children.length && children[i + 1].type !== 'link_close') i++;
          i++;
          const end = content.indexOf('>', o);
          p = end < 0 ? o + 1 : end + 1;
        } else p = find('[') + 1;
        break;
      case 'link_close':
        p = pastLink(content, p);
        break;
      case 'image': {
        const o = find('![') + 2;
        // The alt text is the figure's caption: prose like any other.
        const inner = c.children ?? [];
        const alt = content.slice(o);
        const sub = new Out(place);
        walk(inner, alt, base + o, place, env, sub);
        appendProse(out, sub);
        p = pastLink(content, o + Math.max(0, lastEnd(inner, alt)));
        break;
      }
      case 'html_inline': {
        const o = find(c.content);
        p = o + c.content.length;
        break;
      }
      case 'footnote_ref': {
        const meta = c.meta as { id: number; label?: string };
        if (meta.label !== undefined) {
          p = find(`[^${meta.label}]`) + meta.label.length + 3;
          break;
        }
        const note = env.footnotes?.list?.[meta.id];
        const o = find('^[') + 2;
        if (note?.tokens && note.content !== undefined) {
          const sub = new Out(place);
          walk(note.tokens, note.content, base + o, place, env, sub);
          out.notes.push(finish(sub), ...sub.notes);
          p = o + note.content.length + 1;
        } else p = o;
        break;
      }
      default:
        break;
    }
  }
  return finish(out);
}

/** How far into `content` an image's alt tokens reach (its closing ] comes after). */
function lastEnd(children: Token[], content: string): number {
  let p = 0;
  for (const c of children) {
    const s = c.type === 'text' ? c.content : c.markup;
    if (!s) continue;
    const k = content.indexOf(s, p);
    if (k >= 0) p = k + s.length;
  }
  return p;
}

function appendProse(out: Out, sub: Out): void {
  const shift = out.text.length;
  for (let k = 0; k < sub.segs.length; k += 3) out.segs.push(sub.segs[k] + shift, sub.segs[k + 1], sub.segs[k + 2]);
  out.text += sub.text;
  out.editable &&= sub.editable;
  out.notes.push(...sub.notes);
}

function finish(out: Out): Prose {
  return { text: out.text, segs: out.segs, editable: out.editable, notes: out.notes };
}
