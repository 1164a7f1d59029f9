// A fingerprint of each page as drawn, from the display list: the page marks the pages an
// edit changed by comparing these between builds. Hashing the display list (not the PDF)
// sees exactly what is drawn, positions to the 1/1000 pt the PDF is written with, and costs
// a few milliseconds for hundreds of pages.
import { createHash } from 'node:crypto';
import type { PlacedGlyph } from '../core/drawn.js';
import type { DisplayList, Page } from '../paginate/display.js';

const words = new Map<string, number>();

/** Two 32-bit lanes (after cyrb53's mixing): 64 bits, so two pages never collide in practice. */
class Hasher {
  private a = 0xdeadbeef;
  private b = 0x41c6ce57;

  int(v: number): void {
    this.a = Math.imul(this.a ^ v, 2654435761);
    this.b = Math.imul(this.b ^ v, 1597334677);
  }

  num(v: number): void {
    this.int(Math.round(v * 1000) | 0);
  }

  str(s: string): void {
    this.int(s.length);
    for (let i = 0; i < s.length; i++) this.int(s.charCodeAt(i));
  }

  /** A short string met on every glyph (font role, colour), by a number standing for it. */
  word(s: string): void {
    let v = words.get(s);
    if (v === undefined) {
      if (words.size > 1000) words.clear();
      v = 0x811c9dc5;
      for (let i = 0; i < s.length; i++) v = Math.imul(v ^ s.charCodeAt(i), 16777619);
      words.set(s, v);
    }
    this.int(v);
  }

  /** The state so far, both lanes (to be hashed into another Hasher with `pair`). */
  lanes(): [number, number] {
    return [this.a, this.b];
  }

  pair([a, b]: [number, number]): void {
    this.int(a);
    this.int(b);
  }

  digest(): string {
    let a = this.a;
    let b = this.b;
    a = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
    b = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(a ^ (a >>> 13), 3266489909);
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }
}

/** Pictures are hashed once per buffer: the source stage reads each file into one. */
const pictureHashes = new WeakMap<Buffer, string>();

function pictureHash(data: Buffer): string {
  let h = pictureHashes.get(data);
  if (!h) pictureHashes.set(data, (h = createHash('sha1').update(data).digest('hex')));
  return h;
}

/** A line's glyphs hashed, by the array (see runHash). */
const runHashes = new WeakMap<PlacedGlyph[], [number, number]>();

/**
 * The glyphs of a text item — font, size and colour where they change, then each glyph's id,
 * place along the item and rise — as the two lanes of a Hasher. Lines come from the
 * composition cache, the same arrays build after build, so an edit hashes only the lines it
 * set again (a 277-page issue's glyphs, hashed afresh on every save, were ~15 ms of each
 * rebuild).
 */
function runHash(glyphs: PlacedGlyph[]): [number, number] {
  let v = runHashes.get(glyphs);
  if (v !== undefined) return v;
  const h = new Hasher();
  let font = '';
  let size = -1;
  let color = '';
  for (const g of glyphs) {
    if (g.font !== font || g.size !== size || g.color !== color) {
      font = g.font;
      size = g.size;
      color = g.color;
      h.int(-1);
      h.word(font);
      h.num(size);
      h.word(color);
    }
    h.int(g.id);
    h.num(g.x);
    h.num(g.rise ?? 0);
  }
  v = h.lanes();
  runHashes.set(glyphs, v);
  return v;
}

export function pageHash(page: Page): string {
  const h = new Hasher();
  h.int(page.folio ?? -1);
  for (const it of page.items) {
    h.str(it.kind);
    switch (it.kind) {
      case 'text':
        h.num(it.x);
        h.num(it.y);
        h.num(it.angle ?? 0);
        h.int(it.behind ? 1 : 0);
        h.pair(runHash(it.glyphs));
        break;
      case 'rule':
        h.num(it.x1);
        h.num(it.y1);
        h.num(it.x2);
        h.num(it.y2);
        h.num(it.width);
        h.str(it.color);
        break;
      case 'link':
        h.num(it.x);
        h.num(it.y);
        h.num(it.w);
        h.num(it.h);
        h.int(it.page ?? -1);
        h.str(it.url ?? '');
        break;
      case 'image':
        h.num(it.x);
        h.num(it.y);
        h.num(it.w);
        h.num(it.h);
        h.str(pictureHash(it.image.data));
        break;
    }
  }
  return h.digest();
}

export function pageHashes(display: DisplayList): string[] {
  return display.pages.map(pageHash);
}
