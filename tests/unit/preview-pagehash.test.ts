// Page fingerprints (src/preview/pagehash.ts): the page marks the pages whose fingerprint
// changed, so any change to what a page draws must change it, and nothing else may.
import { describe, expect, it } from 'vitest';
import type { PlacedGlyph } from '../../src/core/drawn.js';
import type { Page } from '../../src/paginate/display.js';
import { pageHash } from '../../src/preview/pagehash.js';

const glyph = (id: number, x: number, over: Partial<PlacedGlyph> = {}): PlacedGlyph => ({
  font: 'serif',
  size: 10.5,
  color: '#000000',
  id,
  x,
  adv: 10.5,
  text: '字',
  ...over,
});

const line = (ids: number[], over: Partial<PlacedGlyph> = {}): PlacedGlyph[] =>
  ids.map((id, k) => glyph(id, 10.5 * k, over));

const page = (lines: PlacedGlyph[][], folio: number | null = 3): Page => ({
  folio,
  items: lines.map((glyphs, k) => ({ kind: 'text', x: 72, y: 100 + 21 * k, glyphs })),
});

describe('pageHash', () => {
  it('is the same for the same drawing, whether or not its lines are the same arrays', () => {
    const lines = [line([1, 2, 3]), line([4, 5])];
    expect(pageHash(page(lines))).toBe(pageHash(page(lines)));
    expect(pageHash(page(lines))).toBe(pageHash(page([line([1, 2, 3]), line([4, 5])])));
  });

  it('changes with any glyph, its place, font, size, colour or rise, and with the page number', () => {
    const base = pageHash(page([line([1, 2, 3]), line([4, 5])]));
    const variants = [
      page([line([1, 2, 3]), line([4, 6])]),
      page([line([1, 2, 3]), [glyph(4, 0), glyph(5, 10.6)]]),
      page([line([1, 2, 3]), line([4, 5], { font: 'sans' })]),
      page([line([1, 2, 3]), line([4, 5], { size: 9 })]),
      page([line([1, 2, 3]), line([4, 5], { color: '#c00000' })]),
      page([line([1, 2, 3]), [glyph(4, 0), glyph(5, 10.5, { rise: 3 })]]),
      page([line([1, 2, 3]), line([4, 5])], 4),
      page([line([4, 5]), line([1, 2, 3])]),
    ];
    const hashes = variants.map(pageHash);
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
