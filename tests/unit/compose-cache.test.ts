// The composition cache: a paragraph met again is not composed again, the bytes do not
// change, and the cache stays bounded.
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { ComposeCache, composeCache } from '../../src/set/compose-cache.js';
import type { StyledRun } from '../../src/compose/atoms.js';
import type { Face } from '../../src/text/face.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

const serif = {} as Face;
const sans = {} as Face;
const run = (text: string, o: Partial<StyledRun> = {}): StyledRun => ({
  text,
  face: serif,
  size: 12,
  color: '#000000',
  pos: { file: 'a.md', line: 1, col: 1 },
  ...o,
});
const env = { hanLatin: 0.25, fallback: ['serif', 'sans'] };
const opts = { measure: 456, align: 'justify' };

describe('composition cache', () => {
  it('keys a paragraph by everything composition reads, and not by where it came from', () => {
    const c = new ComposeCache();
    const k = c.key([run('科技创新')], opts, env);
    expect(c.key([run('科技创新', { pos: { file: 'b.md', line: 9, col: 3 } })], opts, env)).toBe(k);
    for (const other of [
      c.key([run('科技创新。')], opts, env),
      c.key([run('科技创新', { face: sans })], opts, env),
      c.key([run('科技创新', { size: 10.5 })], opts, env),
      c.key([run('科技创新', { color: '#d7000f' })], opts, env),
      c.key([run('科技创新', { href: 'https://a.cn' })], opts, env),
      c.key([run('①', { note: '1', rise: 4.8 })], opts, env),
      c.key([run('科技'), run('创新')], opts, env),
      c.key([run('科技创新')], { ...opts, measure: 400 }, env),
      c.key([run('科技创新')], opts, { ...env, hanLatin: 0.125 }),
    ])
      expect(other).not.toBe(k);
  });

  it('stays bounded: old entries fall away', () => {
    const c = new ComposeCache();
    for (let i = 0; i < 50_000; i++) c.set(String(i), []);
    expect(c.size).toBeLessThanOrEqual(40_000);
    expect(c.get('49999')).toEqual([]);
    expect(c.get('0')).toBeUndefined();
  });

  it('gives the same bytes from the cache as composing afresh, and a second build composes nothing new', async () => {
    const first = await build(SAMPLE, { root: ROOT });
    const size = composeCache.size;
    const second = await build(SAMPLE, { root: ROOT });
    expect(composeCache.size).toBe(size);
    expect(second.pdf.equals(first.pdf)).toBe(true);
  });
});

describe('compressed streams remembered by content', () => {
  it('gives the bytes zlib gives, for the same input again and for a changed one', async () => {
    const zlib = (await import('node:zlib')).default;
    const { rememberDeflate } = await import('../../src/render/deflate-cache.js');
    const data = Buffer.from('科技情报参考'.repeat(4000));
    const fresh = zlib.deflateSync(data);
    rememberDeflate();
    expect(zlib.deflateSync(data).equals(fresh)).toBe(true);
    expect(zlib.deflateSync(data).equals(fresh)).toBe(true);
    const other = Buffer.concat([data, Buffer.from('。')]);
    expect(zlib.inflateSync(zlib.deflateSync(other)).equals(other)).toBe(true);
    expect(zlib.deflateSync(new Uint8Array(data)).equals(fresh)).toBe(true);
  });

  it('keeps nothing for a build made once (nothing would be built again), and the bytes are the same', async () => {
    const zlib = (await import('node:zlib')).default;
    const { rememberDeflate, rememberedStreams } = await import('../../src/render/deflate-cache.js');
    const data = Buffer.from('北京市科学技术委员会'.repeat(3000));
    rememberDeflate(false);
    const before = rememberedStreams();
    const fresh = zlib.deflateSync(data);
    expect(zlib.inflateSync(fresh).equals(data)).toBe(true);
    expect(rememberedStreams()).toBe(before);
    rememberDeflate();
    expect(zlib.deflateSync(data).equals(fresh)).toBe(true);
    expect(rememberedStreams()).toBe(before + 1);
  });
});
