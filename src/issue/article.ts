// An article → flow blocks: title, byline, headings, paragraphs, lists and quotes.
import type { Line } from '../compose/lines.js';
import type { FlowBlock, FlowLine } from '../paginate/flow.js';
import type { Article, Block } from '../source/model.js';
import type { Frame, TextStyle } from '../template/model.js';
import { baselineIn, type Typesetter } from './typeset.js';

export function articleBlocks(article: Article, ts: Typesetter, frame: Frame, anchor: string): FlowBlock[] {
  const t = ts.template;
  const blocks: FlowBlock[] = [];
  const em = t.body.size;
  // Title: centred, two characters in from each side, padded to whole grid lines.
  const titleLines = ts.lines(ts.runs([{ text: article.meta.title, pos: article.titlePos }], t.title), {
    measure: frame.width - 4 * em,
    align: 'center',
  });
  blocks.push({ ...gridBlock(titleLines, t.title, frame, 2 * em, t.title.spaceAfter), keepWithNext: true, anchor });
  const by = bylineText(article);
  if (by.length) {
    const lines = by.flatMap((text) =>
      ts.lines(ts.runs([{ text, pos: article.titlePos }], t.byline), { measure: frame.width - 4 * em, align: 'center' }),
    );
    blocks.push({ ...gridBlock(lines, t.byline, frame, 2 * em, 1), keepWithNext: true });
  }
  for (const b of article.blocks) blocks.push(...blockToFlow(b, ts, frame, 0, 0));
  return blocks;
}

function bylineText(a: Article): string[] {
  const out: string[] = [];
  if (a.meta.subtitle) out.push(`——${a.meta.subtitle}`);
  const who = [a.meta.author, a.meta.source ? `来源：${a.meta.source}` : undefined].filter(Boolean).join('　　');
  if (who) out.push(who);
  return out;
}

function blockToFlow(b: Block, ts: Typesetter, frame: Frame, left: number, right: number): FlowBlock[] {
  const t = ts.template;
  const em = t.body.size;
  const measure = frame.width - left - right;
  switch (b.kind) {
    case 'para': {
      const lines = ts.lines(ts.runs(b.spans, t.body), { measure, align: 'justify', firstIndent: t.body.indent * em });
      return [{ lines: bodyLines(lines, frame, left, t.body), keepWithNext: false, minSplit: 2 }];
    }
    case 'heading': {
      const style = t.headings[Math.min(4, b.level)] ?? t.headings[4];
      const lines = ts.lines(ts.runs(b.spans, style, style.font), {
        measure,
        align: 'left',
        firstIndent: t.body.indent * em,
        restIndent: t.body.indent * em,
      });
      return [{ ...gridBlock(lines, style, frame, left, 0), keepWithNext: true }];
    }
    case 'list': {
      const out: FlowBlock[] = [];
      b.items.forEach((item, k) => {
        const marker = b.ordered ? `${b.start + k}.` : '•';
        const hang = t.body.indent * em + 1.5 * em;
        item.forEach((inner, n) => {
          if (inner.kind !== 'para') {
            out.push(...blockToFlow(inner, ts, frame, left + hang, right));
            return;
          }
          const lines = ts.lines(ts.runs(inner.spans, t.body), { measure, align: 'justify', firstIndent: hang, restIndent: hang });
          if (n === 0 && lines.length) {
            const m = ts.line(ts.plain(marker, t.body.font, t.body.size, t.body.color, inner.pos));
            const shift = t.body.indent * em;
            lines[0] = { ...lines[0], glyphs: [...m.glyphs.map((g) => ({ ...g, x: g.x + shift })), ...lines[0].glyphs] };
          }
          out.push({ lines: bodyLines(lines, frame, left, t.body), keepWithNext: false, minSplit: 2 });
        });
      });
      return out;
    }
    case 'quote':
      return b.blocks.flatMap((inner) => blockToFlow(inner, ts, frame, left + 2 * em, right + 2 * em));
    case 'rule':
      ts.diags.warn('md-unsupported', b.pos, 'horizontal rules print as an empty line for now', 'remove the --- line if a blank line is not wanted');
      return [{ lines: [{ line: null, x: frame.left, baseline: 0, height: frame.pitch }], keepWithNext: false, minSplit: 1 }];
  }
}

function bodyLines(lines: Line[], frame: Frame, left: number, style: TextStyle): FlowLine[] {
  return lines.map((line) => ({ line, x: frame.left + left, height: frame.pitch, baseline: baselineIn(frame.pitch, style.size) }));
}

/**
 * Lines set at their own pitch, padded (centred) to a whole number of grid lines, plus
 * `after` empty grid lines: keeps the body grid intact below titles and headings.
 */
function gridBlock(lines: Line[], style: TextStyle, frame: Frame, left: number, after: number): { lines: FlowLine[]; minSplit: number } {
  const own = lines.length * style.pitch;
  const slots = Math.max(1, Math.ceil(own / frame.pitch - 1e-6));
  const pad = slots * frame.pitch - own;
  const out: FlowLine[] = lines.map((line, k) => ({
    line,
    x: frame.left + left,
    height: style.pitch + (k === 0 ? pad / 2 : 0) + (k === lines.length - 1 ? pad / 2 : 0),
    baseline: (k === 0 ? pad / 2 : 0) + baselineIn(style.pitch, style.size),
  }));
  for (let k = 0; k < after; k++) out.push({ line: null, x: frame.left, baseline: 0, height: frame.pitch });
  return { lines: out, minSplit: out.length };
}
