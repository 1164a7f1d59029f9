// A template resolved into plain numbers: everything layout needs to know about the look.
import type { TemplateOptions } from './options.js';
import { t as tr, type Text } from '../core/text.js';
import type { Frame } from './frame.js';

export type { Frame };

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

export function frameOf(t: Template): Frame {
  const p = t.page;
  if (p.block === 'margins') {
    const width = p.width - p.marginInside - p.marginOutside;
    const height = p.height - p.marginTop - p.marginBottom;
    return {
      left: p.marginInside,
      top: p.marginTop,
      width,
      height,
      pitch: height / p.lines,
      lines: p.lines,
      charPitch: width / p.chars,
      evenShift: p.marginOutside - p.marginInside,
    };
  }
  const width = p.chars * t.body.size;
  return {
    left: (p.width - width) / 2,
    top: p.top,
    width,
    height: p.lines * t.body.pitch,
    pitch: t.body.pitch,
    lines: p.lines,
    charPitch: t.body.size,
    evenShift: 0,
  };
}

/** What the template's text block leaves wrong: a block off the paper, or too small. */
export function frameProblem(t: Template, f: Frame): Text | undefined {
  if (f.width < 4 * t.body.size * 0.5 || f.height < 2 * f.pitch)
    return tr('template-block.small', { w: f.width.toFixed(1), h: f.height.toFixed(1) });
  if (
    f.left < 0 ||
    f.left + f.width > t.page.width + 1e-6 ||
    f.left + f.evenShift < -1e-6 ||
    f.top < 0 ||
    f.top + f.height > t.page.height + 1e-6
  ) {
    return tr('template-block.off-paper', {
      w: f.width.toFixed(1),
      h: f.height.toFixed(1),
      x: f.left.toFixed(1),
      y: f.top.toFixed(1),
      pw: t.page.width.toFixed(1),
      ph: t.page.height.toFixed(1),
    });
  }
  return undefined;
}
