// The bytes of the sample and the fixtures, pinned: a change to any of them must be meant.
// When output changes on purpose, update the hashes here in the same commit and say why in
// its message (pages, fonts and the text layer are checked by the other tests).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

// (Stop 6: stable CIDs and a CIDToGIDMap, render/subset.ts. Every page renders to the same
// pixels and copies out the same text as before, in poppler and MuPDF; only the encoding moved.)
const GOLDEN: [string, string][] = [
  [SAMPLE, 'aab791aa75aaf932fb006ab53ac605d0ebcb588a199b174ab97374b2d5e839c5'],
  [
    join(ROOT, 'tests', 'fixtures', 'all-constructs'),
    '49303f3a464cb6410b71f7815ccb4d6e7a59003c18fca4a6daf0b1902208d081',
  ],
  [join(ROOT, 'tests', 'fixtures', 'mixed-script'), 'b9d867a547869efc74e3569b02e32540ba41d67778cb314b9496cabc37dd77f1'],
  // Quotes nested four deep, with lists, a figure, a table and footnotes in them.
  [join(ROOT, 'tests', 'fixtures', 'quotes'), '9e97268069de321efd50682fe97ac8356cce520c1de6def3a65cb27d01627c4a'],
  [join(ROOT, 'tests', 'fixtures', 'alert'), '7cc2981a483b8317c6efc5f2f46838d0b43bd52bc49bb5d452ffd228236e9593'],
];

describe('output bytes, pinned', () => {
  for (const [dir, sha] of GOLDEN) {
    it(`${dir.slice(ROOT.length + 1)} builds to the same bytes`, async () => {
      const { pdf } = await build(dir, { root: ROOT });
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha);
    });
  }
});
