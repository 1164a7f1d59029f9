// Markdown → our own block/inline tree. markdown-it does the parsing; this module keeps
// what bulletins use and reports the rest, each with file:line:col.
import MarkdownIt from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import type { MarkdownIt as MarkdownItType, Token } from 'markdown-it';

import type { Diagnostics, SourcePos } from './diagnostics.js';
import type { Block, Span } from './model.js';

let parser: MarkdownItType | undefined;

function markdown(): MarkdownItType {
  // commonmark keeps the syntax predictable; html stays on only so that raw HTML arrives as
  // tokens we can report (it is never rendered).
  parser ??= new MarkdownIt('commonmark', { html: true, linkify: false }).use(cjkFriendly);
  return parser;
}

interface Ctx {
  file: string;
  lines: string[];
  lineOffset: number; // lines of the file before the Markdown body (front matter)
  diags: Diagnostics;
}

export function parseMarkdown(body: string, file: string, lineOffset: number, diags: Diagnostics): Block[] {
  const tokens = markdown().parse(body, {});
  const ctx: Ctx = { file, lines: body.split('\n'), lineOffset, diags };
  const [blocks] = readBlocks(tokens, 0, ctx, null);
  return blocks;
}

function posOf(ctx: Ctx, tok: Token, needle?: string): SourcePos {
  const line0 = tok.map?.[0] ?? 0;
  let col = 1;
  if (needle) {
    const end = tok.map?.[1] ?? line0 + 1;
    for (let l = line0; l < end && l < ctx.lines.length; l++) {
      const k = ctx.lines[l].indexOf(needle);
      if (k >= 0) return { file: ctx.file, line: l + 1 + ctx.lineOffset, col: k + 1 };
    }
  } else {
    const text = ctx.lines[line0] ?? '';
    col = text.length - text.trimStart().length + 1;
  }
  return { file: ctx.file, line: line0 + 1 + ctx.lineOffset, col };
}

/** Reads blocks until the closing token of `until` (or the end); returns blocks and next index. */
function readBlocks(tokens: Token[], i: number, ctx: Ctx, until: string | null): [Block[], number] {
  const blocks: Block[] = [];
  while (i < tokens.length) {
    const t = tokens[i];
    if (until && t.type === until) return [blocks, i + 1];
    switch (t.type) {
      case 'paragraph_open': {
        const inline = tokens[i + 1];
        const spans = readInline(inline, ctx);
        if (spans.length) blocks.push({ kind: 'para', spans, pos: posOf(ctx, t) });
        i += 3;
        break;
      }
      case 'heading_open': {
        const level = Number(t.tag.slice(1));
        const inline = tokens[i + 1];
        const spans = readInline(inline, ctx);
        const pos = posOf(ctx, t);
        if (level === 1) {
          ctx.diags.warn('md-h1', pos, 'a level-1 heading (#) in an article body; the article title comes from the front matter', 'use ## for section headings');
        }
        blocks.push({ kind: 'heading', level: Math.max(2, level), spans, pos });
        i += 3;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = t.type === 'ordered_list_open';
        const start = Number(t.attrGet('start') ?? 1);
        const close = ordered ? 'ordered_list_close' : 'bullet_list_close';
        const items: Block[][] = [];
        const pos = posOf(ctx, t);
        i++;
        while (i < tokens.length && tokens[i].type !== close) {
          if (tokens[i].type === 'list_item_open') {
            const [item, next] = readBlocks(tokens, i + 1, ctx, 'list_item_close');
            items.push(item);
            i = next;
          } else i++;
        }
        blocks.push({ kind: 'list', ordered, start, items, pos });
        i++;
        break;
      }
      case 'blockquote_open': {
        const [inner, next] = readBlocks(tokens, i + 1, ctx, 'blockquote_close');
        blocks.push({ kind: 'quote', blocks: inner, pos: posOf(ctx, t) });
        i = next;
        break;
      }
      case 'hr':
        blocks.push({ kind: 'rule', pos: posOf(ctx, t) });
        i++;
        break;
      case 'html_block':
        ctx.diags.warn('md-html', posOf(ctx, t), 'raw HTML is not printed', 'remove it, or write it as Markdown');
        i++;
        break;
      case 'fence':
      case 'code_block':
        ctx.diags.warn('md-unsupported', posOf(ctx, t), 'code blocks are not supported in bulletins yet; the block is left out', 'remove the indentation or the ``` fence to print it as a paragraph');
        i++;
        break;
      default:
        i++;
    }
  }
  return [blocks, i];
}

function readInline(inline: Token, ctx: Ctx): Span[] {
  const spans: Span[] = [];
  let bold = 0;
  let em = 0;
  let href: string | undefined;
  const push = (text: string, extra: Partial<Span> = {}) => {
    if (!text) return;
    const style = { bold: bold > 0 || undefined, em: em > 0 || undefined, href, ...extra };
    const last = spans[spans.length - 1];
    if (last && last.bold === style.bold && last.em === style.em && last.href === style.href && !last.code && !style.code) {
      last.text += text;
      return;
    }
    spans.push({ text, ...style, pos: posOf(ctx, inline, text.slice(0, 12)) });
  };
  for (const c of inline.children ?? []) {
    switch (c.type) {
      case 'text':
        push(c.content);
        break;
      case 'softbreak':
        // A line break inside a paragraph; the composer drops it between Chinese characters.
        push('\n');
        break;
      case 'hardbreak':
        push('\n');
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        em++;
        break;
      case 'em_close':
        em--;
        break;
      case 'code_inline':
        push(c.content, { code: true });
        break;
      case 'link_open':
        href = String(c.attrGet('href') ?? '') || undefined;
        break;
      case 'link_close':
        href = undefined;
        break;
      case 'image':
        ctx.diags.warn('md-unsupported', posOf(ctx, inline, '!['), `images are not supported yet; "${c.content}" is left out`, 'remove the image or wait for image support');
        break;
      case 'html_inline':
        ctx.diags.warn('md-html', posOf(ctx, inline, c.content), `raw HTML ${c.content} is not printed`, 'remove the tag');
        break;
      default:
        break;
    }
  }
  return spans;
}
