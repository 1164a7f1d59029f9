// Saddle-stitch imposition (骑马订): the pages two up on sheets folded once and nested, so
// that the printed stack, folded and stapled, reads 1, 2, 3 … Blank pages make the count a
// multiple of four. A5 pages go two to an A4 side, A4 two to A3: the sheet is two pages wide.
import { shiftItemX, type DisplayList, type Item, type Page } from '../paginate/display.js';

/**
 * The sides of the sheets, in printing order: [left, right] page indexes (0-based), null for
 * a blank. Sheet s (outermost first) carries pages P−2s and 2s+1 on its front, 2s+2 and
 * P−2s−1 on its back (1-based), P the page count rounded up to four.
 */
export function bookletOrder(pages: number): [number | null, number | null][] {
  const total = Math.max(4, Math.ceil(pages / 4) * 4);
  const at = (p: number) => (p <= pages ? p - 1 : null);
  const sides: [number | null, number | null][] = [];
  for (let s = 0; s < total / 4; s++) {
    sides.push([at(total - 2 * s), at(2 * s + 1)]);
    sides.push([at(2 * s + 2), at(total - 2 * s - 1)]);
  }
  return sides;
}

/** The document imposed: each side of a sheet a page of its own, twice as wide. */
export function imposeBooklet(display: DisplayList): DisplayList {
  const order = bookletOrder(display.pages.length);
  const sideOf = new Map<number, number>();
  order.forEach(([l, r], k) => {
    if (l !== null) sideOf.set(l, k);
    if (r !== null) sideOf.set(r, k);
  });
  const move = (it: Item, dx: number): Item => {
    const moved = dx ? shiftItemX(it, dx) : it;
    // a link to a page goes to the side that page is printed on
    return moved.kind === 'link' && moved.page !== undefined ? { ...moved, page: sideOf.get(moved.page) } : moved;
  };
  const pages: Page[] = order.map(([l, r]) => ({
    items: [
      ...(l === null ? [] : display.pages[l].items.map((it) => move(it, 0))),
      ...(r === null ? [] : display.pages[r].items.map((it) => move(it, display.width))),
    ],
    folio: null,
  }));
  return {
    ...display,
    width: 2 * display.width,
    pages,
    outline: display.outline.map((e) => ({ ...e, page: sideOf.get(e.page) ?? 0 })),
    meta: { ...display.meta, title: `${display.meta.title}（拼版）` },
  };
}
