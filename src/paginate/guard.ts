// After pagination, every item the flow drew must lie inside its page's text block: the body
// above the notes and the colophon, the notes at the foot. Layout is built so that nothing
// runs off the page; this check makes a future overflow loud instead of silent. Page
// furniture (masthead, folios, running heads, colophon) sits where the template puts it and
// is not checked.
import type { Item } from './display.js';
import type { FlowPage } from './flow.js';
import { t, type Text } from '../core/text.js';
import type { Diagnostics, SourcePos } from '../source/diagnostics.js';
import type { Frame } from '../template/model.js';

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Stray {
  item: Item;
  /** How far past which edge, in pt. */
  edge: 'top' | 'foot' | 'left' | 'right';
  by: number;
}

/** Glyphs are measured by their em boxes: 0.88 em above the baseline, 0.12 below (Chinese fonts' ideographic box). */
const ASCENT = 0.88;
const DESCENT = 0.12;
/** Rounding in positions and the half-pt a rule's ends may reach past its box. */
const SLACK = 0.5;

/** The box an item covers on its page. */
export function extent(it: Item): Box | undefined {
  switch (it.kind) {
    case 'text': {
      if (!it.glyphs.length) return undefined;
      let left = Infinity;
      let right = -Infinity;
      let size = 0;
      for (const g of it.glyphs) {
        const x = it.x + g.x;
        if (x < left) left = x;
        const end = x + g.adv;
        if (end > right) right = end;
        if (g.size > size) size = g.size;
      }
      return { left, right, top: it.y - ASCENT * size, bottom: it.y + DESCENT * size };
    }
    case 'rule': {
      const w = it.width / 2;
      return {
        left: Math.min(it.x1, it.x2) - w,
        right: Math.max(it.x1, it.x2) + w,
        top: Math.min(it.y1, it.y2) - w,
        bottom: Math.max(it.y1, it.y2) + w,
      };
    }
    case 'image':
    case 'link':
      return { left: it.x, right: it.x + it.w, top: it.y, bottom: it.y + it.h };
  }
}

/**
 * The items that reach outside `box`. Sideways, `hang` more is allowed: punctuation and note
 * markers hang into the margin at a line's end, and an opening mark's blank half at its start.
 */
export function strays(items: Item[], box: Box, hang: number): Stray[] {
  const out: Stray[] = [];
  // Run once per item of every page: no arrays or closures per item (the stress issue has
  // ~40,000 items), the same answer as taking the largest of the four in this order.
  for (const item of items) {
    const e = extent(item);
    if (!e) continue;
    let edge: Stray['edge'] = 'foot';
    let by = e.bottom - box.bottom - SLACK;
    const top = box.top - e.top - SLACK;
    if (top > by) ((edge = 'top'), (by = top));
    const right = e.right - box.right - hang - SLACK;
    if (right > by) ((edge = 'right'), (by = right));
    const left = box.left - e.left - hang - SLACK;
    if (left > by) ((edge = 'left'), (by = left));
    if (by > 0) out.push({ item, edge, by: by + SLACK });
  }
  return out;
}

/** A few words of what an item shows, to recognise it by in a message. */
export function describe(it: Item): Text {
  switch (it.kind) {
    case 'text': {
      const text = it.glyphs.map((g) => g.text).join('');
      return t('item.text', {
        text: `${Array.from(text).slice(0, 12).join('')}${Array.from(text).length > 12 ? '…' : ''}`,
      });
    }
    case 'rule':
      return t('item.rule');
    case 'image':
      return t('item.image');
    case 'link':
      return t('item.link');
  }
}

/** What the guard is shown of a laid-out issue. */
export interface Guarded {
  /** The cover pages' items; those in `furniture` (the masthead) are not checked. */
  cover: Item[][];
  furniture: Item[];
  /** The flowed pages, after the cover, and where the flow's items were written. */
  laid: FlowPage[];
  sources: Map<Item, SourcePos>;
  frame: Frame;
  /** How far marks may hang past the block's sides, pt. */
  hang: number;
  /** Where an item with no source place of its own is reported (the issue.yaml). */
  fallback: SourcePos;
}

/**
 * Every item the flow drew inside the text block, or a `layout-overflow` error at the place it
 * was written: pagination keeps text on the page, and this makes a lapse in it loud. One
 * report per place and page.
 */
export function reportStrays(g: Guarded, diags: Diagnostics): void {
  const { frame, hang, fallback } = g;
  const block: Box = {
    left: frame.left,
    top: frame.top,
    right: frame.left + frame.width,
    bottom: frame.top + frame.height,
  };
  const told = new Set<string>();
  // The contents, below the masthead (furniture) on the first page.
  const furniture = new Set(g.furniture);
  g.cover.forEach((items, i) => {
    for (const s of strays(
      items.filter((it) => !furniture.has(it)),
      block,
      hang,
    ))
      report(s, i + 1, fallback);
  });
  g.laid.forEach((p, i) => {
    const page = g.cover.length + i + 1;
    const floor = p.floor < block.bottom - 1e-6 ? t('layout-overflow.floor') : undefined;
    for (const s of strays(p.body, { ...block, bottom: p.floor }, hang))
      report(s, page, g.sources.get(s.item) ?? fallback, floor);
    for (const s of strays(p.footnotes, block, hang)) report(s, page, g.sources.get(s.item) ?? fallback);
  });
  function report(s: Stray, page: number, pos: SourcePos, foot?: Text): void {
    const key = `${pos.file}:${pos.line}:${page}`;
    if (told.has(key)) return;
    told.add(key);
    const where =
      s.edge === 'foot'
        ? (foot ?? t('layout-overflow.foot'))
        : s.edge === 'top'
          ? t('layout-overflow.top')
          : t(`layout-overflow.${s.edge}`);
    diags.error(
      'layout-overflow',
      pos,
      t('layout-overflow', { item: describe(s.item), page, by: s.by.toFixed(1), where }),
      t('layout-overflow.fix'),
    );
  }
}
