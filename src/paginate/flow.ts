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
//
// Nothing runs off a page: a slot that may be cut (a tall table row) breaks between its own
// lines where it does not fit, and a footnote too long for the room at the foot continues at
// the foot of the next page. What is left too tall all the same is found by the guard
// (paginate/guard.ts), not drawn past the foot in silence.
import type { SourcePos } from '../source/diagnostics.js';
import type { Frame } from '../template/frame.js';
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
  /**
   * A slot that may be cut between lines of its own (a table row): gives the tallest first
   * piece `fits` accepts and the rest, or nothing. Without `force` a piece keeps the slot's
   * own widows and orphans; with it (the slot opens a page), any piece that fits will do, and
   * when none does, the least one.
   */
  split?: (fits: (piece: FlowLine) => boolean, force: boolean) => [FlowLine, FlowLine] | undefined;
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
  /** The anchor is a section heading's, within an article: the page does not open an article. */
  section?: boolean;
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
  /** Least lines of a note left at a page foot, and carried to the next, when it continues there. */
  orphans?: number;
  widows?: number;
}

export interface FlowPage {
  items: Item[];
  /** Notes set at this page's foot (a note that continues from or to another page: its lines here). */
  notes: FlowNote[];
  /** Nothing on it: no folio, no running head. */
  blank: boolean;
  /** Only the colophon on it. */
  colophonOnly: boolean;
  /** The running-head mark in force at the page's first line. */
  mark?: string;
  /** Anchors of blocks that begin on this page. */
  starts: string[];
  /** What the guard checks: the body's items, which stay above `floor` (the notes, the colophon), and the notes' items. */
  body: Item[];
  floor: number;
  footnotes: Item[];
}

export type ArticleStart = 'new-page' | 'odd-page' | 'continue';

interface PageState extends Omit<FlowPage, 'floor' | 'footnotes'> {
  y: number;
  /** Body lines on the page (not counting space). */
  lines: number;
  /** Height kept free at the foot (the colophon). */
  reserve: number;
  colophon: boolean;
  /** A note continues from this page's foot to the next: no further note may start here. */
  split: boolean;
  /** Where the colophon's items begin in `items`: the footnotes, read before it, go there. */
  colophonAt?: number;
}

/** Where a page would stand with some lines more on it: their height, their notes. */
interface Trial {
  y: number;
  /** Notes the trial lines set on the page (the last may be the first lines of a note). */
  notes: FlowNote[];
  /** Height of all the notes on the page, the trial's included. */
  noteH: number;
  /** What of their notes goes on at the next page's foot. */
  carried: FlowNote[];
}

const EPS = 1e-6;

export interface FlowOptions {
  notes: NoteStyle;
  /** Pages before the first flowed page (the cover), for odd and even. */
  pageOffset: number;
}

export class Flow {
  readonly anchors = new Map<string, Placed>();
  /** Where the items on the pages were written: the guard names it when one strays. */
  readonly sources = new Map<Item, SourcePos>();
  /** Where each block written at a known place begins (flow page index): maps source to pages. */
  readonly blockStarts: { pos: SourcePos; page: number }[] = [];
  private readonly states: PageState[] = [];
  private readonly notesSet = new Set<string>();
  /** Lines of notes begun at an earlier page's foot, set first at the next page's. */
  private carry: FlowNote[] = [];
  private mark: string | undefined;
  private readonly o: { pageOffset: number; notes: NoteStyle & { orphans: number; widows: number } };

  constructor(
    readonly frame: Frame,
    o: Partial<FlowOptions> = {},
  ) {
    const notes = o.notes ?? { sep: frame.pitch, ruleLength: frame.width / 4, ruleWidth: 0.5 };
    this.o = {
      pageOffset: o.pageOffset ?? 0,
      notes: { ...notes, orphans: notes.orphans ?? 2, widows: notes.widows ?? 2 },
    };
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

  /** A new page; notes carried from the page before are set first at its foot. */
  newPage(flush = false): void {
    this.states.push({
      items: [],
      body: [],
      notes: [],
      blank: true,
      colophonOnly: false,
      starts: [],
      y: 0,
      lines: 0,
      reserve: 0,
      colophon: false,
      split: false,
    });
    if (this.carry.length) this.continueNotes(flush);
  }

  /** Opens an article as the template says: on a new page, a new odd page, or running on. */
  start(mode: ArticleStart): void {
    if (mode === 'continue') {
      if (!this.states.length) this.newPage();
      return;
    }
    // The notes of the article before end before this one begins.
    this.flush();
    const fresh =
      this.states.length > 0 &&
      this.page.lines === 0 &&
      !this.page.colophon &&
      this.page.y === 0 &&
      !this.page.notes.length;
    if (!fresh) this.newPage();
    if (mode === 'odd-page' && this.number(this.pageIndex) % 2 === 0) this.newPage();
  }

  /** Lays out blocks from where the flow stands. */
  place(blocks: FlowBlock[]): void {
    for (let b = 0; b < blocks.length; b++) this.placeBlock(blocks, b);
  }

  private placeBlock(blocks: FlowBlock[], b: number): void {
    const block = blocks[b];
    let lines = block.lines;
    let from = 0;
    let begun = false;
    let continued = false; // on a page after the block's first
    while (from < lines.length) {
      const page = this.page;
      const atTop = page.lines === 0;
      // Nothing at all on the page, not even a note carried over: what comes is set here, fit or not.
      let empty = atTop && !page.notes.length;
      if (atTop) while (from < lines.length && lines[from].space) from++;
      if (from >= lines.length) break;
      if (!begun) {
        const lead = this.lead(blocks, b, 0, atTop);
        if (!empty && !this.fits(lead)) {
          this.newPage();
          continue;
        }
      } else if (continued && block.head) {
        if (!empty && !this.fits([...block.head, lines[from]])) {
          this.newPage();
          continue;
        }
        for (const l of block.head) this.put(l, block.pos);
        // The header is down: what of the block follows it here must stay, as on an empty page.
        empty = true;
      }
      continued = false;
      const rest = lines.length - from;
      const { n: fit, trial } = this.fitCount(lines, from);
      const fitsAfter = (piece: FlowLine) => !!this.tryLine(trial, piece);
      // A slot that does not fit in what is left (a tall table row) breaks between its own
      // lines, when a piece keeping their widows and orphans fits: that break needs no more.
      let cut = fit < rest ? lines[from + fit].split?.(fitsAfter, false) : undefined;
      let take = 0;
      const force = () => {
        // Taller than a whole page: break it after all; a slot that opens the page and does
        // not fit is cut against its own rules (what cannot be cut is left to the guard).
        take = Math.max(1, fit);
        const c = fit === 0 ? lines[from].split?.(fitsAfter, true) : undefined;
        if (c) {
          take = 0;
          cut = c;
        }
      };
      const splittable =
        !block.whole && !block.keep && (begun ? rest > block.widows : rest >= block.orphans + block.widows);
      if (fit >= rest || cut) take = Math.min(fit, rest);
      else if (!splittable) {
        if (!empty) {
          this.newPage();
          continue;
        }
        force();
      } else {
        take = Math.min(fit, rest - block.widows);
        if (take < (begun ? 1 : block.orphans)) {
          if (!empty) {
            this.newPage();
            continue;
          }
          force();
        }
      }
      const placing = lines.slice(from, from + take);
      if (cut) placing.push(cut[0]);
      for (const l of placing) {
        if (!begun && !l.space) {
          begun = true;
          if (block.pos) this.blockStarts.push({ pos: block.pos, page: this.pageIndex });
          if (block.mark !== undefined) this.mark = block.mark;
          if (block.anchor) {
            this.anchors.set(block.anchor, { page: this.pageIndex, y: this.frame.top + this.page.y });
            if (!block.section) this.page.starts.push(block.anchor);
          }
        }
        this.put(l, block.pos);
      }
      from += take;
      if (cut) {
        if (lines === block.lines) lines = [...lines];
        lines[from] = cut[1];
      }
      if (from < lines.length) {
        if (block.cut) for (const it of block.cut) this.add(shiftItem(it, this.frame.top + this.page.y), block.pos);
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
    const h = height(notes) + height(more);
    return h > 0 ? h + this.o.notes.sep : 0;
  }

  /** The page as it stands, as the start of a trial. */
  private trial(): Trial {
    const p = this.page;
    return { y: p.y, notes: [], noteH: height(p.notes), carried: [] };
  }

  /** Notes a line refers to that are set neither on a page nor in the trial. */
  private fresh(t: Trial, l: FlowLine): FlowNote[] {
    const out: FlowNote[] = [];
    const known = (n: FlowNote) =>
      this.notesSet.has(n.id) || [...t.notes, ...t.carried, ...out].some((m) => m.id === n.id);
    for (const n of l.notes ?? []) if (!known(n)) out.push(n);
    return out;
  }

  /**
   * The trial with line l added, if it fits with its notes below it. The last of its notes
   * may continue at the next page's foot when at least `orphans` of its lines stay here and
   * `widows` go over; no other note starts on a page after one that continues.
   */
  private tryLine(t: Trial, l: FlowLine): Trial | undefined {
    const p = this.page;
    const y = t.y + l.height;
    const limit = this.frame.height - p.reserve + EPS;
    const area = (h: number) => (h > 0 ? h + this.o.notes.sep : 0);
    const fresh = this.fresh(t, l);
    if (!fresh.length) return y + area(t.noteH) <= limit ? { ...t, y } : undefined;
    if (p.split || t.carried.length) return undefined;
    const all = t.noteH + height(fresh);
    if (y + area(all) <= limit) return { y, notes: [...t.notes, ...fresh], noteH: all, carried: [] };
    const last = fresh[fresh.length - 1];
    let h = all - height([last]);
    let k = 0;
    while (k < last.lines.length && y + area(h + last.lines[k].height) <= limit) h += last.lines[k++].height;
    k = Math.min(k, last.lines.length - this.o.notes.widows);
    if (k < this.o.notes.orphans) return undefined;
    const [here, there] = cutNote(last, k);
    return {
      y,
      notes: [...t.notes, ...fresh.slice(0, -1), here],
      noteH: all - height([last]) + height([here]),
      carried: [there],
    };
  }

  /**
   * A line set where it does not fit (it opens a page and is taller than it): its notes as
   * far as they go, the rest carried to the next page.
   */
  private forced(t: Trial, l: FlowLine): Trial {
    const y = t.y + l.height;
    const room = this.frame.height - this.page.reserve - y + EPS;
    const area = (h: number) => (h > 0 ? h + this.o.notes.sep : 0);
    const notes = [...t.notes];
    const carried = [...t.carried];
    let h = t.noteH;
    for (const n of this.fresh(t, l)) {
      if (carried.length || this.page.split) {
        carried.push(n);
        continue;
      }
      let k = 0;
      let hk = h;
      while (k < n.lines.length && area(hk + n.lines[k].height) <= room) hk += n.lines[k++].height;
      if (k === n.lines.length) notes.push(n);
      else if (k === 0) carried.push(n);
      else {
        const [here, there] = cutNote(n, k);
        notes.push(here);
        carried.push(there);
      }
      h = hk;
    }
    return { y, notes, noteH: h, carried };
  }

  private fits(lines: FlowLine[]): boolean {
    let t = this.trial();
    for (const l of lines) {
      const next = this.tryLine(t, l);
      if (next) {
        t = next;
        continue;
      }
      // A slot that may be cut leads well enough with a piece that keeps its own rules.
      const at = t;
      return !!l.split?.((piece) => !!this.tryLine(at, piece), false);
    }
    return true;
  }

  /** How many of lines[from…] fit on the current page, footnotes they bring included; and the page after them. */
  private fitCount(lines: FlowLine[], from: number): { n: number; trial: Trial } {
    let t = this.trial();
    let n = 0;
    for (let k = from; k < lines.length; k++) {
      const next = this.tryLine(t, lines[k]);
      if (!next) break;
      t = next;
      n++;
    }
    return { n, trial: t };
  }

  private add(it: Item, pos: SourcePos | undefined): void {
    const p = this.page;
    p.items.push(it);
    p.body.push(it);
    if (pos) this.sources.set(it, pos);
  }

  private put(l: FlowLine, pos: SourcePos | undefined): void {
    const p = this.page;
    const t = this.tryLine(this.trial(), l) ?? this.forced(this.trial(), l);
    const top = this.frame.top + p.y;
    for (const it of l.items) this.add(shiftItem(it, top), pos);
    p.y += l.height;
    if (!l.space) {
      if (p.lines === 0) p.mark = this.mark;
      p.lines++;
      p.blank = false;
    }
    for (const n of t.notes) {
      this.notesSet.add(n.id);
      p.notes.push(n);
    }
    for (const n of t.carried) {
      this.notesSet.add(n.id);
      this.carry.push(n);
    }
    if (t.carried.length) p.split = true;
  }

  /**
   * Notes begun on the page before, first at this page's foot: as much of them as leaves two
   * body lines (the text goes on), or the whole page when only notes are left to set. The
   * rest goes on again, keeping `widows` lines for the next page where it can.
   */
  private continueNotes(all: boolean): void {
    const p = this.page;
    const room = this.frame.height - this.o.notes.sep - (all ? 0 : 2 * this.frame.pitch) + EPS;
    let h = 0;
    while (this.carry.length) {
      const n = this.carry[0];
      if (h + height([n]) <= room) {
        p.notes.push(n);
        h += height([n]);
        this.carry.shift();
        continue;
      }
      let k = 0;
      while (k < n.lines.length && h + n.lines[k].height <= room) h += n.lines[k++].height;
      if (n.lines.length - k < this.o.notes.widows && n.lines.length > this.o.notes.widows)
        k = n.lines.length - this.o.notes.widows;
      if (k === 0 && !p.notes.length) k = 1;
      if (k > 0) {
        const [here, there] = cutNote(n, k);
        p.notes.push(here);
        this.carry[0] = there;
      }
      break;
    }
    p.split = this.carry.length > 0;
    if (p.notes.length) {
      p.blank = false;
      p.mark = this.mark;
    }
  }

  /** Pages of their own for notes still to be continued. */
  private flush(): void {
    while (this.carry.length) this.newPage(true);
  }

  /**
   * A fixed-height block at the foot of the text block (the colophon): on the last page when
   * it fits below the text and its notes, else on a page of its own; on an even page if asked.
   */
  foot(height: number, draw: (top: number) => Item[], even = false): void {
    this.flush();
    if (!this.states.length || this.room < height - EPS) this.newPage();
    if (even && this.number(this.pageIndex) % 2 === 1) this.newPage();
    const p = this.page;
    p.reserve = height;
    p.colophon = true;
    p.blank = false;
    p.colophonOnly = p.lines === 0;
    p.colophonAt = p.items.length;
    p.items.push(...draw(this.frame.top + this.frame.height - height));
  }

  /** The pages, each with its footnotes set at the foot. */
  finish(): FlowPage[] {
    this.flush();
    return this.states.map((p) => {
      // In reading order: the text, its footnotes, then the colophon below them.
      const items = [...p.items];
      const notes = p.notes.length ? this.drawNotes(p) : [];
      items.splice(p.colophonAt ?? items.length, 0, ...notes);
      const floor = this.frame.top + this.frame.height - p.reserve - this.noteArea(p.notes, []);
      return {
        items,
        notes: p.notes,
        blank: p.blank,
        colophonOnly: p.colophonOnly,
        mark: p.mark,
        starts: p.starts,
        body: p.body,
        footnotes: notes,
        floor,
      };
    });
  }

  private drawNotes(p: PageState): Item[] {
    const s = this.o.notes;
    const area = this.noteArea(p.notes, []);
    const top = this.frame.top + this.frame.height - p.reserve - area;
    const ruleY = top + s.sep / 2;
    const items: Item[] = [
      {
        kind: 'rule',
        x1: this.frame.left,
        y1: ruleY,
        x2: this.frame.left + s.ruleLength,
        y2: ruleY,
        width: s.ruleWidth,
        color: s.color ?? '#000000',
      },
    ];
    let y = top + s.sep;
    for (const n of p.notes) {
      for (const l of n.lines) {
        for (const it of l.items) {
          const placed = shiftItem(it, y);
          items.push(placed);
          if (n.pos) this.sources.set(placed, n.pos);
        }
        y += l.height;
      }
    }
    return items;
  }
}

function height(notes: FlowNote[]): number {
  let h = 0;
  for (const n of notes) for (const l of n.lines) h += l.height;
  return h;
}

/** A note's first k lines, and the rest that continues on the next page. */
function cutNote(n: FlowNote, k: number): [FlowNote, FlowNote] {
  return [
    { ...n, lines: n.lines.slice(0, k) },
    { ...n, lines: n.lines.slice(k) },
  ];
}

/** Rounds a height up to whole grid lines. */
export function toGrid(h: number, pitch: number): number {
  return Math.max(1, Math.ceil(h / pitch - EPS)) * pitch;
}
