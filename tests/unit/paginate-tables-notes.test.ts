// The page builder with tables that run across pages and footnotes that take room at the foot.
import { describe, expect, it } from 'vitest';
import type { FlowBlock } from '../../src/paginate/flow.js';
import { FRAME, LINES, PITCH, flowOf, landed, line, note, pageOf, para, rules } from '../helpers/flow.js';

function table(rows: number, rowHeight = 14): FlowBlock {
  const header = {
    ...line('H', rowHeight),
    items: [
      ...line('H', rowHeight).items,
      { kind: 'rule' as const, x1: 0, y1: 0, x2: 100, y2: 0, width: 1, color: '#000000' },
    ],
  };
  return {
    lines: [line('cap', 12), header, ...Array.from({ length: rows }, (_, k) => line(`r${k + 1}`, rowHeight))],
    orphans: 1 + 1 + 2,
    widows: 2,
    head: [line('cont', 12), header],
    cut: [{ kind: 'rule', x1: 0, y1: -0.5, x2: 100, y2: -0.5, width: 1, color: '#000000' }],
    snap: true,
  };
}

describe('a table across pages', () => {
  it('repeats its header at the top of each page it runs onto, and closes each piece with a rule', () => {
    const { pages } = flowOf([para('a', 4), table(20), para('z', 2)]);
    const all = landed(pages);
    const rowPages = new Set(all.filter((l) => /^r\d+$/.test(l.name)).map((l) => l.page));
    expect(rowPages.size).toBeGreaterThan(1);
    for (const p of rowPages) {
      const onPage = all.filter((l) => l.page === p);
      if (p === Math.min(...rowPages)) expect(onPage.some((l) => l.name === 'cap')).toBe(true);
      else {
        // the continuation label and the header open the page
        expect(onPage[0].name).toBe('cont');
        expect(onPage[1].name).toBe('H');
      }
    }
    // every row once, in order
    expect(all.filter((l) => /^r\d+$/.test(l.name)).map((l) => l.name)).toEqual(
      Array.from({ length: 20 }, (_, k) => `r${k + 1}`),
    );
    // a closing rule at the foot of every piece but the last
    const cutPages = [...rowPages].slice(0, -1);
    for (const p of cutPages)
      expect(rules(pages[p].items).some((r) => r.y1 > FRAME.top + FRAME.height - 20)).toBe(true);
  });

  it('leaves at least its header and two rows at a page foot, else starts on the next page', () => {
    for (let before = 1; before < LINES; before++) {
      const { pages } = flowOf([para('a', before, { orphans: 1, widows: 1 }), table(12)]);
      const all = landed(pages);
      const first = all.filter((l) => /^r\d+$/.test(l.name) && l.page === pageOf(pages, 'H'));
      expect(first.length, `${before} lines before`).toBeGreaterThanOrEqual(2);
      const last = all.filter((l) => /^r\d+$/.test(l.name) && l.page === pageOf(pages, 'r12'));
      expect(last.length, `${before} lines before`).toBeGreaterThanOrEqual(2);
    }
  });

  it('puts the text after it back on the grid', () => {
    const { pages } = flowOf([para('a', 2), table(3), para('z', 2)]);
    const z = landed(pages).find((l) => l.name === 'z1')!;
    expect(((z.y - FRAME.top - 0.7 * PITCH) / PITCH) % 1).toBeCloseTo(0, 6);
  });
});

describe('footnotes', () => {
  it('are set at the foot of the page whose line refers to them, below a short rule', () => {
    const n = note('n1', 2);
    const p = para('p', 4);
    p.lines[1] = line('p2', PITCH, [n]);
    const { pages } = flowOf([p]);
    const all = landed(pages);
    const n1 = all.filter((l) => l.name.startsWith('n1.'));
    expect(n1.map((l) => l.page)).toEqual([0, 0]);
    // at the foot: the last note line's slot ends at the text block's foot
    expect(n1[1].y).toBeCloseTo(FRAME.top + FRAME.height - 7 + 0.7 * 7);
    expect(rules(pages[0].items)).toHaveLength(1);
  });

  it('push the lines that do not fit above them to the next page, keeping widows and orphans', () => {
    for (let at = 1; at <= 12; at++) {
      const n = note('n', 3, 7); // 21 pt of note, plus the rule's space (one body pitch)
      const p = para('p', 12);
      p.lines[at - 1] = line(`p${at}`, PITCH, [n]);
      const { pages } = flowOf([para('a', 4, { orphans: 1, widows: 1 }), p]);
      const all = landed(pages);
      const ref = all.find((l) => l.name === `p${at}`)!;
      const noteLines = all.filter((l) => l.name.startsWith('n.'));
      expect(
        noteLines.every((l) => l.page === ref.page),
        `reference on line ${at}`,
      ).toBe(true);
      // body lines stay above the notes on every page
      for (const page of new Set(all.map((l) => l.page))) {
        const body = all.filter((l) => l.page === page && !l.name.startsWith('n.'));
        const notes = all.filter((l) => l.page === page && l.name.startsWith('n.'));
        if (notes.length)
          expect(Math.max(...body.map((l) => l.y)), `line ${at}`).toBeLessThan(Math.min(...notes.map((l) => l.y)) - 7);
      }
      const got = new Map<number, number>();
      for (const l of all) if (/^p\d+$/.test(l.name)) got.set(l.page, (got.get(l.page) ?? 0) + 1);
      for (const c of got.values()) expect(c, `reference on line ${at}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('are set once, where first referred to', () => {
    const n = note('n', 1);
    const a = para('a', 12);
    a.lines[0] = line('a1', PITCH, [n]);
    a.lines[11] = line('a12', PITCH, [n]);
    const { pages } = flowOf([a]);
    expect(landed(pages).filter((l) => l.name === 'n.1')).toHaveLength(1);
    expect(pageOf(pages, 'n.1')).toBe(0);
  });
});
