// Blocks of lines → pages on the body line grid.
//
// Body lines are one grid pitch tall and start at the top of the text block, so they fall on
// the same baselines on every page. Blocks of other heights (titles, tables, figures) either
// come padded to whole grid lines or ask to `snap` back to the grid after them. Footnotes
// are set at the foot of the page whose line refers to them; the body gives way above them.
//
// Breaking rules, in the manner of Typst's flow: every block knows the least it may leave at
// a page foot (orphans) and carry to the next page (widows); sticky blocks (titles,
// headings) need their own lines plus the first lines of what follows (`keep`), so a heading
// never ends a page; whole blocks (figures) move to the next page rather than split.
import type { SourcePos } from '../source/diagnostics.js';
import type { Frame } from '../template/model.js';
import { shiftItem, type Item } from './display.js';

export interface FlowLine {
  /** Height of the slot, pt. */
  height: number;
  /** What the slot shows: x on the page, y from the slot's top. */
  items: Item[];
  /** Footnotes first referred to on this line: set at the foot of the page it lands on. */
  notes?: FlowNote[];
  /** Empty space that is dropped where it would open a page (space above a heading, a separator). */
  space?: boolean;
}

export interface FlowNote {
  /** Unique in the issue: a note referred to twice is set once, where first referred to. */
  id: string;
  lines: FlowLine[];
  /** Where it is referred to, for messages about it. */
  pos?: SourcePos;
}

export interface FlowBlock {
  lines: FlowLine[];
  /** Least lines left at a page foot when the block breaks. */
  orphans: number;
  /** Least lines carried to the next page when the block breaks. */
  widows: number;
  /** Never split (figures): moved whole to the next page when it does not fit. */
  whole?: boolean;
  /** Sticky (titles, headings): never split, and stays on its page with this many lines of what follows. */
  keep?: number;
  /** Lines repeated at the top of each further page the block runs onto (a table's header). */
  head?: FlowLine[];
  /** Drawn at the foot of each piece that does not end the block (a table's closing rule); y from that foot. */
  cut?: Item[];
  /** After the block, the next line starts on the body grid again. */
  snap?: boolean;
  /** Where the block's first line lands is recorded under this name (contents, outline). */
  anchor?: string;
  /** Running-head text from this block on (the article's title). */
  mark?: string;
  /** Where the block was written, for messages about it. */
  pos?: SourcePos;
}

export interface Placed {
  page: number;
  y: number;
}

export interface NoteStyle {
  /** Space above the first note, with the short rule in it. */
  sep: number;
  ruleLength: number;
  ruleWidth: number;
  color?: string;
}

export interface FlowPage {
  items: Item[];
  /** Notes set at this page's foot. */
  notes: FlowNote[];
  /** Nothing on it: no folio, no running head. */
  blank: boolean;
  /** Only the colophon on it. */
  colophonOnly: boolean;
  /** The running-head mark in force at the page's first line. */
  mark?: string;
  /** Anchors of blocks that begin on this page. */
  starts: string[];
}

export type ArticleStart = 'new-page' | 'odd-page' | 'continue';

interface PageState extends FlowPage {
  y: number;
  /** Body lines on the page (not counting space). */
  lines: number;
  /** Height kept free at the foot (the colophon). */
  reserve: number;
  colophon: boolean;
}

const EPS = 1e-6;

export interface FlowOptions {
  notes: NoteStyle;
  /** Pages before the first flowed page (the cover), for odd and even. */
  pageOffset: number;
}

export class Flow {
  readonly anchors = new Map<string, Placed>();
  /** Blocks that could not be set as asked (taller than a page): for warnings. */
  readonly overfull: { pos?: SourcePos; page: number; what: string }[] = [];
  /** Where each block written at a known place begins (flow page index): maps source to pages. */
  readonly sources: { pos: SourcePos; page: number }[] = [];
  private readonly states: PageState[] = [];
  private readonly notesSet = new Set<string>();
  private readonly warned = new Set<FlowBlock>();
  private mark: string | undefined;
  private readonly o: FlowOptions;

  constructor(
    readonly frame: Frame,
    o: Partial<FlowOptions> = {},
  ) {
    this.o = { pageOffset: o.pageOffset ?? 0, notes: o.notes ?? { sep: frame.pitch, ruleLength: frame.width / 4, ruleWidth: 0.5 } };
  }

  get pageIndex(): number {
    return this.states.length - 1;
  }

  /** The page number of page `index` of the flow, counting the pages before it. */
  number(index: number): number {
    return this.o.pageOffset + index + 1;
  }

  private get page(): PageState {
    if (!this.states.length) this.newPage();
    return this.states[this.states.length - 1];
  }

  /** Space left for body lines on the current page, in pt. */
  get room(): number {
    if (!this.states.length) return 0;
    const p = this.page;
    return this.frame.height - p.reserve - p.y - this.noteArea(p.notes, []);
  }

  newPage(): void {
    this.states.push({ items: [], notes: [], blank: true, colophonOnly: false, starts: [], y: 0, lines: 0, reserve: 0, colophon: false });
  }

  /** Opens an article as the template says: on a new page, a new odd page, or running on. */
  start(mode: ArticleStart): void {
    const fresh = this.states.length > 0 && this.page.lines === 0 && !this.page.colophon && this.page.y === 0;
    if (mode === 'continue') {
      if (!this.states.length) this.newPage();
      return;
    }
    if (!fresh) this.newPage();
    if (mode === 'odd-page' && this.number(this.pageIndex) % 2 === 0) this.newPage();
  }

  /** Lays out blocks from where the flow stands. */
  place(blocks: FlowBlock[]): void {
    for (let b = 0; b < blocks.length; b++) this.placeBlock(blocks, b);
  }

  private placeBlock(blocks: FlowBlock[], b: number): void {
    const block = blocks[b];
    const lines = block.lines;
    let from = 0;
    let begun = false;
    let continued = false; // on a page after the block's first
    while (from < lines.length) {
      const page = this.page;
      const atTop = page.lines === 0;
      if (atTop) while (from < lines.length && lines[from].space) from++;
      if (from >= lines.length) break;
      if (!begun) {
        const lead = this.lead(blocks, b, 0, atTop);
        if (!atTop && !this.fits(lead)) {
          this.newPage();
          continue;
        }
      } else if (continued && block.head) {
        for (const l of block.head) this.put(l);
      }
      continued = false;
      const rest = lines.length - from;
      const fit = this.fitCount(lines, from);
      let take: number;
      const splittable = !block.whole && !block.keep && (begun ? rest > block.widows : rest >= block.orphans + block.widows);
      if (fit >= rest) take = rest;
      else if (!splittable) {
        if (!atTop) {
          this.newPage();
          continue;
        }
        // Taller than a whole page: break it after all (or let its one line run past the foot).
        take = Math.max(1, fit);
      } else {
        take = Math.min(fit, rest - block.widows);
        if (take < (begun ? 1 : block.orphans)) {
          if (!atTop) {
            this.newPage();
            continue;
          }
          take = Math.max(1, fit);
        }
      }
      for (let k = from; k < from + take; k++) {
        if (!begun && !lines[k].space) {
          begun = true;
          if (block.pos) this.sources.push({ pos: block.pos, page: this.pageIndex });
          if (block.mark !== undefined) this.mark = block.mark;
          if (block.anchor) {
            this.anchors.set(block.anchor, { page: this.pageIndex, y: this.frame.top + this.page.y });
            this.page.starts.push(block.anchor);
          }
        }
        this.put(lines[k]);
        if (this.page.y + this.page.reserve > this.frame.height + EPS && !this.warned.has(block)) {
          this.warned.add(block);
          this.overfull.push({ pos: block.pos, page: this.pageIndex, what: block.whole ? 'a figure taller than the page runs past its foot' : 'a table row taller than the page runs past its foot' });
        }
      }
      from += take;
      if (from < lines.length) {
        if (block.cut) for (const it of block.cut) this.page.items.push(shiftItem(it, this.frame.top + this.page.y));
        this.newPage();
        continued = true;
      }
    }
    if (block.snap) {
      const p = this.page;
      p.y = Math.ceil(p.y / this.frame.pitch - EPS) * this.frame.pitch;
    }
  }

  /**
   * The lines that must fit on this page if block b starts here: all of a block that may not
   * break, with what it keeps; else the first piece a break could leave (orphans, or `want`
   * lines asked for by a heading above).
   */
  private lead(blocks: FlowBlock[], b: number, want: number, atTop: boolean): FlowLine[] {
    const block = blocks[b];
    if (!block) return [];
    let lines = block.lines;
    if (atTop) {
      let k = 0;
      while (k < lines.length && lines[k].space) k++;
      lines = lines.slice(k);
    }
    const text = lines.filter((l) => !l.space).length;
    if (block.keep) return [...lines, ...this.lead(blocks, b + 1, block.keep, false)];
    const whole = block.whole || lines.length < block.orphans + block.widows;
    if (whole) {
      // A short block after a heading: the heading's wish reaches into the block after it.
      return want > text ? [...lines, ...this.lead(blocks, b + 1, want - text, false)] : lines;
    }
    let n = Math.max(block.orphans, want);
    if (lines.length - n < block.widows) n = lines.length;
    return lines.slice(0, n);
  }

  private noteArea(notes: FlowNote[], more: FlowNote[]): number {
    let h = 0;
    for (const n of notes) for (const l of n.lines) h += l.height;
    for (const n of more) for (const l of n.lines) h += l.height;
    return h > 0 ? h + this.o.notes.sep : 0;
  }

  private newNotes(lines: FlowLine[], into: FlowNote[]): void {
    for (const l of lines) {
      for (const n of l.notes ?? []) if (!this.notesSet.has(n.id) && !into.some((m) => m.id === n.id)) into.push(n);
    }
  }

  private fits(lines: FlowLine[]): boolean {
    const p = this.page;
    const more: FlowNote[] = [];
    this.newNotes(lines, more);
    let h = 0;
    for (const l of lines) h += l.height;
    return p.y + h + this.noteArea(p.notes, more) + p.reserve <= this.frame.height + EPS;
  }

  /** How many of lines[from…] fit on the current page, footnotes they bring included. */
  private fitCount(lines: FlowLine[], from: number): number {
    const p = this.page;
    const more: FlowNote[] = [];
    let y = p.y;
    let n = 0;
    for (let k = from; k < lines.length; k++) {
      const l = lines[k];
      const before = more.length;
      this.newNotes([l], more);
      if (y + l.height + this.noteArea(p.notes, more) + p.reserve > this.frame.height + EPS) {
        more.length = before;
        break;
      }
      y += l.height;
      n++;
    }
    return n;
  }

  private put(l: FlowLine): void {
    const p = this.page;
    const top = this.frame.top + p.y;
    for (const it of l.items) p.items.push(shiftItem(it, top));
    p.y += l.height;
    if (!l.space) {
      if (p.lines === 0) p.mark = this.mark;
      p.lines++;
      p.blank = false;
    }
    for (const n of l.notes ?? []) {
      if (this.notesSet.has(n.id)) continue;
      this.notesSet.add(n.id);
      p.notes.push(n);
      if (p.y + p.reserve + this.noteArea(p.notes, []) > this.frame.height + EPS) {
        this.overfull.push({ pos: n.pos, page: this.pageIndex, what: 'the footnotes referred to here are too long for the page and run into the text' });
      }
    }
  }

  /**
   * A fixed-height block at the foot of the text block (the colophon): on the last page when
   * it fits below the text and its notes, else on a page of its own; on an even page if asked.
   */
  foot(height: number, draw: (top: number) => Item[], even = false): void {
    if (!this.states.length || this.room < height - EPS) this.newPage();
    if (even && this.number(this.pageIndex) % 2 === 1) this.newPage();
    const p = this.page;
    p.reserve = height;
    p.colophon = true;
    p.blank = false;
    p.colophonOnly = p.lines === 0;
    p.items.push(...draw(this.frame.top + this.frame.height - height));
  }

  /** The pages, each with its footnotes set at the foot. */
  finish(): FlowPage[] {
    return this.states.map((p) => {
      const items = [...p.items];
      if (p.notes.length) items.push(...this.drawNotes(p));
      return { items, notes: p.notes, blank: p.blank, colophonOnly: p.colophonOnly, mark: p.mark, starts: p.starts };
    });
  }

  private drawNotes(p: PageState): Item[] {
    const s = this.o.notes;
    const area = this.noteArea(p.notes, []);
    const top = this.frame.top + this.frame.height - p.reserve - area;
    const ruleY = top + s.sep / 2;
    const items: Item[] = [
      { kind: 'rule', x1: this.frame.left, y1: ruleY, x2: this.frame.left + s.ruleLength, y2: ruleY, width: s.ruleWidth, color: s.color ?? '#000000' },
    ];
    let y = top + s.sep;
    for (const n of p.notes) {
      for (const l of n.lines) {
        for (const it of l.items) items.push(shiftItem(it, y));
        y += l.height;
      }
    }
    return items;
  }
}

/** Rounds a height up to whole grid lines. */
export function toGrid(h: number, pitch: number): number {
  return Math.max(1, Math.ceil(h / pitch - EPS)) * pitch;
}
