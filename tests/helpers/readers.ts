// The text of a PDF as three independent readers give it: pdf.js (Firefox, Chrome's viewer in
// many apps, web archives), MuPDF and poppler's pdftotext — what a reader copies, searches
// and indexes. Each gives one string per page, lines ended by "\n".
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as mupdf from 'mupdf';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsLib: Promise<PdfJs> | undefined;

export function pdfjs(): Promise<PdfJs> {
  pdfjsLib ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsLib;
}

export async function pdfjsDocument(pdf: Buffer) {
  const lib = await pdfjs();
  return lib.getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
}

/** pdf.js's text layer: the items of each page, a line ending where pdf.js ends one. */
export async function pdfjsPages(pdf: Buffer): Promise<string[]> {
  const doc = await pdfjsDocument(pdf);
  const pages: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const tc = await (await doc.getPage(p)).getTextContent();
    pages.push(tc.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

/**
 * How many times pdf.js's own find (the viewer's Ctrl+F) finds `query` in the document. The
 * viewer module wants a browser; it only needs a few of its globals to load.
 */
export async function pdfjsFind(pdf: Buffer, query: string): Promise<number> {
  const lib = await pdfjs();
  const g = globalThis as Record<string, unknown>;
  g.pdfjsLib ??= lib;
  g.document ??= { documentElement: { style: {} }, createElement: () => ({ style: {} }), addEventListener() {} };
  g.window ??= {
    requestAnimationFrame: (f: () => void) => setTimeout(f, 0),
    addEventListener() {},
    matchMedia: () => ({ matches: false, addEventListener() {} }),
  };
  const viewer = await import('pdfjs-dist/legacy/web/pdf_viewer.mjs');
  const doc = await pdfjsDocument(pdf);
  const eventBus = new viewer.EventBus();
  const linkService = new viewer.PDFLinkService({ eventBus });
  linkService.setDocument(doc);
  // no pages on screen: the find controller only asks where the reader is
  linkService.setViewer({
    pagesCount: doc.numPages,
    currentPageNumber: 1,
    pagesRotation: 0,
    isInPresentationMode: false,
    scrollPageIntoView() {},
    getPageView: () => null,
  });
  const find = new viewer.PDFFindController({ linkService, eventBus, updateMatchesCountOnProgress: false });
  find.setDocument(doc);
  const total = await new Promise<number>((resolve) => {
    eventBus.on('updatefindmatchescount', (e: { matchesCount: { total: number } }) => resolve(e.matchesCount.total));
    // no match at all is reported as a state, not a count
    eventBus.on('updatefindcontrolstate', (e: { state: number; matchesCount: { total: number } }) => {
      if (e.state === 1) resolve(0);
    });
    eventBus.dispatch('find', {
      source: null,
      type: '',
      query,
      caseSensitive: true,
      entireWord: false,
      highlightAll: true,
      findPrevious: false,
      matchDiacritics: true,
    });
  });
  // every page searched: the count is then the document's
  const pages = (find as unknown as { pageMatches: unknown[][] }).pageMatches;
  const counted = pages.reduce((n, m) => n + (m?.length ?? 0), 0);
  await doc.destroy();
  return Math.max(total, counted);
}

/** MuPDF's structured text, in MuPDF's own reading order, whitespace as the PDF has it. */
export function mupdfPages(pdf: Buffer): string[] {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  const pages: string[] = [];
  for (let i = 0; i < doc.countPages(); i++)
    pages.push(doc.loadPage(i).toStructuredText('preserve-whitespace').asText());
  return pages;
}

/** poppler's plain `pdftotext` (its own reading order); null when poppler-utils is not installed. */
export function popplerPages(pdf: Buffer): string[] | null {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-pdftotext-'));
  const file = join(dir, 'in.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 << 20 }).toString('utf8');
  return text.split('\f').slice(0, -1);
}
