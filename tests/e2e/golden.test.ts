// The bytes of the sample and the fixtures, pinned: a change to any of them must be meant.
// When output changes on purpose, update the hashes here in the same commit and say why in
// its message (pages, fonts and the text layer are checked by the other tests).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

// (Stop 6: stable CIDs and a CIDToGIDMap, render/subset.ts; font subsets compressed in
// segments, render/deflate-segments.ts. Every page renders to the same pixels and copies out
// the same text as before, in poppler and MuPDF; only the encoding moved.)
const GOLDEN: [string, string][] = [
  [SAMPLE, '8672e8661a15038771e43a0da4264f3eb67619940fe8bc331c0b01ba03678483'],
  [
    join(ROOT, 'tests', 'fixtures', 'all-constructs'),
    'ff1049219e2ebb9784937b03d4239735e87df00ed6977a58bfaf4fed2ba603b7',
  ],
  [join(ROOT, 'tests', 'fixtures', 'mixed-script'), '15de17e3f7ef2c577b098ea49aed6d47d7c74ca28d6ef0d13a3bce06c0c856a3'],
  // Quotes nested four deep, with lists, a figure, a table and footnotes in them.
  [join(ROOT, 'tests', 'fixtures', 'quotes'), '43e368bcdf9f84fd8789970d65714d643e85bc18b77fda1c190fbc0afcac1afd'],
  [join(ROOT, 'tests', 'fixtures', 'alert'), 'a4a51233399220e8c115a97524e3f225424e6f5952ae1b8912a469877848ce66'],
];

describe('output bytes, pinned', () => {
  for (const [dir, sha] of GOLDEN) {
    it(`${dir.slice(ROOT.length + 1)} builds to the same bytes`, async () => {
      const { pdf } = await build(dir, { root: ROOT });
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(sha);
    });
  }
});
