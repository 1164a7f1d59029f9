// The editor's note box (编者按, 注): a quote that opens with a GitHub-style alert marker,
//
//   > [!NOTE]
//   > 本期起，……
//
// printed as a ruled box on the body grid, its label run in before the first paragraph in
// the bold face (编者按：本期起，……), its text composed as any other (indents, footnotes,
// lists inside it). [!NOTE] and GitHub's four other words take their labels from the
// template; a Chinese marker ([!编者按], [!注], …) prints as written. Any other [!…] leaves
// the quote a quote, printed as written, and is reported.
import type { Token } from 'markdown-it';
import { t } from '../core/text.js';
import type { Item } from '../paginate/display.js';
import type { FlowBlock, FlowLine } from '../paginate/flow.js';
import type { SourcePos } from '../source/diagnostics.js';
import type { Block } from '../source/model.js';
import { choice, color, font, format, num, section, text } from '../template/declare.js';
import type { Construct } from './api.js';

export interface AlertBlock {
  kind: 'alert';
  /** The marker as the label is chosen by: one of GitHub's words (lower case), or the Chinese word written. */
  marker: string;
  blocks: Block[];
  pos: SourcePos;
}

declare module '../source/model.js' {
  interface ConstructBlocks {
    alert: AlertBlock;
  }
}

/** GitHub's alert words: their labels are template options. */
const GITHUB = ['note', 'tip', 'important', 'warning', 'caution'] as const;
type GithubWord = (typeof GITHUB)[number];
/** Chinese markers, printed as their own label. */
const CHINESE = ['编者按', '编者注', '编者的话', '按', '注', '提示', '注意', '重要', '警告'];

const MARKER = /^\[!([^\]\n]*)\]/;

interface AlertMeta {
  marker: string;
  known: boolean;
}

const OPTIONS = section('> [!NOTE] alerts (GitHub style): a boxed note — 编者按, 注 — its text on the body grid', {
  font: font('kai', 'font role of its text; falls back to the body font when fonts/fonts.yaml has no kai'),
  size: num(12, 'type size', { min: 1, unit: 'pt' }),
  color: color('#000000'),
  'label-format': format('{label}：', 'the label, run in before the first paragraph in the bold face ("": none)', [
    'label',
  ]),
  note: text('编者按', 'the label of [!NOTE] ([!编者按], [!注] and the other Chinese markers print as written)'),
  tip: text('提示', 'the label of [!TIP]'),
  important: text('重要', 'the label of [!IMPORTANT]'),
  warning: text('注意', 'the label of [!WARNING]'),
  caution: text('警告', 'the label of [!CAUTION]'),
  frame: choice(['box', 'rules'] as const, 'box', 'box: ruled on four sides; rules: a rule above and below'),
  'rule-width': num(0.5, 'its rules’ thickness', { unit: 'pt' }),
  'rule-color': color('#000000', 'its rules’ colour'),
  padding: num(1, 'between the box’s sides and its text', { unit: 'chars' }),
});

/** The marker's word as labels are chosen by, or undefined for a word no alert has. */
function known(word: string): string | undefined {
  const w = word.trim();
  if ((GITHUB as readonly string[]).includes(w.toLowerCase())) return w.toLowerCase();
  return CHINESE.includes(w) ? w : undefined;
}

/**
 * The core rule: a blockquote whose first paragraph opens with [!WORD] becomes alert_open …
 * alert_close, the marker cut from the paragraph's text (and the paragraph dropped when the
 * marker was all of it) before the prose is recorded, so neither the build nor the checker
 * ever reads it as text. Runs after inline parsing (the marker is the first text child).
 */
function findAlerts(state: { tokens: Token[] }): void {
  const tokens = state.tokens;
  for (let k = 0; k < tokens.length; k++) {
    const open = tokens[k];
    const inline = tokens[k + 2];
    if (open.type !== 'blockquote_open' || tokens[k + 1]?.type !== 'paragraph_open' || inline?.type !== 'inline')
      continue;
    const m = MARKER.exec(inline.content);
    const first = inline.children?.[0];
    if (!m || first?.type !== 'text' || !first.content.startsWith(m[0])) continue;
    let close = k + 1;
    while (close < tokens.length && !(tokens[close].type === 'blockquote_close' && tokens[close].level === open.level))
      close++;
    if (close === tokens.length) continue;
    const marker = known(m[1]);
    open.type = 'alert_open';
    tokens[close].type = 'alert_close';
    open.meta = { marker: marker ?? m[1], known: marker !== undefined } satisfies AlertMeta;
    if (marker !== undefined && cutMarker(tokens, k + 1, m[0])) tokens.splice(k + 1, 3);
  }
}

/** Cuts the marker from the paragraph at tokens[p]; true when nothing is left of it. */
function cutMarker(tokens: Token[], p: number, marker: string): boolean {
  const inline = tokens[p + 1];
  const children = inline.children ?? [];
  const rest = inline.content.slice(marker.length);
  const ownLine = /^[ \t]*(?:\n|$)/.exec(rest);
  children[0].content = children[0].content.slice(marker.length).replace(/^[ \t]+/, '');
  if (!children[0].content) children.shift();
  if (ownLine) {
    // The marker's line is gone (with its line break, soft or hard): the text starts a line further down.
    if (children[0]?.type === 'softbreak' || children[0]?.type === 'hardbreak') children.shift();
    inline.content = rest.slice(ownLine[0].length);
    for (const tok of [tokens[p], inline]) if (tok.map) tok.map = [tok.map[0] + 1, tok.map[1]];
  } else inline.content = rest.replace(/^[ \t]+/, '');
  return !inline.content.trim();
}

/** A line with the box's sides drawn down it, from y `from` to `to` in the line. */
function withSides(line: FlowLine, sides: (from: number, to: number) => Item[], from = 0, to = line.height): FlowLine {
  const split = line.split;
  return {
    ...line,
    items: [...line.items, ...sides(from, to)],
    // A row cut between pages keeps its sides on both pieces.
    split: split && ((fits, force) => split(fits, force)?.map((l) => withSides(l, sides)) as [FlowLine, FlowLine]),
  };
}

export const alert = {
  kind: 'alert',
  opens: 'alert_open',
  plugin(md) {
    // Before the prose is recorded (source/prose.ts), so the marker never counts as text.
    md.core.ruler.before('prose', 'alert', findAlerts);
  },
  read(tokens, i, ctx) {
    const open = tokens[i];
    const meta = open.meta as unknown as AlertMeta;
    const pos = ctx.pos(open);
    const [blocks, next] = ctx.blocks(tokens, i + 1, 'alert_close');
    if (meta.known) return [{ kind: 'alert', marker: meta.marker, blocks, pos }, next];
    const inline = tokens[i + 2];
    const at = inline?.type === 'inline' ? ctx.pos(inline, `[!${meta.marker}]`) : pos;
    ctx.diags.warn('md-alert', at, t('md-alert', { marker: meta.marker }), t('md-alert.fix'));
    return [{ kind: 'quote', blocks, pos }, next];
  },
  set(b, ctx) {
    const o = ctx.options;
    const pad = o.padding * ctx.frame.charPitch;
    const word = b.marker as GithubWord;
    const label = GITHUB.includes(word) ? o[word] : b.marker;
    const lead = o.labelFormat && label ? o.labelFormat.replace('{label}', label) : '';
    let blocks = b.blocks;
    if (lead) {
      const span = { text: lead, bold: true, pos: b.pos };
      const [first, ...rest] = blocks;
      blocks =
        first?.kind === 'para'
          ? [{ ...first, spans: [span, ...first.spans] }, ...rest]
          : [{ kind: 'para', spans: [span], pos: b.pos }, ...blocks];
    }
    const inner = ctx.blocks(blocks, {
      left: ctx.left + pad,
      right: ctx.right + pad,
      style: { font: o.font, size: o.size, color: o.color },
      role: 'Div',
    });
    // The box: a rule across the middle of a grid line above the text and of one below it,
    // and (frame: box) its sides down every line between, so it keeps to the grid and is
    // drawn wherever the text runs.
    const { left, width, pitch } = ctx.frame;
    const x1 = left + ctx.left;
    const x2 = left + width - ctx.right;
    const rule = (xa: number, ya: number, xb: number, yb: number): Item => ({
      kind: 'rule',
      x1: xa,
      y1: ya,
      x2: xb,
      y2: yb,
      width: o.ruleWidth,
      color: o.ruleColor,
    });
    const sides = (from: number, to: number): Item[] =>
      o.frame === 'box' ? [rule(x1, from, x1, to), rule(x2, from, x2, to)] : [];
    const top: FlowLine = withSides({ height: pitch, items: [rule(x1, pitch / 2, x2, pitch / 2)] }, sides, pitch / 2);
    const bottom: FlowLine = withSides(
      { height: pitch, items: [rule(x1, pitch / 2, x2, pitch / 2)] },
      sides,
      0,
      pitch / 2,
    );
    const sided = (lines: FlowLine[]) => lines.map((l) => withSides(l, sides));
    // Text only (paragraphs, lists): one block, so a page that breaks the box closes it at
    // the foot (cut) and opens it again at the top of the next (head), keeping the first and
    // last lines of text with the rules above and below them.
    const plain = inner.every((fb) => !fb.whole && !fb.keep && !fb.head && !fb.cut && !fb.anchor && !fb.snap);
    if (plain && inner.length) {
      return [
        {
          lines: [top, ...inner.flatMap((fb) => sided(fb.lines)), bottom],
          orphans: 1 + Math.max(...inner.map((fb) => fb.orphans)),
          widows: 1 + Math.max(...inner.map((fb) => fb.widows)),
          head: [top],
          cut: [rule(x1, 0, x2, 0)],
          pos: b.pos,
        },
      ];
    }
    // Headings, tables, figures inside keep their own breaking: the rules stay with the text
    // next to them, and a page break between two of them leaves the box open there.
    const body: FlowBlock[] = inner.map((fb) => ({ ...fb, lines: sided(fb.lines), head: fb.head && sided(fb.head) }));
    const out: FlowBlock[] = [{ lines: [top], orphans: 1, widows: 1, keep: 2, pos: b.pos }, ...body];
    const last = out[out.length - 1];
    out[out.length - 1] = { ...last, lines: [...last.lines, bottom] };
    return out;
  },
  flatten: (b, flatten) => flatten(b.blocks),
  units: { closes: 'alert_close', kind: (open) => ((open.meta as unknown as AlertMeta).known ? 'para' : 'quote') },
  options: OPTIONS,
  messages: {
    'md-alert': {
      en: 'no alert is marked [!{marker}]: the quote prints as a quote, the marker as written',
      zh: '没有 [!{marker}] 这种提示框：这段引文按引文印出，标记照原样印出',
    },
    'md-alert.fix': {
      en: 'write [!NOTE] (printed 编者按), [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION], or [!编者按], [!注]; write \\[! to print the brackets',
      zh: '请写 [!NOTE]（印作“编者按”）、[!TIP]、[!IMPORTANT]、[!WARNING]、[!CAUTION]，或 [!编者按]、[!注]；要印出方括号请写 \\[!',
    },
  },
} satisfies Construct<AlertBlock, typeof OPTIONS>;
