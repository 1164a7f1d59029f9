// The display list: pages of positioned items. It is the contract between layout and
// output — tests read it directly, and any backend (PDF now) only draws it.
import type { PlacedGlyph } from '../compose/atoms.js';

export interface TextItem {
  kind: 'text';
  /** Baseline origin; glyph x values are relative to it. Coordinates from the page's top left, in pt. */
  x: number;
  y: number;
  glyphs: PlacedGlyph[];
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

export type Item = TextItem | RuleItem | LinkItem;

export interface Page {
  items: Item[];
  /** Printed page number, or null for pages that carry none (the cover). */
  folio: number | null;
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
