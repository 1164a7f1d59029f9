// What the editor wrote, unit by unit (titles, paragraphs, headings, list items, table cells,
// captions, code lines, footnotes), as text copied from the page should give it back — and
// a matcher that finds those units, in order and exactly, in a reader's text.
import { circled } from '../../src/set/inline.js';
import { loadIssue } from '../../src/source/load.js';
import type { Article, Block, Span } from '../../src/source/model.js';
import { isWide } from '../../src/text/classes.js';

export interface Unit {
  kind:
    'title' | 'subtitle' | 'byline' | 'heading' | 'paragraph' | 'item' | 'quote' | 'cell' | 'caption' | 'code' | 'note';
  text: string;
  /** file:line, for messages. */
  at: string;
}

/**
 * The text a unit copies as. Markdown's soft line breaks vanish between Chinese characters and
 * become a space between Latin words; typed spaces (one or several) are one space, also
 * where the composer sets them as a quarter em or an em; ideographic spaces opening a
 * paragraph are indentation, which the template sets instead. NFC throughout.
 */
export function copyText(raw: string): string {
  const s = raw.normalize('NFC').replace(/^\s+/u, '').replace(/\s+$/u, '');
  return s.replace(/[ \t\n\u00a0]+/g, (run: string, at: number) => {
    if (/[ \t\u00a0]/.test(run)) return ' ';
    const prev = Array.from(s.slice(0, at)).pop()!.codePointAt(0)!;
    const next = s.codePointAt(at + run.length)!;
    return isWide(prev) || isWide(next) ? '' : ' ';
  });
}

export interface SourceText {
  /** In reading order. */
  body: Unit[];
  /** Footnotes, in the order they are numbered (first reference). */
  notes: Unit[];
}

/**
 * The units of an issue. With `markers`, a footnote reference (and a link whose address
 * goes to a footnote) carries its marker (①…) where it stands; without, markers are left out.
 */
export function sourceText(dir: string, o: { markers: boolean }): SourceText {
  const { issue } = loadIssue(dir);
  if (!issue) throw new Error(`${dir} does not load`);
  const body: Unit[] = [];
  const notes: Unit[] = [];
  for (const article of issue.articles) new ArticleText(article, o.markers, body, notes).walk();
  return { body, notes };
}

class ArticleText {
  private readonly numbers = new Map<string, number>();
  private readonly pending: { key: string; text: () => string[] }[] = [];

  constructor(
    readonly article: Article,
    readonly markers: boolean,
    readonly body: Unit[],
    readonly notes: Unit[],
  ) {}

  walk(): void {
    const a = this.article;
    const at = `${a.file}:${a.titlePos.line}`;
    this.body.push({ kind: 'title', text: copyText(a.meta.title), at });
    if (a.meta.subtitle) this.body.push({ kind: 'subtitle', text: copyText(a.meta.subtitle), at });
    for (const who of [a.meta.author, a.meta.source])
      if (who) this.body.push({ kind: 'byline', text: copyText(who), at });
    for (const b of a.blocks) this.block(b, 'paragraph');
  }

  private block(b: Block, kind: Unit['kind']): void {
    const at = `${this.article.file}:${b.pos.line}`;
    switch (b.kind) {
      case 'para':
        for (const text of this.texts(b.spans)) this.body.push({ kind, text, at });
        break;
      case 'heading':
        for (const text of this.texts(b.spans)) this.body.push({ kind: 'heading', text, at });
        break;
      case 'list':
        for (const item of b.items) for (const x of item) this.block(x, 'item');
        break;
      case 'quote':
        for (const x of b.blocks) this.block(x, 'quote');
        break;
      case 'code':
        for (const line of b.text.split('\n')) if (line.trim()) this.body.push({ kind: 'code', text: line.trim(), at });
        break;
      case 'table':
        for (const text of this.texts(b.caption)) this.body.push({ kind: 'caption', text, at });
        for (const row of [b.head, ...b.rows])
          for (const cell of row) for (const text of this.texts(cell)) this.body.push({ kind: 'cell', text, at });
        break;
      case 'figure':
        for (const text of this.texts(b.caption)) this.body.push({ kind: 'caption', text, at });
        break;
      case 'rule':
        break;
    }
    this.flushNotes();
  }

  /** The text of spans, one string per stretch between hard line breaks. */
  private texts(spans: Span[]): string[] {
    const out: string[] = [];
    let raw = '';
    const end = () => {
      const t = copyText(raw);
      if (t) out.push(t);
      raw = '';
    };
    spans.forEach((s, k) => {
      if (s.br) return end();
      if (s.note !== undefined) {
        const note = this.article.footnotes[s.note];
        raw += this.marker(`f${s.note}`, () => (note ? noteTexts(note.blocks) : []));
        return;
      }
      raw += s.text;
      const href = s.href;
      if (href && !href.startsWith('#') && spans[k + 1]?.href !== href) {
        let i = k;
        while (i > 0 && spans[i - 1].href === href && !spans[i - 1].br && spans[i - 1].note === undefined) i--;
        const shown =
          spans
            .slice(i, k + 1)
            .map((x) => x.text)
            .join('')
            .trim() === href.replace(/^mailto:/, '');
        if (!shown) raw += this.marker(`u${href}`, () => [href]);
      }
    });
    end();
    return out;
  }

  private marker(key: string, text: () => string[]): string {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(key, n);
      this.pending.push({ key, text });
    }
    return this.markers ? circled(n) : '';
  }

  /** Notes called by a block, numbered as met; a note's own notes follow it. */
  private flushNotes(): void {
    while (this.pending.length) {
      const { text } = this.pending.shift()!;
      for (const t of text()) this.notes.push({ kind: 'note', text: t, at: this.article.file });
    }
  }
}

function noteTexts(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'para' || b.kind === 'heading') {
      const t = copyText(
        b.spans
          .filter((s) => s.note === undefined && !s.br)
          .map((s) => s.text)
          .join(''),
      );
      if (t) out.push(t);
    } else if (b.kind === 'list') for (const item of b.items) out.push(...noteTexts(item));
    else if (b.kind === 'quote') out.push(...noteTexts(b.blocks));
  }
  return out;
}

/** Footnote markers as the default template prints them. */
export const MARKERS = /[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf]/gu;

/** A folio as the default template prints it (— 2 —), alone on its line. */
export const FOLIO = /^—\s*\d+\s*—$/;

/**
 * A reader's pages as one text: NFC, blank lines dropped (they only part blocks), and the
 * folios, which stand between the two halves of a paragraph that runs on to the next page.
 */
export function readerText(pages: string[], o: { stripMarkers: boolean }): string {
  let s = pages.join('\n').normalize('NFC');
  if (o.stripMarkers) s = s.replace(MARKERS, '');
  s = s
    .split('\n')
    .filter((l) => !FOLIO.test(l.trim()))
    .join('\n');
  return s.replace(/\n[ \t]*(?=\n)/g, '').replace(/\n+/g, '\n');
}

function pattern(text: string): RegExp {
  const tokens = Array.from(text).map((c) => (c === ' ' ? null : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  let src = '';
  tokens.forEach((t, k) => {
    if (t === null) src += '(?: \\n?|\\n)';
    else {
      // a line may end between any two characters; nothing else may come between them
      if (k > 0 && tokens[k - 1] !== null) src += '\\n?';
      src += t;
    }
  });
  return new RegExp(src, 'gu');
}

export interface Miss {
  unit: Unit;
  /** Found, but before the unit it should follow. */
  early: boolean;
  /** Where the reader's text stood. */
  context: string;
}

/**
 * Finds each unit in `text` after the one before it, exactly: lines joined with nothing
 * between them, or one space where the unit has one at that break; no other whitespace is
 * overlooked. Returns what was not found in order.
 */
export function findInOrder(units: Unit[], text: string): Miss[] {
  const misses: Miss[] = [];
  let at = 0;
  for (const unit of units) {
    const re = pattern(unit.text);
    re.lastIndex = at;
    const m = re.exec(text);
    if (m) {
      at = m.index + m[0].length;
      continue;
    }
    re.lastIndex = 0;
    const anywhere = re.exec(text);
    misses.push({ unit, early: !!anywhere, context: nearest(unit.text, text) });
  }
  return misses;
}

/** The reader's line sharing the most characters with the unit's start, to show what went wrong. */
function nearest(unit: string, text: string): string {
  const head = Array.from(unit).slice(0, 6).join('');
  const k = text.indexOf(head);
  if (k < 0) return `(${head}… not found)`;
  return text.slice(k, k + unit.length + 20);
}
