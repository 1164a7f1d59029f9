// The page builder on synthetic blocks: widows and orphans at every place a page can break,
// headings at the foot, space at the top, the line grid, article starts and the colophon.
import { describe, expect, it } from 'vitest';
import { Flow, type FlowBlock } from '../../src/paginate/flow.js';
import { strays } from '../../src/paginate/guard.js';
import { FRAME, LINES, PITCH, flowOf, heading, landed, line, note, pageOf, para } from '../helpers/flow.js';

/** Lines of a block (by name prefix) on each page they reach. */
function pieces(pages: ReturnType<typeof flowOf>['pages'], prefix: string): number[] {
  const count = new Map<number, number>();
  for (const l of landed(pages)) if (l.name.startsWith(prefix)) count.set(l.page, (count.get(l.page) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n);
}

describe('widows and orphans', () => {
  for (const rule of [2, 3]) {
    it(`never leaves fewer than ${rule} lines of a paragraph either side of a break, wherever it falls`, () => {
      for (let before = 0; before < LINES; before++) {
        for (let n = 1; n <= 3 * LINES; n++) {
          const blocks: FlowBlock[] = [];
          if (before) blocks.push(para('a', before, { orphans: 1, widows: 1 }));
          blocks.push(para('p', n, { orphans: rule, widows: rule }));
          blocks.push(para('z', 1));
          const { pages } = flowOf(blocks);
          const got = pieces(pages, 'p');
          const where = `${before} lines before, paragraph of ${n}`;
          expect(
            got.reduce((a, b) => a + b, 0),
            where,
          ).toBe(n);
          if (n < 2 * rule) expect(got, where).toHaveLength(1);
          if (got.length > 1) {
            expect(got[0], `orphan: ${where}`).toBeGreaterThanOrEqual(rule);
            expect(got[got.length - 1], `widow: ${where}`).toBeGreaterThanOrEqual(rule);
          }
          // A paragraph moves on only when its first piece cannot stay.
          const room = LINES - before;
          if (n <= room) expect(pageOf(pages, 'p1'), where).toBe(0);
          // No page overflows the text block.
          for (const l of landed(pages)) expect(l.y).toBeLessThan(FRAME.top + FRAME.height);
        }
      }
    });
  }

  it('keeps every line, in order, on the body grid', () => {
    const { pages } = flowOf([para('a', 7), heading('h'), para('b', 13), para('c', 3), heading('i'), para('d', 25)]);
    const all = landed(pages);
    expect(all.map((l) => l.name)).toEqual([
      ...Array.from({ length: 7 }, (_, k) => `a${k + 1}`),
      'h',
      ...Array.from({ length: 13 }, (_, k) => `b${k + 1}`),
      ...Array.from({ length: 3 }, (_, k) => `c${k + 1}`),
      'i',
      ...Array.from({ length: 25 }, (_, k) => `d${k + 1}`),
    ]);
    for (const l of all) expect(((l.y - FRAME.top - 0.7 * PITCH) / PITCH) % 1).toBeCloseTo(0, 6);
  });
});

describe('headings', () => {
  it('never end a page, and keep at least two lines of what follows, at every position', () => {
    for (let before = 0; before < LINES; before++) {
      for (const n of [1, 2, 3, 4, 5, 9]) {
        const blocks = [para('a', before || 1, { orphans: 1, widows: 1 }), heading('h'), para('p', n), para('q', 6)];
        const { pages } = flowOf(blocks);
        const all = landed(pages);
        const h = all.find((l) => l.name === 'h')!;
        const after = all.filter((l) => l.page === h.page && l.y > h.y);
        const where = `${before} lines before, then ${n}`;
        expect(after.length, where).toBeGreaterThanOrEqual(2);
        // whatever follows the heading on its page starts right below it
        expect(after[0].name, where).toBe('p1');
      }
    }
  });

  it('keep a chain of headings together with the text', () => {
    const { pages } = flowOf([
      para('a', 6, { orphans: 1, widows: 1 }),
      heading('h2'),
      heading('h3'),
      heading('h4'),
      para('p', 5),
    ]);
    expect(pageOf(pages, 'h2')).toBe(pageOf(pages, 'p2'));
    expect(pageOf(pages, 'h2')).toBe(1);
  });

  it('drop the space above them at the top of a page', () => {
    const { pages } = flowOf([para('a', 9, { orphans: 1, widows: 1 }), heading('h', 2, 2), para('p', 4)]);
    const h = landed(pages).find((l) => l.name === 'h')!;
    expect(h.page).toBe(1);
    expect(h.y).toBeCloseTo(FRAME.top + 0.7 * PITCH);
  });

  it('keep their space above in the middle of a page', () => {
    const { pages } = flowOf([para('a', 2), heading('h', 2, 1), para('p', 4)]);
    const h = landed(pages).find((l) => l.name === 'h')!;
    expect(h.y).toBeCloseTo(FRAME.top + 3 * PITCH + 0.7 * PITCH);
  });

  it('do not loop or lose text when what they keep is taller than a page (the guard finds what reaches below the foot)', () => {
    const fig = line('fig', 12 * PITCH);
    fig.items.push({ kind: 'rule', x1: 0, y1: 12 * PITCH, x2: 50, y2: 12 * PITCH, width: 1, color: '#000000' });
    const big: FlowBlock = { lines: [fig], orphans: 1, widows: 1, whole: true };
    const { pages } = flowOf([para('a', 3), heading('h'), big, para('p', 3)]);
    const names = landed(pages).map((l) => l.name);
    expect(names).toContain('fig');
    expect(names.filter((n) => n.startsWith('p'))).toHaveLength(3);
    const block = {
      left: FRAME.left,
      top: FRAME.top,
      right: FRAME.left + FRAME.width,
      bottom: FRAME.top + FRAME.height,
    };
    expect(pages.flatMap((p) => strays(p.body, { ...block, bottom: p.floor }, 0)).map((s) => s.edge)).toEqual(['foot']);
  });
});

describe('whole blocks (figures)', () => {
  it('move to the next page rather than split, leaving the rest of the page empty', () => {
    const fig: FlowBlock = { lines: [line('fig', 5 * PITCH)], orphans: 1, widows: 1, whole: true };
    const { pages } = flowOf([para('a', 7, { orphans: 1, widows: 1 }), fig, para('b', 2)]);
    expect(pageOf(pages, 'fig')).toBe(1);
    expect(pageOf(pages, 'a7')).toBe(0);
    expect(pageOf(pages, 'b1')).toBe(1);
    const fy = landed(pages).find((l) => l.name === 'fig')!.y;
    expect(fy).toBeCloseTo(FRAME.top + 0.7 * 5 * PITCH);
  });

  it('stay where they fit', () => {
    const fig: FlowBlock = { lines: [line('fig', 3 * PITCH)], orphans: 1, widows: 1, whole: true };
    const { pages } = flowOf([para('a', 7, { orphans: 1, widows: 1 }), fig]);
    expect(pageOf(pages, 'fig')).toBe(0);
  });
});

describe('snapping back to the grid', () => {
  it('puts the line after an odd-height block back on the grid', () => {
    const odd: FlowBlock = { lines: [line('t1', 13), line('t2', 13)], orphans: 1, widows: 1, snap: true };
    const { pages } = flowOf([para('a', 2), odd, para('b', 2)]);
    const b1 = landed(pages).find((l) => l.name === 'b1')!;
    expect(b1.y).toBeCloseTo(FRAME.top + 5 * PITCH + 0.7 * PITCH);
  });
});

describe('article starts', () => {
  const run = (mode: 'new-page' | 'odd-page' | 'continue', offset: number) => {
    const flow = new Flow(FRAME, { pageOffset: offset });
    for (const name of ['x', 'y', 'z']) {
      flow.start(mode);
      flow.place([{ ...para(name, 3), anchor: name }]);
    }
    return { flow, pages: flow.finish() };
  };

  it('new page: each article on a page of its own', () => {
    const { pages } = run('new-page', 1);
    expect(pages.map((p) => p.blank)).toEqual([false, false, false]);
  });

  it('new odd page: blank even pages between, marked blank', () => {
    const { pages, flow } = run('odd-page', 1);
    // the cover is page 1: articles on pages 3, 5, 7
    expect([...flow.anchors.values()].map((a) => flow.number(a.page))).toEqual([3, 5, 7]);
    expect(pages.map((p) => p.blank)).toEqual([true, false, true, false, true, false]);
  });

  it('continue: articles run on the same page', () => {
    const { pages } = run('continue', 1);
    expect(pages).toHaveLength(1);
    expect(pages[0].starts).toEqual(['x', 'y', 'z']);
  });
});

describe('the colophon', () => {
  const draw = (top: number) => [
    { kind: 'rule' as const, x1: 0, y1: top, x2: 10, y2: top, width: 1, color: '#000000' },
  ];

  it('sits at the foot of the last page when it fits', () => {
    const flow = new Flow(FRAME);
    flow.start('new-page');
    flow.place([para('a', 6)]);
    flow.foot(3 * PITCH, draw);
    const pages = flow.finish();
    expect(pages).toHaveLength(1);
    const r = pages[0].items.find((it) => it.kind === 'rule')!;
    expect(r.kind === 'rule' && r.y1).toBe(FRAME.top + FRAME.height - 3 * PITCH);
  });

  it('comes after the footnotes above it in reading order, as on the page', () => {
    const flow = new Flow(FRAME);
    flow.start('new-page');
    flow.place([{ lines: [line('a1', PITCH, [note('n', 1)]), line('a2')], orphans: 1, widows: 1 }]);
    flow.foot(3 * PITCH, (top) => [line('colophon').items[0]].map((it) => ({ ...it, y: top + 5 })));
    const pages = flow.finish();
    expect(pages).toHaveLength(1);
    const read = landed(pages);
    expect(read.map((l) => l.name)).toEqual(['a1', 'a2', 'n.1', 'colophon']);
    // and so they stand on the page, top to bottom
    expect(read.map((l) => l.y)).toEqual([...read.map((l) => l.y)].sort((a, b) => a - b));
  });

  it('goes to a page of its own rather than overlap text', () => {
    const flow = new Flow(FRAME);
    flow.start('new-page');
    flow.place([para('a', 8)]);
    flow.foot(3 * PITCH, draw);
    const pages = flow.finish();
    expect(pages).toHaveLength(2);
    expect(pages[1].colophonOnly).toBe(true);
  });

  it('on an even page when asked, leaving the odd page before it blank', () => {
    const flow = new Flow(FRAME, { pageOffset: 1 });
    flow.start('new-page'); // page 2
    flow.place([para('a', 8)]);
    flow.foot(3 * PITCH, draw, true); // no room on 2: 3 would be odd, so 4
    const pages = flow.finish();
    expect(pages.map((p) => [p.blank, p.colophonOnly])).toEqual([
      [false, false],
      [true, false],
      [false, true],
    ]);
  });
});
