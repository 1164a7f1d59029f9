// The display list: pages of positioned items. It is the contract between layout and
// output — tests read it directly, and any backend (PDF now) only draws it.
import type { PlacedGlyph } from '../compose/atoms.js';
import type { ImageRef } from '../source/model.js';

export interface TextItem {
  kind: 'text';
  /** Baseline origin; glyph x values are relative to it. Coordinates from the page's top left, in pt. */
  x: number;
  y: number;
  glyphs: PlacedGlyph[];
  /** Turned about its origin, degrees counter-clockwise (a draft's watermark). */
  angle?: number;
  /** Drawn under everything else on the page, rules and pictures too (a watermark). */
  behind?: boolean;
}

export interface RuleItem {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: string;
}

export interface LinkItem {
  kind: 'link';
  x: number;
  y: number;
  w: number;
  h: number;
  /** Index of the target page, for links inside the document… */
  page?: number;
  /** …or an external address. */
  url?: string;
}

/** A picture drawn into the box x, y (top left), w × h, in pt. */
export interface ImageItem {
  kind: 'image';
  x: number;
  y: number;
  w: number;
  h: number;
  image: ImageRef;
}

export type Item = TextItem | RuleItem | LinkItem | ImageItem;

export interface Page {
  items: Item[];
  /** Printed page number, or null for pages that carry none (the cover, blank pages). */
  folio: number | null;
}

/** The item moved down by dy (items are laid out in a slot, then placed on a page). */
export function shiftItem(it: Item, dy: number): Item {
  switch (it.kind) {
    case 'text':
    case 'link':
    case 'image':
      return { ...it, y: it.y + dy };
    case 'rule':
      return { ...it, y1: it.y1 + dy, y2: it.y2 + dy };
  }
}

export interface OutlineEntry {
  title: string;
  page: number;
  y: number;
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  /** Creation and modification date: from the issue, never the clock. */
  date: Date;
}

export interface DisplayList {
  width: number;
  height: number;
  pages: Page[];
  outline: OutlineEntry[];
  meta: DocumentMeta;
}
