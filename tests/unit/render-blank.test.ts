// The text writer's test for a glyph whose text is all white space (src/render/text.ts
// `blank`): a scan of code units standing in for /^\s+$/u, which must agree with it.
import { describe, expect, it } from 'vitest';
import { blank } from '../../src/render/text.js';

describe('blank glyph text', () => {
  it('agrees with /^\\s+$/u on every BMP code unit, alone and in pairs', () => {
    const re = /^\s+$/u;
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      if (blank(s) !== re.test(s) || blank(s + ' ') !== re.test(s + ' ') || blank(' ' + s) !== re.test(' ' + s))
        differ.push(c);
    }
    expect(differ).toEqual([]);
  });

  it('says no for empty text and for astral characters', () => {
    expect(blank('')).toBe(false);
    expect(blank('𠮷')).toBe(false);
    expect(blank('\u3000\u00a0 ')).toBe(true);
  });
});
