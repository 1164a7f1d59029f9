// Compressed streams remembered by their content. pdfkit compresses every stream of every
// build with zlib; in one process (the preview, `--all`), many of them are the same bytes as
// last time. Deflate is deterministic, so a remembered result is the very bytes a fresh one
// would be. (Font subsets and their CIDToGIDMaps are compressed in segments of their own:
// deflate-segments.ts.)
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import { deflate } from './deflate-engine.js';

/** Streams smaller than this are compressed afresh: hashing them would cost about as much. */
const SMALLEST = 8 * 1024;
/** Bytes of compressed output kept; the oldest go first. */
const BUDGET = 48 * 1024 * 1024;

const kept = new Map<string, Buffer>();
let bytes = 0;
let installed = false;
/** Whether results are kept: not for a build the process makes once (the command line's). */
let keeping = true;

/**
 * Routes zlib.deflateSync (which pdfkit calls for each stream) through the cache, and what it
 * compresses through one reused compressor (deflate-engine.ts). Calls with options of their
 * own go straight to zlib; small inputs, and all with `keepResults` false, are compressed
 * without the cache.
 */
export function rememberDeflate(keepResults = true): void {
  // (a one-off build would only hash every stream for nothing: nothing is built again)
  keeping = keepResults;
  if (installed) return;
  installed = true;
  const plain = zlib.deflateSync;
  const cached = (data: zlib.InputType, options?: zlib.ZlibOptions): Buffer => {
    if (options !== undefined || !ArrayBuffer.isView(data)) return plain(data, options);
    if (data.byteLength < SMALLEST || !keeping) return deflate(data);
    const key = keyOf(data);
    const hit = kept.get(key);
    if (hit) {
      // most recently used last
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    }
    const out = deflate(data);
    keep(key, out);
    return out;
  };
  (zlib as { deflateSync: typeof cached }).deflateSync = cached;
}

const keyOf = (data: NodeJS.ArrayBufferView): string =>
  createHash('sha1').update(data).digest('base64') + data.byteLength;

function keep(key: string, out: Buffer): void {
  kept.set(key, out);
  bytes += out.length;
  for (const [k, v] of kept) {
    if (bytes <= BUDGET) break;
    kept.delete(k);
    bytes -= v.length;
  }
}

/** Compressed streams kept (tests). */
export function rememberedStreams(): number {
  return kept.size;
}
