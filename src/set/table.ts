// GFM pipe tables → a flow block: column widths from content, cells composed by the same
// Chinese composer as the text, the header repeated on each page the table runs onto, ruled
// as a three-line table (三线表) or a full grid. A row is kept whole where it fits and breaks
// between the lines of its cells where it does not; a table too narrow for its text is set
// smaller, down to the template's least size.
import { shiftLine, type Line } from '../compose/lines.js';
import { shiftItem, structNode, type Item, type StructNode } from '../paginate/display.js';
import type { FlowBlock, FlowLine, FlowNote } from '../paginate/flow.js';
import type { Block, CellAlign, Span } from '../source/model.js';
import type { Frame } from '../template/model.js';
import { baselineIn } from './typeset.js';
import { t as tr } from '../core/text.js';
import type { ArticleInline, RunStyle } from './inline.js';

type Table = Extract<Block, { kind: 'table' }>;

const WIDE = 1e5;

/** Widest line of a cell set without a measure (its natural width), or broken at every chance (its least). */
function cellWidth(inline: ArticleInline, spans: Span[], style: RunStyle, measure: number): number {
  let w = 0;
  for (const l of inline.lines(spans, style, { measure, align: 'left' })) w = Math.max(w, l.right);
  return w;
}

/**
 * Column widths filling the measure. When all fit, each column gets its natural width and the
 * room left is shared equally. Else, as browsers do, columns no wider than a fair share keep
 * their natural width, and the rest share what remains in proportion to their natural widths,
 * never below their least width (their longest unbreakable word, or one glyph). When even the
 * least widths do not fit, each column keeps `one` (a character) and the rest is shared.
 */
export function columnWidths(natural: number[], least: () => number[], avail: number, one = 0): number[] {
  const n = natural.length;
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= avail) return natural.map((w) => w + (avail - sum) / n);
  const min = least();
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMin >= avail) {
    // Too narrow for the longest words (they break between letters): each column keeps one
    // character, and what is left goes to the columns in proportion to how much more they want.
    const spare = Math.max(0, avail - n * one);
    const more = min.map((w) => Math.max(0, w - one));
    const total = more.reduce((a, b) => a + b, 0) || 1;
    return more.map((m) => one + (spare * m) / total);
  }
  const widths = new Array<number>(n).fill(0);
  let open = natural.map((_, k) => k);
  let room = avail;
  for (;;) {
    const fair = room / open.length;
    const small = open.filter((k) => natural[k] <= fair);
    if (!small.length || small.length === open.length) break;
    for (const k of small) {
      widths[k] = natural[k];
      room -= natural[k];
    }
    open = open.filter((k) => !small.includes(k));
  }
  // Proportional shares, then any column below its least width lifted to it at the others' cost.
  let fixed = new Set<number>();
  for (;;) {
    const free = open.filter((k) => !fixed.has(k));
    const freeRoom = room - [...fixed].reduce((a, k) => a + min[k], 0);
    const total = free.reduce((a, k) => a + natural[k], 0) || 1;
    for (const k of free) widths[k] = (freeRoom * natural[k]) / total;
    for (const k of fixed) widths[k] = min[k];
    const under = free.filter((k) => widths[k] < min[k] - 1e-6);
    if (!under.length) break;
    fixed = new Set([...fixed, ...under]);
  }
  // The narrow columns' natural widths can leave the others less than their least: then every
  // column starts from its least width and the room left is shared by how much more each wants.
  if (widths.reduce((a, b) => a + b, 0) > avail + 1e-6) {
    const more = natural.map((w, k) => Math.max(0, w - min[k]));
    const total = more.reduce((a, b) => a + b, 0) || 1;
    return min.map((m, k) => m + ((avail - sumMin) * more[k]) / total);
  }
  return widths;
}

export function tableBlock(
  b: Table,
  inline: ArticleInline,
  frame: Frame,
  left: number,
  right: number,
  parent?: StructNode,
): FlowBlock {
  const ts = inline.ts;
  const t = ts.template;
  const tb = t.table;
  // Made before any cell is set (notes called from cells come after the table) and the
  // caption first: it is the table element's first child.
  const table = structNode('Table', parent);
  const captionNode = b.caption.length ? structNode('Caption', table) : undefined;
  const cols = Math.max(b.head.length, ...b.rows.map((r) => r.length), 1);
  const fill = (row: Span[][]) => Array.from({ length: cols }, (_, k) => row[k] ?? []);
  const head = fill(b.head);
  const rows = b.rows.map(fill);
  const measure = frame.width - left - right;
  const styles = (size: number): [RunStyle, RunStyle] => [
    { font: tb.font, size, color: tb.color, bold: tb.headerFont },
    { font: tb.headerFont, size, color: tb.color, bold: tb.headerFont },
  ];

  // Row by row, as read: footnotes in cells are numbered in reading order.
  const widest = (size: number, cell: (spans: Span[], style: RunStyle) => number, floor: number): number[] => {
    const [body, header] = styles(size);
    const w = new Array<number>(cols).fill(floor);
    [head, ...rows].forEach((row, r) =>
      row.forEach((spans, c) => (w[c] = Math.max(w[c], cell(spans, r ? body : header)))),
    );
    return w;
  };
  const fit = tableSize(tb.size, Math.min(tb.minSize, tb.size), cols, measure, tb.padding, {
    natural: (size) => widest(size, (spans, style) => cellWidth(inline, spans, style, WIDE), 0),
    least: (size) => widest(size, (spans, style) => cellWidth(inline, spans, style, 1), size),
    words: (size) =>
      widest(
        size,
        (spans, style) => Math.max(0, ...lineSpans(spans).map((seg) => ts.unbreakable(inline.runs(seg, style)))),
        size,
      ),
  });
  const size = fit.size;
  if (fit.narrow) {
    const why = tr(fit.narrow === 'words' ? 'table-narrow.words' : 'table-narrow.columns');
    ts.diags.warn('table-narrow', b.pos, tr('table-narrow', { cols, size: round(size), why }), tr('table-narrow.fix'));
  }
  const [bodyStyle, headStyle] = styles(size);
  const inset = fit.inset;
  const pitch = (tb.pitch * size) / tb.size;
  const natural = fit.natural;
  const widths = fit.widths;
  const xs: number[] = [];
  let x = frame.left + left;
  for (const w of widths) {
    xs.push(x);
    x += w + 2 * inset;
  }
  const x0 = frame.left + left;
  const x1 = x;

  // Columns the editor left unaligned: centred when every cell fits on one line, else justified.
  const align = (c: number): 'left' | 'center' | 'justify' | 'right' => {
    const a: CellAlign = b.align[c] ?? null;
    if (a) return a;
    if (tb.cellAlign !== 'auto') return tb.cellAlign;
    return natural[c] <= widths[c] + 1e-6 ? 'center' : 'justify';
  };
  const set = (spans: Span[], style: RunStyle, c: number, header: boolean): Line[] => {
    const a = header ? 'center' : align(c);
    const lines = inline.lines(spans, style, { measure: widths[c], align: a === 'right' ? 'left' : a });
    return a === 'right' ? lines.map((l) => shiftLine(l, widths[c] - l.right)) : lines;
  };

  const thick = tb.thick;
  const thin = tb.thin;
  const pad = tb.rowPadding;
  const rule = (xa: number, ya: number, xb: number, yb: number, width: number): Item => ({
    kind: 'rule',
    x1: xa,
    y1: ya,
    x2: xb,
    y2: yb,
    width,
    color: tb.color,
  });
  /** Cell lines at their places in a slot: `at(c, j)` gives line j of cell c its top, or nothing. */
  const slot = (
    cells: Line[][],
    nodes: StructNode[],
    height: number,
    at: (c: number, j: number) => number | undefined,
    over: Item[],
    rules: Item[],
    below: number,
  ): FlowLine => {
    const items: Item[] = [];
    const notes: FlowNote[] = [];
    cells.forEach((lines, c) => {
      // An empty cell is still a cell of the table's structure: an item with nothing in it.
      const top = at(c, 0);
      if (!lines.length && top !== undefined)
        items.push({ kind: 'text', x: xs[c] + inset, y: top + baselineIn(pitch, size), glyphs: [], node: nodes[c] });
      lines.forEach((l, j) => {
        const y = at(c, j);
        if (y === undefined) return;
        items.push(...inline.items(l, xs[c] + inset, y + baselineIn(pitch, size), y, pitch, nodes[c]));
        for (const note of inline.notesIn(l) ?? []) if (!notes.includes(note)) notes.push(note);
      });
    });
    items.push(...over);
    if (tb.rules === 'grid') for (const xv of [...xs, x1]) items.push(rule(xv, 0, xv, height, thin));
    items.push(...rules);
    return { height: height + below, items, notes: notes.length ? notes : undefined };
  };
  const rowLine = (cells: Line[][], header: boolean, last: boolean, below = 0): FlowLine => {
    // One row element however many pages the row is split over.
    const row = structNode('TR', table);
    const nodes = cells.map(() => structNode(header ? 'TH' : 'TD', row, header ? { scope: 'Column' } : {}));
    const n = Math.max(1, ...cells.map((c) => c.length));
    const height = n * pitch + 2 * pad;
    const over = header ? [rule(x0, thick / 2, x1, thick / 2, thick)] : [];
    const rules: Item[] = [];
    if (tb.rules === 'grid' && !header && !last) rules.push(rule(x0, height, x1, height, thin));
    if (header) rules.push(rule(x0, height, x1, height, thin));
    if (last) rules.push(rule(x0, height - thick / 2, x1, height - thick / 2, thick));
    // Cells with fewer lines sit in the middle of the row.
    const line = slot(
      cells,
      nodes,
      height,
      (c, j) => pad + ((n - cells[c].length) * pitch) / 2 + j * pitch,
      over,
      rules,
      below,
    );
    if (header || n < 2) return line;
    return { ...line, split: splitRow(cells, nodes, 0, last, below) };
  };
  /**
   * A row taller than the room left breaks between lines of its cells, all at one height: the
   * cells of its pieces start at the top, each piece with the row's padding above and below
   * (the rule that closes a page's piece is the table's `cut`). A cell keeps `orphans` lines
   * before a break and `widows` after it, unless nothing else fits on a page.
   */
  const splitRow = (
    cells: Line[][],
    nodes: StructNode[],
    from: number,
    last: boolean,
    below: number,
  ): NonNullable<FlowLine['split']> => {
    const n = Math.max(...cells.map((c) => c.length));
    /** Row lines a…to-1; the piece that ends the row may be split again. */
    const piece = (a: number, to: number): FlowLine => {
      const end = to >= n;
      const height = (to - a) * pitch + 2 * pad;
      const rules: Item[] = [];
      if (end && tb.rules === 'grid' && !last) rules.push(rule(x0, height, x1, height, thin));
      if (end && last) rules.push(rule(x0, height - thick / 2, x1, height - thick / 2, thick));
      const line = slot(
        cells,
        nodes,
        height,
        (_, j) => (j >= a && j < to ? pad + (j - a) * pitch : undefined),
        [],
        rules,
        end ? below : 0,
      );
      return end && n - a >= 2 ? { ...line, split: splitRow(cells, nodes, a, last, below) } : line;
    };
    const keeps = (k: number) =>
      cells.every((c) => {
        const left = c.length - from;
        const here = Math.min(k, left);
        return left <= 0 || here === left || (here >= t.flow.orphans && left - here >= t.flow.widows);
      });
    return (fits, force) => {
      // A taller piece holds more notes too: fitting is monotone, so the tallest that fits is found by halving.
      let lo = 0;
      let hi = n - from - 1;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (fits(piece(from, from + mid))) lo = mid;
        else hi = mid - 1;
      }
      let k = lo;
      while (k > 0 && !keeps(k)) k--;
      if (k === 0 && force && n - from >= 2) k = Math.max(1, lo);
      return k > 0 ? [piece(from, from + k), piece(from + k, n)] : undefined;
    };
  };

  const headCells = head.map((spans, c) => set(spans, headStyle, c, true));
  // A little air above the rules and below them; the text after the table goes back to the grid.
  const air = 0.3 * frame.pitch;
  const headLine = rowLine(headCells, true, rows.length === 0);
  const bodyLines = rows.map((r, k) =>
    rowLine(
      r.map((spans, c) => set(spans, bodyStyle, c, false)),
      false,
      k === rows.length - 1,
      k === rows.length - 1 ? air : 0,
    ),
  );

  // Captions sit on the body grid, like text: the table starts on it.
  const cap = t.caption;
  const captionLines = (spans: Span[], node?: StructNode): FlowLine[] =>
    inline
      .lines(spans, { font: cap.font, size: cap.size, color: cap.color }, { measure: x1 - x0, align: 'center' })
      .map((l) => inline.slot(l, x0, frame.pitch, baselineIn(frame.pitch, cap.size), node));
  const caption = b.caption.length ? captionLines(b.caption, captionNode) : [];
  const label = tb.continued ? continuedLabel(tb.continued, b.caption) : '';
  // 续表N and the header repeated on a further page are furniture: the table is read once.
  const again = label ? captionLines([{ text: label, pos: b.pos }]) : [];
  // The repeated header carries no footnotes: they are set once, where first referred to.
  const headAgain: FlowLine = padded(
    { ...headLine, items: headLine.items.map((it) => ({ ...it, node: undefined })), notes: undefined },
    again.length ? 0.25 * cap.size : air,
    0,
  );
  const lines = [
    ...caption,
    padded(headLine, caption.length ? 0.25 * cap.size : air, rows.length ? 0 : air),
    ...bodyLines,
  ];
  return {
    lines,
    // Rows count as lines: a table leaves at least its caption, header and `orphans` rows at a
    // page foot, and carries at least `widows` rows over (a row split in two keeps its own).
    orphans: caption.length + 1 + Math.min(t.flow.orphans, rows.length),
    widows: Math.min(t.flow.widows, rows.length),
    head: [...again, headAgain],
    cut: [rule(x0, -thick / 2, x1, -thick / 2, thick)],
    snap: true,
    pos: b.pos,
  };
}

interface TableFit {
  size: number;
  /** Space at each side of a cell's text, pt. */
  inset: number;
  widths: number[];
  natural: number[];
  /** Too narrow even at the least size: why. */
  narrow?: 'words' | 'columns';
}

/** A table's cells measured at a size: widest lines unbroken, broken at every chance, and longest words. */
export interface TableMeasure {
  natural(size: number): number[];
  /** The widest single glyph or character of each column (with every other break taken). */
  least(size: number): number[];
  /** The longest stretch of each column no break divides: a word, a number with its unit. */
  words(size: number): number[];
}

/**
 * The size a table is set at: the template's, or smaller (by half points, down to `least`)
 * when its text does not fit on one line per cell and its columns cannot each hold two
 * characters or their longest words. Widths scale with the size, so smaller sizes are tried
 * on the widths measured once; the chosen one is measured again. No column is narrower than
 * one character: the padding gives way first, then the size.
 */
export function tableSize(
  size: number,
  least: number,
  cols: number,
  measure: number,
  padding: number,
  m: TableMeasure,
): TableFit {
  const avail = (s: number) => measure - cols * 2 * padding * s;
  const sum = (w: number[]) => w.reduce((a, b) => a + b, 0);
  const natural0 = m.natural(size);
  let words0: number[] | undefined;
  const wordsAt = (s: number) => (words0 ??= m.words(size)).map((w) => Math.max((w * s) / size, s));
  const tight = (s: number): TableFit['narrow'] => {
    if (sum(natural0) * (s / size) <= avail(s) + 1e-6) return undefined;
    if (avail(s) < cols * 2 * s - 1e-6) return 'columns';
    return sum(wordsAt(s)) > avail(s) + 1e-6 ? 'words' : undefined;
  };
  // Columns are kept as wide as their longest words where all of them fit, else one glyph.
  const floor = (s: number, room: number, words: () => number[]) => () => {
    const w = words();
    return sum(w) <= room + 1e-6 ? w : m.least(s);
  };
  let s = size;
  let narrow = tight(s);
  while (narrow && s > least + 1e-6) {
    s = Math.max(least, s - 0.5);
    narrow = tight(s);
  }
  if (!narrow && s === size) {
    const widths = columnWidths(
      natural0,
      floor(s, avail(s), () => wordsAt(s)),
      avail(s),
      s,
    );
    return { size, inset: padding * s, widths, natural: natural0 };
  }
  if (measure < cols * s) {
    // More columns than characters across: one character each, without padding.
    s = Math.floor((measure / cols) * 100) / 100;
    narrow = 'columns';
  }
  const inset = Math.min(padding * s, Math.max(0, (measure / cols - s) / 2));
  const room = measure - cols * 2 * inset;
  const natural = m.natural(s);
  const widths = columnWidths(
    natural,
    floor(s, room, () => m.words(s).map((w) => Math.max(w, s))),
    room,
    s,
  );
  return { size: s, inset, widths, natural, narrow };
}

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** A cell's text between its hard line breaks (<br>). */
function lineSpans(spans: Span[]): Span[][] {
  const out: Span[][] = [[]];
  for (const s of spans) {
    if (s.br) out.push([]);
    else out[out.length - 1].push(s);
  }
  return out;
}

/** "续表" with the table's number when its caption has one: 表3 … → 续表3. */
function continuedLabel(label: string, caption: Span[]): string {
  const m = /^\s*表\s*([0-9０-９]+(?:[-.－][0-9０-９]+)?)/.exec(caption.map((s) => s.text).join(''));
  return m && label.endsWith('表') ? `${label}${m[1]}` : label;
}

/** A flow line with space added above (its items moved down) and below. */
function padded(l: FlowLine, above: number, below: number): FlowLine {
  return { ...l, height: l.height + above + below, items: above ? l.items.map((it) => shiftItem(it, above)) : l.items };
}
