// Column widths and the size a table is set at when its columns are too narrow: measured on
// cells whose widths scale with the size, as set text does.
import { describe, expect, it } from 'vitest';
import { columnWidths, tableSize, type TableMeasure } from '../../src/set/table.js';

/** Cells whose widths at 10.5 pt are given, scaling with the size. */
function cells(natural: number[], words: number[], glyph = 10.5): TableMeasure {
  const at = (w: number[]) => (s: number) => w.map((x) => (x * s) / 10.5);
  return {
    natural: at(natural),
    words: (s) => at(words)(s).map((w) => Math.max(w, s)),
    least: (s) => words.map(() => Math.max((glyph * s) / 10.5, s)),
  };
}

const sum = (w: number[]) => w.reduce((a, b) => a + b, 0);

describe('columnWidths', () => {
  it('gives every column at least one character when even the least widths do not fit', () => {
    const widths = columnWidths([400, 30, 500], () => [200, 9, 300], 150, 9);
    expect(sum(widths)).toBeCloseTo(150);
    for (const w of widths) expect(w).toBeGreaterThanOrEqual(9 - 1e-9);
    // the columns that want more get more
    expect(widths[2]).toBeGreaterThan(widths[0]);
    expect(widths[1]).toBeCloseTo(9);
  });

  it('never gives more than the room when a narrow column would leave the others less than their least', () => {
    // (found by the random-issue property: a column of 的 beside columns of long unbreakable words)
    const min = [5, 60, 60];
    const widths = columnWidths([40, 100, 100], () => min, 130, 5);
    expect(sum(widths)).toBeLessThanOrEqual(130 + 1e-6);
    widths.forEach((w, k) => expect(w).toBeGreaterThanOrEqual(min[k] - 1e-9));
  });
});

describe('tableSize', () => {
  it("keeps the template's size when the text fits", () => {
    const fit = tableSize(10.5, 9, 3, 400, 0.5, cells([50, 60, 70], [20, 20, 20]));
    expect(fit.size).toBe(10.5);
    expect(fit.narrow).toBeUndefined();
    expect(fit.inset).toBeCloseTo(5.25);
  });

  it('keeps it too when the columns hold their longest words and two characters each', () => {
    const fit = tableSize(10.5, 9, 3, 300, 0.5, cells([300, 300, 300], [60, 60, 60]));
    expect(fit.size).toBe(10.5);
    expect(fit.narrow).toBeUndefined();
  });

  it('sets the table at the largest half point that holds the longest words, no smaller', () => {
    // 3 × 95 pt of words at 10.5 pt want 285 + padding; 270 pt of measure holds them at 9.5 pt
    const fit = tableSize(10.5, 9, 3, 300, 0.5, cells([900, 900, 900], [95, 95, 95]));
    expect(fit.size).toBe(9.5);
    expect(fit.narrow).toBeUndefined();
    fit.widths.forEach((w) => expect(w).toBeGreaterThanOrEqual((95 * 9.5) / 10.5 - 1e-6));
    expect(sum(fit.widths) + 3 * 2 * fit.inset).toBeCloseTo(300);
  });

  it('stops at the least size and says the words break, each column one character at least', () => {
    const fit = tableSize(10.5, 9, 8, 300, 0.5, cells(new Array<number>(8).fill(200), new Array<number>(8).fill(120)));
    expect(fit.size).toBe(9);
    expect(fit.narrow).toBe('words');
    for (const w of fit.widths) expect(w).toBeGreaterThanOrEqual(9 - 1e-9);
    expect(sum(fit.widths) + 8 * 2 * fit.inset).toBeCloseTo(300);
  });

  it('says when columns cannot hold two characters even at the least size', () => {
    const fit = tableSize(
      10.5,
      9,
      20,
      300,
      0.5,
      cells(new Array<number>(20).fill(40), new Array<number>(20).fill(10.5)),
    );
    expect(fit.size).toBe(9);
    expect(fit.narrow).toBe('columns');
    for (const w of fit.widths) expect(w).toBeGreaterThanOrEqual(9 - 1e-9);
    expect(sum(fit.widths) + 20 * 2 * fit.inset).toBeLessThanOrEqual(300 + 1e-6);
  });

  it('gives up padding, then size, rather than a column narrower than one character', () => {
    const fit = tableSize(
      10.5,
      9,
      40,
      300,
      0.5,
      cells(new Array<number>(40).fill(40), new Array<number>(40).fill(10.5)),
    );
    expect(fit.size).toBeCloseTo(7.5);
    expect(fit.inset).toBe(0);
    for (const w of fit.widths) expect(w).toBeCloseTo(7.5);
    // the same when the template allows no smaller size at all
    const fixed = tableSize(
      9,
      9,
      40,
      300,
      0.5,
      cells(new Array<number>(40).fill(40), new Array<number>(40).fill(10.5)),
    );
    expect(fixed.size).toBeCloseTo(7.5);
    expect(fixed.narrow).toBe('columns');
  });
});
