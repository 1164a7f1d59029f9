// pdfkit finds its data files (the sRGB profile, the standard fonts' metrics) from its own
// module's URL. Bundled, its code runs from lib/, so the URL is pdfkit's file where npm put it:
// usually beside lib/ in the project's node_modules (one stat), else wherever Node's
// resolution finds it (a hoisted install; createRequire and resolve cost ~3 ms, so only then).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const beside = new URL('../node_modules/pdfkit/js/pdfkit.node.mjs', import.meta.url);

export const pdfkitUrl = existsSync(fileURLToPath(beside))
  ? beside.href
  : new URL('pdfkit.node.mjs', pathToFileURL(createRequire(import.meta.url).resolve('pdfkit'))).href;
