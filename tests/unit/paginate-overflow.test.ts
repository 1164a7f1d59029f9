// Nothing runs off the page: slots that may be cut (table rows) break between their lines,
// footnotes too long for the room at the foot continue on the next page, and the guard finds
// whatever is left outside the text block.
import { describe, expect, it } from 'vitest';
import type { FlowBlock, FlowPage } from '../../src/paginate/flow.js';
import { strays, type Box } from '../../src/paginate/guard.js';
import {
  FRAME,
  LINES,
  PITCH,
  flowOf,
  heading,
  landed,
  line,
  note,
  pageOf,
  para,
  rules,
  tall,
} from '../helpers/flow.js';

const BOTTOM = FRAME.top + FRAME.height;

/** A table block: caption, header, rows (some of them tall slots), with the header repeated under "cont". */
function table(rows: ReturnType<typeof line>[]): FlowBlock {
  return {
    lines: [line('cap'), line('H'), ...rows],
    orphans: 2 + Math.min(2, rows.length),
    widows: Math.min(2, rows.length),
    head: [line('cont'), line('H')],
    cut: [{ kind: 'rule', x1: 0, y1: -0.5, x2: 100, y2: -0.5, width: 1, color: '#000000' }],
    snap: true,
  };
}

function names(pages: FlowPage[], re: RegExp): string[] {
  return landed(pages)
    .filter((l) => re.test(l.name))
    .map((l) => l.name);
}

/** Every item of the body above its page's floor, every note inside the text block. */
function inside(pages: FlowPage[]): void {
  const block: Box = { left: FRAME.left, top: FRAME.top, right: FRAME.left + FRAME.width, bottom: BOTTOM };
  pages.forEach((p, i) => {
    expect(strays(p.body, { ...block, bottom: p.floor }, 0), `body of page ${i}`).toEqual([]);
    expect(strays(p.footnotes, block, 0), `notes of page ${i}`).toEqual([]);
  });
}

describe('a slot taller than the room left (a table row)', () => {
  it('breaks between its lines, under the repeated header, each piece closed by the rule', () => {
    const { pages } = flowOf([para('a', 5, { orphans: 1, widows: 1 }), table([line('r1'), tall('t', 25), line('r3')])]);
    expect(names(pages, /^t\d+$/)).toEqual(Array.from({ length: 25 }, (_, k) => `t${k + 1}`));
    const tPages = [
      ...new Set(
        landed(pages)
          .filter((l) => /^t\d+$/.test(l.name))
          .map((l) => l.page),
      ),
    ];
    expect(tPages.length).toBe(4);
    // the row starts on the page the table starts on: it does not move whole
    expect(pageOf(pages, 't1')).toBe(0);
    for (const p of tPages.slice(1)) {
      const on = landed(pages).filter((l) => l.page === p);
      expect(on.slice(0, 2).map((l) => l.name)).toEqual(['cont', 'H']);
    }
    // a closing rule at the foot of each piece but the last, inside the text block
    for (const p of tPages.slice(0, -1)) {
      const foot = rules(pages[p].items);
      expect(foot.length).toBe(1);
      expect(foot[0].y1).toBeLessThanOrEqual(BOTTOM);
      expect(foot[0].y1).toBeGreaterThan(BOTTOM - PITCH);
    }
    expect(pageOf(pages, 'r3')).toBe(tPages[tPages.length - 1]);
    inside(pages);
  });

  it('keeps its own widows and orphans at every place it could break', () => {
    for (let before = 1; before < LINES - 2; before++) {
      for (const n of [3, 4, 5, 7, 12, 19]) {
        const { pages } = flowOf([para('a', before, { orphans: 1, widows: 1 }), table([tall('t', n)])]);
        const per = new Map<number, number>();
        for (const l of landed(pages)) if (/^t\d+$/.test(l.name)) per.set(l.page, (per.get(l.page) ?? 0) + 1);
        const counts = [...per.values()];
        const where = `${before} lines before, a row of ${n}`;
        expect(
          counts.reduce((a, b) => a + b, 0),
          where,
        ).toBe(n);
        if (counts.length > 1) {
          expect(counts[0], where).toBeGreaterThanOrEqual(2);
          expect(counts[counts.length - 1], where).toBeGreaterThanOrEqual(2);
        }
        // a row that fits on the page it reaches is kept whole there
        if (n <= LINES - before - 2) expect(counts, where).toEqual([n]);
        inside(pages);
      }
    }
  });

  it('keeps every line inside the text block, none lost or out of order, however tall rows follow each other', () => {
    for (let before = 0; before < LINES - 1; before++) {
      for (const m of [1, 3, 5, 9, 14, 23]) {
        for (const n of [1, 2, 4, 7, 15, 31]) {
          const blocks: FlowBlock[] = [];
          if (before) blocks.push(para('a', before, { orphans: 1, widows: 1 }));
          const { pages } = flowOf([...blocks, table([tall('s', m), tall('t', n)]), para('z', 2)]);
          const where = `${before} lines before, rows of ${m} and ${n}`;
          expect(names(pages, /^[st]\d+$/), where).toEqual([
            ...Array.from({ length: m }, (_, k) => `s${k + 1}`),
            ...Array.from({ length: n }, (_, k) => `t${k + 1}`),
          ]);
          inside(pages);
        }
      }
    }
  });

  it('is kept whole where it fits, as a row always was', () => {
    const { pages } = flowOf([para('a', 3, { orphans: 1, widows: 1 }), table([line('r1'), tall('t', 4), line('r3')])]);
    expect(
      new Set(
        landed(pages)
          .filter((l) => /^t\d$/.test(l.name))
          .map((l) => l.page),
      ).size,
    ).toBe(1);
  });

  it('breaks against its own rules only where a page could hold nothing else', () => {
    // Room for the header and one line: a row that may not leave fewer than two is cut anyway
    // when the header alone would otherwise open every page.
    const { pages } = flowOf([table([tall('t', 30, { orphans: 9, widows: 9 })])]);
    expect(names(pages, /^t\d+$/)).toHaveLength(30);
    inside(pages);
  });

  it('lets a heading keep with the first piece of a tall first row', () => {
    const { pages } = flowOf([para('a', 4, { orphans: 1, widows: 1 }), heading('h'), table([tall('t', 20)])]);
    expect(pageOf(pages, 'h')).toBe(0);
    expect(pageOf(pages, 't1')).toBe(0);
    inside(pages);
  });
});

describe('a footnote longer than the room at the foot', () => {
  it('continues at the foot of the next page, its reference staying where it is', () => {
    const n = note('n', 12, 5); // 60 pt of note
    const p = para('p', 12, { orphans: 1, widows: 1 });
    p.lines[5] = line('p6', PITCH, [n]);
    const { pages } = flowOf([p]);
    const all = landed(pages);
    const ref = all.find((l) => l.name === 'p6')!;
    expect(ref.page).toBe(0);
    expect(all.filter((l) => /^p\d+$/.test(l.name)).map((l) => l.name)).toEqual(
      Array.from({ length: 12 }, (_, k) => `p${k + 1}`),
    );
    const noteLines = all.filter((l) => l.name.startsWith('n.'));
    expect(noteLines.map((l) => l.name)).toEqual(Array.from({ length: 12 }, (_, k) => `n.${k + 1}`));
    const here = noteLines.filter((l) => l.page === 0).length;
    expect(here).toBeGreaterThanOrEqual(2);
    expect(12 - here).toBeGreaterThanOrEqual(2);
    expect(noteLines.filter((l) => l.page === 1).length).toBe(12 - here);
    // a short rule above the notes on both pages, the body above them
    for (const page of [0, 1]) {
      expect(rules(pages[page].footnotes)).toHaveLength(1);
      const body = all.filter((l) => l.page === page && !l.name.startsWith('n.'));
      const notes = all.filter((l) => l.page === page && l.name.startsWith('n.'));
      expect(Math.max(...body.map((l) => l.y))).toBeLessThan(Math.min(...notes.map((l) => l.y)));
    }
    // the page with the rest of the note sets it first, from the foot up, against the foot
    expect(noteLines[noteLines.length - 1].y).toBeCloseTo(BOTTOM - 5 + 0.7 * 5);
    inside(pages);
  });

  it('runs on over as many pages as it needs, and ends before the next article starts', () => {
    const n = note('n', 45, 5); // two pages and a quarter of note
    const a = para('a', 6, { orphans: 1, widows: 1 });
    a.lines[2] = line('a3', PITCH, [n]);
    const flow = flowOf([]).flow;
    flow.start('new-page');
    flow.place([a]);
    flow.start('new-page');
    flow.place([para('b', 3)]);
    const pages = flow.finish();
    const all = landed(pages);
    expect(all.filter((l) => l.name.startsWith('n.')).map((l) => l.name)).toEqual(
      Array.from({ length: 45 }, (_, k) => `n.${k + 1}`),
    );
    const last = Math.max(...all.filter((l) => l.name.startsWith('n.')).map((l) => l.page));
    expect(pageOf(pages, 'b1')).toBeGreaterThan(last);
    expect(pages[last].blank).toBe(false);
    inside(pages);
  });

  it('moves with its line when too little of it would stay (fewer than orphans lines)', () => {
    const n = note('n', 6, 7);
    const p = para('p', 10, { orphans: 1, widows: 1 });
    p.lines[7] = line('p8', PITCH, [n]); // below p8, room for the rule and one line of note
    const { pages } = flowOf([p]);
    expect(pageOf(pages, 'p7')).toBe(0);
    expect(pageOf(pages, 'p8')).toBe(1);
    expect(
      new Set(
        landed(pages)
          .filter((l) => l.name.startsWith('n.'))
          .map((l) => l.page),
      ),
    ).toEqual(new Set([1]));
    inside(pages);
  });

  it('is the last note of its page: a later reference on the page waits with its line', () => {
    const long = note('n', 10, 5);
    const short = note('m', 1, 5);
    const p = para('p', 12, { orphans: 1, widows: 1 });
    p.lines[3] = line('p4', PITCH, [long]);
    p.lines[4] = line('p5', PITCH, [short]);
    const { pages } = flowOf([p]);
    const all = landed(pages);
    const m = all.find((l) => l.name === 'm.1')!;
    expect(m.page).toBe(pageOf(pages, 'p5'));
    // notes in the order they are referred to, page after page
    expect(all.filter((l) => /^[nm]\./.test(l.name)).map((l) => l.name)).toEqual([
      ...Array.from({ length: 10 }, (_, k) => `n.${k + 1}`),
      'm.1',
    ]);
    inside(pages);
  });
});

describe("notes continued at a page's foot and what opens the page above them", () => {
  it("leave the page to the notes when a table's header and first row do not fit above them", () => {
    for (let at = 1; at <= 8; at++) {
      for (const rows of [3, 12]) {
        const n = note('n', 34, 5);
        const a = para('a', 8, { orphans: 1, widows: 1 });
        a.lines[at - 1] = line(`a${at}`, PITCH, [n]);
        const t = table(Array.from({ length: rows }, (_, k) => line(`r${k + 1}`)));
        t.head = [line('cont'), line('H', 3 * PITCH)];
        const { pages } = flowOf([a, t, heading('h', 2), para('z', 3)]);
        const where = `reference on line ${at}, ${rows} rows`;
        inside(pages);
        expect(names(pages, /^r\d+$/), where).toEqual(Array.from({ length: rows }, (_, k) => `r${k + 1}`));
        expect(names(pages, /^n\.\d+$/), where).toEqual(Array.from({ length: 34 }, (_, k) => `n.${k + 1}`));
        // every page the rows reach shows the header above them
        for (const p of new Set(
          landed(pages)
            .filter((l) => /^r\d+$/.test(l.name))
            .map((l) => l.page),
        )) {
          expect(
            landed(pages).some((l) => l.page === p && l.name === 'H'),
            `${where}, page ${p}`,
          ).toBe(true);
        }
        expect(pageOf(pages, 'h'), where).toBe(pageOf(pages, 'z1'));
      }
    }
  });
});

describe('the guard', () => {
  it('finds an item drawn past the foot, and nothing on pages that keep inside', () => {
    const big: FlowBlock = {
      lines: [
        {
          height: 12 * PITCH,
          items: [{ kind: 'rule', x1: 0, y1: 12 * PITCH, x2: 50, y2: 12 * PITCH, width: 1, color: '#000000' }],
        },
      ],
      orphans: 1,
      widows: 1,
      whole: true,
    };
    const { pages } = flowOf([para('a', 3), big, para('p', 3)]);
    const block: Box = { left: FRAME.left, top: FRAME.top, right: FRAME.left + FRAME.width, bottom: BOTTOM };
    const found = pages.flatMap((p) => strays(p.body, { ...block, bottom: p.floor }, 0));
    expect(found).toHaveLength(1);
    expect(found[0].edge).toBe('foot');
    expect(found[0].by).toBeCloseTo(2 * PITCH + 0.5);
    expect(names(pages, /^p\d$/)).toHaveLength(3);
  });

  it('allows what hangs into the margin by no more than it is told', () => {
    const hung = {
      kind: 'text' as const,
      x: FRAME.left,
      y: FRAME.top + 20,
      glyphs: [{ font: 'serif', size: 10, color: '#000000', id: 1, x: FRAME.width, adv: 10, text: '。' }],
    };
    const block: Box = { left: FRAME.left, top: FRAME.top, right: FRAME.left + FRAME.width, bottom: BOTTOM };
    expect(strays([hung], block, 12)).toEqual([]);
    expect(strays([hung], block, 0).map((s) => s.edge)).toEqual(['right']);
  });
});
