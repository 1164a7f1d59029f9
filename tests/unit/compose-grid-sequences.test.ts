// The composer on a document grid (公文: 28 cells of 156/28 mm for 16 pt type, no
// compression, a mark past the end hung outside) and with character sequences (emoji with
// skin tones and ZWJ, VS16, flags, variation selectors): a base or nothing, never a part.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAtoms, type StyledRun } from '../../src/compose/atoms.js';
import { composeLines } from '../../src/compose/lines.js';
import type { Face } from '../../src/text/face.js';
import { lineText, run, serif } from '../helpers/compose.js';

const CELL = (156 * 72) / 25.4 / 28; // 15.79 pt
const SIZE = 16;

function grid(text: string, chars = 28, o: { indent?: number } = {}) {
  const runs: StyledRun[] = [{ ...run(text), size: SIZE }];
  const list = buildAtoms(runs, { hanLatin: 0.25, fallback: () => [], tracking: CELL / SIZE - 1, compress: false });
  return composeLines(list, {
    measure: chars * CELL,
    firstIndent: (o.indent ?? 0) * CELL,
    align: 'justify',
    em: SIZE,
    fill: true,
  });
}

describe('a document grid', () => {
  const text =
    '近年来西安市在贯彻落实创新驱动发展战略中积极探索科技成果转化新路径形成了一批可复制可推广的经验做法为全省提供了借鉴';

  it('puts 28 characters on each full line, each in its cell', () => {
    const lines = grid(text);
    expect(lineText(lines[0])).toHaveLength(28);
    lines[0].glyphs.forEach((g, k) => expect(g.x).toBeCloseTo(k * CELL, 6));
    expect(lines[0].right).toBeCloseTo(28 * CELL, 6);
  });

  it('indents a first line by two cells, leaving 26', () => {
    const lines = grid(text, 28, { indent: 2 });
    expect(lineText(lines[0])).toHaveLength(26);
    expect(lines[0].glyphs[0].x).toBeCloseTo(2 * CELL, 6);
  });

  it('hangs the mark that falls into the 29th cell outside, instead of pushing a character down', () => {
    const lines = grid(`${'科'.repeat(28)}，${'技'.repeat(10)}`);
    expect(lineText(lines[0])).toBe(`${'科'.repeat(28)}，`);
    expect(lines[0].glyphs[28].x).toBeCloseTo(28 * CELL, 6);
    expect(lines[0].right).toBeCloseTo(28 * CELL, 6);
  });

  it('does not hang a mark that fits: 。 in the 28th cell stays in it, unstretched', () => {
    const lines = grid(`${'科'.repeat(27)}。${'技'.repeat(10)}`);
    expect(lineText(lines[0])).toBe(`${'科'.repeat(27)}。`);
    lines[0].glyphs.forEach((g, k) => expect(g.x).toBeCloseTo(k * CELL, 6));
  });

  it('never hangs a —— or two marks: the character before them goes down (推出)', () => {
    // —— may not start a line, so the character before it goes down with it
    const dash = grid(`${'科'.repeat(27)}——${'技'.repeat(10)}`);
    expect(lineText(dash[0])).toBe('科'.repeat(26));
    const two = grid(`${'科'.repeat(28)}”，${'技'.repeat(10)}`);
    expect(lineText(two[0])).toBe('科'.repeat(27));
    expect(two[0].right).toBeCloseTo(28 * CELL, 6); // stretched to the edge
  });

  it('keeps 。” as two whole cells (no 1.5 em pair) and squeezes nothing', () => {
    const lines = grid(`他说：“好。”${'科'.repeat(30)}`);
    const g = lines[0].glyphs;
    for (let k = 1; k < 7; k++) expect(g[k].x - g[k - 1].x).toBeCloseTo(CELL, 6);
  });

  it('fills every line but the last with 28 cells, or 27 and a pushed character, for any text (property)', () => {
    const chars = Array.from('科技成果转化创新驱动发展战略，。、；：“”《》（）！？');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { minLength: 40, maxLength: 160 }), (cs) => {
        const lines = grid(cs.join(''));
        for (const l of lines.slice(0, -1)) {
          const inside = l.glyphs.filter((g) => g.x < 28 * CELL - 1e-6);
          if (inside.length > 28) return false;
          if (l.right > 28 * CELL + 1e-6) return false;
          const hung = l.glyphs.length - inside.length;
          if (hung > 1) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});

describe('character sequences', () => {
  function atoms(text: string, fallback: Face[] = []) {
    const missing: string[] = [];
    const list = buildAtoms([run(text)], {
      hanLatin: 0.25,
      fallback: () => fallback,
      missing: (ch) => missing.push(ch),
    });
    return { text: list.atoms.flatMap((a) => a.glyphs.map((g) => g.text)).join(''), missing };
  }

  it('leaves out a ZWJ sequence whose base no font has, whole and reported once: no stray ♀', () => {
    const r = atoms('收到了🙅🏻‍♀️不要再寄了');
    expect(r.text).toBe('收到了不要再寄了');
    expect(r.missing).toEqual(['🙅🏻‍♀️']);
  });

  it('prints a skin-toned or VS16 sequence as its base where the font has the base', () => {
    const face = Object.assign(Object.create(serif) as Face, {
      glyph: (cp: number) => (cp === 0x1f44d || cp === 0x2764 ? { id: 1, advance: 1000 } : serif.glyph(cp)),
    });
    const r = atoms('赞👍🏽好❤️', [face]);
    expect(r.text).toBe('赞👍好❤');
    expect(r.missing).toEqual([]);
  });

  it('leaves out a flag whole (a lone regional letter would be a stray part)', () => {
    const r = atoms('中国🇨🇳队');
    expect(r.text).toBe('中国队');
    expect(r.missing).toEqual(['🇨🇳']);
  });

  it('prints an ideograph with a variation selector as the ideograph', () => {
    const r = atoms('葛\u{E0100}洪');
    expect(r.text).toBe('葛洪');
    expect(r.missing).toEqual([]);
  });

  it('leaves out and reports a zero-width space, even where a font has a glyph for it', () => {
    const face = Object.assign(Object.create(serif) as Face, { glyph: () => ({ id: 3, advance: 0 }) });
    const r = atoms('科\u200b技', [face]);
    expect(r.text).toBe('科技');
    expect(r.missing).toEqual(['\u200b']);
  });

  it('never prints a sequence part alone, for any mix of text and sequences (property)', () => {
    const parts = ['科', '技', 'A', '1', '👍🏽', '🙅🏻‍♀️', '❤️', '🇨🇳', '1️⃣', '👨‍👩‍👧', '葛\u{E0100}'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { maxLength: 30 }), (ps) => {
        const r = atoms(ps.join(''));
        return !/[\u200d\ufe0f\u2640\u2642\u{1f3fb}-\u{1f3ff}\u{1f1e6}-\u{1f1ff}\u20e3\u{e0100}]/u.test(r.text);
      }),
    );
  });
});
