// pdfkit finds its data files (the sRGB profile, the standard fonts' metrics) from its own
// module's URL. Bundled, its code runs from lib/, so the URL is pdfkit's file where npm put it.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export const pdfkitUrl = new URL('pdfkit.node.mjs', pathToFileURL(createRequire(import.meta.url).resolve('pdfkit')))
  .href;
