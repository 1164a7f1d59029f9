// The folio (页码): the page number at the foot, as the template formats it.
import type { Item } from '../paginate/display.js';
import type { Frame } from '../template/model.js';
import type { Typesetter } from '../set/typeset.js';

/**
 * "— 2 —": the parts around {n} are set apart from the number by half an em; centred, or at
 * the outer edge (odd pages right, even pages left).
 */
export function folioItems(n: number, pages: number, ts: Typesetter, frame: Frame): Item[] {
  const folio = ts.template.folio;
  const pos = { file: 'template.yaml', line: 0, col: 0 };
  const [before, after = ''] = folio.format
    .replace(/\{total\}/g, String(pages))
    .split('{n}')
    .map((s) => s.trim());
  const parts = [before, String(n), after]
    .filter(Boolean)
    .map((s) => ts.line(ts.plain(s, folio.font, folio.size, folio.color, pos)));
  const gap = 0.5 * folio.size;
  const wide = parts.reduce((w, l) => w + l.right, 0) + gap * (parts.length - 1);
  const inset = folio.inset * folio.size;
  let x =
    folio.position === 'outside'
      ? n % 2 === 1
        ? frame.left + frame.width - inset - wide
        : frame.left + inset
      : frame.left + (frame.width - wide) / 2;
  const glyphs = [];
  for (const p of parts) {
    for (const g of p.glyphs) glyphs.push({ ...g, x: g.x + x - frame.left });
    x += p.right + gap;
  }
  return [{ kind: 'text', x: frame.left, y: ts.template.page.height - folio.bottom, glyphs, artifact: 'Footer' }];
}
