// A template resolved into plain numbers: everything layout needs to know about the look.

export interface TextStyle {
  font: string;
  size: number;
  pitch: number;
  color: string;
}

export type BlockAlign = 'left' | 'center';

export interface HeadingStyle extends TextStyle {
  /** In characters of body type. */
  indent: number;
  align: BlockAlign;
  /** Empty grid lines above and below. */
  spaceBefore: number;
  spaceAfter: number;
}

export interface Template {
  name: string;
  page: { width: number; height: number; top: number; chars: number; lines: number };
  fonts: { fallback: string[]; optional: string[] };
  flow: { orphans: number; widows: number; keepAfterHeading: number; keepAfterTitle: number };
  body: TextStyle & { bold: string; emphasis: string; indent: number; hanLatin: number };
  title: TextStyle & { spaceAfter: number };
  byline: TextStyle & { align: 'left' | 'center' | 'right'; subtitle: string; author: string; source: string; joiner: string };
  headings: Record<number, HeadingStyle>;
  list: { bullets: string[]; bulletSize: number; indent: number; nest: number; gap: number };
  quote: { font: string; size: number; color: string; indent: number; rightIndent: number };
  code: { font: string; size: number; color: string; indent: number };
  sectionBreak: { style: 'rule' | 'mark' | 'space'; mark: string; length: number; width: number };
  table: {
    font: string;
    headerFont: string;
    size: number;
    pitch: number;
    color: string;
    padding: number;
    rowPadding: number;
    rules: 'three-line' | 'grid';
    thick: number;
    thin: number;
    cellAlign: 'auto' | 'left' | 'center';
    continued: string;
  };
  caption: { font: string; size: number; color: string };
  figure: { dpi: number; maxHeight: number; gap: number };
  footnote: TextStyle & { marker: 'circled' | 'bracket'; ruleLength: number; ruleWidth: number };
  links: { url: 'footnote' | 'after' | 'none'; after: string };
  runningHead: {
    odd: string;
    even: string;
    font: string;
    size: number;
    color: string;
    baseline: number;
    ruleWidth: number;
    onArticleStart: boolean;
  };
  masthead: {
    top: number;
    color: string;
    titleFont: string;
    titleSize: number;
    titleTracking: number;
    issueFont: string;
    issueSize: number;
    unitFont: string;
    unitSize: number;
    ruleWidth: number;
    ruleGap: number;
  };
  toc: {
    heading: string;
    headingFont: string;
    headingSize: number;
    font: string;
    size: number;
    pitch: number;
    bullet: string;
    leader: string;
    color: string;
  };
  folio: { font: string; size: number; format: string; bottom: number; position: 'center' | 'outside' };
  colophon: { font: string; size: number; pitch: number; ruleWidth: number; page: 'any' | 'even' };
  article: { start: 'new-page' | 'odd-page' | 'continue'; separator: 'rule' | 'mark' | 'space' };
  /** A draft's mark across every page (bulletin build --draft, the preview); pitch unused. */
  watermark: TextStyle & { text: string; angle: number };
}

/** Text block geometry derived from the template: the grid every body line sits on. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
  pitch: number;
  lines: number;
}

export function frameOf(t: Template): Frame {
  const width = t.page.chars * t.body.size;
  return {
    left: (t.page.width - width) / 2,
    top: t.page.top,
    width,
    height: t.page.lines * t.body.pitch,
    pitch: t.body.pitch,
    lines: t.page.lines,
  };
}
