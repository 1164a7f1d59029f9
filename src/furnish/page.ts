// A page made ready to print: the running head above its text and the folio below.
import type { Item, Page } from '../paginate/display.js';
import type { Flow, FlowPage } from '../paginate/flow.js';
import type { Issue } from '../source/model.js';
import type { Frame } from '../template/model.js';
import type { Typesetter } from '../set/typeset.js';
import { folioItems } from './folio.js';
import { runningHead } from './running-head.js';

/** A part of the layout kept between builds under a key naming all it reads but the setting (pipeline/blocks-cache.ts). */
export type Remember = <T>(key: string, make: () => T) => T;

/** The part made afresh: a layout that keeps nothing. */
export const afresh: Remember = (_key, make) => make();

/** The issue's fields, as a key (a running head shows them). */
const metaKeys = new WeakMap<Issue, string>();
const metaKey = (issue: Issue): string => {
  let k = metaKeys.get(issue);
  if (k === undefined) metaKeys.set(issue, (k = JSON.stringify([issue.meta, issue.name, issue.dir])));
  return k;
};

/**
 * A flowed page made ready to print: its folio (none on blank pages, nor — on the 公文
 * convention — on a page holding only the colophon) and its running head.
 */
export function furnishPage(
  p: FlowPage,
  number: number,
  total: number,
  issue: Issue,
  ts: Typesetter,
  frame: Frame,
  flow: Flow,
  remember: Remember = afresh,
): Page {
  const t = ts.template;
  // In reading order: running head, the page's text, folio.
  const items: Item[] = [];
  const opens = p.starts.some((a) => Math.abs((flow.anchors.get(a)?.y ?? -1) - frame.top) < 1e-6);
  if (!p.blank && !p.colophonOnly && (t.runningHead.onArticleStart || !opens))
    items.push(
      ...remember(`head|${number % 2}|${p.mark ?? ''}|${metaKey(issue)}`, () =>
        runningHead(number, p.mark ?? '', issue, ts, frame),
      ),
    );
  items.push(...p.items);
  const folio = p.blank || (p.colophonOnly && t.colophon.page === 'even') ? null : number;
  if (folio !== null) items.push(...remember(`folio|${folio}|${total}`, () => folioItems(folio, total, ts, frame)));
  return { items, folio };
}

/** A cover page (masthead, contents): numbered and with a folio only when the template says so. */
export function furnishCoverPage(
  items: Item[],
  i: number,
  total: number,
  ts: Typesetter,
  frame: Frame,
  remember: Remember = afresh,
): Page {
  return ts.template.folio.cover
    ? {
        items: [...items, ...remember(`folio|${i + 1}|${total}`, () => folioItems(i + 1, total, ts, frame))],
        folio: i + 1,
      }
    : { items, folio: null };
}
