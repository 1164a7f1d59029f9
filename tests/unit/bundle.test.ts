// The command's bundle (scripts/bundle.mjs) and its loader (bin/bundle-loader.js): the bundle
// holds what a build runs and not the import command's libraries; it is ASCII, named by its
// content; the code cache is written after a successful run, reused, replaced when V8 refuses
// it, and never changes what a command does. The stand-ins that load modules on first use
// answer as the modules themselves do.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyIssue, ROOT } from '../helpers/build.js';

const BUNDLE = join(ROOT, 'lib', 'bulletin.cjs');
// (a copy: the command writes build.json into an issue folder lacking one)
const FIXTURE = copyIssue(join(ROOT, 'tests', 'fixtures', 'mixed-script'));

describe('the bundle', () => {
  const text = readFileSync(BUNDLE, 'latin1');

  it('holds the build and not what only `bulletin import` or a WOFF2 font needs', () => {
    // (minified: what went in is read from its source map)
    const sources = (JSON.parse(readFileSync(`${BUNDLE}.map`, 'utf8')) as { sources: string[] }).sources;
    // the build's own code is there…
    expect(sources).toContain('compose/lines.js');
    expect(sources.some((s) => s.includes('node_modules/pdfkit/'))).toBe(true);
    // …and the import command's libraries are loaded from node_modules when it runs
    expect(sources.some((s) => /node_modules\/(pinyin-pro|mammoth)\//.test(s))).toBe(false);
    expect(text).toMatch(/require\("pinyin-pro"\)/);
    expect(sources.some((s) => s.includes('node_modules/brotli/dec/dictionary'))).toBe(false);
    expect(text.length).toBeLessThan(1_400_000);
  });

  it('is ASCII, and its first line names its content', () => {
    expect(readFileSync(BUNDLE).every((byte) => byte < 0x80)).toBe(true);
    const [first, ...rest] = text.split('\n');
    const id = /^\/\/ bulletin bundle ([0-9a-f]{16})$/.exec(first)?.[1];
    // (hashed with a placeholder of the same length, so that the source map's lines stay true)
    const unnamed = [`// bulletin bundle ${'0'.repeat(16)}`, ...rest].join('\n');
    expect(id).toBe(createHash('sha256').update(unnamed).digest('hex').slice(0, 16));
  });

  it('keeps the characters of its regular expressions (escaped, not lost)', () => {
    // fonts/discover.ts names the regular style in Chinese too
    expect(text).toMatch(/\\u5e38\\u89c4/);
  });
});

describe('the code cache', () => {
  const run = (cache: string, ...args: string[]) =>
    execFileSync(process.execPath, [join(ROOT, 'bin', 'bulletin.js'), ...args], {
      env: { ...process.env, BULLETIN_CODE_CACHE: cache, LANG: 'C' },
      encoding: 'latin1',
      stdio: 'pipe',
    });
  const files = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };

  it('is written by a successful run, reused by the next, replaced when refused; the PDF is the same each time', () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'code-cache-')), 'code');
    const out = mkdtempSync(join(tmpdir(), 'code-cache-out-'));
    run(cache, '--help');
    expect(files(cache)).toEqual([]); // the help alone would make a poor cache
    run(cache, 'build', FIXTURE, '-o', join(out, 'a.pdf'), '--quiet');
    const [name] = files(cache);
    expect(name).toMatch(
      new RegExp(`^build-[0-9a-f]{16}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`),
    );
    const file = join(cache, name);
    const written = statSync(file).mtimeMs;
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(100_000);

    run(cache, 'build', FIXTURE, '-o', join(out, 'b.pdf'), '--quiet');
    expect(statSync(file).mtimeMs).toBe(written); // accepted: not written again

    writeFileSync(file, Buffer.alloc(bytes.length, 7)); // not a cache V8 would take
    run(cache, 'build', FIXTURE, '-o', join(out, 'c.pdf'), '--quiet');
    expect(readFileSync(file).equals(Buffer.alloc(bytes.length, 7))).toBe(false); // replaced
    expect(files(cache)).toEqual([name]);

    const pdf = readFileSync(join(out, 'a.pdf'));
    expect(readFileSync(join(out, 'b.pdf')).equals(pdf)).toBe(true);
    expect(readFileSync(join(out, 'c.pdf')).equals(pdf)).toBe(true);
  }, 60_000);

  it('leaves a command able to load ES modules from outside the bundle (pdfjs-dist, for import)', () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'code-cache-')), 'code');
    const out = mkdtempSync(join(tmpdir(), 'code-cache-out-'));
    run(cache, 'build', FIXTURE, '-o', join(out, 'issue.pdf'), '--quiet');
    for (const to of ['first', 'second']) {
      // the second run is compiled from the first's cache
      run(cache, 'import', join(out, 'issue.pdf'), '-o', join(out, to, '2024-01'));
      expect(readdirSync(join(out, to, '2024-01', 'articles')).length).toBeGreaterThan(0);
    }
    expect(files(cache).some((f) => f.startsWith('import-'))).toBe(true);
  }, 60_000);

  it('is not written by a failed run', () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'code-cache-')), 'code');
    expect(() => run(cache, 'build', join(ROOT, 'no-such-issue'), '--quiet')).toThrow();
    expect(files(cache)).toEqual([]);
  });
});

describe('the stand-ins', () => {
  it('answer as the modules they stand for', async () => {
    const stub = await import(pathToFileURL(join(ROOT, 'scripts', 'bundle-stubs', 'unicode-trie.mjs')).href);
    const Lazy = stub.default;
    const require = createRequire(join(ROOT, 'node_modules', 'fontkit', 'package.json'));
    const Real = require('unicode-trie');
    // fontkit's own shaping table, read both ways
    const src = readFileSync(join(ROOT, 'node_modules', 'fontkit', 'src', 'opentype', 'shapers', 'data.trie'));
    const lazy = new Lazy(src);
    const real = new Real(src);
    const cps = [0x41, 0x627, 0x93f, 0x4e00, 0x3002, 0xff0c, 0x1f600, 0x20bb7, 0x10ffff];
    expect(cps.map((cp) => lazy.get(cp))).toEqual(cps.map((cp) => real.get(cp)));
    // bytes whose decoding was deferred (base64, as the libraries hold them) read the same
    let decoded = 0;
    const deferred = new Lazy(
      stub.deferBytes((text: string) => (decoded++, Buffer.from(text, 'base64')), src.toString('base64')),
    );
    expect(decoded).toBe(0);
    expect(cps.map((cp) => deferred.get(cp))).toEqual(cps.map((cp) => real.get(cp)));
    expect(decoded).toBe(1);
    expect(new Set(cps.map((cp) => real.get(cp))).size).toBeGreaterThan(1); // a table that tells them apart
    const { default: decompress } = await import(
      pathToFileURL(join(ROOT, 'scripts', 'bundle-stubs', 'brotli-decompress.mjs')).href
    );
    expect(typeof decompress).toBe('function');
  });

  it('name order: the order of localeCompare, with or without a collator', async () => {
    const { compareNames } = (await import(
      pathToFileURL(join(ROOT, 'scripts', 'bundle-stubs', 'name-order.mjs')).href
    )) as { compareNames: (a: string, b: string) => number };
    const sign = (n: number) => Math.sign(n);
    // (the root collation: what localeCompare does in the usual locales; in some, Estonian's z,
    // plain keys would differ, and the PDF's own rule — byte order — is what the plain path gives)
    const root = new Intl.Collator('und');
    // plain keys (pdfkit's page-N destinations and the like) and anything else
    const plain = fc.stringMatching(/^[-0-9a-z]{0,8}$/);
    const any = fc.oneof(
      plain,
      fc.string({ maxLength: 6 }),
      fc.constantFrom('Page-1', 'page_2', '页-3', 'é', 'page-10'),
    );
    fc.assert(
      fc.property(fc.oneof(plain, any), fc.oneof(plain, any), (a, b) => {
        expect(sign(compareNames(a, b))).toBe(sign(root.compare(a, b)));
      }),
      { numRuns: 5000 },
    );
    const keys = Array.from({ length: 120 }, (_, i) => `page-${i}`).reverse();
    expect([...keys].sort(compareNames)).toEqual([...keys].sort(root.compare));
  });
});
