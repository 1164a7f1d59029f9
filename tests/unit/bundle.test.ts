// The command's bundle (scripts/bundle.mjs): `bulletin build` loads only what a build runs,
// and the stand-ins that load modules on first use answer as the modules themselves do.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.js';

const LIB = join(ROOT, 'lib');

/** The files a module loads before it runs: its static imports of sibling chunks, followed. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(LIB, file), 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\b[^;]*?from\s*"\.\/(bulletin\.[^"]+\.mjs)"/gm))
    staticClosure(m[1], seen);
  for (const m of text.matchAll(/^import\s*"\.\/(bulletin\.[^"]+\.mjs)"/gm)) staticClosure(m[1], seen);
  return seen;
}

/** The chunk a command's `await import()` in main loads, and what it loads in turn. */
function commandClosure(name: string): Set<string> {
  const main = readFileSync(join(LIB, 'bulletin.mjs'), 'utf8');
  const files = new Set<string>(staticClosure('bulletin.mjs'));
  for (const m of main.matchAll(/import\("\.\/(bulletin\.([a-z-]+)-[A-Z0-9]+\.mjs)"\)/g))
    if (m[2] === name) staticClosure(m[1], files);
  return files;
}

describe('the bundle', () => {
  it('loads for a build neither the import command’s libraries nor brotli’s dictionary', () => {
    const build = [...commandClosure('lib')].map((f) => readFileSync(join(LIB, f), 'utf8')).join('\n');
    // the build's own code is there…
    expect(build).toMatch(/function composeLines\(/);
    expect(build).toMatch(/PDFDocument/);
    // …and what only `bulletin import` or a WOFF2 font needs is not
    expect(build).not.toMatch(/node_modules\/pinyin-pro\//);
    expect(build).not.toMatch(/node_modules\/mammoth\//);
    expect(build).not.toMatch(/node_modules\/brotli\/dec\/dictionary/);
    expect(build.length).toBeLessThan(1_900_000); // with pdfkit and fontkit inside (the one file was 2.5 MB without them)
  });

  it('stand-ins answer as the modules they stand for', async () => {
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
});
