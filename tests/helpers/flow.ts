// Synthetic blocks for the page builder: every line carries a name, so tests can read back
// which line landed on which page, and where.
import type { Item, TextItem } from '../../src/paginate/display.js';
import { Flow, type FlowBlock, type FlowLine, type FlowNote, type FlowPage } from '../../src/paginate/flow.js';
import type { Frame } from '../../src/template/model.js';

export const PITCH = 10;
export const LINES = 10;
export const FRAME: Frame = {
  left: 0,
  top: 100,
  width: 200,
  height: LINES * PITCH,
  pitch: PITCH,
  lines: LINES,
  charPitch: 12,
  evenShift: 0,
};

/** A named glyph on a baseline at y, its em box (0.6 of the slot) inside its slot. */
function named(name: string, y: number, size: number): TextItem {
  return {
    kind: 'text',
    x: 0,
    y,
    glyphs: [{ font: 'serif', size, color: '#000000', id: 1, x: 0, adv: 10, text: name }],
  };
}

export function line(name: string, height = PITCH, notes?: FlowNote[]): FlowLine {
  return { height, items: [named(name, height * 0.7, 0.6 * height)], notes };
}

export function para(prefix: string, n: number, o: { orphans?: number; widows?: number } = {}): FlowBlock {
  return {
    lines: Array.from({ length: n }, (_, k) => line(`${prefix}${k + 1}`)),
    orphans: o.orphans ?? 2,
    widows: o.widows ?? 2,
  };
}

export function heading(name: string, keep = 2, space = 0): FlowBlock {
  const before: FlowLine[] = Array.from({ length: space }, () => ({ height: PITCH, items: [], space: true }));
  return { lines: [...before, line(name)], orphans: 1, widows: 1, keep };
}

export function note(id: string, lines: number, pitch = 7): FlowNote {
  return { id, lines: Array.from({ length: lines }, (_, k) => line(`${id}.${k + 1}`, pitch)) };
}

export interface Landed {
  name: string;
  page: number;
  /** Baseline, from the page top. */
  y: number;
}

/** Every named line, page by page, top to bottom. */
export function landed(pages: FlowPage[]): Landed[] {
  const out: Landed[] = [];
  pages.forEach((p, page) => {
    for (const it of p.items)
      if (it.kind === 'text') out.push({ name: it.glyphs.map((g) => g.text).join(''), page, y: it.y });
  });
  return out;
}

export function pageOf(pages: FlowPage[], name: string): number {
  return landed(pages).find((l) => l.name === name)?.page ?? -1;
}

export function flowOf(
  blocks: FlowBlock[],
  o: ConstructorParameters<typeof Flow>[1] = {},
): { flow: Flow; pages: FlowPage[] } {
  const flow = new Flow(FRAME, o);
  flow.start('new-page');
  flow.place(blocks);
  return { flow, pages: flow.finish() };
}

export function rules(items: Item[]): Extract<Item, { kind: 'rule' }>[] {
  return items.filter((it): it is Extract<Item, { kind: 'rule' }> => it.kind === 'rule');
}

/**
 * A slot of n named lines (`${prefix}1` …) that the flow may cut between them, keeping
 * `orphans` lines before a cut and `widows` after it, as a table row keeps its cells'.
 */
export function tall(
  prefix: string,
  n: number,
  o: { orphans?: number; widows?: number; pitch?: number } = {},
): FlowLine {
  const pitch = o.pitch ?? PITCH;
  const orphans = o.orphans ?? 2;
  const widows = o.widows ?? 2;
  const piece = (a: number, b: number): FlowLine => {
    const l: FlowLine = {
      height: (b - a) * pitch,
      items: Array.from({ length: b - a }, (_, k) =>
        named(`${prefix}${a + k + 1}`, k * pitch + 0.7 * pitch, 0.6 * pitch),
      ),
    };
    if (b === n && n - a >= 2) l.split = cutter(a);
    return l;
  };
  const cutter =
    (a: number): NonNullable<FlowLine['split']> =>
    (fits, force) => {
      for (let k = n - a - 1; k >= 1; k--) {
        const legal = k >= orphans && n - a - k >= widows;
        if ((legal || force) && fits(piece(a, a + k))) return [piece(a, a + k), piece(a + k, n)];
      }
      return force ? [piece(a, a + 1), piece(a + 1, n)] : undefined;
    };
  return piece(0, n);
}
