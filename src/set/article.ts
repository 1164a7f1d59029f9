// An article → flow blocks: title, byline, headings, paragraphs, lists, quotes, code,
// section breaks, tables and figures, with the page-breaking wishes of each.
import { shiftLine, type Line } from '../compose/lines.js';
import { structNode, type Item, type Role, type StructNode } from '../paginate/display.js';
import { toGrid, type FlowBlock, type FlowLine } from '../paginate/flow.js';
import { setConstruct } from '../constructs/index.js';
import type { Article, Block, ConstructBlock, ImageRef, Span } from '../source/model.js';
import type { Frame, Template } from '../template/model.js';
import { ArticleInline, type RunStyle } from './inline.js';
import { tableBlock } from './table.js';
import { baselineIn, type Typesetter } from './typeset.js';

export interface ArticleOptions {
  /** The article runs on after another: open it with the template's separator. */
  separator?: boolean;
  /** The element the article's own (Art) element goes under. */
  parent?: StructNode;
  /** Receives the article's section headings down to this structure level (2: ##), anchored for the contents and outline. */
  sections?: { depth: number; out: SectionMark[] };
}

/** A section heading the contents and the outline may list: the flow records where `anchor` lands. */
export interface SectionMark {
  /** Its level in the structure: 2 under the article's title, 3 under that. */
  level: number;
  title: string;
  anchor: string;
}

/** Where a block is set: its measure's edges (from the text block's), its text style, list depth. */
interface Place {
  left: number;
  right: number;
  style: RunStyle;
  /** First-line indent of paragraphs, pt. */
  indent: number;
  /** Where a list's marker starts, from the text block's left edge. */
  listAt: number;
  depth: number;
  /** The element the block's elements go under. */
  node: StructNode;
}

export function articleBlocks(
  article: Article,
  ts: Typesetter,
  frame: Frame,
  anchor: string,
  o: ArticleOptions = {},
): FlowBlock[] {
  const builder = new FlowBlockBuilder(article, ts, frame, anchor, structNode('Art', o.parent));
  builder.sections = o.sections;
  return builder.blocks(o);
}

/** A heading's words as the contents lists them: its text, without note markers or breaks. */
export function spansText(spans: Span[]): string {
  return spans
    .map((s) => (s.note !== undefined ? '' : s.br ? ' ' : s.text))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Builds one article's flow blocks: its title and byline, then each block of its body. */
class FlowBlockBuilder {
  private readonly t: Template;
  private readonly em: number;
  private readonly inline: ArticleInline;
  /** The last heading level used: levels never skip one going down (PDF/UA). */
  private level = 1;
  sections?: ArticleOptions['sections'];

  constructor(
    readonly article: Article,
    readonly ts: Typesetter,
    readonly frame: Frame,
    readonly anchor: string,
    readonly node: StructNode,
  ) {
    this.t = ts.template;
    // Indents in characters are counted in cells of the text block's grid.
    this.em = frame.charPitch;
    this.inline = new ArticleInline(ts, article, anchor, frame);
    this.inline.noteParent = node;
  }

  blocks(o: ArticleOptions): FlowBlock[] {
    const t = this.t;
    const out: FlowBlock[] = [];
    if (o.separator) out.push(this.separator());
    out.push(...this.head());
    const body: Place = {
      left: 0,
      right: 0,
      style: { font: t.body.font, size: t.body.size, color: t.body.color },
      indent: t.body.indent * this.em,
      listAt: t.list.indent * this.em,
      depth: 0,
      node: this.node,
    };
    for (const b of this.article.blocks) out.push(...this.block(b, body));
    return out;
  }

  private get flow() {
    return this.t.flow;
  }

  /** Title and byline: centred, padded to whole grid lines, kept with the first lines of text. */
  private head(): FlowBlock[] {
    const t = this.t;
    const a = this.article;
    const em = this.em;
    const measure = this.frame.width - 4 * em;
    const titleLines = this.ts.lines(
      [this.ts.plain(a.meta.title, t.title.font, t.title.size, t.title.color, a.titlePos)],
      {
        measure,
        align: 'center',
      },
    );
    const out: FlowBlock[] = [
      {
        lines: this.grid(titleLines, t.title, 2 * em, t.title.spaceAfter, structNode('H1', this.node)),
        orphans: 1,
        widows: 1,
        keep: this.flow.keepAfterTitle,
        anchor: this.anchor,
        mark: a.meta.title,
        pos: a.titlePos,
      },
    ];
    const by = this.bylineText();
    if (by.length) {
      const b = t.byline;
      const align = b.align === 'right' ? 'left' : b.align;
      const lines = by.flatMap((text) => {
        const ls = this.ts.lines([this.ts.plain(text, b.font, b.size, b.color, a.titlePos)], { measure, align });
        const node = structNode('P', this.node);
        return (b.align === 'right' ? ls.map((l) => shiftLine(l, measure - l.right)) : ls).map((l) => ({ l, node }));
      });
      const slots = this.grid(
        lines.map((x) => x.l),
        b,
        2 * em,
        1,
      ).map((slot, k) =>
        k < lines.length ? { ...slot, items: slot.items.map((it) => ({ ...it, node: lines[k].node })) } : slot,
      );
      out.push({ lines: slots, orphans: 1, widows: 1, keep: this.flow.keepAfterTitle, pos: a.titlePos });
    }
    return out;
  }

  private bylineText(): string[] {
    const b = this.t.byline;
    const m = this.article.meta;
    const out: string[] = [];
    if (m.subtitle && b.subtitle) out.push(b.subtitle.replace('{subtitle}', m.subtitle));
    const who = [
      m.author && b.author ? b.author.replace('{author}', m.author) : '',
      m.source && b.source ? b.source.replace('{source}', m.source) : '',
    ]
      .filter(Boolean)
      .join(b.joiner);
    if (who) out.push(who);
    return out;
  }

  /** Between two articles that run on: a line of separator with a line of space each side. */
  private separator(): FlowBlock {
    const frame = this.frame;
    const space = (): FlowLine => ({ height: frame.pitch, items: [], space: true });
    return {
      lines: [space(), { ...this.breakLine(this.t.article.separator, 0, 0), space: true }, space()],
      orphans: 1,
      widows: 1,
      keep: 1,
    };
  }

  private block(b: Block, at: Place): FlowBlock[] {
    switch (b.kind) {
      case 'para':
        return [this.paragraph(b.spans, at, at.indent)];
      case 'heading':
        return [this.heading(b.level, b.spans, at, b.pos)];
      case 'list':
        return this.list(b, at);
      case 'rule': {
        const s = this.t.sectionBreak;
        const line = this.breakLine(s.style, at.left, at.right);
        // A section break never ends a page: it keeps with what follows, like a heading.
        return [
          {
            lines: [{ ...line, space: s.style === 'space' }],
            orphans: 1,
            widows: 1,
            keep: this.flow.keepAfterHeading,
            pos: b.pos,
          },
        ];
      }
      case 'code':
        return [this.code(b.text, at, b.pos)];
      case 'table':
        return [tableBlock(b, this.inline, this.frame, at.left, at.right, at.node)];
      case 'figure':
        return [this.figure(b.image, b.caption, at, b.pos)];
      default:
        return this.construct(b, at);
    }
  }

  /** A construct declared in src/constructs/: set by its module, handed how blocks are set here. */
  private construct(b: ConstructBlock, at: Place): FlowBlock[] {
    const ctx = {
      frame: this.frame,
      left: at.left,
      right: at.right,
      style: at.style,
      listAt: at.listAt,
      blocks: (blocks: Block[], o: { left: number; right: number; style: RunStyle; role: Role; listAt?: number }) => {
        const inner: Place = {
          ...at,
          left: o.left,
          right: o.right,
          style: o.style,
          listAt: o.listAt ?? at.listAt + o.left - at.left,
          node: structNode(o.role, at.node),
        };
        return blocks.flatMap((x) => this.block(x, inner));
      },
      node: (role: Role, parent = at.node) => structNode(role, parent),
    };
    return setConstruct(b, ctx, this.t);
  }

  /**
   * Whether text set between these edges keeps a sensible measure (at least 60 % of the
   * text block): lists and quotes nested past that are set at the indentation they have.
   */
  private roomy(left: number, right: number): boolean {
    return this.frame.width - left - right >= 0.6 * this.frame.width;
  }

  /** Body lines: one grid line each, so every page's baselines fall on the same grid. */
  private paragraph(spans: Span[], at: Place, indent: number, hang = 0): FlowBlock {
    const frame = this.frame;
    const node = structNode('P', at.node);
    const lines = this.inline.lines(spans, at.style, {
      measure: frame.width - at.left - at.right,
      align: 'justify',
      firstIndent: indent + hang,
      restIndent: hang,
    });
    return {
      lines: lines.map((l) =>
        this.inline.slot(l, frame.left + at.left, frame.pitch, baselineIn(frame.pitch, at.style.size), node),
      ),
      orphans: this.flow.orphans,
      widows: this.flow.widows,
      pos: spans[0]?.pos,
    };
  }

  private heading(level: number, spans: Span[], at: Place, pos: Block['pos']): FlowBlock {
    const h = this.t.headings[level] ?? this.t.headings[5];
    const measure = this.frame.width - at.left - at.right;
    const indent = h.align === 'left' ? h.indent * this.em : 0;
    // ## is H2 under the article's title (H1); a level skipped in the source is not skipped here.
    this.level = Math.min(Math.max(2, level), this.level + 1, 6);
    const node = structNode(`H${this.level}` as Role, at.node);
    const lines = this.inline.lines(
      spans,
      { font: h.font, size: h.size, color: h.color, bold: h.font },
      {
        measure,
        align: h.align,
        firstIndent: indent,
        restIndent: indent,
      },
    );
    const before: FlowLine[] = Array.from({ length: h.spaceBefore }, () => ({
      height: this.frame.pitch,
      items: [],
      space: true,
    }));
    const block: FlowBlock = {
      lines: [...before, ...this.grid(lines, h, at.left, h.spaceAfter, node)],
      orphans: 1,
      widows: 1,
      keep: this.flow.keepAfterHeading,
      pos,
    };
    // A heading the contents lists: its first line's place is recorded (not an article's start).
    const title = this.sections && this.level <= this.sections.depth ? spansText(spans) : '';
    if (title) {
      const mark = { level: this.level, title, anchor: `${this.anchor}/${this.sections!.out.length}` };
      this.sections!.out.push(mark);
      block.anchor = mark.anchor;
      block.section = true;
    }
    return block;
  }

  /**
   * Lines set at their own pitch, padded (centred) to a whole number of grid lines, plus
   * `after` empty grid lines: keeps the body grid intact below titles and headings.
   */
  private grid(
    lines: Line[],
    style: { size: number; pitch: number },
    left: number,
    after: number,
    node?: StructNode,
  ): FlowLine[] {
    const frame = this.frame;
    const own = lines.length * style.pitch;
    const pad = toGrid(own, frame.pitch) - own;
    const out: FlowLine[] = lines.map((line, k) => {
      const top = k === 0 ? pad / 2 : 0;
      const height = style.pitch + top + (k === lines.length - 1 ? pad / 2 : 0);
      return this.inline.slot(line, frame.left + left, height, top + baselineIn(style.pitch, style.size), node);
    });
    for (let k = 0; k < after; k++) out.push({ height: frame.pitch, items: [] });
    return out;
  }

  /** Lists: the marker in a box at the list's indent, the text hanging after it. */
  private list(b: Extract<Block, { kind: 'list' }>, at: Place): FlowBlock[] {
    const t = this.t;
    const em = this.em;
    const style = at.style;
    const markers = b.items.map((_, k) =>
      b.ordered ? `${b.start + k}${b.delimiter}` : t.list.bullets[Math.min(at.depth, t.list.bullets.length - 1)],
    );
    const pos = b.pos;
    const size = b.ordered ? style.size : style.size * t.list.bulletSize;
    const set = markers.map((m) => this.ts.line(this.ts.plain(m, style.font, size, style.color, pos)));
    // A small bullet is centred on the text's em box, not sat on its baseline.
    const baseline = baselineIn(this.frame.pitch, style.size) - 0.38 * (style.size - size);
    const box = Math.max(...set.map((l) => l.right), 0.5 * em);
    const markAt = at.listAt - at.left;
    const hang = markAt + box + t.list.gap * em;
    const out: FlowBlock[] = [];
    const list = structNode('L', at.node);
    b.items.forEach((item, k) => {
      const li = structNode('LI', list);
      const label = structNode('Lbl', li);
      const body = structNode('LBody', li);
      // Nested lists step in until the measure is down to its narrowest, then stay there.
      const listAt = this.roomy(at.listAt + t.list.nest * em + hang - markAt, at.right)
        ? at.listAt + t.list.nest * em
        : at.listAt;
      const inner: Place = { ...at, depth: at.depth + 1, listAt, node: body };
      const blocks: FlowBlock[] = [];
      for (const x of item) {
        if (x.kind === 'para') blocks.push(this.paragraph(x.spans, { ...at, node: body }, 0, hang));
        else if (x.kind === 'list') blocks.push(...this.list(x, { ...inner, left: at.left }));
        else {
          const left = this.roomy(at.left + hang, at.right) ? at.left + hang : at.left;
          blocks.push(...this.block(x, { ...inner, left, indent: 0, listAt: left }));
        }
      }
      // The marker goes on the item's first line, whatever starts it; an empty item still shows it.
      const m = set[k];
      // Numbers stand flush right in their box, so 9. and 10. end alike; bullets sit left.
      const mark: Item = {
        kind: 'text',
        x: this.frame.left + at.left + markAt + (b.ordered ? box - m.right : 0),
        y: baseline,
        glyphs: m.glyphs,
        node: label,
      };
      const first = blocks.find((x) => x.lines.some((l) => !l.space));
      if (first) {
        const n = first.lines.findIndex((l) => !l.space);
        const line = first.lines[n];
        // Slots taller than a grid line (a table's first row) keep the marker on their first text line.
        const text = line.items.find((it) => it.kind === 'text');
        const y =
          line.height > this.frame.pitch + 1e-6 && text?.kind === 'text'
            ? text.y - baselineIn(this.frame.pitch, style.size) + baseline
            : baseline;
        first.lines[n] = { ...line, items: [{ ...mark, y }, ...line.items] };
      } else blocks.push({ lines: [{ height: this.frame.pitch, items: [mark] }], orphans: 1, widows: 1 });
      out.push(...blocks);
    });
    return out;
  }

  /** Code: each source line as written (wrapped when too long), on body grid lines. */
  private code(text: string, at: Place, pos: Block['pos']): FlowBlock {
    const c = this.t.code;
    const frame = this.frame;
    const em = this.em;
    const left = at.left + c.indent * em;
    const measure = frame.width - left - at.right;
    const lines: FlowLine[] = [];
    const node = structNode('Code', at.node);
    const space = this.ts.line(this.ts.plain(' ', c.font, c.size, c.color, pos)).right || 0.5 * c.size;
    text.split('\n').forEach((raw, k) => {
      const src = raw.replace(/\t/g, '    ');
      const lead = src.length - src.trimStart().length;
      if (!src.trim()) {
        lines.push({ height: frame.pitch, items: [] });
        return;
      }
      const at0 = { ...pos, line: pos.line + 1 + k };
      const indent = Math.min(lead * Math.max(space, 0.25 * c.size), measure / 2);
      const set = this.ts.lines([this.ts.plain(src.trimStart(), c.font, c.size, c.color, at0)], {
        measure,
        align: 'left',
        firstIndent: indent,
        restIndent: indent + 2 * c.size,
      });
      for (const l of set)
        lines.push(this.inline.slot(l, frame.left + left, frame.pitch, baselineIn(frame.pitch, c.size), node));
    });
    return { lines, orphans: this.flow.orphans, widows: this.flow.widows, pos };
  }

  /** One grid line holding a section break: a short rule, a mark, or nothing. */
  private breakLine(style: 'rule' | 'mark' | 'space', left: number, right: number): FlowLine {
    const frame = this.frame;
    const s = this.t.sectionBreak;
    const measure = frame.width - left - right;
    const items: Item[] = [];
    if (style === 'rule') {
      const len = s.length * measure;
      const x = frame.left + left + (measure - len) / 2;
      items.push({
        kind: 'rule',
        x1: x,
        y1: frame.pitch / 2,
        x2: x + len,
        y2: frame.pitch / 2,
        width: s.width,
        color: this.t.body.color,
      });
    } else if (style === 'mark') {
      const b = this.t.body;
      const line = this.ts.line(
        this.ts.plain(s.mark, b.font, b.size, b.color, this.article.titlePos),
        'center',
        measure,
      );
      items.push({ kind: 'text', x: frame.left + left, y: baselineIn(frame.pitch, b.size), glyphs: line.glyphs });
    }
    return { height: frame.pitch, items };
  }

  /**
   * A figure: the picture at its own size (from the file's resolution, or the template's),
   * scaled down to the measure and the template's tallest, centred in whole grid lines with
   * air above; its caption below on grid lines of its own. One block that never splits.
   */
  private figure(image: ImageRef, caption: Span[], at: Place, pos: Block['pos']): FlowBlock {
    const frame = this.frame;
    const t = this.t;
    const fig = t.figure;
    const cap = t.caption;
    // Made before the caption is set (a note it calls comes after the figure). A figure
    // speaks through its caption, or without one through its file's name.
    const node = structNode('Figure', at.node, { alt: plainText(caption).trim() || image.src.replace(/^.*\//, '') });
    const measure = frame.width - at.left - at.right;
    const capMeasure = Math.max(measure - 4 * this.em, measure / 2);
    const capLines = plainText(caption).trim()
      ? this.inline.lines(
          caption,
          { font: cap.font, size: cap.size, color: cap.color },
          { measure: capMeasure, align: 'center' },
        )
      : [];
    const gap = capLines.length ? fig.gap : 0;
    const dpi = image.dpi ?? fig.dpi;
    let w = (image.width / dpi) * 72;
    let h = (image.height / dpi) * 72;
    const maxH = Math.max(
      frame.pitch,
      Math.min(fig.maxHeight * frame.height, frame.height - capLines.length * frame.pitch - gap - frame.pitch),
    );
    const scale = Math.min(1, measure / w, maxH / h);
    w *= scale;
    h *= scale;
    // Half a grid line of air at least above the picture (and below it when no caption follows).
    const box = toGrid(h + gap + (capLines.length ? 0.5 : 1) * frame.pitch, frame.pitch);
    const top = capLines.length ? box - gap - h : (box - h) / 2;
    const x0 = frame.left + at.left;
    const capNode = capLines.length ? structNode('Caption', node) : undefined;
    const items: Item[] = [{ kind: 'image', x: x0 + (measure - w) / 2, y: top, w, h, image, node }];
    let notes: FlowLine['notes'];
    capLines.forEach((l, k) => {
      const y = box + k * frame.pitch;
      items.push(
        ...this.inline.items(
          l,
          x0 + (measure - capMeasure) / 2,
          y + baselineIn(frame.pitch, cap.size),
          y,
          frame.pitch,
          capNode,
        ),
      );
      const n = this.inline.notesIn(l);
      if (n) notes = [...(notes ?? []), ...n];
    });
    return {
      lines: [{ height: box + capLines.length * frame.pitch, items, notes }],
      orphans: 1,
      widows: 1,
      whole: true,
      pos,
    };
  }
}

function plainText(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}
