// The articles flowed behind the cover, whose contents list the pages they land on: passes
// of flow and contents until the cover's length settles, then every page furnished (folio,
// running head) and the outline made.
import type { Item, OutlineEntry, Page, StructNode } from '../paginate/display.js';
import { Flow, type ArticleStart, type FlowBlock, type FlowPage } from '../paginate/flow.js';
import type { Issue } from '../source/model.js';
import type { Frame } from '../template/model.js';
import type { SectionMark } from '../set/article.js';
import type { Typesetter } from '../set/typeset.js';
import { colophon, colophonBlock, colophonHeight } from './colophon.js';
import { contents, masthead, type TocEntry } from './cover.js';
import { placedEntries, unplacedEntries } from './outline.js';
import { afresh, furnishCoverPage, furnishPage, type Remember } from './page.js';

export type { Remember } from './page.js';

/** The cover page(s): masthead and contents (which may run on to further pages). */
export interface Cover {
  pages: Item[][];
  /** The masthead's items, on the first page: furniture. */
  masthead: Item[];
}

/** The issue's pages, furnished, and what the checks after them need of the last pass. */
export interface Furnished {
  /** Every page, the cover's first, with folios and running heads. */
  pages: Page[];
  outline: OutlineEntry[];
  /** The cover as printed (its contents with page numbers). */
  cover: Cover;
  /** The flow of the last pass and its pages, before furnishing. */
  flow: Flow;
  laid: FlowPage[];
}

/**
 * The articles' flow blocks (composed once: each pass only re-flows them) onto pages after
 * the cover, the colophon at the end. `sections` are the sections the contents list, by
 * article; `placed` is told after each article is placed, with the pages laid so far.
 */
export function flowBehindContents(
  issue: Issue,
  blocks: FlowBlock[][],
  sections: SectionMark[][],
  ts: Typesetter,
  frame: Frame,
  doc: StructNode,
  placed: (article: number, pages: number) => void,
  remember: Remember = afresh,
): Furnished {
  const template = ts.template;
  const start = template.article.start;
  // Page numbers in the contents sit in a fixed-width box, so the cover's length does not
  // depend on them: the flow, which depends only on that length (page parity), runs once
  // unless filling in the numbers changed it after all.
  let entries: TocEntry[] = unplacedEntries(issue, sections);
  // The cover as it was when the same entries were listed (its elements hang from the same `doc`).
  const coverOf = (listed: TocEntry[]) =>
    remember(`cover|${JSON.stringify([issue.meta, issue.name, issue.dir, listed])}`, () =>
      coverItems(issue, listed, ts, frame, doc),
    );
  let cover = coverOf(entries);
  let filled = cover;
  let pages: Page[] = [];
  let outline: OutlineEntry[] = [];
  let flow: Flow | undefined;
  let laid: FlowPage[] = [];
  for (let pass = 0; pass < 4; pass++) {
    flow = new Flow(frame, {
      pageOffset: cover.pages.length,
      notes: {
        sep: template.footnote.pitch,
        ruleLength: template.footnote.ruleLength * frame.width,
        ruleWidth: template.footnote.ruleWidth,
        color: template.footnote.color,
        orphans: template.flow.orphans,
        widows: template.flow.widows,
      },
    });
    blocks.forEach((b, k) => {
      const mode: ArticleStart = k === 0 ? (start === 'odd-page' ? 'odd-page' : 'new-page') : start;
      flow!.start(mode);
      flow!.place(b);
      placed(k, cover.pages.length + flow!.pageIndex + 1);
    });
    if (template.colophon.position === 'after') flow.place([colophonBlock(issue, ts, frame, doc)]);
    else
      flow.foot(colophonHeight(ts), (top) => colophon(issue, ts, frame, top, doc), template.colophon.page === 'even');
    laid = flow.finish();
    const at = (anchor: string) => flow!.anchors.get(anchor) ?? { page: 0, y: frame.top };
    ({ entries, outline } = placedEntries(issue, sections, at, cover.pages.length));
    filled = coverOf(entries);
    const offset = cover.pages.length;
    const total = offset + laid.length;
    pages = [
      ...filled.pages.map((items, i) => furnishCoverPage(items, i, total, ts, frame, remember)),
      ...laid.map((p, i) => furnishPage(p, offset + i + 1, total, issue, ts, frame, flow!, remember)),
    ];
    if (filled.pages.length === cover.pages.length) break;
    cover = filled;
  }
  return { pages, outline, cover: filled, flow: flow!, laid };
}

/** The cover page(s) for these contents entries. */
function coverItems(issue: Issue, entries: TocEntry[], ts: Typesetter, frame: Frame, doc: StructNode): Cover {
  const head = masthead(issue, ts, frame, doc);
  const pages = contents(issue, entries, ts, frame, head.bottom, doc);
  pages[0].unshift(...head.items);
  return { pages, masthead: head.items };
}
