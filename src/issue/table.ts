// GFM pipe tables → a flow block: column widths from content, cells composed by the same
// Chinese composer as the text, rows that never split, the header repeated on each page the
// table runs onto, ruled as a three-line table (三线表) or a full grid.
import type { Line } from '../compose/lines.js';
import { shiftItem, structNode, type Item, type StructNode } from '../paginate/display.js';
import type { FlowBlock, FlowLine, FlowNote } from '../paginate/flow.js';
import type { Block, CellAlign, Span } from '../source/model.js';
import type { Frame } from '../template/model.js';
import { baselineIn } from './typeset.js';
import type { InlineSetter, RunStyle } from './inline.js';

type Table = Extract<Block, { kind: 'table' }>;

const WIDE = 1e5;

/** Widest line of a cell set without a measure (its natural width), or broken at every chance (its least). */
function cellWidth(inline: InlineSetter, spans: Span[], style: RunStyle, measure: number): number {
  let w = 0;
  for (const l of inline.lines(spans, style, { measure, align: 'left' })) w = Math.max(w, l.right);
  return w;
}

/**
 * Column widths filling the measure. When all fit, each column gets its natural width and the
 * room left is shared equally. Else, as browsers do, columns no wider than a fair share keep
 * their natural width, and the rest share what remains in proportion to their natural widths,
 * never below their least width (their longest unbreakable word).
 */
export function columnWidths(natural: number[], least: () => number[], avail: number): { widths: number[]; overfull: boolean } {
  const n = natural.length;
  const sum = natural.reduce((a, b) => a + b, 0);
  if (sum <= avail) return { widths: natural.map((w) => w + (avail - sum) / n), overfull: false };
  const min = least();
  const sumMin = min.reduce((a, b) => a + b, 0);
  if (sumMin >= avail) return { widths: min.map((w) => (w * avail) / sumMin), overfull: sumMin > avail + 1e-6 };
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
  return { widths, overfull: false };
}

export function tableBlock(b: Table, inline: InlineSetter, frame: Frame, left: number, right: number, parent?: StructNode): FlowBlock {
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
  const bodyStyle: RunStyle = { font: tb.font, size: tb.size, color: tb.color, bold: tb.headerFont };
  const headStyle: RunStyle = { font: tb.headerFont, size: tb.size, color: tb.color, bold: tb.headerFont };
  const inset = tb.padding * tb.size;
  const measure = frame.width - left - right;
  const avail = measure - cols * 2 * inset;

  // Row by row, as read: footnotes in cells are numbered in reading order.
  const all: [Span[][], RunStyle][] = [[head, headStyle], ...rows.map((r): [Span[][], RunStyle] => [r, bodyStyle])];
  const widest = (measure: number, floor: number): number[] => {
    const w = new Array<number>(cols).fill(floor);
    for (const [row, style] of all) row.forEach((spans, c) => (w[c] = Math.max(w[c], cellWidth(inline, spans, style, measure))));
    return w;
  };
  const natural = widest(WIDE, 0);
  const least = () => widest(1, tb.size);
  const { widths, overfull } = columnWidths(natural, least, avail);
  if (overfull) {
    ts.diags.warn('table-wide', b.pos, `the table's ${cols} columns are wider than the page even with every cell broken; some text runs over its cell`, 'use fewer columns, shorter words or numbers, or split the table');
  }
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
    return a === 'right' ? lines.map((l) => shift(l, widths[c] - l.right)) : lines;
  };

  const thick = tb.thick;
  const thin = tb.thin;
  const rule = (xa: number, ya: number, xb: number, yb: number, width: number): Item => ({ kind: 'rule', x1: xa, y1: ya, x2: xb, y2: yb, width, color: tb.color });
  const rowLine = (cells: Line[][], header: boolean, last: boolean): FlowLine => {
    const n = Math.max(1, ...cells.map((c) => c.length));
    const height = n * tb.pitch + 2 * tb.rowPadding;
    const items: Item[] = [];
    const notes: FlowNote[] = [];
    const row = structNode('TR', table);
    cells.forEach((lines, c) => {
      const cell = structNode(header ? 'TH' : 'TD', row, header ? { scope: 'Column' } : {});
      // Cells with fewer lines sit in the middle of the row.
      const top = tb.rowPadding + ((n - lines.length) * tb.pitch) / 2;
      // An empty cell is still a cell of the table's structure: an item with nothing in it.
      if (!lines.length) items.push({ kind: 'text', x: xs[c] + inset, y: top + baselineIn(tb.pitch, tb.size), glyphs: [], node: cell });
      lines.forEach((l, j) => {
        const y = top + j * tb.pitch;
        items.push(...inline.items(l, xs[c] + inset, y + baselineIn(tb.pitch, tb.size), y, tb.pitch, cell));
        for (const note of inline.notesIn(l) ?? []) if (!notes.includes(note)) notes.push(note);
      });
    });
    if (header) items.push(rule(x0, thick / 2, x1, thick / 2, thick));
    if (tb.rules === 'grid') {
      for (const xv of [...xs, x1]) items.push(rule(xv, 0, xv, height, thin));
      if (!header && !last) items.push(rule(x0, height, x1, height, thin));
    }
    if (header) items.push(rule(x0, height, x1, height, thin));
    if (last) items.push(rule(x0, height - thick / 2, x1, height - thick / 2, thick));
    return { height, items, notes: notes.length ? notes : undefined };
  };

  const headCells = head.map((spans, c) => set(spans, headStyle, c, true));
  const headLine = rowLine(headCells, true, rows.length === 0);
  const bodyLines = rows.map((r, k) => rowLine(r.map((spans, c) => set(spans, bodyStyle, c, false)), false, k === rows.length - 1));

  // Captions sit on the body grid, like text: the table starts on it.
  const cap = t.caption;
  const captionLines = (spans: Span[], node?: StructNode): FlowLine[] =>
    inline.lines(spans, { font: cap.font, size: cap.size, color: cap.color }, { measure: x1 - x0, align: 'center' }).map((l) => inline.slot(l, x0, frame.pitch, baselineIn(frame.pitch, cap.size), node));
  const caption = b.caption.length ? captionLines(b.caption, captionNode) : [];
  const label = tb.continued ? continuedLabel(tb.continued, b.caption) : '';
  // 续表N and the header repeated on a further page are furniture: the table is read once.
  const again = label ? captionLines([{ text: label, pos: b.pos }]) : [];
  // A little air above the rules and below them; the text after the table goes back to the grid.
  const air = 0.3 * frame.pitch;
  // The repeated header carries no footnotes: they are set once, where first referred to.
  const headAgain: FlowLine = pad({ ...headLine, items: headLine.items.map((it) => ({ ...it, node: undefined })), notes: undefined }, again.length ? 0.25 * cap.size : air, 0);
  const lines = [...caption, pad(headLine, caption.length ? 0.25 * cap.size : air, 0), ...bodyLines];
  lines[lines.length - 1] = pad(lines[lines.length - 1], 0, air);
  return {
    lines,
    // Rows count as lines: a table leaves at least its caption, header and `orphans` rows at a
    // page foot, and carries at least `widows` rows over.
    orphans: caption.length + 1 + Math.min(t.flow.orphans, rows.length),
    widows: Math.min(t.flow.widows, rows.length),
    head: [...again, headAgain],
    cut: [rule(x0, -thick / 2, x1, -thick / 2, thick)],
    snap: true,
    pos: b.pos,
  };
}

/** "续表" with the table's number when its caption has one: 表3 … → 续表3. */
function continuedLabel(label: string, caption: Span[]): string {
  const m = /^\s*表\s*([0-9０-９]+(?:[-.－][0-9０-９]+)?)/.exec(caption.map((s) => s.text).join(''));
  return m && label.endsWith('表') ? `${label}${m[1]}` : label;
}

/** A flow line with space added above (its items moved down) and below. */
function pad(l: FlowLine, above: number, below: number): FlowLine {
  return { ...l, height: l.height + above + below, items: above ? l.items.map((it) => shiftItem(it, above)) : l.items };
}

function shift(l: Line, dx: number): Line {
  return { ...l, glyphs: l.glyphs.map((g) => ({ ...g, x: g.x + dx })), links: l.links.map((s) => ({ ...s, x0: s.x0 + dx, x1: s.x1 + dx })), left: l.left + dx, right: l.right + dx };
}
