// The CIDFont's widths and ToUnicode CMap for sparse CIDs (src/render/cid-font.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_WIDTH, toUnicodeCMap, widthsArray } from '../../src/render/cid-font.js';

describe('widthsArray', () => {
  it('lists runs of consecutive CIDs not an em wide, and leaves out the rest', () => {
    const widths = new Map([
      [3, 500],
      [4, 600],
      [5, DEFAULT_WIDTH],
      [6, 250],
      [9, 333.5],
      [10, 1250],
      [20000, DEFAULT_WIDTH],
      [40000, 1125],
    ]);
    expect(widthsArray([...widths.keys()], (c) => widths.get(c)!)).toEqual([
      3,
      [500, 600],
      6,
      [250],
      9,
      [333.5, 1250],
      40000,
      [1125],
    ]);
    expect(widthsArray([], () => 0)).toEqual([]);
  });
});

describe('toUnicodeCMap', () => {
  const parse = (cmap: string) => {
    const out = new Map<number, string>();
    for (const block of cmap.matchAll(/(\d+) beginbfchar\n([\s\S]*?)\nendbfchar/g)) {
      const lines = block[2].split('\n');
      expect(lines).toHaveLength(Number(block[1]));
      expect(lines.length).toBeLessThanOrEqual(100);
      for (const l of lines) {
        const [, cid, hex] = /^<([0-9a-f]{4})> <([0-9a-f]*)>$/.exec(l)!;
        out.set(parseInt(cid, 16), String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))));
      }
    }
    return out;
  };

  it('maps every CID in use to its text, a hundred to a block, astral characters as surrogate pairs', () => {
    const texts = new Map<number, string>();
    for (let k = 0; k < 250; k++) texts.set(1 + 97 * k, String.fromCodePoint(0x4e00 + k));
    texts.set(31000, '𠀀'); // U+20000
    texts.set(31001, '年 ');
    texts.set(65535, '');
    const cids = [...texts.keys()].sort((a, b) => a - b);
    const cmap = toUnicodeCMap(cids, (c) => Array.from(texts.get(c)!, (ch) => ch.codePointAt(0)!));
    expect(cmap).toContain('<0000> <ffff>');
    expect(cmap.match(/beginbfchar/g)).toHaveLength(3);
    expect(parse(cmap)).toEqual(texts);
    expect(cmap).toContain('<7918> <d840dc00>');
  });
});
