// Markdown → our own block/inline tree. markdown-it does the parsing (CommonMark, GFM
// tables, footnotes); this module keeps what bulletins print and reports the rest, each
// with file:line:col. Image files are found and checked here, the one place that reads them.
import MarkdownIt from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import footnotes from 'markdown-it-footnote';
import type { MarkdownIt as MarkdownItType, Token } from 'markdown-it';

import { installConstructs, readConstruct, type ReadContext } from '../constructs/index.js';
import type { Diagnostics, SourcePos } from './diagnostics.js';
import { t as tr } from '../core/text.js';
import { DEFAULT_LIMITS, loadImage, type ImageLimits } from './image.js';
import type { Block, CellAlign, Footnote, Span } from './model.js';
import { recordProse } from './prose.js';

let parser: MarkdownItType | undefined;

/**
 * How deep blocks may nest (markdown-it counts a list and its item as two levels, a quote as
 * one): deeper than any article means, and still far from the stack's limit. markdown-it
 * drops a block past its limit together with everything after it to the end of the file;
 * here such a block is kept as a plain paragraph of its lines instead (see flatten).
 */
export const MAX_NESTING = 64;

export function markdown(): MarkdownItType {
  // commonmark keeps the syntax predictable; GFM tables and footnotes are what editors add to
  // it. html stays on only so that raw HTML arrives as tokens we can report (never rendered).
  if (parser) return parser;
  const md = new MarkdownIt('commonmark', { html: true, linkify: false, maxNesting: MAX_NESTING })
    .enable('table')
    .use(cjkFriendly)
    .use(footnotes);
  md.core.ruler.at('footnote_tail', footnoteTail);
  // Before text_join, which merges escapes and entities into the text around them.
  md.core.ruler.after('inline', 'prose', recordProse);
  // The constructs declared in src/constructs/ (an alert's marker is cut before the prose is recorded).
  installConstructs(md);
  const tokenize = md.block.tokenize.bind(md.block);
  md.block.tokenize = (state, startLine, endLine) =>
    state.level >= MAX_NESTING - 1 ? flatten(state, startLine, endLine) : tokenize(state, startLine, endLine);
  parser = md;
  return md;
}

type BlockState = Parameters<MarkdownItType['block']['tokenize']>[0];

/**
 * A block nested past the limit: its lines as written (deeper markers and all), a paragraph
 * each, so that its text prints at the deepest indentation and nothing after it is lost.
 */
function flatten(state: BlockState, startLine: number, endLine: number): void {
  const line = state.skipEmptyLines(startLine);
  let end = line;
  while (end < endLine && (state.isEmpty(end) || state.sCount[end] >= state.blkIndent)) end++;
  while (end > line && state.isEmpty(end - 1)) end--;
  if (end > line) {
    const env = state.env as { nestingCut?: number };
    env.nestingCut ??= line;
    for (let l = line; l < end; l++) {
      const content = state.getLines(l, l + 1, state.blkIndent, false).trim();
      if (!content) continue;
      const open = state.push('paragraph_open', 'p', 1);
      open.map = [l, l + 1];
      const inline = state.push('inline', '', 0);
      inline.content = content;
      inline.map = [l, l + 1];
      inline.children = [];
      state.push('paragraph_close', 'p', -1);
    }
  }
  state.line = Math.max(end, line);
}

/**
 * The longest paragraph set: some 170 pages of one paragraph. Longer (a pasted blob, a file
 * that lost its blank lines) is refused at its line, rather than composed in memory that
 * grows with it until the process fails.
 */
export const MAX_PARAGRAPH = 200_000;

type CoreState = Parameters<Parameters<MarkdownItType['core']['ruler']['at']>[1]>[0];

/**
 * markdown-it-footnote's footnote_tail, the same tokens in the same order, built in one pass:
 * the plugin's own copies the whole token list once per note (10,000 notes took a minute).
 */
function footnoteTail(state: CoreState): void {
  const env = state.env as {
    footnotes?: { list?: { label?: string; count?: number; tokens?: Token[]; content?: string }[] };
  };
  if (!env.footnotes) return;
  const refTokens = new Map<string, Token[]>();
  const kept: Token[] = [];
  let current: Token[] | null = null;
  let label = '';
  for (const tok of state.tokens) {
    if (tok.type === 'footnote_reference_open') {
      current = [];
      label = (tok.meta as { label: string }).label;
    } else if (tok.type === 'footnote_reference_close') {
      refTokens.set(label, current ?? []);
      current = null;
    } else if (current) current.push(tok);
    else kept.push(tok);
  }
  state.tokens = kept;
  const list = env.footnotes.list;
  if (!list) return;
  const out = state.tokens;
  out.push(new state.Token('footnote_block_open', '', 1));
  list.forEach((note, i) => {
    const open = new state.Token('footnote_open', '', 1);
    open.meta = { id: i, label: note.label };
    out.push(open);
    let tokens: Token[] | undefined;
    if (note.tokens) {
      const po = new state.Token('paragraph_open', 'p', 1);
      po.block = true;
      const inline = new state.Token('inline', '', 0);
      inline.children = note.tokens;
      inline.content = note.content ?? '';
      const pc = new state.Token('paragraph_close', 'p', -1);
      pc.block = true;
      tokens = [po, inline, pc];
    } else if (note.label) tokens = refTokens.get(note.label);
    if (tokens) for (const t of tokens) out.push(t);
    const last = out[out.length - 1].type === 'paragraph_close' ? out.pop() : undefined;
    const n = note.count && note.count > 0 ? note.count : 1;
    for (let j = 0; j < n; j++) {
      const a = new state.Token('footnote_anchor', '', 0);
      a.meta = { id: i, subId: j, label: note.label };
      out.push(a);
    }
    if (last) out.push(last);
    out.push(new state.Token('footnote_close', '', -1));
  });
  out.push(new state.Token('footnote_block_close', '', -1));
}

export interface MarkdownOptions {
  /** The issue folder: images must be inside it. */
  issueDir: string;
  /** The article file as found on disk (for images written relative to it). */
  path: string;
  /** How large images may be (from the template's page). */
  limits?: ImageLimits;
}

export interface ParsedMarkdown {
  blocks: Block[];
  footnotes: Footnote[];
  /** The token stream itself, prose and columns recorded (source/prose.ts): the checker reads it. */
  tokens: Token[];
}

interface Ctx {
  file: string;
  lines: string[];
  lineOffset: number; // lines of the file before the Markdown body (front matter)
  diags: Diagnostics;
  o?: MarkdownOptions;
  /** Where each footnote is defined, found once (label → place). */
  notePlaces?: Map<string, SourcePos>;
}

/** What markdown-it-footnote leaves in the parser's env. */
interface FootnoteEnv {
  footnotes?: { refs?: Record<string, number>; list?: { label?: string }[] };
}

export function parseMarkdown(
  body: string,
  file: string,
  lineOffset: number,
  diags: Diagnostics,
  o?: MarkdownOptions,
): ParsedMarkdown {
  const raw: { nestingCut?: number } = {};
  const tokens = markdown().parse(body, raw);
  const env = raw as FootnoteEnv;
  const ctx: Ctx = { file, lines: body.split('\n'), lineOffset, diags, o };
  if (raw.nestingCut !== undefined) {
    diags.warn(
      'md-nesting',
      { file, line: raw.nestingCut + 1 + lineOffset, col: 1 },
      tr('md-nesting', { lists: MAX_NESTING / 2 - 1, quotes: MAX_NESTING - 1 }),
      tr('md-nesting.fix'),
    );
  }
  const list = env.footnotes?.list ?? [];
  const [blocks] = readBlocks(tokens, 0, ctx, null);
  const notes: Footnote[] = list.map((n, id) => ({
    label: n.label ?? String(id + 1),
    blocks: [],
    pos: notePos(ctx, n.label),
  }));
  // The plugin appends the definitions after the body, in reference order.
  const start = tokens.findIndex((t) => t.type === 'footnote_block_open');
  if (start >= 0) {
    let i = start + 1;
    while (i < tokens.length && tokens[i].type !== 'footnote_block_close') {
      const t = tokens[i];
      if (t.type === 'footnote_open') {
        const id = Number((t.meta as { id: number }).id);
        const [inner, next] = readBlocks(tokens, i + 1, ctx, 'footnote_close');
        if (notes[id]) notes[id].blocks = inner;
        i = next;
      } else i++;
    }
  }
  for (const [key, id] of Object.entries(env.footnotes?.refs ?? {})) {
    if (id >= 0) continue;
    const label = key.slice(1);
    diags.warn(
      'md-footnote-unused',
      notePos(ctx, label),
      tr('md-footnote-unused', { label }),
      tr('md-footnote-unused.fix', { label }),
    );
  }
  return { blocks: attachCaptions(blocks), footnotes: notes, tokens };
}

function notePos(ctx: Ctx, label: string | undefined): SourcePos {
  if (!ctx.notePlaces) {
    // Every "[^label]:" of the text, first place first: one pass, however many notes.
    const places = new Map<string, SourcePos>();
    ctx.lines.forEach((text, l) => {
      if (!text.includes('[^')) return;
      for (const m of text.matchAll(/\[\^([^\]\s]+)\]:/g)) {
        if (!places.has(m[1])) places.set(m[1], { file: ctx.file, line: l + 1 + ctx.lineOffset, col: m.index + 1 });
      }
    });
    ctx.notePlaces = places;
  }
  return (label !== undefined && ctx.notePlaces.get(label)) || { file: ctx.file, line: 1 + ctx.lineOffset, col: 1 };
}

function posOf(ctx: Ctx, tok: Token, needle?: string, map?: [number, number] | null): SourcePos {
  const range = tok.map ?? map;
  const line0 = range?.[0] ?? 0;
  let col = 1;
  if (needle) {
    const end = range?.[1] ?? line0 + 1;
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
        if (inline.content.length > MAX_PARAGRAPH) {
          ctx.diags.error(
            'md-paragraph-long',
            posOf(ctx, t),
            tr('md-paragraph-long', {
              chars: inline.content.length.toLocaleString('en'),
              pages: Math.round(inline.content.length / 1200).toLocaleString('en'),
              max: MAX_PARAGRAPH.toLocaleString('en'),
            }),
            tr('md-paragraph-long.fix'),
          );
          i += 3;
          break;
        }
        blocks.push(...paragraph(inline, ctx, posOf(ctx, t)));
        i += 3;
        break;
      }
      case 'heading_open': {
        const level = Number(t.tag.slice(1));
        const pos = posOf(ctx, t);
        const spans = textOnly(readInline(tokens[i + 1], ctx), ctx, 'heading');
        if (level === 1) {
          ctx.diags.warn('md-h1', pos, tr('md-h1'), tr('md-h1.fix'));
        }
        if (level > 5) {
          ctx.diags.warn('md-heading-level', pos, tr('md-heading-level', { level }), tr('md-heading-level.fix'));
        }
        blocks.push({ kind: 'heading', level: Math.min(5, Math.max(2, level)), spans, pos });
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
        blocks.push({ kind: 'list', ordered, start, delimiter: ordered ? t.markup || '.' : '', items, pos });
        i++;
        break;
      }
      case 'table_open': {
        const [table, next] = readTable(tokens, i, ctx);
        if (table) blocks.push(table);
        i = next;
        break;
      }
      case 'hr':
        blocks.push({ kind: 'rule', pos: posOf(ctx, t) });
        i++;
        break;
      case 'html_block':
        ctx.diags.warn('md-html', posOf(ctx, t), tr('md-html'), tr('md-html.fix'));
        i++;
        break;
      case 'fence':
      case 'code_block': {
        const text = t.content.replace(/\n$/, '');
        if (text.trim()) blocks.push({ kind: 'code', text, lang: t.info.trim(), pos: posOf(ctx, t) });
        i++;
        break;
      }
      case 'footnote_block_open':
        // Definitions are read apart (parseMarkdown); they never print where they are written.
        while (i < tokens.length && tokens[i].type !== 'footnote_block_close') i++;
        i++;
        break;
      default: {
        // A construct declared in src/constructs/, or a token nothing prints.
        const read = readConstruct(tokens, i, () => readContext(ctx));
        if (read?.[0]) blocks.push(read[0]);
        i = read ? read[1] : i + 1;
      }
    }
  }
  return [blocks, i];
}

/** What a construct's reader is handed: the diagnostics, positions, and the reader of the blocks it holds. */
function readContext(ctx: Ctx): ReadContext {
  return {
    diags: ctx.diags,
    pos: (tok, needle) => posOf(ctx, tok, needle),
    blocks: (tokens, i, until) => {
      const [inner, next] = readBlocks(tokens, i, ctx, until);
      return [attachCaptions(inner), next];
    },
  };
}

/**
 * A paragraph: text, with any image in it set as a figure block of its own (a bulletin has
 * no pictures inside a line of text); text before and after stays in paragraphs.
 */
function paragraph(inline: Token, ctx: Ctx, pos: SourcePos): Block[] {
  const out: Block[] = [];
  let spans: Span[] = [];
  let spansPos = pos;
  const flush = () => {
    while (spans.length && spans[spans.length - 1].note === undefined && !spans[spans.length - 1].text.trim())
      spans.pop();
    while (spans.length && spans[0].note === undefined && !spans[0].text.trim()) spans.shift();
    if (spans.length) out.push({ kind: 'para', spans, pos: spansPos });
    spans = [];
  };
  for (const piece of readInline(inline, ctx)) {
    if ('spans' in piece) {
      if (!spans.length) spansPos = piece.spans[0]?.pos ?? pos;
      spans.push(...piece.spans);
      continue;
    }
    const textAround = (inline.children ?? []).some(
      (c) => (c.type === 'text' && c.content.trim()) || c.type === 'code_inline',
    );
    if (textAround) {
      ctx.diags.warn('md-image-inline', piece.pos, tr('md-image-inline'), tr('md-image-inline.fix'));
    }
    flush();
    const image = ctx.o
      ? loadImage(piece.src, ctx.o.path, ctx.o.issueDir, ctx.o.limits ?? DEFAULT_LIMITS)
      : { message: tr('md-image.no-folder'), fix: tr('md-image.no-folder.fix') };
    if ('message' in image) {
      ctx.diags.error('md-image', piece.pos, image.message, image.fix);
      continue;
    }
    out.push({ kind: 'figure', image, caption: piece.caption, pos: piece.pos });
  }
  flush();
  return out;
}

const FIGURE_CAPTION = /^\s*图\s*[0-9０-９一二三四五六七八九十]/;
const TABLE_CAPTION = /^\s*(续)?表\s*[0-9０-９一二三四五六七八九十]/;

function plain(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}

/**
 * "图1 …" just below a figure with no alt text, and "表1 …" just above a table, are their
 * captions: set in the caption style and kept with them on the page.
 */
function attachCaptions(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (let k = 0; k < blocks.length; k++) {
    const b = blocks[k];
    const next = blocks[k + 1];
    if (
      b.kind === 'figure' &&
      !plain(b.caption).trim() &&
      next?.kind === 'para' &&
      FIGURE_CAPTION.test(plain(next.spans)) &&
      !next.spans.some((s) => s.br)
    ) {
      out.push({ ...b, caption: next.spans });
      k++;
      continue;
    }
    if (
      b.kind === 'para' &&
      next?.kind === 'table' &&
      !next.caption.length &&
      TABLE_CAPTION.test(plain(b.spans)) &&
      plain(b.spans).length <= 80
    ) {
      out.push({ ...next, caption: b.spans });
      k++;
      continue;
    }
    // A construct's blocks (a quote's) were given their captions as they were read (readContext).
    if (b.kind === 'list') out.push({ ...b, items: b.items.map(attachCaptions) });
    else out.push(b);
  }
  return out;
}

const ALIGN: Record<string, CellAlign> = {
  'text-align:left': 'left',
  'text-align:center': 'center',
  'text-align:right': 'right',
};

function readTable(tokens: Token[], i: number, ctx: Ctx): [Block | null, number] {
  const pos = posOf(ctx, tokens[i]);
  const head: Span[][] = [];
  const rows: Span[][][] = [];
  const align: CellAlign[] = [];
  let row: Span[][] | null = null;
  let rowMap: [number, number] | null = null;
  let inHead = false;
  for (i++; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
    const t = tokens[i];
    switch (t.type) {
      case 'thead_open':
        inHead = true;
        break;
      case 'thead_close':
        inHead = false;
        break;
      case 'tr_open':
        row = [];
        rowMap = t.map ?? rowMap;
        break;
      case 'tr_close':
        if (row && !inHead) rows.push(row);
        row = null;
        break;
      case 'th_open':
      case 'td_open': {
        const inline = tokens[i + 1];
        const spans = inline?.type === 'inline' ? textOnly(readInline(inline, ctx, rowMap), ctx, 'cell') : [];
        if (inHead) {
          head.push(spans);
          align.push(ALIGN[String(t.attrGet('style') ?? '')] ?? null);
        } else row?.push(spans);
        break;
      }
      default:
        break;
    }
  }
  return [{ kind: 'table', align, head, rows, caption: [], pos }, i + 1];
}

type Piece = { spans: Span[] } | { src: string; caption: Span[]; pos: SourcePos };

/** Inline content where no figure can stand (headings, cells, captions): images are dropped. */
function textOnly(pieces: Piece[], ctx: Ctx, where: 'heading' | 'cell'): Span[] {
  const spans: Span[] = [];
  for (const p of pieces) {
    if ('spans' in p) spans.push(...p.spans);
    else ctx.diags.warn('md-image-place', p.pos, tr(`md-image-place.${where}`), tr('md-image-place.fix'));
  }
  return spans;
}

const UNKNOWN_NOTE = /\[\^([^\]\s]+)\]/g;

function readInline(inline: Token, ctx: Ctx, map?: [number, number] | null): Piece[] {
  const pieces: Piece[] = [];
  let spans: Span[] = [];
  let bold = 0;
  let em = 0;
  let href: string | undefined;
  const at = (needle?: string) => posOf(ctx, inline, needle, map);
  const push = (text: string, extra: Partial<Span> = {}) => {
    if (!text) return;
    const style = { bold: bold > 0 || undefined, em: em > 0 || undefined, href, ...extra };
    const last = spans[spans.length - 1];
    if (
      last &&
      last.note === undefined &&
      !last.br &&
      last.bold === style.bold &&
      last.em === style.em &&
      last.href === style.href &&
      !last.code &&
      !style.code
    ) {
      last.text += text;
      return;
    }
    spans.push({ text, ...style, pos: at(text.trim().slice(0, 12) || undefined) });
  };
  const children = inline.children ?? [];
  for (let k = 0; k < children.length; k++) {
    const c = children[k];
    switch (c.type) {
      case 'text':
        for (const m of c.content.matchAll(UNKNOWN_NOTE)) {
          ctx.diags.error(
            'md-footnote-unknown',
            at(m[0]),
            tr('md-footnote-unknown', { label: m[1] }),
            tr('md-footnote-unknown.fix', { label: m[1] }),
          );
        }
        push(c.content);
        break;
      case 'softbreak':
        // A line break inside a paragraph; the composer drops it between Chinese characters.
        push('\n');
        break;
      case 'hardbreak':
        spans.push({ text: '', br: true, pos: at() });
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
      case 'footnote_ref': {
        const id = Number((c.meta as { id: number }).id);
        const label = (c.meta as { label?: string }).label;
        // markdown-it-footnote's id is the note's index in env.footnotes.list, which the
        // article's footnotes follow one for one.
        spans.push({ text: '', note: id, pos: at(label ? `[^${label}]` : '^[') });
        break;
      }
      case 'image': {
        const src = String(c.attrGet('src') ?? '');
        // The alt text is the caption: its tokens are the image token's children.
        const alt = pieceSpans(readInline(c, ctx, inline.map ?? map));
        if (spans.length) pieces.push({ spans });
        spans = [];
        pieces.push({ src: decodeSrc(src), caption: alt.map((s) => ({ ...s, href: undefined })), pos: at('![') });
        break;
      }
      case 'html_inline':
        if (/^<br\s*\/?>$/i.test(c.content.trim())) {
          spans.push({ text: '', br: true, pos: at(c.content) });
          break;
        }
        ctx.diags.warn('md-html', at(c.content), tr('md-html.tag', { tag: c.content }), tr('md-html.tag.fix'));
        break;
      default:
        break;
    }
  }
  if (spans.length) pieces.push({ spans });
  return pieces;
}

function pieceSpans(pieces: Piece[]): Span[] {
  return pieces.flatMap((p) => ('spans' in p ? p.spans : []));
}

/** markdown-it percent-encodes non-ASCII file names (图1.png → %E5%9B%BE1.png): undo it. */
function decodeSrc(src: string): string {
  try {
    return decodeURIComponent(src);
  } catch {
    return src;
  }
}
