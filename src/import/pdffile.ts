// A printed issue's PDF → printed lines, with what the page shows: each line's edges,
// baseline, type size, and which stretches are bold (from the fonts' names). pdf.js
// (pdfjs-dist, already the preview's viewer) reads the text; nothing is rendered.
import { basename } from 'node:path';
import type { Printed, PrintedLine, Run } from './model.js';

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
  font: string;
  bold: boolean;
}

/** Bold, black, heavy, and the 黑体 and 小标宋 families set bold in Chinese documents. */
const BOLD = /bold|black|heavy|semibold|demibold|hei|xbs|xiaobiaosong|-B$|,B/i;

export async function readPdf(data: Uint8Array, file: string): Promise<Printed> {
  const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await lib.getDocument({
    data: new Uint8Array(data),
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    fontExtraProperties: true,
  }).promise;
  const name = basename(file);
  const lines: PrintedLine[] = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const height = page.getViewport({ scale: 1 }).height;
      const content = await page.getTextContent();
      // The fonts' real names (pdf.js's items name its own ids) are known once the page's
      // operators are read.
      await page.getOperatorList();
      const fontName = (id: string): string => {
        try {
          const f = page.commonObjs.get(id) as { name?: string } | undefined;
          return (f?.name ?? id).replace(/^[A-Z]{6}\+/, '');
        } catch {
          return id;
        }
      };
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it) || !it.str) continue;
        const [a, b, c, d, e, f] = it.transform as number[];
        // Turned text (a draft's watermark, a stamp) is not part of the reading.
        if (Math.abs(b) > 1e-3 || Math.abs(c) > 1e-3) continue;
        const font = fontName(it.fontName);
        items.push({
          str: it.str,
          x: e,
          y: height - f,
          w: it.width,
          size: Math.abs(d) || Math.abs(a),
          font,
          bold: BOLD.test(font),
        });
      }
      lines.push(...linesOf(items, p, name));
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return withBody({ file: name, kind: 'pdf', lines });
}

/** Items on one baseline make a line, read left to right; a wide gap between them is a space. */
function linesOf(items: Item[], page: number, file: string): PrintedLine[] {
  const rows: Item[][] = [];
  for (const it of items) {
    if (!it.str.trim() && it.w < 0.1) continue;
    const row = rows.find((r) => Math.abs(r[0].y - it.y) < 0.35 * Math.max(r[0].size, it.size));
    if (row) row.push(it);
    else rows.push([it]);
  }
  rows.sort((a, b) => a[0].y - b[0].y);
  const out: PrintedLine[] = [];
  rows.forEach((row, k) => {
    row.sort((a, b) => a.x - b.x);
    const runs: Run[] = [];
    let text = '';
    let end = -Infinity;
    for (const it of row) {
      let s = it.str;
      if (!s.trim()) {
        // A space item stands for the gap it spans; kept only where it parts two words.
        end = Math.max(end, it.x + it.w);
        continue;
      }
      const gap = it.x - end;
      if (text && gap > 0.9 * it.size && !text.endsWith(' ')) s = ' ' + s;
      text += s;
      const last = runs[runs.length - 1];
      if (last && last.bold === it.bold) last.text += s;
      else runs.push({ text: s, bold: it.bold });
      end = it.x + it.w;
    }
    if (!text.trim()) return;
    const first = row.find((i) => i.str.trim())!;
    const size = Math.max(...row.filter((i) => i.str.trim()).map((i) => i.size));
    out.push({
      text: text.trim(),
      runs,
      page,
      at: { file, line: k + 1, page },
      x: first.x,
      right: end,
      y: first.y,
      size,
      font: first.font,
    });
  });
  return out;
}

/** The body's type size (most characters), left edge (most lines) and right edge (full lines). */
function withBody(pr: Printed): Printed {
  const bySize = new Map<number, number>();
  for (const l of pr.lines) bySize.set(round(l.size!), (bySize.get(round(l.size!)) ?? 0) + l.text.length);
  const bodySize = mode(bySize);
  const body = pr.lines.filter((l) => round(l.size!) === bodySize);
  const lefts = new Map<number, number>();
  const rights = new Map<number, number>();
  for (const l of body) {
    lefts.set(Math.round(l.x!), (lefts.get(Math.round(l.x!)) ?? 0) + 1);
    rights.set(Math.round(l.right!), (rights.get(Math.round(l.right!)) ?? 0) + 1);
  }
  const left = mode(lefts);
  // Full lines end at the right edge, or half an em past it (a hung stop): the edge is the
  // commonest right end, and no line of the body's size ends much further right.
  const right = mode(rights);
  // Centred: as far in from both edges (an indented first line reaches the right edge).
  for (const l of pr.lines) {
    const before = l.x! - left;
    const after = right - l.right!;
    l.center = before > 1.5 * bodySize && after > 1.5 * bodySize && Math.abs(before - after) < 1.2 * bodySize;
  }
  return { ...pr, left, right, bodySize };
}

const round = (v: number) => Math.round(v * 2) / 2;

function mode(m: Map<number, number>): number {
  let best = 0;
  let n = -1;
  for (const [k, v] of m) if (v > n || (v === n && k < best)) [best, n] = [k, v];
  return best;
}
