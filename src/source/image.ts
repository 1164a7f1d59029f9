// Image files named in articles: found inside the issue folder, checked, and measured here,
// so that layout knows their size and the renderer never meets a file it cannot embed.
// Only PNG and JPEG: the two formats a PDF carries without re-encoding.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { ImageRef } from './model.js';
import { PNG_DEPTHS, PNG_SAMPLES, pngChunks, pngPasses } from './png.js';
import { t, type Text } from '../core/text.js';

/** What is wrong with an image: catalogue texts (md-image.*), put into words where printed. */
export interface ImageProblem {
  message: Text;
  fix: Text;
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
const mp = (n: number) => (n / 1e6).toFixed(1);

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
export function loadImage(
  src: string,
  articleFile: string,
  issueDir: string,
  limits: ImageLimits = DEFAULT_LIMITS,
): ImageRef | ImageProblem {
  const written = src.trim();
  if (!written) return { message: t('md-image.no-name'), fix: t('md-image.no-name.fix') };
  if (REMOTE.test(written)) {
    return {
      message: t('md-image.remote', { written }),
      fix: t('md-image.remote.fix'),
    };
  }
  const name = written;
  const root = resolve(issueDir);
  if (isAbsolute(name)) {
    return { message: t('md-image.absolute', { written }), fix: t('md-image.absolute.fix') };
  }
  const candidates = [resolve(root, name), resolve(dirname(resolve(articleFile)), name)];
  if (!candidates.some((c) => inside(root, c))) {
    return { message: t('md-image.outside', { written }), fix: t('md-image.outside.fix') };
  }
  const path = candidates.find((c) => inside(root, c) && existsSync(c) && statSync(c).isFile());
  const other = path ? undefined : candidates.find((c) => inside(root, c) && existsSync(c));
  if (other) {
    const st = statSync(other);
    return {
      message: t(st.isDirectory() ? 'md-image.folder' : 'md-image.special', { written }),
      fix: t('md-image.folder.fix'),
    };
  }
  if (!path) {
    return {
      message: t('md-image.missing', { written, looked: relative(process.cwd(), resolve(root, name)) || name }),
      fix: t('md-image.missing.fix'),
    };
  }
  // A link may point anywhere; only what it finally names counts.
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return { message: t('md-image.unreadable', { written }), fix: t('md-image.unreadable.fix') };
  }
  if (!inside(realpathSync(root), real)) {
    return { message: t('md-image.link-outside', { written }), fix: t('md-image.link-outside.fix') };
  }
  const size = statSync(real).size;
  if (size > limits.bytes) {
    return {
      message: t('md-image.bytes', { size: mb(size), max: mb(limits.bytes) }),
      fix: t('md-image.scale.fix', { width: limits.block.width, dpi: PRINT_DPI }),
    };
  }
  let data: Buffer;
  try {
    data = readFileSync(real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      message:
        code === 'EACCES' || code === 'EPERM'
          ? t('md-image.denied', { written })
          : t('md-image.unreadable.code', { written, code: String(code) }),
      fix: t('md-image.denied.fix'),
    };
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
    message: t('md-image.pixels', {
      width,
      height,
      mp: mp(width * height),
      max: mp(limits.pixels),
      bw,
      bh,
      dpi: PRINT_DPI,
    }),
    fix: t('md-image.pixels.fix', { width: Math.min(width, bw) }),
  };
}

type Measured = Pick<ImageRef, 'format' | 'width' | 'height' | 'dpi'>;

function sniff(data: Buffer, ext: string, limits: ImageLimits): Measured | ImageProblem {
  if (data.length >= 8 && data.readUInt32BE(0) === 0x89504e47 && data.readUInt32BE(4) === 0x0d0a1a0a)
    return png(data, limits);
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    const r = jpeg(data);
    return 'message' in r ? r : (tooManyPixels(r.width, r.height, limits) ?? r);
  }
  const kind =
    data.subarray(0, 4).toString('latin1') === 'GIF8'
      ? t('md-image.kind.gif')
      : data.subarray(0, 4).toString('latin1') === 'RIFF'
        ? t('md-image.kind.webp')
        : /^\s*</.test(data.subarray(0, 64).toString('latin1'))
          ? t('md-image.kind.svg')
          : ext
            ? t('md-image.kind.ext', { ext })
            : t('md-image.kind.other');
  return { message: kind, fix: t('md-image.kind.fix') };
}

const damaged = (what: Text): ImageProblem => ({
  message: t('md-image.png-damaged', { what }),
  fix: t('md-image.png-damaged.fix'),
});

function png(data: Buffer, limits: ImageLimits): Measured | ImageProblem {
  let width = 0;
  let height = 0;
  let depth = 8;
  let interlaced = false;
  let dpi: number | undefined;
  let colorType = -1;
  let palette = false;
  let ended = false;
  const idat: Buffer[] = [];
  for (const { type, length: len, body } of pngChunks(data)) {
    if (body.length < len) return damaged(t('md-image.png.chunk-short', { type }));
    if (type === 'IHDR') {
      if (len < 13) return damaged(t('md-image.png.short-header'));
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8];
      colorType = body[9];
      interlaced = body[12] === 1;
      if (!PNG_DEPTHS[colorType]?.includes(depth)) return damaged(t('md-image.png.depth', { colorType, depth }));
      if (!width || !height) return damaged(t('md-image.png.no-header'));
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
  }
  if (!width || !height) return damaged(t('md-image.png.no-header'));
  if (!idat.length || !ended) return damaged(t('md-image.png.no-data'));
  if (colorType === 3 && !palette) return damaged(t('md-image.png.no-palette'));
  // Unpacked, the pixels take this many bytes: each row its filter byte and its samples.
  const rows = pngPasses(width, height, interlaced);
  const bits = PNG_SAMPLES[colorType] * depth;
  const unpacked = rows.reduce((n, p) => n + p.height * (1 + Math.ceil((p.width * bits) / 8)), 0);
  if (unpacked > limits.unpacked) {
    return {
      message: t('md-image.unpacked', {
        width,
        height,
        depth,
        colours: t(`md-image.colours.${colorType}`),
        size: mb(unpacked),
        max: mb(limits.unpacked),
      }),
      fix: t('md-image.scale.fix', { width: limits.block.width, dpi: PRINT_DPI }),
    };
  }
  // The PDF writer unpacks some PNGs later, where a damaged stream could not be reported
  // with the file's name (nor a bad row filter, on which it would stop): check the data now,
  // unpacking no more than the header says there is.
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(idat), { maxOutputLength: unpacked + 1 });
  } catch {
    return damaged(t('md-image.png.size'));
  }
  if (pixels.length !== unpacked) return damaged(t('md-image.png.size'));
  let at = 0;
  for (const { width: w, height: h } of rows) {
    const stride = 1 + Math.ceil((w * bits) / 8);
    for (let y = 0; y < h; y++, at += stride)
      if (pixels[at] > 4) return damaged(t('md-image.png.filter', { filter: pixels[at] }));
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
        return { message: t('md-image.jpeg.coding'), fix: t('md-image.jpeg.coding.fix') };
      }
      if (bits !== 8 || ![1, 3, 4].includes(comps)) {
        return { message: t('md-image.jpeg.samples', { bits, comps }), fix: t('md-image.jpeg.samples.fix') };
      }
      if (!w || !h) return { message: t('md-image.jpeg.no-size'), fix: t('md-image.jpeg.fix') };
      // EXIF orientations 5–8 turn the picture a quarter: it shows as tall as it is wide.
      const turned = orientation >= 5 && orientation <= 8;
      return { format: 'jpeg', width: turned ? h : w, height: turned ? w : h, dpi: dpi && dpi >= 36 ? dpi : undefined };
    } else if (marker === 0xda) break;
    pos += 2 + len;
  }
  return { message: t('md-image.jpeg.damaged'), fix: t('md-image.jpeg.damaged.fix') };
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
