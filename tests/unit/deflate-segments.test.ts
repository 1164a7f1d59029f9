// Streams compressed in independent segments (src/render/deflate-segments.ts): one valid zlib
// stream whatever the cuts, the same bytes whether the segments were compressed now, ahead on
// the thread pool or kept from before, and a changed segment the only one compressed again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deflateSegmented, deflateSegmentsAhead, segmentStats } from '../../src/render/deflate-segments.js';
import { ROOT } from '../helpers/build.js';

const font = readFileSync(join(ROOT, 'node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'));

describe('deflateSegmented', () => {
  it('makes a zlib stream that inflates to the data, its checksum checked, for any cuts', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.array(fc.nat({ max: 3000 }), { maxLength: 6 }),
        (data, cuts) => {
          const z = deflateSegmented(
            data,
            [...cuts].sort((a, b) => a - b),
          );
          // inflateSync verifies the Adler-32 at the end
          expect(zlib.inflateSync(z).equals(Buffer.from(data))).toBe(true);
        },
      ),
    );
    const z = deflateSegmented(font, [1000, 50_000, 120_000]);
    expect(zlib.inflateSync(z).equals(font)).toBe(true);
    expect(z.length).toBeLessThan(font.length * 0.8);
  });

  it('never hands back what it kept for other bytes: any byte changed comes out changed', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 200, maxLength: 4000 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (data, at, flip) => {
          const cuts = [data.length >> 2, data.length >> 1];
          deflateSegmented(data, cuts);
          const changed = Buffer.from(data);
          changed[at % data.length] ^= flip;
          expect(zlib.inflateSync(deflateSegmented(changed, cuts)).equals(changed)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('compresses again only the segment that changed, and gives what a fresh compression gives', async () => {
    const data = Buffer.concat([font, Buffer.from(`${Math.random()}`)]);
    const cuts = [40_000, 80_000, 120_000];
    await deflateSegmentsAhead(data, cuts);
    const before = { ...segmentStats };
    const first = deflateSegmented(data, cuts);
    expect(segmentStats.compressed - before.compressed).toBe(0); // all four found, compressed ahead
    const changed = Buffer.from(data);
    // (a byte the fingerprint does not sample: found by it, the segment must still be told apart by its bytes)
    changed[90_000] ^= 0xff;
    const second = deflateSegmented(changed, cuts);
    expect(segmentStats.compressed - before.compressed).toBe(1);
    expect(zlib.inflateSync(second).equals(changed)).toBe(true);
    expect(first.equals(second)).toBe(false);
    // the same segments met again: the very bytes
    expect(deflateSegmented(Buffer.from(data), cuts).equals(first)).toBe(true);
  });
});
