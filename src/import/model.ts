// What the importer reads (printed lines, from a text file or a PDF) and what it makes of
// them (an issue: masthead, articles of Markdown blocks), with everything it guessed.
import type { Text } from '../core/text.js';

/** A stretch of a printed line in one weight. */
export interface Run {
  text: string;
  bold: boolean;
}

/** Where something was read: a text file's line, or a PDF's page and line on that page. */
export interface Place {
  file: string;
  /** Text: the file's line (1-based). PDF: the line's number on its page. */
  line: number;
  /** PDF only: the page (1-based). */
  page?: number;
}

/** One printed line, as extracted. Geometry is known for PDFs only. */
export interface PrintedLine {
  text: string;
  runs: Run[];
  /** Page of the printed issue (1-based); text files count form feeds and folios. */
  page: number;
  at: Place;
  /** Left and right edge, baseline (from the top) and type size, in pt. */
  x?: number;
  right?: number;
  y?: number;
  size?: number;
  /** Set centred in the text block. */
  center?: boolean;
  /** The font of its first run (PDF), to tell styles apart. */
  font?: string;
}

export interface Printed {
  file: string;
  kind: 'text' | 'pdf';
  lines: PrintedLine[];
  /** The body's left and right edge and type size (PDF), or its usual line width in ems (wrapped text). */
  left?: number;
  right?: number;
  bodySize?: number;
  /** Text whose lines are the printed lines (copied out of a PDF viewer, pdftotext), not one line per paragraph. */
  wrapped?: boolean;
  /** Wrapped text that kept the paragraphs' indents. */
  indents?: boolean;
}

/** A guess the importer made, reported for the editor to confirm. */
export interface Note {
  /** warning: it could be wrong; note: what it did, for the record (joins it was sure of). */
  severity: 'warning' | 'note';
  code: string;
  at: Place;
  /** A catalogue text (put into the reader's language when printed), or plain English. */
  message: string | Text;
  /**
   * What it concerns — a paragraph read, a Markdown block or an article — so that the report
   * can name its place in the written issue too; or a field of issue.yaml.
   */
  anchor?: object;
  meta?: keyof ImportedMeta;
}

/** A block of the article's Markdown: text already in Markdown (inline marks escaped). */
export interface MdBlock {
  kind: 'para' | 'heading' | 'raw';
  /** Heading level (2–5) for headings. */
  level?: number;
  md: string;
  at: Place;
  /** What it was made from (a paragraph read), for the report. */
  from?: object;
  /** Line in the written article file, once written. */
  outLine?: number;
}

export interface ImportedArticle {
  title: string;
  subtitle?: string;
  author?: string;
  source?: string;
  /** Where the text was found (原文：https://…): kept as a comment in the front matter. */
  url?: string;
  blocks: MdBlock[];
  at: Place;
  /** Page the contents list gives for it. */
  tocPage?: number;
  /** Footnote definitions ([^n]: text), written after the text. */
  notes?: string[];
  /** Files to write beside the issue (images from a .docx): path inside the issue → bytes. */
  files?: Map<string, Buffer>;
  /** The written file, once written. */
  file?: string;
}

export interface ImportedMeta {
  title: string;
  year: number;
  number: number;
  date: string;
  publisher: string;
  editor: string;
  phone: string;
  total?: number;
}

export interface ImportedIssue {
  meta: Partial<ImportedMeta>;
  articles: ImportedArticle[];
  notes: Note[];
  /** Articles found twice and left out. */
  dropped: ImportedArticle[];
}
