// The bytes of the sample and the fixtures, pinned: a change to any of them must be meant.
// When output changes on purpose, update the hashes here in the same commit and say why in
// its message (pages, fonts and the text layer are checked by the other tests).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

const GOLDEN: [string, string][] = [
  [SAMPLE, 'c4a6149fd7ddff85d00a2245fcd6391e467908ae846812da7a03d2767a376624'],
  [
    join(ROOT, 'tests', 'fixtures', 'all-constructs'),
    '204f0bceb231de023da154dc486c62f6bd500581e41cde3462b07e8456e12f4d',
  ],
  [join(ROOT, 'tests', 'fixtures', 'mixed-script'), 'ac4290aed608252cf83dec7b5c23bb637c58104be7af53e893b48fd6bf1e1fe7'],
  // Quotes nested four deep, with lists, a figure, a table and footnotes in them: the hash
  // main gave before quotes became a construct module (src/constructs/quote.ts).
  [join(ROOT, 'tests', 'fixtures', 'quotes'), 'bda0b3ccc8f82c1869339e7a6eb600e12da2f5de55960172ecb834362d1daecf'],
  [join(ROOT, 'tests', 'fixtures', 'alert'), '660ab16bafc7916873ad803b7f98b7bce23bcf82628b9fc0fec3a54fa926b923'],
];

describe('output bytes, pinned', () => {
  for (const [dir, sha] of GOLDEN) {
    it(`${dir.slice(ROOT.length + 1)} builds to the same bytes`, async () => {
      const { pdf } = await build(dir, { root: ROOT });
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha);
    });
  }
});
