// Block quotes (引文): > lines, set indented on both sides in their own face on the body
// grid; quotes in quotes step in until the measure is down to its narrowest. The checker
// reads their text as quoted text (the punctuation rules treat it as running text of its own).
import { font, color, num, section } from '../template/declare.js';
import type { SourcePos } from '../source/diagnostics.js';
import type { Block } from '../source/model.js';
import type { Construct } from './api.js';

export interface QuoteBlock {
  kind: 'quote';
  blocks: Block[];
  pos: SourcePos;
}

declare module '../source/model.js' {
  interface ConstructBlocks {
    quote: QuoteBlock;
  }
}

const OPTIONS = section('> block quotes (引文): indented, in their own face, on the body grid', {
  font: font('kai', 'font role; falls back to the body font when fonts/fonts.yaml has no kai'),
  size: num(12, 'type size', { min: 1, unit: 'pt' }),
  color: color('#000000'),
  indent: num(2, 'left indent', { unit: 'chars' }),
  'right-indent': num(2, 'right indent', { unit: 'chars' }),
});

export const quote = {
  kind: 'quote',
  opens: 'blockquote_open',
  read(tokens, i, ctx) {
    const pos = ctx.pos(tokens[i]);
    const [blocks, next] = ctx.blocks(tokens, i + 1, 'blockquote_close');
    return [{ kind: 'quote', blocks, pos }, next];
  },
  set(b, ctx) {
    const o = ctx.options;
    const em = ctx.frame.charPitch;
    const left = ctx.left + o.indent * em;
    const right = ctx.right + o.rightIndent * em;
    // Quotes in quotes indent no further once the measure is down to 60 % of the text block.
    const deeper = ctx.frame.width - left - right >= 0.6 * ctx.frame.width;
    return ctx.blocks(b.blocks, {
      left: deeper ? left : ctx.left,
      right: deeper ? right : ctx.right,
      style: { font: o.font, size: o.size, color: o.color },
      role: 'BlockQuote',
      // Lists in a quote keep the place lists have around it: their markers at the quote’s edge.
      listAt: ctx.listAt,
    });
  },
  flatten: (b, flatten) => flatten(b.blocks),
  units: { closes: 'blockquote_close', kind: () => 'quote' },
  options: OPTIONS,
} satisfies Construct<QuoteBlock, typeof OPTIONS>;
