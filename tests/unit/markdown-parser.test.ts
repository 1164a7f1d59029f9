// The parser as configured: the one-pass footnote tail gives markdown-it-footnote's own
// tokens, and blocks nested past the limit are kept, not dropped with all that follows.
import MarkdownIt from 'markdown-it';
import cjkFriendly from 'markdown-it-cjk-friendly';
import footnotes from 'markdown-it-footnote';
import type { Token } from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, markdown } from '../../src/source/markdown.js';

const plugin = new MarkdownIt('commonmark', { html: true, linkify: false, maxNesting: MAX_NESTING })
  .enable('table')
  .use(cjkFriendly)
  .use(footnotes);

const shape = (tokens: Token[]): unknown[] =>
  tokens.map((t) => ({
    type: t.type,
    tag: t.tag,
    content: t.content,
    meta: t.meta,
    map: t.map,
    block: t.block,
    children: t.children ? shape(t.children) : null,
  }));

const TEXTS = [
  '正文[^1]和[^a]，再引用一次[^1]。\n\n[^1]: 第一条。\n[^a]: 第二条，\n    有第二段。\n\n    > 引文\n',
  '行内注释^[这是行内的]，还有普通的[^x]。\n\n- 列表里的[^y]\n\n[^x]: 普通。\n[^y]: 列表的注释。\n[^z]: 没人引用。\n',
  '没有注释的文字。\n',
  Array.from({ length: 300 }, (_, i) => `第${i}段[^n${i}]。`).join('\n\n') +
    '\n\n' +
    Array.from({ length: 300 }, (_, i) => `[^n${i}]: 注${i}。`).join('\n'),
];

describe('the footnote tail', () => {
  for (const [k, text] of TEXTS.entries()) {
    it(`gives the plugin's tokens (text ${k + 1})`, () => {
      expect(shape(markdown().parse(text, {}))).toEqual(shape(plugin.parse(text, {})));
    });
  }
});

describe('nesting past the limit', () => {
  it('keeps the deep lines as paragraphs, and everything after them', () => {
    const text = [
      ...Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层`),
      '',
      '之后的段落[^1]。',
      '',
      '[^1]: 注。',
    ].join('\n');
    const env: { nestingCut?: number } = {};
    const tokens = markdown().parse(text, env);
    const inline = tokens.filter((t) => t.type === 'inline').map((t) => t.content);
    for (let i = 1; i <= 40; i++) expect(inline.some((c) => c.includes(`第${i}层`))).toBe(true);
    expect(inline).toContain('之后的段落[^1]。');
    expect(tokens.some((t) => t.type === 'footnote_open')).toBe(true);
    expect(env.nestingCut).toBe(31);
    // The plugin's parser, at the same limit, loses them: what this guards against.
    expect(
      plugin
        .parse(text, {})
        .filter((t) => t.type === 'inline')
        .map((t) => t.content),
    ).not.toContain('之后的段落[^1]。');
  });
});
