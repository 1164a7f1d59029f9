// The display list: pages of positioned items. It is the contract between layout and
// output — tests read it directly, and any backend (PDF now) only draws it.
import type { ImageRef, PlacedGlyph } from '../core/drawn.js';

/**
 * Structure roles of a tagged PDF (PDF 1.7's standard types; `Title`, from PDF 2.0, is role
 * mapped to H1 for PDF/UA-1).
 */
export type Role =
  | 'Document'
  | 'Title'
  | 'Art'
  | 'Div'
  | 'TOC'
  | 'TOCI'
  | 'Link'
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'BlockQuote'
  | 'Code'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Figure'
  | 'Caption'
  | 'Note';

/**
 * An element of the document's logical structure. Items name the element their content
 * belongs to; the tree is the elements' parents. Siblings keep the order in which they were
 * made (the order of the source), the document's own children the order of the pages.
 */
export interface StructNode {
  role: Role;
  parent?: StructNode;
  /** Alternative text (a figure's caption). */
  alt?: string;
  /** Unique in the document (notes). */
  id?: string;
  /** Header cells: what they head. */
  scope?: 'Column' | 'Row';
  readonly seq: number;
}

let made = 0;

export function structNode(
  role: Role,
  parent?: StructNode,
  o: { alt?: string; id?: string; scope?: 'Column' | 'Row' } = {},
): StructNode {
  return { role, parent, ...o, seq: made++ };
}

/**
 * What every item may say about its place in the structure: the element its content belongs
 * to, or nothing, which makes it page furniture (an Artifact: rules, leaders, folios…).
 */
interface Tagged {
  node?: StructNode;
  /** Furniture of the page's margins: running heads (Header) and folios (Footer). */
  artifact?: 'Header' | 'Footer';
}

export interface TextItem extends Tagged {
  kind: 'text';
  /** Baseline origin; glyph x values are relative to it. Coordinates from the page's top left, in pt. */
  x: number;
  y: number;
  glyphs: PlacedGlyph[];
  /**
   * Set in sequence after the text item before it, on its baseline: the space between them
   * is the composer's (a contents line's leader and number), so it copies as nothing.
   */
  continues?: boolean;
  /** Turned about its origin, degrees counter-clockwise (a draft's watermark). */
  angle?: number;
  /** Drawn under everything else on the page, rules and pictures too (a watermark). */
  behind?: boolean;
}

export interface RuleItem extends Tagged {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: string;
}

export interface LinkItem extends Tagged {
  kind: 'link';
  x: number;
  y: number;
  w: number;
  h: number;
  /** Index of the target page, for links inside the document… */
  page?: number;
  /** …or an external address. */
  url?: string;
  /** What the link says, for readers that announce it (the annotation's Contents). */
  label?: string;
}

/** A picture drawn into the box x, y (top left), w × h, in pt. */
export interface ImageItem extends Tagged {
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

/** The item moved right by dx (an even page whose text block sits the other way round). */
export function shiftItemX(it: Item, dx: number): Item {
  switch (it.kind) {
    case 'text':
    case 'link':
    case 'image':
      return { ...it, x: it.x + dx };
    case 'rule':
      return { ...it, x1: it.x1 + dx, x2: it.x2 + dx };
  }
}

export interface OutlineEntry {
  title: string;
  page: number;
  y: number;
  /** Entries under this one (an article's sections). */
  children?: OutlineEntry[];
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
