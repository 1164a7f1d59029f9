// The issue as the editors wrote it: plain data, every node knowing where it came from.
import type { Token } from 'markdown-it';
import type { Document } from 'yaml';
import type { ImageRef } from '../core/drawn.js';
import type { SourcePos } from './diagnostics.js';
import type { Encoding } from './read.js';

export interface IssueMeta {
  title: string;
  year: number;
  number: number;
  date: string; // YYYY-MM-DD
  publisher: string;
  editor: string;
  phone: string;
  template: string;
  total?: number;
}

export interface ArticleMeta {
  title: string;
  subtitle?: string;
  source?: string;
  author?: string;
}

/** A run of text with one style; `pos` is where its first character was written. */
export interface Span {
  text: string;
  bold?: boolean;
  em?: boolean;
  code?: boolean;
  href?: string;
  /** A footnote reference (text is empty): index into the article's footnotes. */
  note?: number;
  /** A hard line break (text is empty): the line ends here. */
  br?: boolean;
  pos: SourcePos;
}

// Declared with the display list's other parts, which draws it; named here too for the source stage.
export type { ImageRef };

export type CellAlign = 'left' | 'center' | 'right' | null;

/** The blocks the reader itself knows; src/constructs/ adds the others. */
export type CoreBlock =
  | { kind: 'para'; spans: Span[]; pos: SourcePos }
  | { kind: 'heading'; level: number; spans: Span[]; pos: SourcePos }
  | { kind: 'list'; ordered: boolean; start: number; delimiter: string; items: Block[][]; pos: SourcePos }
  | { kind: 'rule'; pos: SourcePos }
  | { kind: 'code'; text: string; lang: string; pos: SourcePos }
  /** caption: a paragraph 表1 … written just above the table. */
  | { kind: 'table'; align: CellAlign[]; head: Span[][]; rows: Span[][][]; caption: Span[]; pos: SourcePos }
  /** caption: the image's alt text, or a paragraph 图1 … written just below it. */
  | { kind: 'figure'; image: ImageRef; caption: Span[]; pos: SourcePos };

/**
 * The blocks of Markdown constructs declared in src/constructs/: each construct's module adds
 * its kind here (`declare module '../source/model.js' { interface ConstructBlocks { … } }`),
 * so that Block, and every switch over it, knows the kind without this file changing.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ConstructBlocks {}

export type ConstructBlock = ConstructBlocks[keyof ConstructBlocks];

export type Block = CoreBlock | ConstructBlock;

/** A footnote's text, from its [^label]: definition. */
export interface Footnote {
  label: string;
  blocks: Block[];
  pos: SourcePos;
}

export interface Article {
  file: string;
  /** Order from the file-name prefix (01-, 02-, …). */
  order: number;
  slug: string;
  meta: ArticleMeta;
  /** Where the title was written (front matter), for diagnostics about it. */
  titlePos: SourcePos;
  blocks: Block[];
  /** Footnotes in the order of their first reference (Span.note indexes this). */
  footnotes: Footnote[];
  /** The file as read and its body as parsed: the checker reads its units off the same parse. */
  source?: ArticleSource;
}

export interface ArticleSource {
  /** The file on disk. */
  path: string;
  /** The text as read (decoded, its byte-order mark apart). */
  text: string;
  bom: boolean;
  encoding: Encoding;
  /** The front matter as the yaml package read it (offsets from the line after the first ---). */
  front: Document;
  /** markdown-it's tokens of the body (below the front matter), with their prose (source/prose.ts). */
  tokens: Token[];
}

export interface Issue {
  dir: string;
  /** Folder name, e.g. 2023-06: names the output file. */
  name: string;
  meta: IssueMeta;
  articles: Article[];
}
