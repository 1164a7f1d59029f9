// How an article title sets in the contents, measured with the template's own fonts and
// composer on the same measure the contents page uses (see furnish/cover.ts): a title that
// wraps there is one an editor usually wants to shorten.
import type { FontRegistry } from '../fonts/registry.js';
import { Typesetter } from '../set/typeset.js';
import { Diagnostics } from '../source/diagnostics.js';
import { frameOf, type Template } from '../template/model.js';
import type { TocFit, TocMeasure } from './structure.js';

/** Fits already measured, per template and title: titles seldom change between builds. */
const fits = new Map<string, TocFit>();

export function tocMeasure(template: Template, fonts: FontRegistry, key: string): TocMeasure {
  let measure: TocMeasure | undefined;
  return (title) => {
    if (!title) return null;
    const k = `${key}|${title}`;
    let fit = fits.get(k);
    if (!fit) {
      measure ??= composer(template, fonts);
      fit = measure(title)!;
      if (fits.size > 10000) fits.clear();
      fits.set(k, fit);
    }
    return fit;
  };
}

function composer(template: Template, fonts: FontRegistry): TocMeasure {
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
