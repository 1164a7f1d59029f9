// The shape of each article: heading levels that step down one at a time, and a title that
// fits its line in the contents. (Empty articles, missing titles, images and footnotes that
// do not resolve are the loader's own diagnostics: the checker reports those as they are.)
import { FindingSink } from './model.js';
import { t as tr } from '../core/text.js';
import { sourceAt, type SourceDoc } from './prose.js';

/** How a title sets in the contents: the lines it takes, and its width against the line's, in em. */
export interface TocFit {
  lines: number;
  width: number;
  measure: number;
}

export type TocMeasure = (title: string) => TocFit | null;

export function checkStructure(docs: SourceDoc[], sink: FindingSink, toc?: TocMeasure): void {
  for (const doc of docs) {
    headings(doc, sink);
    // An article of headings alone has no text to print (one with nothing at all the loader reports).
    const first = doc.units.find((u) => u.kind === 'heading');
    if (first && !doc.units.some((u) => u.kind !== 'heading')) {
      sink.add(
        'warning',
        'article-empty',
        { file: doc.file, line: first.start + 1, col: 1 },
        tr('article-empty.headings'),
        tr('article-empty.headings.fix'),
      );
    }
    const title = doc.fields.get('title');
    if (title && toc) {
      const text = title.text.trim();
      const fit = toc(text);
      if (fit && fit.lines > 1) {
        sink.add(
          'warning',
          'title-toc',
          { file: doc.file, line: title.start + 1, col: sourceAt(title, 0).col + 1 },
          tr('title-toc', { width: fit.width.toFixed(1), measure: fit.measure.toFixed(1), lines: fit.lines }),
          tr('title-toc.fix'),
        );
      }
    }
  }
}

/** ## → ### → ####: a level may be left upwards at any time, but not skipped going down. */
function headings(doc: SourceDoc, sink: FindingSink): void {
  let prev = 1; // the title
  for (const u of doc.units) {
    if (u.kind !== 'heading') continue;
    // The build sets # as ## (and says so); count it as what it prints as.
    const level = Math.max(2, u.level ?? 2);
    if (level > prev + 1) {
      const marks = (n: number) => '#'.repeat(n);
      sink.add(
        'warning',
        'heading-skip',
        { file: doc.file, line: u.start + 1, col: 1 },
        tr(prev === 1 ? 'heading-skip.title' : 'heading-skip', { level, marks: marks(level), prev, skipped: prev + 1 }),
        tr('heading-skip.fix', { marks: marks(prev + 1) }),
      );
    }
    prev = level;
  }
}
