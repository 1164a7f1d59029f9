// A template resolved into plain numbers: everything layout needs to know about the look.

export interface TextStyle {
  font: string;
  size: number;
  pitch: number;
  color: string;
}

export interface Template {
  name: string;
  page: { width: number; height: number; top: number; chars: number; lines: number };
  fonts: { fallback: string[] };
  body: TextStyle & { bold: string; emphasis: string; indent: number; hanLatin: number };
  title: TextStyle & { spaceAfter: number };
  byline: TextStyle;
  headings: Record<number, TextStyle>;
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
  folio: { font: string; size: number; format: string; bottom: number };
  colophon: { font: string; size: number; pitch: number; ruleWidth: number };
  article: { start: 'new-page' };
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
