// Pictures converted for --cmyk and --grayscale: a PNG of every colour type, bit depth,
// filter and interlacing unpacked as MuPDF unpacks it, and pixels converted by the rules the
// text's colours follow.
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { convertPixels } from '../../src/render/image-color.js';
import { pngPixels, type Pixels } from '../../src/render/png-pixels.js';
import { parseColor, toCmyk, toGray } from '../../src/template/color.js';
import { ADAM7, PNG_DEPTHS as DEPTHS, PNG_SAMPLES as SAMPLES } from '../../src/source/png.js';

function chunk(name: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(name, 4, 'latin1');
  // (no CRC check in either reader that matters here; a real one keeps MuPDF quiet)
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function crc32(b: Buffer): number {
  let c = ~0;
  for (const x of b) {
    c ^= x;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

interface Spec {
  w: number;
  h: number;
  type: number;
  depth: number;
  interlace: boolean;
  /** Raw samples, at the file's depth, pixel after pixel. */
  samples: number[];
  filters: number[];
  palette?: number[];
  trns?: number[];
}

/** Encodes a PNG the way the spec says, with the given filter per row (a test's own encoder). */
function encode(s: Spec): Buffer {
  const spp = SAMPLES[s.type];
  const rows: Buffer[] = [];
  let f = 0;
  const passes = s.interlace ? ADAM7 : [[0, 0, 1, 1]];
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((s.w - x0) / dx);
    const h = Math.ceil((s.h - y0) / dy);
    if (w <= 0 || h <= 0) continue;
    const bpp = Math.max(1, (spp * s.depth) >> 3);
    let prev = Buffer.alloc(Math.ceil((w * spp * s.depth) / 8));
    for (let y = 0; y < h; y++) {
      const line = Buffer.alloc(prev.length);
      let bit = 0;
      for (let x = 0; x < w; x++) {
        const p = (y0 + y * dy) * s.w + x0 + x * dx;
        for (let k = 0; k < spp; k++) {
          const v = s.samples[p * spp + k];
          if (s.depth === 16) line.writeUInt16BE(v, bit >> 3);
          else if (s.depth === 8) line[bit >> 3] = v;
          else line[bit >> 3] |= v << (8 - s.depth - (bit & 7));
          bit += s.depth;
        }
      }
      const filter = s.filters[f++ % s.filters.length];
      const out = Buffer.alloc(line.length + 1);
      out[0] = filter;
      for (let i = 0; i < line.length; i++) {
        const a = i >= bpp ? line[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const pr = a + b - c;
        const paeth =
          Math.abs(pr - a) <= Math.abs(pr - b) && Math.abs(pr - a) <= Math.abs(pr - c)
            ? a
            : Math.abs(pr - b) <= Math.abs(pr - c)
              ? b
              : c;
        const pred = [0, a, b, (a + b) >> 1, paeth][filter];
        out[i + 1] = (line[i] - pred) & 255;
      }
      rows.push(out);
      prev = line;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(s.w, 0);
  ihdr.writeUInt32BE(s.h, 4);
  ihdr[8] = s.depth;
  ihdr[9] = s.type;
  ihdr[12] = s.interlace ? 1 : 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (s.palette) parts.push(chunk('PLTE', Buffer.from(s.palette)));
  if (s.trns) {
    const t = s.type === 3 ? Buffer.from(s.trns) : Buffer.concat(s.trns.map((v) => Buffer.from([v >> 8, v & 255])));
    parts.push(chunk('tRNS', t));
  }
  parts.push(chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

const spec = fc
  .record({
    w: fc.integer({ min: 1, max: 19 }),
    h: fc.integer({ min: 1, max: 13 }),
    type: fc.constantFrom(0, 2, 3, 4, 6),
    interlace: fc.boolean(),
    filters: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 5 }),
    seed: fc.integer(),
  })
  .chain((r) =>
    fc.constantFrom(...DEPTHS[r.type]).chain((depth) => {
      const max = r.type === 3 ? Math.min(255, (1 << depth) - 1) : (1 << depth) - 1;
      const n = r.w * r.h * SAMPLES[r.type];
      return fc
        .record({
          samples: fc.array(fc.integer({ min: 0, max }), { minLength: n, maxLength: n }),
          palette: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 3 * (max + 1), maxLength: 3 * (max + 1) }),
        })
        .map(({ samples, palette }): Spec => ({ ...r, depth, samples, palette: r.type === 3 ? palette : undefined }));
    }),
  );

/** MuPDF's own reading of the same file: colour samples and alpha, 8 bits. */
function mupdfPixels(png: Buffer): { channels: number; data: number[]; alpha?: number[] } {
  const pix = new mupdf.Image(png).toPixmap();
  const a = pix.getAlpha();
  // (MuPDF counts the alpha channel among the components)
  const n = pix.getNumberOfComponents() - a;
  const all = Array.from(pix.getPixels());
  const stride = n + a;
  const data: number[] = [];
  const alpha: number[] = [];
  for (let i = 0; i < all.length; i += stride) {
    // MuPDF premultiplies by alpha; a fully opaque pixel is the same either way
    data.push(...all.slice(i, i + n));
    if (a) alpha.push(all[i + n]);
  }
  return { channels: n, data, alpha: a ? alpha : undefined };
}

describe('PNG pixels', () => {
  it('reads every colour type, depth, filter and interlacing as MuPDF does (property)', () => {
    fc.assert(
      fc.property(spec, (s) => {
        const png = encode(s);
        const ours = pngPixels(png);
        const theirs = mupdfPixels(png);
        expect([ours.width, ours.height]).toEqual([s.w, s.h]);
        expect(ours.channels).toBe(theirs.channels);
        const opaque = (p: number) => (ours.alpha ? ours.alpha[p] === 255 : true);
        for (let p = 0; p < s.w * s.h; p++) {
          if (!opaque(p)) continue;
          for (let k = 0; k < ours.channels; k++)
            expect(ours.data[p * ours.channels + k], `pixel ${p}`).toBe(theirs.data[p * theirs.channels + k]);
        }
        if (ours.alpha) expect(Array.from(ours.alpha)).toEqual(theirs.alpha);
        else expect(theirs.alpha === undefined || theirs.alpha.every((v) => v === 255)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('makes a tRNS colour key and palette entries transparent', () => {
    const grey = pngPixels(
      encode({ w: 3, h: 1, type: 0, depth: 8, interlace: false, samples: [0, 128, 255], filters: [0], trns: [128] }),
    );
    expect(Array.from(grey.alpha!)).toEqual([255, 0, 255]);
    const pal = pngPixels(
      encode({
        w: 2,
        h: 1,
        type: 3,
        depth: 8,
        interlace: false,
        samples: [0, 1],
        filters: [0],
        palette: [255, 0, 0, 0, 0, 255],
        trns: [64],
      }),
    );
    expect(Array.from(pal.data)).toEqual([255, 0, 0, 0, 0, 255]);
    expect(Array.from(pal.alpha!)).toEqual([64, 255]);
  });
});

describe('pixels in the print’s colours', () => {
  const rgb = (values: number[]): Pixels => ({
    width: values.length / 3,
    height: 1,
    channels: 3,
    data: Uint8Array.from(values),
  });

  it('gives CMYK as the text’s colours get it: greys as K alone, others with K from the darkest channel', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })),
        ([r, g, b]) => {
          const out = convertPixels(rgb([r, g, b]), 'cmyk');
          expect(out.channels).toBe(4);
          const hex = '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
          const want = toCmyk(parseColor(hex)).map((v) => Math.round((Number.isFinite(v) ? v : 0) * 255));
          Array.from(out.data).forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThanOrEqual(1));
          if (r === g && g === b) expect(Array.from(out.data.subarray(0, 3))).toEqual([0, 0, 0]);
        },
      ),
    );
    expect(Array.from(convertPixels(rgb([0, 0, 0, 255, 255, 255]), 'cmyk').data)).toEqual([0, 0, 0, 255, 0, 0, 0, 0]);
  });

  it('gives grey as the luma the text’s colours get', () => {
    const out = convertPixels(rgb([215, 0, 15, 255, 255, 255]), 'gray');
    expect(out.channels).toBe(1);
    expect(out.data[0]).toBe(Math.round(255 * toGray(parseColor('#d7000f'))));
    expect(out.data[1]).toBe(255);
  });

  it('keeps a grey picture’s pixels for --grayscale, and makes them K for --cmyk', () => {
    const grey: Pixels = { width: 2, height: 1, channels: 1, data: Uint8Array.from([0, 200]) };
    expect(convertPixels(grey, 'gray')).toBe(grey);
    expect(Array.from(convertPixels(grey, 'cmyk').data)).toEqual([0, 0, 0, 255, 0, 0, 0, 55]);
  });
});
