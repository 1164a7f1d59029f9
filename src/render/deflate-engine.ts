// zlib's deflate with one compressor kept for the process, giving the bytes zlib.deflateSync
// gives. deflateSync builds a stream object and a native compressor for every call, whose
// ~256 KB of state (window, hash chains, pending output) the C library allocates and frees
// each time: glibc hands that memory back to the system and asks for it again (brk, fresh
// zero pages), which cost more than compressing a page's content stream did (a build writes
// one stream per page, per font and per ToUnicode map). Resetting one compressor between
// streams (deflateReset) starts each from the state deflateInit leaves, so the output is
// the same bytes.
//
// Node has no public synchronous call that keeps a compressor: this drives the native handle
// the way Node 20's own processChunkSync (lib/zlib.js) does — `_handle.writeSync` with
// Z_FINISH until the output is not full, the counts read from `_writeState` — and falls back
// to deflateSync wherever those members are not there. tests/unit/deflate-engine.test.ts holds
// the output to deflateSync's.
import zlib from 'node:zlib';

/** The native compressor of a zlib stream object (node_zlib.cc's ZlibContext), as processChunkSync drives it. */
interface NativeDeflate {
  writeSync(
    flush: number,
    input: NodeJS.ArrayBufferView,
    inOffset: number,
    inLength: number,
    output: Uint8Array,
    outOffset: number,
    outLength: number,
  ): void;
  reset(): void;
}

interface Engine {
  handle: NativeDeflate;
  /** [output bytes left, input bytes left] after each writeSync. */
  state: Uint32Array;
  /** Set by the stream's error event (the handle reports zlib's errors there). */
  error?: Error;
  /** A call in progress or one that failed: reset before the next. */
  dirty: boolean;
}

/** zlib.deflateSync as the module had it, before deflate-cache.ts routes it through its cache. */
const deflateSync = zlib.deflateSync;

/** Output is taken in pieces of this size; most streams fit in one. */
const PIECE = 64 * 1024;
let scratch: Buffer | undefined;
let engine: Engine | null | undefined;

function open(): Engine | null {
  const stream = new zlib.Deflate() as unknown as {
    _handle?: Partial<NativeDeflate>;
    _writeState?: unknown;
    on(event: 'error', f: (e: Error) => void): void;
  };
  const handle = stream._handle;
  const state = stream._writeState;
  if (typeof handle?.writeSync !== 'function' || typeof handle.reset !== 'function' || !(state instanceof Uint32Array))
    return null;
  const e: Engine = { handle: handle as NativeDeflate, state, dirty: false };
  stream.on('error', (err) => (e.error = err));
  return e;
}

/**
 * How far into its window the compressor has had data since it was opened. deflateReset
 * does not clear the window, and near the end of its input zlib compares a few bytes past it
 * (up to MAX_MATCH, 258): where an earlier, longer stream left bytes there rather than the
 * zeros a new compressor has, a match can come out otherwise — about one stream in two
 * hundred, measured — and the output would depend on what was compressed before it.
 */
let reach = 0;
/** Past the end of an input, how far zlib may look (MAX_MATCH), with room to spare. */
const LOOK_PAST = 512;
/** The window: an input longer than this has overwritten, itself, what zlib looks at past its end. */
const WINDOW = 64 * 1024;
let zeros: Buffer | undefined;

/** zlib.deflateSync(data), with zlib's default options: the same bytes, whatever came before. */
export function deflate(data: NodeJS.ArrayBufferView): Buffer {
  if (engine === undefined) engine = open();
  const e = engine;
  if (!e) return deflateSync(data);
  const length = data.byteLength;
  if (reach > length && length < WINDOW) {
    // zeros over what an earlier stream left just past this input's end, as a new compressor has
    zeros ??= Buffer.alloc(WINDOW + LOOK_PAST);
    compress(e, zeros.subarray(0, Math.min(reach, length + LOOK_PAST)));
  }
  reach = Math.max(reach, Math.min(length, WINDOW + LOOK_PAST));
  return compress(e, data);
}

function compress(e: Engine, data: NodeJS.ArrayBufferView): Buffer {
  if (e.dirty) e.handle.reset();
  e.dirty = true;
  scratch ??= Buffer.allocUnsafe(PIECE);
  const pieces: Buffer[] = [];
  let size = 0;
  let inOffset = 0;
  let inLength = data.byteLength;
  for (;;) {
    e.handle.writeSync(zlib.constants.Z_FINISH, data, inOffset, inLength, scratch, 0, PIECE);
    if (e.error) {
      // the stream destroyed itself and its handle: the next call opens another
      const err = e.error;
      engine = undefined;
      reach = 0;
      throw err;
    }
    const outLeft = e.state[0];
    const inLeft = e.state[1];
    const have = PIECE - outLeft;
    if (have > 0) {
      pieces.push(Buffer.from(scratch.subarray(0, have)));
      size += have;
    }
    // (output full: zlib has more to give for the same input)
    if (outLeft !== 0) break;
    inOffset += inLength - inLeft;
    inLength = inLeft;
  }
  return pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, size);
}
