// A template resolved into plain numbers: everything layout needs to know about the look.
import type { TemplateOptions } from './options.js';

export interface TextStyle {
  font: string;
  size: number;
  pitch: number;
  color: string;
}

/** A section heading's style: template sections heading2 … heading5. */
export type HeadingStyle = TemplateOptions['heading2'];

/** A template resolved: every option declared in options.ts, and the headings by level. */
export type Template = TemplateOptions & {
  name: string;
  headings: Record<number, HeadingStyle>;
};

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
