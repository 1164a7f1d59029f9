// Titles measured as the contents set them, remembered: the measurer itself (the template's
// fonts and composer) is layout's, handed in by whoever runs the check
// (CheckOptions.contentsMeasurer), so check imports no layout stage.
import type { FontRegistry } from '../fonts/registry.js';
import type { Template } from '../template/model.js';
import type { TocFit, TocMeasure } from './structure.js';

/** Makes a measurer of titles for a template and its fonts: furnish/contents-measure.ts. */
export type ContentsMeasurer = (template: Template, fonts: FontRegistry) => TocMeasure;

/** Fits already measured, per measurer, template and title: titles seldom change between builds. */
const measured = new WeakMap<ContentsMeasurer, Map<string, TocFit>>();

/** `make`'s measurer for this template, made on the first title not measured before; `key` names the template's state. */
export function tocMeasure(make: ContentsMeasurer, template: Template, fonts: FontRegistry, key: string): TocMeasure {
  let fits = measured.get(make);
  if (!fits) measured.set(make, (fits = new Map<string, TocFit>()));
  const known = fits;
  let measure: TocMeasure | undefined;
  return (title) => {
    if (!title) return null;
    const k = `${key}|${title}`;
    let fit = known.get(k);
    if (!fit) {
      measure ??= make(template, fonts);
      fit = measure(title)!;
      if (known.size > 10000) known.clear();
      known.set(k, fit);
    }
    return fit;
  };
}
