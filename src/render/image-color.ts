// Pictures for the print shop (--cmyk) and for black-and-white printers (--grayscale): a
// PNG's or JPEG's pixels converted to DeviceCMYK or DeviceGray by the same rules the text's
// colours follow (src/template/color.ts: grey as K alone, luma by Rec. 601), so a --cmyk file
// holds no RGB at all and a --grayscale one no colour. The pixels are written Flate-compressed
// (pdfkit compresses the stream): deterministic, and no JPEG encoder needed.
import type { ImageRef } from '../source/model.js';
import { pngPixels, type Pixels } from './png-pixels.js';

interface JpegDecoder {
  parse(data: Uint8Array): void;
  width: number;
  height: number;
  numComponents: number;
  getData(o: { width: number; height: number; forceRGB: boolean; isSourcePDF: boolean }): Uint8ClampedArray;
}

/** A JPEG's pixels, by pdf.js's decoder (pdfjs-dist is already the importer's and the preview's). */
async function jpegPixels(data: Buffer): Promise<Pixels> {
  const { JpegImage } = (await import('pdfjs-dist/image_decoders/pdf.image_decoders.mjs' as string)) as {
    JpegImage: new () => JpegDecoder;
  };
  const j = new JpegImage();
  j.parse(new Uint8Array(data));
  const grey = j.numComponents === 1;
  // (a CMYK JPEG comes out as RGB too, then goes the way every picture does)
  const px = j.getData({ width: j.width, height: j.height, forceRGB: !grey, isSourcePDF: false });
  return {
    width: j.width,
    height: j.height,
    channels: grey ? 1 : 3,
    data: new Uint8Array(px.buffer, px.byteOffset, px.length),
  };
}

export async function decodePixels(ref: ImageRef): Promise<Pixels> {
  return ref.format === 'png' ? pngPixels(ref.data) : jpegPixels(ref.data);
}

/**
 * Pixels in the print's colours: CMYK (a grey pixel as K alone, else K from the darkest
 * channel and the rest under it) or grey (0.299 R + 0.587 G + 0.114 B).
 */
export function convertPixels(p: Pixels, mode: 'cmyk' | 'gray'): Pixels {
  const n = p.width * p.height;
  const src = p.data;
  if (mode === 'gray') {
    if (p.channels === 1) return p;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      out[i] = Math.round(0.299 * src[3 * i] + 0.587 * src[3 * i + 1] + 0.114 * src[3 * i + 2]);
    return { ...p, channels: 1, data: out };
  }
  const out = new Uint8Array(4 * n);
  if (p.channels === 1) {
    for (let i = 0; i < n; i++) out[4 * i + 3] = 255 - src[i]; // K alone
    return { ...p, channels: 4, data: out };
  }
  for (let i = 0; i < n; i++) {
    const r = src[3 * i];
    const g = src[3 * i + 1];
    const b = src[3 * i + 2];
    const o = 4 * i;
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    out[o + 3] = 255 - max;
    if (r === g && g === b) continue; // K alone (the cyan, magenta and yellow stay 0)
    // (1 - x - k) / (1 - k) with x and k in 0–1 is (max - x) / max in bytes; max > 0 here.
    out[o] = Math.round((255 * (max - r)) / max);
    out[o + 1] = Math.round((255 * (max - g)) / max);
    out[o + 2] = Math.round((255 * (max - b)) / max);
  }
  return { ...p, channels: 4, data: out };
}

interface Stream {
  data: Record<string, unknown>;
  end(chunk?: Buffer): void;
}

interface PdfDoc {
  ref(data: Record<string, unknown>): Stream;
}

/**
 * A converted picture as pdfkit draws it (doc.image accepts any object with its size, label
 * and embed): the pixels as an image XObject, the transparency as a grey soft mask.
 */
export class ConvertedImage {
  obj: Stream | null = null;
  readonly width: number;
  readonly height: number;

  constructor(
    readonly label: string,
    private readonly pixels: Pixels,
    /** The JPEG's EXIF orientation, which pdfkit applies when it draws the picture. */
    readonly orientation = 1,
  ) {
    this.width = pixels.width;
    this.height = pixels.height;
  }

  embed(doc: PdfDoc): void {
    if (this.obj) return;
    const p = this.pixels;
    const base = { Type: 'XObject', Subtype: 'Image', Width: p.width, Height: p.height, BitsPerComponent: 8 };
    const obj = doc.ref({ ...base, ColorSpace: p.channels === 4 ? 'DeviceCMYK' : 'DeviceGray' });
    if (p.alpha) {
      const mask = doc.ref({ ...base, ColorSpace: 'DeviceGray', Decode: [0, 1] });
      mask.end(Buffer.from(p.alpha));
      obj.data.SMask = mask;
    }
    obj.end(Buffer.from(p.data.buffer, p.data.byteOffset, p.data.length));
    this.obj = obj;
    this.finalize();
  }

  /** Said when the picture is written (pdfkit's images say so the same way). */
  finalize(): void {}
}
