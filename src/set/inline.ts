// An article's running text → composed lines → flow lines: inline styles (bold, emphasis,
// code, links), footnote markers and the notes they call, and each line's display items.
// Every block kind of an article (paragraphs, lists, tables, captions) sets text through here.
import type { StyledRun } from '../compose/atoms.js';
import type { Align, Line } from '../compose/lines.js';
import { structNode, type Item, type StructNode } from '../paginate/display.js';
import type { FlowLine, FlowNote } from '../paginate/flow.js';
import type { SourcePos } from '../source/diagnostics.js';
import { flattenConstruct } from '../constructs/index.js';
import type { Article, Block, Span } from '../source/model.js';
import type { Frame } from '../template/model.js';
import { baselineIn, type Typesetter } from './typeset.js';

export interface RunStyle {
  font: string;
  size: number;
  color: string;
  /** Font for **bold** in this style (headings set bold in their own bold face). */
  bold?: string;
}

export interface SetOptions {
  measure: number;
  align: Align;
  firstIndent?: number;
  restIndent?: number;
}

/** ① … ⑳, ㉑ … ㉟, ㊱ … ㊿: the circled numbers Chinese footnotes use; then (51) …. */
export function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}

/**
 * An article's inline text: its spans → styled runs and composed lines (through the
 * Typesetter), with its footnotes numbered in order of first reference and their text set
 * once, and addresses printed as the template's links option says.
 */
export class ArticleInline {
  /** Note keys (a footnote's index, or a link's address) → their number in the article. */
  private readonly numbers = new Map<string, number>();
  private readonly bodies = new Map<number, FlowNote>();
  /** The element footnotes (Note) go under: the article's, after the block that calls them. */
  noteParent?: StructNode;

  constructor(
    readonly ts: Typesetter,
    readonly article: Article,
    readonly anchor: string,
    readonly frame: Frame,
  ) {}

  private get t() {
    return this.ts.template;
  }

  markerText(n: number): string {
    return this.t.footnote.marker === 'circled' ? circled(n) : `[${n}]`;
  }

  private number(key: string): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.numbers.size + 1;
      this.numbers.set(key, n);
    }
    return n;
  }

  /** A marker: raised small digits that the composer keeps against what they note. */
  private marker(n: number, style: RunStyle, pos: SourcePos): StyledRun {
    const size = Math.round(style.size * 0.6 * 1000) / 1000;
    const rise = Math.round(style.size * 0.4 * 1000) / 1000;
    return {
      text: this.markerText(n),
      face: this.ts.face(style.font),
      size,
      color: style.color,
      pos,
      note: String(n),
      rise,
    };
  }

  /** Spans → runs in a style; links and footnote references become markers and notes. */
  runs(spans: Span[], style: RunStyle, links = this.t.links.url): StyledRun[] {
    const t = this.t;
    const out: StyledRun[] = [];
    for (let k = 0; k < spans.length; k++) {
      const s = spans[k];
      if (s.br) continue;
      if (s.note !== undefined) {
        const n = this.number(`f${s.note}`);
        this.noteFor(n, () => this.article.footnotes[s.note!]?.blocks ?? [], s.pos);
        out.push(this.marker(n, style, s.pos));
        continue;
      }
      const font = s.code ? t.code.font : s.bold ? (style.bold ?? t.body.bold) : s.em ? t.body.emphasis : style.font;
      out.push({
        text: s.text,
        face: this.ts.face(font),
        size: style.size,
        color: style.color,
        pos: s.pos,
        href: s.href,
      });
      const linkEnds = s.href && spans[k + 1]?.href !== s.href;
      // An address already printed as the link's text (<https://…>, <a@b.cn>) is not repeated.
      const shown = s.href && (s.href.startsWith('#') || linkText(spans, k) === s.href.replace(/^mailto:/, ''));
      if (linkEnds && s.href && !shown) {
        if (links === 'after') {
          out.push({
            text: t.links.after.replace('{url}', s.href),
            face: this.ts.face(style.font),
            size: style.size,
            color: style.color,
            pos: s.pos,
            href: s.href,
          });
        } else if (links === 'footnote') {
          const n = this.number(`u${s.href}`);
          const url = s.href;
          this.noteFor(n, () => [{ kind: 'para', spans: [{ text: url, href: url, pos: s.pos }], pos: s.pos }], s.pos);
          out.push(this.marker(n, style, s.pos));
        }
      }
    }
    return out;
  }

  /**
   * Composed lines of spans; a hard line break (two spaces or \ at a line's end, <br>) ends a
   * line: the text after it starts a new line with no first-line indent.
   */
  lines(spans: Span[], style: RunStyle, o: SetOptions, links = this.t.links.url): Line[] {
    const segments: Span[][] = [[]];
    for (const s of spans) {
      if (s.br) segments.push([]);
      else segments[segments.length - 1].push(s);
    }
    const out: Line[] = [];
    segments.forEach((seg, k) => {
      const runs = this.runs(seg, style, links);
      if (!runs.some((r) => r.text.trim())) return;
      const lines = this.ts.lines(runs, {
        measure: o.measure,
        align: o.align,
        firstIndent: k === 0 ? o.firstIndent : o.restIndent,
        restIndent: o.restIndent,
        em: this.t.body.size,
      });
      out.push(...lines);
    });
    return out;
  }

  /** A composed line as a flow line: a slot `height` tall with its baseline at `baseline`. */
  slot(line: Line, x: number, height: number, baseline: number, node?: StructNode): FlowLine {
    return { height, items: this.items(line, x, baseline, 0, height, node), notes: this.notesIn(line) };
  }

  /**
   * The display items of a line whose baseline is at y (links span top … top + h), as
   * content of `node` (none: furniture).
   */
  items(line: Line, x: number, y: number, top: number, h: number, node?: StructNode): Item[] {
    const items: Item[] = [];
    if (line.glyphs.length) items.push({ kind: 'text', x, y, glyphs: line.glyphs, node });
    for (const l of line.links) {
      if (l.href.startsWith('#')) continue;
      items.push({ kind: 'link', x: x + l.x0, y: top, w: l.x1 - l.x0, h, url: l.href, node });
    }
    return items;
  }

  notesIn(line: Line): FlowNote[] | undefined {
    const notes: FlowNote[] = [];
    for (const key of line.notes ?? []) {
      const note = this.bodies.get(Number(key));
      if (note && !notes.includes(note)) notes.push(note);
    }
    return notes.length ? notes : undefined;
  }

  /** The note numbered n, set once (at its first reference) in the footnote style. */
  private noteFor(n: number, blocks: () => Block[], pos: SourcePos): void {
    if (this.bodies.has(n)) return;
    // Reserve the number first: a note's own text may refer to another note.
    const note: FlowNote = { id: `${this.anchor}:${n}`, lines: [], pos };
    this.bodies.set(n, note);
    const node = structNode('Note', this.noteParent, { id: `${this.anchor}-note-${n}` });
    const footnote = this.t.footnote;
    const style: RunStyle = { font: footnote.font, size: footnote.size, color: footnote.color };
    const mark = this.ts.line(this.ts.plain(this.markerText(n), footnote.font, footnote.size, footnote.color, pos));
    const hang = mark.right + 0.5 * footnote.size;
    const paras = flatten(blocks());
    if (!paras.length) paras.push([{ text: ' ', pos }]);
    const links = this.t.links.url === 'none' ? 'none' : 'after';
    paras.forEach((spans, k) => {
      // Addresses inside a note print in it: a note has no notes of its own.
      const lines = this.lines(
        spans,
        style,
        { measure: this.frame.width, align: 'justify', firstIndent: hang, restIndent: hang },
        links,
      );
      lines.forEach((line, j) => {
        const slot = this.slot(line, this.frame.left, footnote.pitch, baselineIn(footnote.pitch, footnote.size), node);
        if (k === 0 && j === 0)
          slot.items.unshift({
            kind: 'text',
            x: this.frame.left,
            y: baselineIn(footnote.pitch, footnote.size),
            glyphs: mark.glyphs,
            node,
          });
        const nested = slot.notes ?? [];
        slot.notes = undefined;
        note.lines.push(slot);
        // A note referred to from inside a note is set right after it, on the same page.
        for (const other of nested) {
          if (other === note || !other.lines.length) continue;
          note.lines.push(...other.lines);
          other.lines = [];
        }
      });
    });
  }
}

/** The whole text of the link whose last span is spans[k]. */
function linkText(spans: Span[], k: number): string {
  let i = k;
  while (i > 0 && spans[i - 1].href === spans[k].href && !spans[i - 1].br && spans[i - 1].note === undefined) i--;
  return spans
    .slice(i, k + 1)
    .map((s) => s.text)
    .join('')
    .trim();
}

/** The paragraphs of a note's blocks (a note is set as plain paragraphs). */
function flatten(blocks: Block[]): Span[][] {
  const out: Span[][] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case 'para':
      case 'heading':
        out.push(b.spans);
        break;
      case 'list':
        b.items.forEach((item, k) => {
          const paras = flatten(item);
          const mark = b.ordered ? `${b.start + k}${b.delimiter} ` : '• ';
          if (paras.length) paras[0] = [{ text: mark, pos: b.pos }, ...paras[0]];
          out.push(...paras);
        });
        break;
      case 'code':
        out.push([{ text: b.text, code: true, pos: b.pos }]);
        break;
      case 'table':
        for (const row of [b.head, ...b.rows])
          out.push(row.flatMap((c, k) => (k ? [{ text: '　', pos: b.pos }, ...c] : c)));
        break;
      case 'figure':
      case 'rule':
        break;
      default:
        // A construct declared in src/constructs/ says how a note holding it reads (a block
        // kind added to the model itself must be given a case above: the call stops compiling).
        out.push(...flattenConstruct(b, flatten));
    }
  }
  return out;
}
