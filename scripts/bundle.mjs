// The command line as one bundled file, lib/bulletin.cjs, that bin/bulletin.js runs with a V8
// code cache (bin/bundle-loader.js): Node compiles one script instead of some sixty modules,
// and from the second run on it does not compile it at all but reads the compiled code back.
// markdown-it, yaml, pdfkit and fontkit come inside (one copy of fontkit, shared by both). What
// only `bulletin import` uses — pinyin-pro, and mammoth with jszip and xmldom, 0.7 MB each —
// stays outside, loaded from node_modules on that command's first call; so do the test-only
// readers. CommonJS, because only a classic script can be given a code cache on Node 20 (an
// ES module cannot before Node 22's module.enableCompileCache): the project's ES modules keep
// their `import()`s lazy inside it (esbuild wraps them), and import.meta.url becomes the
// bundle's own file URL — which sits in lib/, where the code looks for the project root as '..'.
// pdfkit and fontkit's modules loaded at start-up but a build does not use are replaced by
// stand-ins that load them on first call (scripts/bundle-stubs/): unicode-trie (five character
// tables inflated at load), brotli (WOFF2 only; left out of the bundle, 1.4 MB), @noble/ciphers'
// AES (encryption only). Each stand-in gives the real module's answer when called, so nothing
// a build does changes; it only stops paying for them.
// pdfkit finds its data files from import.meta.url, which is pointed back at its own file.
// The first line of the bundle names its content (a hash): the code cache is kept per content,
// so a rebuilt bundle never meets the compiled code of another.
// Run by `npm run build` (and so by npm ci and npm test) after tsc.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'lib');
const stubs = join(root, 'scripts', 'bundle-stubs');

/** Module → its load-on-first-use stand-in (the stand-in itself gets the real module). */
const LAZY = {
  'unicode-trie': join(stubs, 'unicode-trie.mjs'),
  'brotli/decompress.js': join(stubs, 'brotli-decompress.mjs'),
  '@noble/ciphers/aes': join(stubs, 'noble-aes.mjs'),
};
// A stand-in loads the copy of its module that the project root sees; the libraries must
// see that same copy (npm keeps one of each here), or they would be given another version.
{
  const fromRoot = createRequire(join(root, 'package.json'));
  for (const [lib, dep] of [
    ['fontkit', 'unicode-trie'],
    ['unicode-properties', 'unicode-trie'],
    ['linebreak', 'unicode-trie'],
    ['fontkit', 'brotli/decompress.js'],
    ['pdfkit', '@noble/ciphers/aes'],
  ]) {
    const own = createRequire(fromRoot.resolve(lib)).resolve(dep);
    if (own !== fromRoot.resolve(dep))
      throw new Error(
        `${lib} has its own copy of ${dep} (${own}): the bundle's stand-in would load another (scripts/bundle.mjs)`,
      );
  }
}

// esbuild escapes the non-ASCII characters of strings and names (charset: 'ascii') but not of
// regular expressions and comments; those are escaped in the sources as they are read (one
// \uXXXX per UTF-16 unit, which a regular expression reads as the same character, with or
// without the u flag), so that the bundle is ASCII and the loader reads it as Latin-1 without
// decoding UTF-8 — and the source map, made from what esbuild read, stays true.
function ascii(src, path) {
  return src.replace(/[^\x00-\x7f]/g, (c, at, all) => {
    // (after a backslash, the escape would read as an escaped backslash and 'u…')
    if (all[at - 1] === '\\') throw new Error(`${path}: an escaped non-ASCII character at ${at}`);
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
// The modules outside the bundle that it imports (pdfjs-dist, ES modules): through the loader's
// import(), since on Node 20 a script read from a code cache cannot import() (bin/bundle-loader.js).
const OUTSIDE = /\bimport\((['"])(pdfjs-dist\/[^'"]*)\1\)/g;

const lazyModules = {
  name: 'lazy-modules',
  setup(b) {
    b.onResolve({ filter: /^(unicode-trie|brotli\/decompress\.js|@noble\/ciphers\/aes)$/ }, (args) =>
      args.importer.startsWith(stubs)
        ? args.path.startsWith('brotli')
          ? { path: args.path, external: true }
          : undefined
        : { path: LAZY[args.path] },
    );
    // restructure (fontkit's reader) makes a TextDecoder for every string it reads (the name
    // tables of each font pdfkit opens): opening the converter each time is most of that cost.
    // A decoder used without { stream: true } keeps nothing between calls, so one per
    // encoding decodes the same.
    b.onLoad({ filter: /restructure[\\/]src[\\/]DecodeStream\.js$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const make = 'let decoder = new TextDecoder(encoding);';
      if (src.split(make).length !== 2)
        throw new Error('restructure: readString is not what it was (check scripts/bundle.mjs)');
      const cached =
        'let decoder = __decoders.get(encoding); if (!decoder) __decoders.set(encoding, (decoder = new TextDecoder(encoding)));';
      return {
        contents: ascii('const __decoders = new Map();\n' + src.replace(make, cached), args.path),
        loader: 'js',
      };
    });
    // The tables' bytes are decoded from base64 at load too, before the (lazy) trie is made:
    // those calls are deferred with the trie, handing it the decoding to do on first read.
    b.onLoad({ filter: /(linebreak|unicode-properties|fontkit)[\\/]dist[\\/]module\.mjs$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const decoders = [
        '(0, $12727730ddfc8bfe$export$94fdf11bafc8de6b)("', // fontkit's own base64 reader
        '(0, $bdjGp$base64js).toByteArray("', // unicode-properties
        '$hJqJp$base64js.toByteArray("', // linebreak
      ];
      let out = src;
      let n = 0;
      for (const d of decoders) {
        const parts = out.split(d);
        n += parts.length - 1;
        out = parts.join(`__deferBytes((text) => ${d.slice(0, -1)}text), "`);
      }
      const want = { linebreak: 1, 'unicode-properties': 1, fontkit: 3 }[
        /(linebreak|unicode-properties|fontkit)/.exec(args.path)[1]
      ];
      if (n !== want)
        throw new Error(`${args.path}: expected ${want} tables decoded at load, found ${n} (check scripts/bundle.mjs)`);
      return {
        contents: ascii(
          `import { deferBytes as __deferBytes } from ${JSON.stringify(LAZY['unicode-trie'])};\n` + out,
          args.path,
        ),
        loader: 'js',
      };
    });
    b.onLoad({ filter: /pdfkit[\\/]js[\\/]pdfkit\.node\.mjs$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      const n = src.split('import.meta.url').length - 1;
      // two uses in pdfkit 0.20 (the sRGB profile, createRequire for the standard fonts)
      if (n !== 2)
        throw new Error(
          `pdfkit: expected 2 uses of import.meta.url, found ${n} (check scripts/bundle-stubs/pdfkit-url.mjs still fits)`,
        );
      const url = JSON.stringify(join(stubs, 'pdfkit-url.mjs'));
      // The name tree (one entry per destination: every heading and note) is sorted with
      // a.localeCompare(b), which builds a collator per call (~90 ms on the stress issue):
      // scripts/bundle-stubs/name-order.mjs sorts the same, without a collator for plain keys.
      const sort = 'return a.localeCompare(b);';
      if (src.split(sort).length !== 2)
        throw new Error('pdfkit: the name tree sort is not where it was (check scripts/bundle.mjs)');
      const order = JSON.stringify(join(stubs, 'name-order.mjs'));
      const body = src.replaceAll('import.meta.url', '__pdfkitUrl').replace(sort, 'return __compareNames(a, b);');
      return {
        contents: ascii(
          `import { pdfkitUrl as __pdfkitUrl } from ${url};\nimport { compareNames as __compareNames } from ${order};\n` +
            body,
          args.path,
        ),
        loader: 'js',
      };
    });
    // every other script: escaped, and its imports of modules outside routed through the loader
    b.onLoad({ filter: /\.(js|mjs|cjs)$/ }, (args) => {
      const src = readFileSync(args.path, 'utf8');
      OUTSIDE.lastIndex = 0;
      if (!/[^\x00-\x7f]/.test(src) && !OUTSIDE.test(src)) return undefined;
      return { contents: ascii(src, args.path).replace(OUTSIDE, '__importModule($1$2$1)'), loader: 'js' };
    });
  },
};
// Files of earlier bundles (the ES-module chunks this script made before) would only mislead.
for (const f of readdirSync(lib)) if (/^bulletin(\..+)?\.(mjs|cjs)(\.map)?$/.test(f)) rmSync(join(lib, f));
const out = join(lib, 'bulletin.cjs');
const UNNAMED = '0'.repeat(16);
const result = await build({
  entryPoints: [join(lib, 'cli', 'main.js')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Test-only readers, and what only `bulletin import` needs (loaded on that command's first call).
  external: ['mupdf', 'pdfjs-dist', 'playwright-core', 'pinyin-pro', 'mammoth'],
  plugins: [lazyModules],
  define: { 'import.meta.url': '__bundleUrl' },
  banner: {
    js: [
      `// bulletin bundle ${UNNAMED}`,
      "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;",
      // import() of an ES module outside the bundle (pdfjs-dist): from the loader's own module,
      // since on Node 20 a script read from a code cache cannot import() (bin/bundle-loader.js).
      "const __importModule = globalThis[Symbol.for('bulletin.importModule')] ?? ((s) => import(s));",
    ].join('\n'),
  },
  // ASCII only (non-ASCII characters as escapes): the loader reads the file as Latin-1, no UTF-8 decoding.
  charset: 'ascii',
  // Half the bytes to read, and a smaller code cache (~12 ms a run). Stack traces of an
  // internal error are mapped back to lib/ through the map (src/cli/stack.ts). BUNDLE_MINIFY=0
  // keeps the names, for reading CPU profiles.
  minify: process.env.BUNDLE_MINIFY !== '0',
  sourcemap: 'external',
  sourcesContent: false,
  logLevel: 'warning',
  metafile: Boolean(process.env.BUNDLE_META),
});
const code = readFileSync(out, 'latin1');
const stray = /[^\x00-\x7f]/.exec(code);
if (stray) throw new Error(`lib/bulletin.cjs: a non-ASCII byte at ${stray.index} (scripts/bundle.mjs: ascii())`);
// The dynamic imports left must be of modules outside the bundle, routed through the loader.
// (the banner's own import() is the fallback for running the bundle without the loader)
const imports = code.slice(code.indexOf('\n"use strict"')).match(/\bimport\([^)]*\)/g) ?? [];
if (imports.length) throw new Error(`lib/bulletin.cjs: import() of ${imports.join(', ')}: add it to OUTSIDE`);
// The first line names the content (same length as the placeholder: the map stays true).
const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
writeFileSync(out, code.replace(`// bulletin bundle ${UNNAMED}`, `// bulletin bundle ${id}`), 'latin1');
// BUNDLE_META=file.json: what went into the bundle (for esbuild's analyser, or scripts of one's own).
if (process.env.BUNDLE_META) writeFileSync(process.env.BUNDLE_META, JSON.stringify(result.metafile));
