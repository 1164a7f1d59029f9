// What the PNG format fixes, shared by the reader that checks a picture (source/image.ts)
// and the one that unpacks its pixels for --cmyk and --grayscale (render/png-pixels.ts).

/** Samples per pixel of each colour type: grey, RGB, palette, grey + alpha, RGBA. */
export const PNG_SAMPLES: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Bit depths a PNG may use per colour type (PNG spec, table 11.1). */
export const PNG_DEPTHS: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Adam7: each pass's first column and row, and its steps. */
export const ADAM7: readonly (readonly [number, number, number, number])[] = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** A pass over the image: its first column and row, steps, and size in pixels. */
export interface Pass {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  width: number;
  height: number;
}

/** The passes the image data holds, in order: one unless interlaced; empty passes left out. */
export function pngPasses(width: number, height: number, interlaced: boolean): Pass[] {
  if (!interlaced) return [{ x0: 0, y0: 0, dx: 1, dy: 1, width, height }];
  return ADAM7.map(([x0, y0, dx, dy]) => ({
    x0,
    y0,
    dx,
    dy,
    width: Math.max(0, Math.ceil((width - x0) / dx)),
    height: Math.max(0, Math.ceil((height - y0) / dy)),
  })).filter((p) => p.width > 0 && p.height > 0);
}

/** The chunks of a PNG after its signature; `body` may be shorter than `length` in a cut file. */
export function* pngChunks(data: Buffer): Generator<{ type: string; length: number; body: Buffer }> {
  for (let at = 8; at + 8 <= data.length;) {
    const length = data.readUInt32BE(at);
    yield { type: data.toString('latin1', at + 4, at + 8), length, body: data.subarray(at + 8, at + 8 + length) };
    at += 12 + length;
  }
}
