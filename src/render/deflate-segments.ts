// A zlib stream compressed in independent pieces, so that a stream that changed in one place
// is compressed again only there. Each segment is raw deflate from a compressor of its own
// (no match reaches back into the segment before), ended with a sync flush — an empty stored
// block that brings it to a byte boundary — but for the last, which ends the stream; one after
// another they are one valid deflate stream, with zlib's header before and the Adler-32 of
// the whole after. The compressed bytes of a segment follow from its bytes alone, so they are
// kept by their content: a font subset rebuilt with one more twin (render/subset.ts) has all
// its outlines' segments compressed already, and a cold build of the same content writes the
// very same bytes.
//
// The cost is a little compression at the cuts (a segment cannot refer to the one before).
// Segments are found again by a fingerprint of a sample of their bytes, then compared whole:
// hashing a 1.2 MB subset twice a build cost more than comparing it.
import zlib from 'node:zlib';

/** zlib's header for deflate with a 32 KB window at the default level (0x78 0x9c, RFC 1950). */
const HEADER = Buffer.from([0x78, 0x9c]);
const MOD = 65521;

/** A segment as compressed, its bytes, and the Adler-32 of its bytes in its two halves. */
interface Packed {
  raw: Buffer;
  source: Buffer;
  /** The build it was last compressed or found in (see keepSegments). */
  round: number;
  a: number;
  b: number;
  length: number;
}

/** Compressed segments by fingerprint (see keyOf) and whether they end the stream. */
const kept = new Map<string, Packed>();
let keptBytes = 0;
/** Bytes kept (segments and their compressed bytes); the least recently used go first. */
const BUDGET = 16 * 1024 * 1024;

/** Whether a copy of each segment is kept: not for a build the process makes once (the command line's). */
let keeping = true;

/**
 * Builds started (keepSegments is called by each): the segments of the one under way are not
 * let go for the budget, so that what was compressed ahead on the pool is found when the
 * fonts are written, not compressed again on the main thread.
 */
let round = 0;

/**
 * Starts a build's segments. Each segment compressed is kept with a copy of its bytes, for
 * later builds of the process to compare with, or (`keep` false: a one-off build, where only
 * its own compressing ahead looks a segment up, in the same buffer) with a view of them.
 */
export function keepSegments(keep: boolean): void {
  keeping = keep;
  round++;
}

/** Segments compressed and found, since the process started (tests, the benchmark). */
export const segmentStats = { compressed: 0, found: 0 };

/** The two sums of Adler-32 (RFC 1950) over `data`, from a = 1, b = 0. */
function adler(data: Uint8Array): { a: number; b: number } {
  let a = 1;
  let b = 0;
  // (5552 bytes is the most that can be summed before b overflows 2³²: zlib's NMAX)
  for (let i = 0; i < data.length;) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return { a, b };
}

/** Adler-32 of two pieces one after the other, from each one's sums (zlib's adler32_combine). */
function combine(first: { a: number; b: number }, second: Packed): { a: number; b: number } {
  const n = second.length % MOD;
  const a = (first.a + second.a - 1 + MOD) % MOD;
  const b = (first.b + ((n * first.a) % MOD) + second.b - n + MOD) % MOD;
  return { a, b };
}

/**
 * A segment's fingerprint: its length, its first and last 64 bytes and every 97th byte (a
 * segment found by it is then compared whole with the bytes kept).
 */
function keyOf(data: Uint8Array, last: boolean): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h = Math.imul(h ^ v, 0x01000193);
  };
  const n = data.length;
  for (let i = 0; i < Math.min(64, n); i++) mix(data[i]);
  for (let i = Math.max(0, n - 64); i < n; i++) mix(data[i]);
  for (let i = 64; i < n - 64; i += 97) mix(data[i]);
  return `${n}:${h >>> 0}${last ? '$' : ''}`;
}

const options = (last: boolean): zlib.ZlibOptions => (last ? {} : { finishFlush: zlib.constants.Z_SYNC_FLUSH });

function keep(key: string, p: Packed): void {
  const before = kept.get(key);
  if (before) keptBytes -= before.raw.length + before.source.length;
  kept.set(key, p);
  keptBytes += p.raw.length + p.source.length;
  for (const [k, v] of kept) {
    if (keptBytes <= BUDGET) break;
    if (v.round === round) continue;
    kept.delete(k);
    keptBytes -= v.raw.length + v.source.length;
  }
}

/** The segment kept under `key` if its bytes are `piece`'s (a fingerprint can be shared). */
function found(key: string, piece: Uint8Array): Packed | undefined {
  const p = kept.get(key);
  if (!p || !p.source.equals(piece)) return undefined;
  // most recently used last
  kept.delete(key);
  kept.set(key, p);
  p.round = round;
  segmentStats.found++;
  return p;
}

/** `data` cut at `cuts` (offsets, ascending, inside it): the segments. */
function pieces(data: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of cuts) {
    if (c <= from || c >= data.length) continue;
    out.push(data.subarray(from, c));
    from = c;
  }
  out.push(data.subarray(from));
  return out;
}

function pack(piece: Uint8Array, raw: Buffer): Packed {
  segmentStats.compressed++;
  // (a one-off build finds only what it compressed ahead, in the same buffer: no copy)
  const source = keeping ? Buffer.from(piece) : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
  return { raw, source, round, ...adler(piece), length: piece.length };
}

/** The zlib stream of `data`, compressed in segments cut at `cuts`; segments met before are not compressed again. */
export function deflateSegmented(data: Uint8Array, cuts: readonly number[]): Buffer {
  const parts = pieces(data, cuts);
  const packed = parts.map((piece, i) => {
    const last = i === parts.length - 1;
    const key = keyOf(piece, last);
    let p = found(key, piece);
    if (!p) keep(key, (p = pack(piece, zlib.deflateRawSync(piece, options(last)))));
    return p;
  });
  return assemble(packed);
}

/**
 * Compresses on libuv's thread pool the segments of `data` not met before, all at once, and
 * keeps them: deflateSegmented of the same data afterwards finds every one.
 */
export async function deflateSegmentsAhead(data: Uint8Array, cuts: readonly number[]): Promise<void> {
  const parts = pieces(data, cuts);
  await Promise.all(
    parts.map(async (piece, i) => {
      const last = i === parts.length - 1;
      const key = keyOf(piece, last);
      if (kept.get(key)?.source.equals(piece)) return;
      // In one piece: output handed back in zlib's usual 16 kB chunks would go to the pool again
      // only when the main thread, busy meanwhile, takes each one. (The bytes do not depend on it.)
      const chunkSize = Math.max(64 * 1024, piece.byteLength + (piece.byteLength >> 3) + 1024);
      const raw = await new Promise<Buffer>((resolve, reject) =>
        zlib.deflateRaw(piece, { ...options(last), chunkSize }, (err, out) => (err ? reject(err) : resolve(out))),
      );
      keep(key, pack(piece, raw));
    }),
  );
}

function assemble(packed: Packed[]): Buffer {
  let sum = { a: 1, b: 0 };
  let length = HEADER.length + 4;
  for (const p of packed) {
    sum = combine(sum, p);
    length += p.raw.length;
  }
  const out = Buffer.allocUnsafe(length);
  HEADER.copy(out, 0);
  let at = HEADER.length;
  for (const p of packed) at += p.raw.copy(out, at);
  out.writeUInt32BE(((sum.b << 16) | sum.a) >>> 0, at);
  return out;
}
