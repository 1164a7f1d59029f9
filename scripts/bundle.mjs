#!/usr/bin/env node
// The command line as a few bundled files (lib/bulletin.mjs and its lib/bulletin.*.mjs chunks):
// Node compiles a handful of modules instead of some sixty, and markdown-it and yaml come
// inside them. The commands' `await import()`s become chunks of their own (code splitting), so
// `bulletin build` compiles only what a build runs: the 0.7 MB of pinyin-pro and mammoth that
// only `import` uses, the preview's server and the archive stay on disk unread.
// pdfkit and fontkit stay outside: pdfkit reads its own data files at run time, and it shares
// fontkit with the project.
// Chunks sit beside lib/index.js, not in a folder of their own: the code in them finds the
// project's root as '..' from its own file (src/index.ts ROOT).
// Run by `npm run build` (and so by npm ci and npm test) after tsc.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'lib');
// Chunks of an earlier build are named by their hash: remove them, or they pile up.
for (const f of readdirSync(lib)) if (/^bulletin(\..+)?\.mjs$/.test(f)) rmSync(join(lib, f));
await build({
  entryPoints: { bulletin: join(lib, 'cli', 'main.js') },
  outdir: lib,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'bulletin.[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['pdfkit', 'fontkit', 'mupdf', 'pdfjs-dist', 'playwright-core'],
  // CommonJS dependencies inside an ES module need a require of their own.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
