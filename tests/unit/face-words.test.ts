// Shaped Latin words kept in the metrics cache as one string each (text/face.ts wordCode):
// a word read back from the cache is the run shaping it gives.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Face, wordCode, wordRun, type FaceMetrics } from '../../src/text/face.js';
import { serif } from '../helpers/compose.js';

/** A face of the same font that has learnt nothing yet: it shapes with fontkit. */
const fresh = () => new Face('serif', serif.file, readFileSync(serif.file));

describe('a shaped word in the metrics cache', () => {
  it('reads back as the run shaping gave: glyphs, advances (kerning), the text of each glyph (ligatures)', () => {
    const face = fresh();
    // fi and ffl ligatures, kerning pairs (AV, To), digits, a word with a combining mark
    for (const word of ['office', 'baffled', 'AVATAR', 'Today', '2023', 'naïve', 'Cafe\u0301', 'x']) {
      const run = face.latin(word);
      const back = wordRun(word, wordCode(run));
      expect(back).toEqual(run);
      expect(back.texts.join('')).toBe(word);
    }
  });

  it('round-trips any run of glyphs, however its characters are shared among them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(65535), fc.integer({ min: -500, max: 3000 }), fc.string({ maxLength: 3 })), {
          maxLength: 12,
        }),
        (glyphs) => {
          const run = {
            ids: glyphs.map((g) => g[0]),
            advances: glyphs.map((g) => g[1]),
            texts: glyphs.map((g) => g[2]),
            width: glyphs.reduce((a, g) => a + g[1], 0),
          };
          expect(wordRun(run.texts.join(''), wordCode(run))).toEqual(run);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is what a second face, given the first one’s metrics, prints without shaping', () => {
    const first = fresh();
    const words = ['office', 'Beijing', 'AI', 'GDP', 'T-shirt'];
    const runs = words.map((w) => first.latin(w));
    const kept = JSON.parse(JSON.stringify(first.metrics)) as FaceMetrics;
    for (const w of words) expect(typeof kept.words[w]).toBe('string');
    const second = new Face('serif', serif.file, Buffer.alloc(0), kept);
    // (an empty font buffer: shaping would fail, so these come from the cache)
    expect(words.map((w) => second.latin(w))).toEqual(runs);
  });
});
