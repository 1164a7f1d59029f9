#!/usr/bin/env node
// One file for the command line (lib/bulletin.mjs): Node compiles one module instead of some
// sixty, and markdown-it and yaml come inside it. pdfkit and fontkit stay outside: pdfkit
// reads its own data files at run time, and it shares fontkit with the project.
// Run by `npm run build` (and so by npm ci and npm test) after tsc.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'lib', 'cli', 'main.js')],
  outfile: join(root, 'lib', 'bulletin.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['pdfkit', 'fontkit', 'mupdf', 'pdfjs-dist', 'playwright-core'],
  // CommonJS dependencies inside an ES module need a require of their own.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
