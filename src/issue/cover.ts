// Page 1: the masthead (报头) and the generated table of contents.
import type { PlacedGlyph } from '../compose/atoms.js';
import type { Line } from '../compose/lines.js';
import { structNode, type Item, type StructNode } from '../paginate/display.js';
import type { Issue } from '../source/model.js';
import type { Frame } from '../template/model.js';
import { baselineIn, type Typesetter } from './typeset.js';

export interface TocEntry {
  title: string;
  page: number | null; // printed page number; null in the first pass
  target: number; // page index, for the link
}

const at = (issue: Issue) => ({ file: `${issue.dir}/issue.yaml`, line: 0, col: 0 });

export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function issueLine(issue: Issue): string {
  const m = issue.meta;
  return `${m.year}年第${m.number}期` + (m.total ? `（总第${m.total}期）` : '');
}

/**
 * Glyphs of ideographic spaces put in by the design, not typed by the editor (目　录, the
 * unit line's 　编辑): their room stays, their text goes, so the line copies as 目录.
 */
export function spacersOut(glyphs: PlacedGlyph[]): PlacedGlyph[] {
  return glyphs.filter((g) => g.text !== '\u3000');
}

/** Masthead items; returns them and the y where the contents may begin. */
export function masthead(issue: Issue, ts: Typesetter, frame: Frame, doc?: StructNode): { items: Item[]; bottom: number } {
  const t = ts.template;
  const m = t.masthead;
  const items: Item[] = [];
  const pos = at(issue);
  // The bulletin's name, letter-spaced and centred.
  const title = ts.line(ts.plain(issue.meta.title, m.titleFont, m.titleSize, m.color, pos));
  const tracked = track(title.glyphs, m.titleTracking * m.titleSize);
  const titleWidth = width(tracked);
  let y = m.top + m.titleSize * 0.88;
  items.push({ kind: 'text', x: (t.page.width - titleWidth) / 2, y, glyphs: tracked, node: structNode('Title', doc) });
  y += m.issueSize * m.issueGap;
  const il = ts.line(ts.plain(issueLine(issue), m.issueFont, m.issueSize, '#000000', pos), 'center', frame.width);
  items.push({ kind: 'text', x: frame.left, y, glyphs: il.glyphs, node: structNode('P', doc) });
  if (!m.unitLine) {
    // 公文: the red rule 4 mm under the issue line (发文字号).
    y += 0.12 * m.issueSize + 4 * (72 / 25.4);
    return { items: [...items, ...rules(y)], bottom: y + (m.ruleGap > 0 ? m.ruleWidth / 2 + m.ruleGap + 0.3 : 0) };
  }
  // The unit line sits on the body grid like every other line of body-sized text.
  y += m.unitSize * 2.4;
  y = snapToGrid(y, frame, m.unitSize);
  const unit = ts.line(ts.plain(`${issue.meta.publisher}　编辑`, m.unitFont, m.unitSize, '#000000', pos));
  items.push({ kind: 'text', x: frame.left, y, glyphs: spacersOut(unit.glyphs), node: structNode('P', doc) });
  const date = ts.line(ts.plain(chineseDate(issue.meta.date), m.unitFont, m.unitSize, '#000000', pos));
  items.push({ kind: 'text', x: frame.left + frame.width - date.right, y, glyphs: date.glyphs, node: structNode('P', doc) });
  y += m.unitSize * 0.8;
  items.push(...rules(y));
  if (m.ruleGap > 0) y += m.ruleWidth / 2 + m.ruleGap + 0.3;
  return { items, bottom: y };

  /** The red rule at y, and a thin one below it when the template asks for two. */
  function rules(at: number): Item[] {
    const out: Item[] = [{ kind: 'rule', x1: frame.left, y1: at, x2: frame.left + frame.width, y2: at, width: m.ruleWidth, color: m.color }];
    if (m.ruleGap > 0) {
      const y2 = at + m.ruleWidth / 2 + m.ruleGap + 0.3;
      out.push({ kind: 'rule', x1: frame.left, y1: y2, x2: frame.left + frame.width, y2, width: 0.6, color: m.color });
    }
    return out;
  }
}

function snapToGrid(y: number, frame: Frame, size: number): number {
  const base = frame.top + baselineIn(frame.pitch, size);
  return base + Math.ceil((y - base) / frame.pitch) * frame.pitch;
}

function track(glyphs: PlacedGlyph[], extra: number): PlacedGlyph[] {
  return glyphs.map((g, k) => ({ ...g, x: g.x + k * extra }));
}

function width(glyphs: PlacedGlyph[]): number {
  const last = glyphs[glyphs.length - 1];
  return last ? last.x + last.adv - glyphs[0].x : 0;
}

/**
 * The contents: ★, the title (wrapped with a hanging indent), dot leaders and the page
 * number flush right. Numbers are set in a fixed-width box, so the first pass (numbers
 * unknown) and the final one break titles alike. Entries sit on the body grid, at the
 * template's pitch when they fit on the cover, at the body pitch when they do not, and run
 * on to further pages when even that is not enough. Returns the items of each page.
 */
export function contents(issue: Issue, entries: TocEntry[], ts: Typesetter, frame: Frame, top: number, doc?: StructNode): Item[][] {
  const t = ts.template.toc;
  const pos = at(issue);
  const pages: Item[][] = [[]];
  let items = pages[0];
  let y = top + t.headingSize * 1.6;
  if (t.heading) {
    const h = ts.line(ts.plain(t.heading, t.headingFont, t.headingSize, t.color, pos), 'center', frame.width);
    y += t.headingSize * 0.9;
    items.push({ kind: 'text', x: frame.left, y, glyphs: spacersOut(h.glyphs), node: structNode('H1', doc) });
    y += t.headingSize * 0.6;
  }
  const toc = structNode('TOC', doc);
  const em = t.size;
  const bullet = ts.line(ts.plain(t.bullet, t.font, t.size, t.color, pos));
  const hang = bullet.right + 0.5 * em;
  const numBox = 2.5 * em;
  const dot = ts.line(ts.plain(t.leader, t.font, t.size, t.color, pos));
  const composed = entries.map((e) =>
    ts.lines([ts.plain(e.title, t.font, t.size, t.color, pos)], { measure: frame.width - numBox, align: 'left', firstIndent: hang, restIndent: hang, em }),
  );
  const bottom = frame.top + frame.height;
  const need = (pitch: number) => composed.reduce((h, lines) => h + pitch + (lines.length - 1) * frame.pitch, 0);
  const pitch = need(t.pitch) <= bottom - y ? t.pitch : frame.pitch;
  // baseline of the first grid line at or below y
  const grid = (yy: number) => {
    const base = frame.top + baselineIn(frame.pitch, t.size);
    return base + Math.ceil((yy - base - 1e-6) / frame.pitch) * frame.pitch;
  };
  // (at least a line of the entries' size below the heading, when they sit at the grid's own pitch)
  let base = grid(y + Math.max(pitch - frame.pitch, t.size));
  entries.forEach((e, n) => {
    const lines = composed[n];
    // The entry's text, leader and number are the link to its article; the leader, drawn
    // as dots, copies as …, and is furniture to a screen reader.
    const link = structNode('Link', structNode('TOCI', toc));
    const height = (lines.length - 1) * frame.pitch;
    if (base + height > bottom) {
      items = [];
      pages.push(items);
      base = grid(frame.top);
    }
    const entryTop = base - baselineIn(frame.pitch, t.size) - (pitch - frame.pitch) / 2;
    lines.forEach((line: Line, k) => {
      const glyphs = k === 0 ? [...bullet.glyphs, ...line.glyphs] : line.glyphs;
      items.push({ kind: 'text', x: frame.left, y: base, glyphs, node: link });
      if (k === lines.length - 1) {
        // In reading order: title, leader, number.
        const num = ts.line(ts.plain(e.page === null ? '000' : String(e.page), t.font, t.size, t.color, pos));
        const numX = frame.width - num.right;
        const step = 0.5 * em;
        const dots: PlacedGlyph[] = [];
        // Dots on a fixed grid, so the leaders of all entries line up.
        for (let x = Math.ceil((line.right + 0.5 * em) / step) * step; x + step <= numX - 0.3 * em; x += step) {
          for (const g of dot.glyphs) dots.push({ ...g, x: x + (step - dot.right) / 2, text: '…' });
        }
        if (dots.length) items.push({ kind: 'text', x: frame.left, y: base, glyphs: dots, continues: true });
        items.push({ kind: 'text', x: frame.left + numX, y: base, glyphs: num.glyphs, node: link, continues: true });
      } else base += frame.pitch;
    });
    const entryBottom = base + frame.pitch - baselineIn(frame.pitch, t.size) + (pitch - frame.pitch) / 2;
    items.push({ kind: 'link', x: frame.left, y: entryTop, w: frame.width, h: entryBottom - entryTop, page: e.target, node: link, label: e.page === null ? e.title : `${e.title}，第${e.page}页` });
    base += pitch;
  });
  return pages;
}
