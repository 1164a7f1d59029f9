// A text file of a printed issue → printed lines. Two shapes are met: one line per
// paragraph, paragraphs apart by blank lines, a page end showing only as a paragraph broken
// in two (text copied out of a PDF by hand, like the seed); or one line per printed line
// (pdftotext, a viewer's "copy all"), pages apart by form feeds and folios.
import { basename } from 'node:path';
import { emWidth } from './chars.js';
import type { Printed, PrintedLine } from './model.js';

/** Folios as bulletins print them: — 3 —, - 3 -, －3－, 第 3 页, 3/12. */
export const FOLIO =
  /^\s*(?:[—–\-－―]+\s*\d{1,4}\s*[—–\-－―]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d{1,4}\s*\/\s*\d{1,4})\s*$/;

export function readText(text: string, file: string): Printed {
  const name = basename(file);
  const raw = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const lines: PrintedLine[] = [];
  let page = 1;
  let broke = false;
  // Blank lines separate paragraphs: kept as empty lines, so the shape of the file is known.
  raw.forEach((source, i) => {
    const parts = source.split('\f');
    parts.forEach((part, k) => {
      if (k > 0) broke = true;
      // Markdown-ish list marks a converter left before contents lines ("- ★ …", a lone "-").
      const clean = part
        .replace(/\u00a0/g, ' ')
        .replace(/^\s*[-*]\s+(?=[★☆●◆■])/, '')
        .replace(/^\s*[-*]\s*$/, '');
      if (FOLIO.test(clean)) {
        broke = true;
        return;
      }
      if (!clean.trim()) {
        if (k === parts.length - 1) lines.push({ text: '', runs: [], page, at: { file: name, line: i + 1 } });
        return;
      }
      if (broke && lines.some((l) => l.text)) page++;
      broke = false;
      const indent = /^(?:\u3000|\s{2,})/.test(clean);
      const t = clean.trim();
      lines.push({
        text: t,
        runs: [{ text: t, bold: false }],
        page,
        at: { file: name, line: i + 1 },
        x: indent ? 2 : 0,
        right: (indent ? 2 : 0) + emWidth(t),
        size: 1,
      });
    });
  });
  const wrapped = isWrapped(lines);
  if (!wrapped)
    for (const l of lines) {
      delete l.x;
      delete l.right;
      delete l.size;
    }
  // The usual full line: what most lines of the long runs reach.
  const widths = lines
    .filter((l) => l.text && l.right !== undefined)
    .map((l) => l.right!)
    .sort((a, b) => a - b);
  const full = widths.length ? widths[Math.floor(widths.length * 0.8)] : undefined;
  const indents = wrapped && lines.some((l) => l.x);
  return {
    file: name,
    kind: 'text',
    lines,
    wrapped,
    indents,
    left: wrapped ? 0 : undefined,
    right: wrapped ? full : undefined,
    bodySize: wrapped ? 1 : undefined,
  };
}

/**
 * Printed lines, not paragraphs: most text lines sit in runs of three or more with no blank
 * between, and many of those reach about the same width (a measure). A masthead and a
 * contents list run together too, but their lines are all of different widths.
 */
function isWrapped(lines: PrintedLine[]): boolean {
  const inRuns: PrintedLine[] = [];
  let total = 0;
  let run: PrintedLine[] = [];
  const close = () => {
    if (run.length >= 3) inRuns.push(...run);
    run = [];
  };
  for (const l of lines) {
    if (l.text) {
      total++;
      run.push(l);
    } else close();
  }
  close();
  if (!total || inRuns.length / total <= 0.5) return false;
  const widths = inRuns.map((l) => l.right ?? 0).sort((a, b) => a - b);
  const measure = widths[Math.floor(widths.length * 0.8)];
  const full = widths.filter((w) => w >= measure - 3).length;
  return full >= 5 && full >= 0.4 * inRuns.length;
}
