// The reused compressor (src/render/deflate-engine.ts) must give zlib.deflateSync's bytes for
// every stream, one after another, and must really be the reused one on this Node (else the
// build silently falls back to deflateSync and the speed-up is gone).
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflate } from '../../src/render/deflate-engine.js';

describe('deflate with one reused compressor', () => {
  it("finds the members of Node's zlib stream it drives", () => {
    const s = new zlib.Deflate() as unknown as { _handle?: Record<string, unknown>; _writeState?: unknown };
    expect(typeof s._handle?.writeSync).toBe('function');
    expect(typeof s._handle?.reset).toBe('function');
    expect(s._writeState).toBeInstanceOf(Uint32Array);
  });

  it('gives the bytes deflateSync gives, stream after stream', () => {
    const text = Buffer.from('q 1 0 0 -1 0 841.89 cm BT /F1 10.5 Tf [<0001> -12.5 <0002>] TJ ET Q\n'.repeat(3000));
    const noise = randomBytes(300 * 1024); // incompressible: output larger than one piece
    const big = Buffer.concat([text, noise, text]);
    const inputs: Buffer[] = [
      Buffer.alloc(0),
      Buffer.from('x'),
      text,
      noise,
      big,
      text.subarray(7, 5000),
      Buffer.alloc(0),
      text,
    ];
    for (const input of inputs) expect(deflate(input).equals(zlib.deflateSync(input))).toBe(true);
    // a view into a larger buffer, and a typed array that is not a Buffer
    const view = new Uint8Array(big.buffer, big.byteOffset + 1234, 70000);
    expect(deflate(view).equals(zlib.deflateSync(view))).toBe(true);
    expect(zlib.inflateSync(deflate(view)).equals(Buffer.from(view))).toBe(true);
  });

  it('keeps the one compressor', () => {
    const real = zlib.Deflate;
    let made = 0;
    const counting = function (this: unknown, ...a: unknown[]) {
      made++;
      return new (real as unknown as new (...a: unknown[]) => unknown)(...a);
    };
    (zlib as unknown as { Deflate: unknown }).Deflate = counting;
    try {
      for (let i = 0; i < 5; i++) deflate(Buffer.from(`stream ${i}`.repeat(100)));
    } finally {
      (zlib as unknown as { Deflate: unknown }).Deflate = real;
    }
    expect(made).toBe(0);
  });

  it('gives the same bytes whatever it compressed before (an earlier, longer stream leaves nothing behind)', () => {
    // content-stream-like text after noise of other lengths: the bytes past each input's end
    // are an earlier stream's unless the engine clears them (about 1 in 200 came out otherwise)
    let seed = 12345;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    const words = ['BT', '/F1', '10.5', 'Tf', '[<0001>', '-12', '<00a2>]', 'TJ', 'ET', 'q', 'Q', '0', '1', 'cm'];
    const noise = randomBytes(70 * 1024);
    let differ = 0;
    for (let trial = 0; trial < 3000; trial++) {
      let text = '';
      const length = 20 + random(trial % 5 === 0 ? 80_000 : 4000);
      while (text.length < length) text += `${words[random(words.length)]} `;
      const data = Buffer.from(text);
      if (random(2)) deflate(noise.subarray(0, random(noise.length)));
      if (!deflate(data).equals(zlib.deflateSync(data))) differ++;
    }
    expect(differ).toBe(0);
  });
});
