// Image files named in articles: found inside the issue folder, checked, and measured here,
// so that layout knows their size and the renderer never meets a file it cannot embed.
// Only PNG and JPEG: the two formats a PDF carries without re-encoding.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { ImageRef } from './model.js';

export interface ImageProblem {
  message: string;
  fix: string;
}

/**
 * How large an image may be. What a page can show is the text block at print resolution
 * (600 dpi: finer than any office printer or plate resolves a photograph); an image may have
 * up to four times that many pixels (the text block at 1200 dpi). Beyond that it only costs
 * memory and time, so it is refused before its pixels are unpacked. The file itself may
 * be as large as the text block's pixels uncompressed in RGB, and a PNG's pixels, unpacked
 * (as the PDF writer unpacks a PNG with transparency), as many bytes as the block in RGBA.
 */
export interface ImageLimits {
  /** Most pixels, width × height. */
  pixels: number;
  /** Largest file, in bytes. */
  bytes: number;
  /** Largest PNG pixel data once unpacked, in bytes. */
  unpacked: number;
  /** The text block in pixels at PRINT_DPI, for messages. */
  block: { width: number; height: number };
}

export const PRINT_DPI = 600;

/** The limits for a text block of `frame` points. */
export function imageLimits(frame: { width: number; height: number }): ImageLimits {
  const width = Math.round((frame.width / 72) * PRINT_DPI);
  const height = Math.round((frame.height / 72) * PRINT_DPI);
  const area = width * height;
  return { pixels: 4 * area, bytes: 3 * area, unpacked: 4 * area, block: { width, height } };
}

/** The default template's text block (38 characters of 12 pt, 31 lines of 22 pt). */
export const DEFAULT_LIMITS = imageLimits({ width: 456, height: 682 });

const mb = (n: number) => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MB`;
const mp = (n: number) => `${(n / 1e6).toFixed(1)} megapixels`;

/** A scheme (http:, https:, data:, file:, ftp: …) or a protocol-relative //host. */
const REMOTE = /^([a-z][a-z0-9+.-]*:|\/\/)/i;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

/**
 * Finds an image for `src` as written in `articleFile`: relative to the issue folder
 * (images/x.png) or to the article's own folder (../images/x.png); never outside the issue.
 */
export function loadImage(src: string, articleFile: string, issueDir: string, limits: ImageLimits = DEFAULT_LIMITS): ImageRef | ImageProblem {
  const written = src.trim();
  if (!written) return { message: 'the image has no file name', fix: 'write ![caption](images/name.png)' };
  if (REMOTE.test(written)) {
    return {
      message: `remote image "${written}" is not fetched: the build never uses the network`,
      fix: 'download the image into the issue folder (images/) and write its path, e.g. ![caption](images/name.png)',
    };
  }
  const name = written;
  const root = resolve(issueDir);
  if (isAbsolute(name)) {
    return { message: `image path "${written}" is absolute`, fix: 'copy the image into the issue folder and write a relative path such as images/name.png' };
  }
  const candidates = [resolve(root, name), resolve(dirname(resolve(articleFile)), name)];
  if (!candidates.some((c) => inside(root, c))) {
    return { message: `image "${written}" is outside the issue folder`, fix: 'copy the image into the issue folder (images/) and refer to it from there' };
  }
  const path = candidates.find((c) => inside(root, c) && existsSync(c) && statSync(c).isFile());
  const other = path ? undefined : candidates.find((c) => inside(root, c) && existsSync(c));
  if (other) {
    const st = statSync(other);
    return { message: `image "${written}" is ${st.isDirectory() ? 'a folder' : 'not an ordinary file'}`, fix: 'write the path of a PNG or JPEG file' };
  }
  if (!path) {
    return { message: `image file "${written}" not found (looked in ${relative(process.cwd(), resolve(root, name)) || name})`, fix: 'check the file name and its case, or add the file to the issue\'s images/ folder' };
  }
  // A link may point anywhere; only what it finally names counts.
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { message: `image "${written}" cannot be read`, fix: 'check that the file exists and is readable' };
  }
  if (!inside(realpathSync(root), real)) {
    return { message: `image "${written}" is a link to a file outside the issue folder`, fix: 'copy the image itself into the issue folder' };
  }
  const size = statSync(real).size;
  if (size > limits.bytes) {
    return {
      message: `the image file is ${mb(size)}, more than a page can use (at most ${mb(limits.bytes)} with this template)`,
      fix: `scale it down (${limits.block.width} pixels across the text block is ${PRINT_DPI} dpi), or save a photograph as JPEG`,
    };
  }
  let data: Buffer;
  try {
    data = readFileSync(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { message: `image "${written}" cannot be read${code === 'EACCES' || code === 'EPERM' ? ': permission denied' : ` (${code})`}`, fix: 'make the file readable (chmod a+r)' };
  }
  const info = sniff(data, extname(name).toLowerCase(), limits);
  if ('message' in info) return info;
  return { src: written, path: real, data, ...info };
}

/** Too many pixels for any page: refused from the header, before anything is unpacked. */
function tooManyPixels(width: number, height: number, limits: ImageLimits): ImageProblem | undefined {
  if (width * height <= limits.pixels) return undefined;
  const { width: bw, height: bh } = limits.block;
  return {
    message: `the image is ${width} × ${height} pixels (${mp(width * height)}): more than a page can print (at most ${mp(limits.pixels)}; the text block is ${bw} × ${bh} pixels at ${PRINT_DPI} dpi)`,
    fix: `scale it down, e.g. to ${Math.min(width, bw)} pixels wide, and save it again`,
  };
}

type Measured = Pick<ImageRef, 'format' | 'width' | 'height' | 'dpi'>;

function sniff(data: Buffer, ext: string, limits: ImageLimits): Measured | ImageProblem {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47 && data.readUInt32BE(4) === 0x0d0a1a0a) return png(data, limits);
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    const r = jpeg(data);
    return 'message' in r ? r : tooManyPixels(r.width, r.height, limits) ?? r;
  }
  const kind =
    data.subarray(0, 4).toString('latin1') === 'GIF8' ? 'a GIF'
    : data.subarray(0, 4).toString('latin1') === 'RIFF' ? 'a WebP'
    : /^\s*</.test(data.subarray(0, 64).toString('latin1')) ? 'an SVG or HTML'
    : ext ? `not a PNG or JPEG (${ext})` : 'not a PNG or JPEG';
  return { message: `the image is ${kind} file`, fix: 'save it as PNG (charts, screenshots) or JPEG (photographs)' };
}

const damaged = (what: string): ImageProblem => ({
  message: `the PNG file is damaged (${what})`,
  fix: 'open it in an image editor and save it again as PNG',
});

// Bit depths a PNG may use per colour type (PNG spec, table 11.1).
const PNG_DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const COLOURS: Record<number, string> = { 0: 'grey', 2: 'RGB', 3: 'indexed colour', 4: 'grey with transparency', 6: 'RGBA' };

/** Adam7: each pass's first column and row, and steps. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** Each row of the unpacked data, as [pixels across, row count] per pass (one pass unless interlaced). */
function passes(width: number, height: number, interlaced: boolean): [number, number][] {
  if (!interlaced) return [[width, height]];
  return ADAM7.map(([x0, y0, dx, dy]) => [Math.max(0, Math.ceil((width - x0) / dx)), Math.max(0, Math.ceil((height - y0) / dy))] as [number, number]).filter(([w, h]) => w > 0 && h > 0);
}

function png(data: Buffer, limits: ImageLimits): Measured | ImageProblem {
  let pos = 8;
  let width = 0;
  let height = 0;
  let depth = 8;
  let interlaced = false;
  let dpi: number | undefined;
  let colorType = -1;
  let palette = false;
  let ended = false;
  const idat: Buffer[] = [];
  while (pos + 8 <= data.length) {
    const len = data.readUInt32BE(pos);
    const type = data.subarray(pos + 4, pos + 8).toString('latin1');
    const body = data.subarray(pos + 8, pos + 8 + len);
    if (body.length < len) return damaged(`chunk ${type} is cut short`);
    if (type === 'IHDR') {
      if (len < 13) return damaged('short header');
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8];
      colorType = body[9];
      interlaced = body[12] === 1;
      if (!PNG_DEPTHS[colorType]?.includes(depth)) return damaged(`colour type ${colorType} with bit depth ${depth}`);
      if (!width || !height) return damaged('no image header');
      const many = tooManyPixels(width, height, limits);
      if (many) return many;
    } else if (type === 'PLTE') palette = true;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'pHYs' && len >= 9 && body[8] === 1) {
      dpi = Math.round(body.readUInt32BE(0) * 0.0254);
    } else if (type === 'IEND') {
      ended = true;
      break;
    }
    pos += 12 + len;
  }
  if (!width || !height) return damaged('no image header');
  if (!idat.length || !ended) return damaged('no image data, or the file is cut short');
  if (colorType === 3 && !palette) return damaged('an indexed image without its palette');
  // Unpacked, the pixels take this many bytes: each row its filter byte and its samples.
  const rows = passes(width, height, interlaced);
  const bits = CHANNELS[colorType] * depth;
  const unpacked = rows.reduce((n, [w, h]) => n + h * (1 + Math.ceil((w * bits) / 8)), 0);
  if (unpacked > limits.unpacked) {
    return {
      message: `the PNG is ${width} × ${height} pixels of ${depth}-bit ${COLOURS[colorType]}: ${mb(unpacked)} once unpacked, more than a page can use (at most ${mb(limits.unpacked)} with this template)`,
      fix: `scale it down (${limits.block.width} pixels across the text block is ${PRINT_DPI} dpi), or save a photograph as JPEG`,
    };
  }
  // The PDF writer unpacks some PNGs later, where a damaged stream could not be reported
  // with the file's name (nor a bad row filter, on which it would stop): check the data now,
  // unpacking no more than the header says there is.
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: unpacked + 1 });
  } catch {
    return damaged('its compressed data does not unpack to the size its header gives');
  }
  if (pixels.length !== unpacked) return damaged('its compressed data does not unpack to the size its header gives');
  let at = 0;
  for (const [w, h] of rows) {
    const stride = 1 + Math.ceil((w * bits) / 8);
    for (let y = 0; y < h; y++, at += stride) if (pixels[at] > 4) return damaged(`row filter ${pixels[at]} is not one of PNG's`);
  }
  return { format: 'png', width, height, dpi: dpi && dpi >= 36 ? dpi : undefined };
}

function jpeg(data: Buffer): Measured | ImageProblem {
  let pos = 2;
  let orientation = 1;
  let dpi: number | undefined;
  while (pos + 4 <= data.length) {
    if (data[pos] !== 0xff) {
      pos++;
      continue;
    }
    const marker = data[pos + 1];
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      pos += 2;
      continue;
    }
    const len = data.readUInt16BE(pos + 2);
    const body = data.subarray(pos + 4, pos + 2 + len);
    if (marker === 0xe0 && body.subarray(0, 5).toString('latin1') === 'JFIF\0' && body.length >= 12) {
      const unit = body[7];
      const x = body.readUInt16BE(8);
      if (unit === 1) dpi = x;
      else if (unit === 2) dpi = Math.round(x * 2.54);
    } else if (marker === 0xe1 && body.subarray(0, 6).toString('latin1') === 'Exif\0\0') {
      orientation = exifOrientation(body.subarray(6)) ?? orientation;
    } else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (body.length < 6) break;
      const bits = body[0];
      const h = body.readUInt16BE(1);
      const w = body.readUInt16BE(3);
      const comps = body[5];
      if (marker > 0xc2) {
        return { message: 'the JPEG uses a coding (lossless, hierarchical or arithmetic) that PDF readers do not all show', fix: 'save it again as an ordinary (baseline) JPEG' };
      }
      if (bits !== 8 || ![1, 3, 4].includes(comps)) {
        return { message: `the JPEG has ${bits}-bit samples and ${comps} colour channels, which a PDF cannot carry as is`, fix: 'save it again as an 8-bit RGB or greyscale JPEG' };
      }
      if (!w || !h) return { message: 'the JPEG does not record its size', fix: 'save it again as JPEG' };
      // EXIF orientations 5–8 turn the picture a quarter: it shows as tall as it is wide.
      const turned = orientation >= 5 && orientation <= 8;
      return { format: 'jpeg', width: turned ? h : w, height: turned ? w : h, dpi: dpi && dpi >= 36 ? dpi : undefined };
    } else if (marker === 0xda) break;
    pos += 2 + len;
  }
  return { message: 'the JPEG file is damaged (no frame header)', fix: 'open it in an image editor and save it again as JPEG' };
}

/** The Orientation tag (0x0112) of an EXIF block's first directory, if there is one. */
function exifOrientation(tiff: Buffer): number | undefined {
  if (tiff.length < 8) return undefined;
  const order = tiff.subarray(0, 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return undefined;
  const le = order === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const dir = u32(4);
  if (dir + 2 > tiff.length) return undefined;
  const count = u16(dir);
  for (let k = 0; k < count; k++) {
    const at = dir + 2 + 12 * k;
    if (at + 12 > tiff.length) return undefined;
    if (u16(at) === 0x0112) {
      const v = u16(at + 8);
      return v >= 1 && v <= 8 ? v : undefined;
    }
  }
  return undefined;
}
