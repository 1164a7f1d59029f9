// Page 1: the masthead (报头) and the generated table of contents.
import type { PlacedGlyph } from '../core/drawn.js';
import type { Line } from '../compose/lines.js';
import { structNode, type Item, type StructNode } from '../paginate/display.js';
import type { Issue } from '../source/model.js';
import type { Frame } from '../template/model.js';
import { baselineIn, type Typesetter } from '../set/typeset.js';

export interface TocEntry {
  title: string;
  /** 1: an article's title; 2 and 3: its sections (toc.levels). */
  level: number;
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

/** A masthead line's text: {issue}, {publisher} and {date} filled in. */
function mastheadText(format: string, issue: Issue): string {
  return format
    .replace(/\{issue\}/g, issueLine(issue))
    .replace(/\{publisher\}/g, issue.meta.publisher)
    .replace(/\{date\}/g, chineseDate(issue.meta.date));
}

/**
 * Masthead items, all from the template's options: the title, letter-spaced; the issue line;
 * the publisher's line (left and right parts, on the body grid); the rule, single or double.
 * Returns them and the y where the contents may begin.
 */
export function masthead(
  issue: Issue,
  ts: Typesetter,
  frame: Frame,
  doc?: StructNode,
): { items: Item[]; bottom: number } {
  const t = ts.template;
  const m = t.masthead;
  const items: Item[] = [];
  const pos = at(issue);
  // The bulletin's name, letter-spaced; centred on the paper or at an edge of the text block.
  const title = ts.line(
    ts.plain(m.title.replace(/\{title\}/g, issue.meta.title), m.titleFont, m.titleSize, m.color, pos),
  );
  const tracked = track(title.glyphs, m.titleTracking * m.titleSize);
  const titleWidth = width(tracked);
  let y = m.top + m.titleSize * 0.88;
  const titleX =
    m.titleAlign === 'center'
      ? (t.page.width - titleWidth) / 2
      : m.titleAlign === 'left'
        ? frame.left
        : frame.left + frame.width - titleWidth;
  items.push({ kind: 'text', x: titleX, y, glyphs: tracked, node: structNode('Title', doc) });
  // The last line set: the rule is measured from the foot of its type.
  let last = m.titleSize;
  if (m.issueLine) {
    y += m.issueSize * m.issueGap;
    const align = m.issueAlign === 'right' ? 'left' : m.issueAlign;
    const il = ts.line(
      ts.plain(mastheadText(m.issueLine, issue), m.issueFont, m.issueSize, m.issueColor, pos),
      align,
      frame.width,
    );
    const x = m.issueAlign === 'right' ? frame.left + frame.width - il.right : frame.left;
    items.push({ kind: 'text', x, y, glyphs: spacersOut(il.glyphs), node: structNode('P', doc) });
    last = m.issueSize;
  }
  if (m.unitLine && (m.unitLeft || m.unitRight)) {
    // The publisher's line sits on the body grid like every other line of body-sized text.
    y += m.unitSize * m.unitGap;
    y = snapToGrid(y, frame, m.unitSize);
    if (m.unitLeft) {
      const unit = ts.line(ts.plain(mastheadText(m.unitLeft, issue), m.unitFont, m.unitSize, m.unitColor, pos));
      items.push({ kind: 'text', x: frame.left, y, glyphs: spacersOut(unit.glyphs), node: structNode('P', doc) });
    }
    if (m.unitRight) {
      const date = ts.line(ts.plain(mastheadText(m.unitRight, issue), m.unitFont, m.unitSize, m.unitColor, pos));
      items.push({
        kind: 'text',
        x: frame.left + frame.width - date.right,
        y,
        glyphs: spacersOut(date.glyphs),
        node: structNode('P', doc),
      });
    }
    last = m.unitSize;
  }
  y += 0.12 * last + m.ruleOffset;
  if (m.ruleWidth <= 0) return { items, bottom: y };
  const length = m.ruleLength * frame.width;
  const x1 = frame.left + (frame.width - length) / 2;
  const rule = (at: number, w: number): Item => ({
    kind: 'rule',
    x1,
    y1: at,
    x2: x1 + length,
    y2: at,
    width: w,
    color: m.color,
  });
  items.push(rule(y, m.ruleWidth));
  // A thin second rule below the red one, when the template asks for two.
  if (m.ruleGap > 0 && m.rule2Width > 0) {
    y += m.ruleWidth / 2 + m.ruleGap + 0.3;
    items.push(rule(y, m.rule2Width));
  }
  return { items, bottom: y };
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
export function contents(
  issue: Issue,
  entries: TocEntry[],
  ts: Typesetter,
  frame: Frame,
  top: number,
  doc?: StructNode,
): Item[][] {
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
  const numBox = 2.5 * em;
  const dot = ts.line(ts.plain(t.leader, t.font, t.size, t.color, pos));
  // Each level: its bullet, where its text starts (sections further in by sub-indent), its font.
  const style = (level: number) => {
    const sub = level > 1;
    const bullet = ts.line(ts.plain(sub ? t.subBullet : t.bullet, sub ? t.subFont : t.font, t.size, t.color, pos));
    const start = sub ? (level - 1) * t.subIndent * frame.charPitch : 0;
    const hang = sub ? start + (bullet.glyphs.length ? bullet.right + 0.5 * em : 0) : bullet.right + 0.5 * em;
    return { bullet, start, hang, font: sub ? t.subFont : t.font };
  };
  const styles = new Map([1, 2, 3].map((l) => [l, style(l)]));
  const composed = entries.map((e) => {
    const s = styles.get(e.level)!;
    const set = (text: string, measure: number) =>
      ts.lines([ts.plain(text, s.font, t.size, t.color, pos)], {
        measure,
        align: 'left',
        firstIndent: s.hang,
        restIndent: s.hang,
        em,
      });
    const full = frame.width - numBox;
    const lines = set(e.title, full);
    if (lines.length < 2) return lines;
    // A title of two clauses (主题　副题) that wraps onto two lines breaks between them when
    // each fits on a line.
    const clauses = /^(\S.*?)[ \u3000]+(\S[^ \u3000]*)$/.exec(e.title);
    if (lines.length === 2 && clauses) {
      const [head, tail] = [set(clauses[1], full), set(clauses[2], full)];
      if (head.length === 1 && tail.length === 1) return [head[0], tail[0]];
    }
    // Otherwise it is set in lines of even length — on the narrowest measure that keeps its
    // number of lines — so that the last line, which the leader follows, is never one or two
    // characters left over from a full line.
    let best = lines;
    let lo = s.hang + (full - s.hang) / lines.length - em;
    let hi = full;
    while (hi - lo > em / 4) {
      const mid = (lo + hi) / 2;
      const tried = set(e.title, mid);
      if (tried.length === lines.length) [best, hi] = [tried, mid];
      else lo = mid;
    }
    return best;
  });
  const bottom = frame.top + frame.height;
  // An article's entry takes the template's pitch; a section's, one grid line.
  const section = (n: number) => (entries[n]?.level ?? 1) > 1;
  const step = (pitch: number, n: number) => (section(n) ? frame.pitch : pitch);
  const need = (pitch: number) =>
    composed.reduce((h, lines, n) => h + step(pitch, n) + (lines.length - 1) * frame.pitch, 0);
  const pitch = need(t.pitch) <= bottom - y ? t.pitch : frame.pitch;
  // baseline of the first grid line at or below y
  const grid = (yy: number) => {
    const base = frame.top + baselineIn(frame.pitch, t.size);
    return base + Math.ceil((yy - base - 1e-6) / frame.pitch) * frame.pitch;
  };
  // (at least a line of the entries' size below the heading, when they sit at the grid's own pitch)
  let base = grid(y + Math.max(pitch - frame.pitch, t.size));
  // The last item set at each level, and the list of items under it.
  const above: (StructNode | undefined)[] = [];
  const lists: (StructNode | undefined)[] = [];
  entries.forEach((e, n) => {
    const lines = composed[n];
    // The entry's text, leader and number are the link to its article; the leader, drawn
    // as dots, copies as …, and is furniture to a screen reader.
    // A section's item goes in a list (TOC) of its own inside the item above it, as PDF/UA nests contents.
    const parent =
      e.level > 1 && above[e.level - 1] ? (lists[e.level - 1] ??= structNode('TOC', above[e.level - 1])) : toc;
    const item = structNode('TOCI', parent);
    above[e.level] = item;
    lists[e.level] = undefined;
    above.length = lists.length = e.level + 1;
    const link = structNode('Link', item);
    const height = (lines.length - 1) * frame.pitch;
    if (base + height > bottom) {
      items = [];
      pages.push(items);
      base = grid(frame.top);
    }
    // The link's box: an article's entry takes half its extra pitch above, and below unless a section follows.
    const extra = (pitch - frame.pitch) / 2;
    const entryTop = base - baselineIn(frame.pitch, t.size) - (section(n) ? 0 : extra);
    const { bullet, start } = styles.get(e.level)!;
    lines.forEach((line: Line, k) => {
      const glyphs = k === 0 ? [...bullet.glyphs.map((g) => ({ ...g, x: g.x + start })), ...line.glyphs] : line.glyphs;
      items.push({ kind: 'text', x: frame.left, y: base, glyphs, node: link });
      if (k === lines.length - 1) {
        // In reading order: title, leader, number.
        const num = ts.line(ts.plain(e.page === null ? '000' : String(e.page), t.font, t.size, t.color, pos));
        const numX = frame.width - num.right;
        const cell = 0.5 * em;
        const dots: PlacedGlyph[] = [];
        // Dots on a fixed grid, so the leaders of all entries line up.
        for (let x = Math.ceil((line.right + 0.5 * em) / cell) * cell; x + cell <= numX - 0.3 * em; x += cell) {
          for (const g of dot.glyphs) dots.push({ ...g, x: x + (cell - dot.right) / 2, text: '…' });
        }
        if (dots.length) items.push({ kind: 'text', x: frame.left, y: base, glyphs: dots, continues: true });
        items.push({ kind: 'text', x: frame.left + numX, y: base, glyphs: num.glyphs, node: link, continues: true });
      } else base += frame.pitch;
    });
    const entryBottom =
      base + frame.pitch - baselineIn(frame.pitch, t.size) + (section(n) || section(n + 1) ? 0 : extra);
    items.push({
      kind: 'link',
      x: frame.left,
      y: entryTop,
      w: frame.width,
      h: entryBottom - entryTop,
      page: e.target,
      node: link,
      label: e.page === null ? e.title : `${e.title}，第${e.page}页`,
    });
    // To the next entry: the article pitch before an article, a grid line before a section.
    base += step(pitch, n + 1);
  });
  return pages;
}
