// Blocks of lines → pages on the body line grid. Every block is a whole number of grid
// lines tall, so body baselines fall on the same grid on every page.
import type { Line } from '../compose/lines.js';
import type { Frame } from '../template/model.js';
import type { Item, Page } from './display.js';

export interface FlowLine {
  /** null: an empty grid line (space). */
  line: Line | null;
  /** Left edge of the line's measure. */
  x: number;
  /** Baseline below the top of this line's slot. */
  baseline: number;
  /** Height of the slot, in pt (a whole number of grid lines once a block is padded). */
  height: number;
}

export interface FlowBlock {
  lines: FlowLine[];
  /** Keep with the first lines of the next block (titles, headings). */
  keepWithNext: boolean;
  /** Least lines a paragraph may leave at a page foot or carry to a new page. */
  minSplit: number;
  /** Marks the block that opens an article (outline, TOC target). */
  anchor?: string;
}

export interface Placed {
  page: number;
  y: number;
}

export class Flow {
  readonly pages: Page[] = [];
  /** Where each anchor landed. */
  readonly anchors = new Map<string, Placed>();
  private y = 0;

  constructor(
    readonly frame: Frame,
    private readonly firstFolio: (pageIndex: number) => number | null,
  ) {}

  get pageIndex(): number {
    return this.pages.length - 1;
  }

  /** Space left on the current page, in pt. */
  get room(): number {
    return this.pages.length ? this.frame.height - this.y : 0;
  }

  newPage(): Page {
    const page: Page = { items: [], folio: this.firstFolio(this.pages.length) };
    this.pages.push(page);
    this.y = 0;
    return page;
  }

  /** Lays out blocks from the top of a new page. */
  place(blocks: FlowBlock[]): void {
    if (!this.pages.length) this.newPage();
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      if (block.anchor) this.anchors.set(block.anchor, { page: this.pageIndex, y: this.frame.top + this.y });
      let from = 0;
      while (from < block.lines.length) {
        const need = this.keepNeed(blocks, b, from);
        if (need > this.room + 1e-6 && this.y > 0) {
          this.newPage();
          if (block.anchor && from === 0) this.anchors.set(block.anchor, { page: this.pageIndex, y: this.frame.top });
          continue;
        }
        const fit = this.fitting(block.lines, from);
        const rest = block.lines.length - from;
        let take = Math.max(1, fit);
        if (take < rest) {
          // Widow/orphan control: leave at least minSplit lines on each side of a break.
          take = Math.min(take, rest - block.minSplit);
          if (take < block.minSplit) {
            if (this.y > 0) {
              this.newPage();
              continue;
            }
            take = Math.max(1, fit);
          }
        }
        for (let k = from; k < from + take; k++) this.put(block.lines[k]);
        from += take;
        if (from < block.lines.length) this.newPage();
      }
    }
  }

  /** Height needed before a block may start here: itself (or its first lines) plus what it keeps with. */
  private keepNeed(blocks: FlowBlock[], b: number, from: number): number {
    const block = blocks[b];
    const lines = block.lines.slice(from);
    let need = 0;
    if (block.keepWithNext || lines.length <= 2 * block.minSplit - 1) need += sum(lines);
    else need += sum(lines.slice(0, block.minSplit));
    let k = b;
    while (blocks[k]?.keepWithNext && k + 1 < blocks.length) {
      const next = blocks[++k];
      const n = next.keepWithNext ? next.lines.length : Math.min(next.lines.length, Math.max(2, next.minSplit));
      need += sum(next.lines.slice(0, n));
    }
    return need;
  }

  private fitting(lines: FlowLine[], from: number): number {
    let h = this.y;
    let n = 0;
    for (let k = from; k < lines.length; k++) {
      if (h + lines[k].height > this.frame.height + 1e-6) break;
      h += lines[k].height;
      n++;
    }
    return n;
  }

  private put(fl: FlowLine): void {
    const page = this.pages[this.pageIndex];
    if (fl.line) {
      const top = this.frame.top + this.y;
      page.items.push(textItem(fl.line, fl.x, top + fl.baseline));
      for (const l of fl.line.links) {
        page.items.push({ kind: 'link', x: fl.x + l.x0, y: top, w: l.x1 - l.x0, h: fl.height, url: l.href });
      }
    }
    this.y += fl.height;
  }

  /** Places a fixed-height block at the foot of the text block (the colophon). */
  foot(height: number, draw: (top: number) => Item[]): void {
    if (!this.pages.length || this.room < height - 1e-6) this.newPage();
    const top = this.frame.top + this.frame.height - height;
    this.pages[this.pageIndex].items.push(...draw(top));
    this.y = this.frame.height;
  }
}

export function textItem(line: Line, x: number, y: number): Item {
  return { kind: 'text', x, y, glyphs: line.glyphs };
}

function sum(lines: FlowLine[]): number {
  let h = 0;
  for (const l of lines) h += l.height;
  return h;
}
