// The registry of Markdown constructs declared in modules of their own (constructs/api.ts
// says what each declares). The stages' dispatch points ask it rather than know them:
// source/markdown.ts (the parser's plugins, the reader for an opening token),
// set/article.ts (flow blocks), set/inline.ts (a footnote's text), check/prose.ts (units),
// template/options.ts (the options table) and the message catalogue.
//
// A new construct: its module here, one line in CONSTRUCTS, its test.
import type { MarkdownIt, Token } from 'markdown-it';
import { addMessages } from '../core/messages.js';
import type { FlowBlock } from '../paginate/flow.js';
import type { ConstructBlock, ConstructBlocks } from '../source/model.js';
import { camel, type Section } from '../template/declare.js';
import { alert } from './alert.js';
import { quote } from './quote.js';
import type { Construct, ReadContext, SetContext } from './api.js';

export type { ReadContext, SetContext } from './api.js';

/** Every construct, by its block kind. */
export const CONSTRUCTS = {
  quote,
  alert,
} satisfies { [K in keyof ConstructBlocks]: Construct<ConstructBlocks[K]> };

type Any = Construct<ConstructBlock, Section>;
const all: Any[] = Object.values(CONSTRUCTS);

for (const c of all) if (c.messages) addMessages(c.messages);

/** The constructs' template sections, by YAML key: template/options.ts merges them into its table. */
export const CONSTRUCT_OPTIONS = Object.fromEntries(all.flatMap((c) => (c.options ? [[c.kind, c.options]] : []))) as {
  [K in keyof typeof CONSTRUCTS]: (typeof CONSTRUCTS)[K]['options'];
};

/** Installs every construct's parser plugin (source/markdown.ts, when it makes the parser). */
export function installConstructs(md: MarkdownIt): void {
  for (const c of all) c.plugin?.(md);
}

const byOpener = new Map(all.map((c) => [c.opens, c]));
const byCloser = new Map(all.map((c) => [c.units.closes, c]));

/**
 * Reads the construct that tokens[i] opens: its block (or null) and the next index; undefined
 * when no construct opens with it (`ctx` is made only when one does).
 */
export function readConstruct(tokens: Token[], i: number, ctx: () => ReadContext): ReturnType<Any['read']> | undefined {
  return byOpener.get(tokens[i].type)?.read(tokens, i, ctx());
}

/** A construct's block set into flow blocks, with its own section of the template. */
export function setConstruct(
  b: ConstructBlock,
  ctx: Omit<SetContext<unknown>, 'options'>,
  template: object,
): FlowBlock[] {
  const c = CONSTRUCTS[b.kind] as Any;
  const options = (template as Record<string, unknown>)[camel(c.kind)] as Parameters<Any['set']>[1]['options'];
  return c.set(b, { ...ctx, options });
}

/** A construct's block as a footnote prints it. */
export function flattenConstruct(
  b: ConstructBlock,
  flatten: Parameters<Any['flatten']>[1],
): ReturnType<Any['flatten']> {
  return (CONSTRUCTS[b.kind] as Any).flatten(b, flatten);
}

/**
 * The checker's view of a token: `open` with the kind of unit the text inside a construct
 * is, `close` at its end, undefined for a token no construct opens or closes.
 */
export function constructUnits(t: Token): { open: 'para' | 'quote' } | { close: true } | undefined {
  const c = byOpener.get(t.type);
  if (c) return { open: c.units.kind(t) };
  return byCloser.has(t.type) ? { close: true } : undefined;
}
