// What a Markdown construct declares, in one module, for every stage that meets it: how it is
// read from markdown-it's tokens, its block in the source model, how it is set into flow
// blocks, how a footnote holding it reads, which units of text the checker takes from it, its
// template options and its messages. The stages' dispatch points (source/markdown.ts,
// set/article.ts, set/inline.ts, check/prose.ts, template/options.ts, core/messages.ts) ask
// the registry (constructs/index.ts) for these instead of knowing the construct.
//
// A construct's module sits across the stages, so it is held to two rules
// (.dependency-cruiser.cjs): at run time it imports only core/ and the options' vocabulary
// (template/declare.ts), and what it needs of a later stage (making a structure element)
// it is handed here; the later stages' types it may name.
import type { MarkdownIt, Token } from 'markdown-it';
import type { Entry } from '../core/messages.js';
import type { Role, StructNode } from '../paginate/display.js';
import type { FlowBlock } from '../paginate/flow.js';
import type { Diagnostics, SourcePos } from '../source/diagnostics.js';
import type { Block, Span } from '../source/model.js';
import type { Section, Values } from '../template/declare.js';
import type { Frame } from '../template/frame.js';

/** What a construct's reader is handed by source/markdown.ts. */
export interface ReadContext {
  diags: Diagnostics;
  /** Where a token was written (its first line, the text's first column); with `needle`, where that text stands on the token's lines. */
  pos(tok: Token, needle?: string): SourcePos;
  /** The blocks from tokens[i] up to the token of type `until` (captions attached), and the index after that token. */
  blocks(tokens: Token[], i: number, until: string): [Block[], number];
}

/** A text style: font role, size and colour. */
export interface BlockStyle {
  font: string;
  size: number;
  color: string;
}

/** What a construct's setter is handed by set/article.ts. */
export interface SetContext<O> {
  /** The construct's own template section, resolved (camelCase fields, plain numbers). */
  options: O;
  frame: Frame;
  /** The measure the block is set in: its edges, in from the text block's, pt. */
  left: number;
  right: number;
  /** The style of the text around it (the body's, a quote's). */
  style: BlockStyle;
  /** Where a list's marker starts here, from the text block's left edge. */
  listAt: number;
  /**
   * Blocks set as the article's own are, between these edges, in this style, under a new
   * element of this role; lists in them start at `listAt` (by default moved in as far as
   * the left edge is).
   */
  blocks(
    blocks: Block[],
    o: { left: number; right: number; style: BlockStyle; role: Role; listAt?: number },
  ): FlowBlock[];
  /** An element of the document's structure, under the block's own when no parent is given. */
  node(role: Role, parent?: StructNode): StructNode;
}

/**
 * A construct's block: its kind, where it was written, and the blocks it holds (if any) in
 * `blocks`, where whatever walks the model (the archive's list of pictures) finds them.
 */
export interface ConstructBlockShape {
  kind: string;
  pos: SourcePos;
  blocks?: Block[];
}

export interface Construct<B extends ConstructBlockShape, S extends Section = Section> {
  /** Its block kind, also the YAML key of its template section. */
  kind: B['kind'];
  /** Installs what markdown-it needs to see it (a core rule or plugin); run once, when the parser is made. */
  plugin?(md: MarkdownIt): void;
  /** The token type that opens it in the stream; `read` is called with tokens[i] of that type. */
  opens: string;
  /** Its block (or none, reported), and the index of the first token after it. */
  read(tokens: Token[], i: number, ctx: ReadContext): [Block | null, number];
  /** Its flow blocks. */
  set(b: B, ctx: SetContext<Values<S['options']>>): FlowBlock[];
  /** Its text as a footnote prints it: paragraphs of spans (`flatten` does the blocks it holds). */
  flatten(b: B, flatten: (blocks: Block[]) => Span[][]): Span[][];
  /**
   * What the checker reads: the text inside tokens from `opens` to `closes` is units of this
   * kind (what the punctuation rules take as running text: para; quoted text: quote).
   */
  units: { closes: string; kind(open: Token): 'para' | 'quote' };
  /** Its template section (options it alone reads), merged into the one options table. */
  options?: S;
  /** Its diagnostics' texts, merged into the message catalogue (core/messages.ts). */
  messages?: Record<string, Entry>;
}
