// How an article's title sets in the contents, measured with the template's own fonts and
// composer on the measure an article's entry has there (furnish/cover.ts, `contents`): its
// bullet and the half em after it hung, the page number's box of 2.5 em kept free. The
// checker is handed this (CheckOptions.contentsMeasurer) to warn of a title that wraps.
import type { FontRegistry } from '../fonts/registry.js';
import { Diagnostics } from '../source/diagnostics.js';
import { frameOf, type Template } from '../template/model.js';
import { Typesetter } from '../set/typeset.js';

/** How a title sets in the contents: the lines it takes, and its width against the line's, in em. */
export interface ContentsFit {
  lines: number;
  width: number;
  measure: number;
}

/** A measurer of titles for this template and these fonts (composes nothing until asked). */
export function contentsMeasurer(template: Template, fonts: FontRegistry): (title: string) => ContentsFit | null {
  // A scratch diagnostics list: missing characters are the glyph check's to report.
  const ts = new Typesetter(template, fonts, new Diagnostics());
  const t = template.toc;
  const frame = frameOf(template);
  const em = t.size;
  const pos = { file: 'template.yaml', line: 0, col: 0 };
  const bullet = ts.line(ts.plain(t.bullet, t.font, t.size, t.color, pos));
  const hang = bullet.right + 0.5 * em;
  const measure = frame.width - 2.5 * em;
  return (title) => {
    if (!title) return null;
    const lines = ts.lines([ts.plain(title, t.font, t.size, t.color, pos)], {
      measure,
      align: 'left',
      firstIndent: hang,
      restIndent: hang,
      em,
    });
    const width = ts.line(ts.plain(title, t.font, t.size, t.color, pos)).right;
    return { lines: lines.length, width: width / em, measure: (measure - hang) / em };
  };
}
