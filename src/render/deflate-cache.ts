// Compressed streams remembered by their content. pdfkit compresses every stream of every
// build with zlib; in one process (the preview, `--all`), most of them — the font subsets
// above all, a quarter megabyte each — are the same bytes as last time. Deflate is
// deterministic, so a remembered result is the very bytes a fresh one would be.
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
 * without the cache (those compressed ahead are still found).
 */
export function rememberDeflate(keepResults = true): void {
  // (a one-off build would only hash every stream for nothing: nothing is built again)
  keeping = keepResults;
  if (installed) return;
  installed = true;
  const plain = zlib.deflateSync;
  const cached = (data: zlib.InputType, options?: zlib.ZlibOptions): Buffer => {
    if (options !== undefined || !ArrayBuffer.isView(data)) return plain(data, options);
    if (data.byteLength < SMALLEST) return deflate(data);
    const early = aheadOf(data)?.out;
    if (early) return early;
    if (!keeping) return deflate(data);
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

/**
 * Streams compressed ahead lately (newest first), with their compressed bytes once ready:
 * found by comparing the bytes whole, which is several times faster than hashing them (a
 * font subset is compressed ahead and then looked up again, build after build).
 */
const ahead: { data: Buffer; out?: Buffer }[] = [];
const AHEAD = 16;

function aheadOf(data: NodeJS.ArrayBufferView): { data: Buffer; out?: Buffer } | undefined {
  for (let i = 0; i < ahead.length; i++) {
    const e = ahead[i];
    if (e.data === data || (e.data.byteLength === data.byteLength && e.data.equals(data as Uint8Array))) {
      if (i) ahead.unshift(...ahead.splice(i, 1));
      return e;
    }
  }
  return undefined;
}

/**
 * Compresses `data` on libuv's thread pool, while the main thread goes on with other work,
 * and keeps the result: a deflateSync of the same bytes afterwards (pdfkit's, as a font is
 * embedded) takes it from here. zlib's output does not depend on how its input and output
 * are handed to it, so it is the bytes deflateSync would make. Resolves when it is kept.
 */
export function deflateAhead(data: Buffer): Promise<void> {
  if (!installed || data.byteLength < SMALLEST || aheadOf(data)?.out) return Promise.resolve();
  const entry: { data: Buffer; out?: Buffer } = { data };
  ahead.unshift(entry);
  ahead.length = Math.min(ahead.length, AHEAD);
  // In one piece: output handed back in zlib's usual 16 kB chunks would go to the pool again
  // only when the main thread, busy meanwhile, takes each one.
  const chunkSize = Math.max(64 * 1024, data.byteLength + (data.byteLength >> 3) + 1024);
  return new Promise((resolve) =>
    zlib.deflate(data, { chunkSize }, (err, out) => {
      if (!err) entry.out = out;
      resolve();
    }),
  );
}

/** Compressed streams kept (tests). */
export function rememberedStreams(): number {
  return kept.size;
}
