// A PNG's pixels, unpacked: every colour type and bit depth, interlaced or not, as 8-bit
// grey or RGB with an alpha channel when the file has transparency (an alpha channel, or a
// tRNS chunk). For pictures whose colours must be converted before they go into the PDF
// (--cmyk, --grayscale); the source stage has already checked the file's structure.
import { inflateSync } from 'node:zlib';
import { PNG_SAMPLES, pngChunks, pngPasses } from '../source/png.js';

export interface Pixels {
  width: number;
  height: number;
  /** 1: grey, 3: RGB, 4: CMYK — 8 bits each, row after row. */
  channels: 1 | 3 | 4;
  data: Uint8Array;
  /** 8-bit opacity per pixel, when the picture has any transparency. */
  alpha?: Uint8Array;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngPixels(file: Buffer): Pixels {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let width = 0;
  let height = 0;
  let depth = 8;
  let type = 0;
  let interlaced = false;
  let palette: Buffer | undefined;
  let trns: Buffer | undefined;
  const idat: Buffer[] = [];
  for (const { type: name, body } of pngChunks(file)) {
    if (name === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8];
      type = body[9];
      interlaced = body[12] === 1;
    } else if (name === 'PLTE') palette = body;
    else if (name === 'tRNS') trns = body;
    else if (name === 'IDAT') idat.push(body);
    else if (name === 'IEND') break;
  }
  const samples = PNG_SAMPLES[type];
  if (!samples || !width || !height) throw new Error('PNG header unreadable');
  const raw = inflateSync(Buffer.concat(idat));
  // Each pass (or the whole image) unfiltered into samples scaled to 8 bits.
  const full = new Uint8Array(width * height * samples);
  let offset = 0;
  for (const p of pngPasses(width, height, interlaced)) {
    offset = unpack(raw, offset, p.width, p.height, (x, y) => ((p.y0 + y * p.dy) * width + p.x0 + x * p.dx) * samples);
  }

  /** Unfilters h rows of w pixels from `raw` at `from`, writing samples at `place`; returns where it stopped. */
  function unpack(src: Buffer, from: number, w: number, h: number, place: (x: number, y: number) => number): number {
    const bitsPerPixel = samples * depth;
    const stride = Math.ceil((w * bitsPerPixel) / 8);
    const bpp = Math.max(1, bitsPerPixel >> 3);
    let prev = new Uint8Array(stride);
    let row = new Uint8Array(stride);
    for (let y = 0; y < h; y++) {
      const filter = src[from];
      const line = src.subarray(from + 1, from + 1 + stride);
      from += 1 + stride;
      unfilter(filter, line, prev, row, bpp);
      if (depth === 8 && !interlaced) full.set(row, place(0, y));
      else {
        for (let x = 0; x < w; x++) {
          const at = place(x, y);
          for (let s = 0; s < samples; s++) full[at + s] = sample(row, x * samples + s);
        }
      }
      [prev, row] = [row, prev];
    }
    return from;
  }

  /** Sample k of a row, at 8 bits (palette indices stay indices). */
  function sample(row: Uint8Array, k: number): number {
    if (depth === 8) return row[k];
    if (depth === 16) return row[2 * k];
    const perByte = 8 / depth;
    const v = (row[Math.floor(k / perByte)] >> (8 - depth * ((k % perByte) + 1))) & ((1 << depth) - 1);
    return type === 3 ? v : Math.round((v * 255) / ((1 << depth) - 1));
  }

  // A tRNS colour key is compared at 8 bits, like the pixels it is compared with.
  const key = trns && (type === 0 || type === 2) ? keyOf(trns) : undefined;
  // Grey or RGB with no transparency: the samples are the pixels.
  if ((type === 0 || type === 2) && !key) return { width, height, channels: type === 2 ? 3 : 1, data: full };
  const n = width * height;
  const colour = type === 2 || type === 3 || type === 6;
  const data = new Uint8Array(n * (colour ? 3 : 1));
  let alpha: Uint8Array | undefined;
  if (type === 4 || type === 6 || trns) alpha = new Uint8Array(n).fill(255);
  for (let p = 0; p < n; p++) {
    const s = p * samples;
    if (type === 3) {
      const index = full[s];
      data.set(palette ? palette.subarray(3 * index, 3 * index + 3) : [0, 0, 0], 3 * p);
      if (alpha && trns && index < trns.length) alpha[p] = trns[index];
    } else if (colour) {
      data[3 * p] = full[s];
      data[3 * p + 1] = full[s + 1];
      data[3 * p + 2] = full[s + 2];
      if (type === 6) alpha![p] = full[s + 3];
    } else {
      data[p] = full[s];
      if (type === 4) alpha![p] = full[s + 1];
    }
    if (key && alpha && key.every((v, i) => v === full[s + i])) alpha[p] = 0;
  }
  return {
    width,
    height,
    channels: colour ? 3 : 1,
    data,
    alpha: alpha && alpha.some((a) => a !== 255) ? alpha : undefined,
  };

  /** The transparent colour's samples, at 8 bits like the pixels they are compared with. */
  function keyOf(t: Buffer): number[] {
    const values = type === 0 ? [t.readUInt16BE(0)] : [t.readUInt16BE(0), t.readUInt16BE(2), t.readUInt16BE(4)];
    return values.map((v) => (depth === 16 ? v >> 8 : depth === 8 ? v : Math.round((v * 255) / ((1 << depth) - 1))));
  }
}

/** A row's bytes from its filtered bytes and the row above (PNG spec, 9.2); one loop per filter type. */
function unfilter(filter: number, line: Uint8Array, prev: Uint8Array, row: Uint8Array, bpp: number): void {
  const n = line.length;
  switch (filter) {
    case 1:
      for (let i = 0; i < n; i++) row[i] = line[i] + (i >= bpp ? row[i - bpp] : 0);
      break;
    case 2:
      for (let i = 0; i < n; i++) row[i] = line[i] + prev[i];
      break;
    case 3:
      for (let i = 0; i < n; i++) row[i] = line[i] + (((i >= bpp ? row[i - bpp] : 0) + prev[i]) >> 1);
      break;
    case 4:
      for (let i = 0; i < n; i++) row[i] = line[i] + (i >= bpp ? paeth(row[i - bpp], prev[i], prev[i - bpp]) : prev[i]);
      break;
    default:
      row.set(line);
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
