// The issue as the editors wrote it: plain data, every node knowing where it came from.
import type { SourcePos } from './diagnostics.js';

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
  pos: SourcePos;
}

export type Block =
  | { kind: 'para'; spans: Span[]; pos: SourcePos }
  | { kind: 'heading'; level: number; spans: Span[]; pos: SourcePos }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][]; pos: SourcePos }
  | { kind: 'quote'; blocks: Block[]; pos: SourcePos }
  | { kind: 'rule'; pos: SourcePos };

export interface Article {
  file: string;
  /** Order from the file-name prefix (01-, 02-, …). */
  order: number;
  slug: string;
  meta: ArticleMeta;
  /** Where the title was written (front matter), for diagnostics about it. */
  titlePos: SourcePos;
  blocks: Block[];
}

export interface Issue {
  dir: string;
  /** Folder name, e.g. 2023-06: names the output file. */
  name: string;
  meta: IssueMeta;
  articles: Article[];
}
