// Reads a PDF back the way a reader's tools do: characters with their positions, fonts and
// sizes (MuPDF's structured text), grouped into lines by baseline.
import * as mupdf from 'mupdf';

export interface PdfChar {
  c: string;
  x0: number;
  x1: number;
  y: number; // baseline, from the top
  size: number;
  font: string;
}

export interface PdfLine {
  y: number;
  chars: PdfChar[];
  text: string;
  left: number;
  right: number;
  size: number;
}

export interface PdfPage {
  width: number;
  height: number;
  chars: PdfChar[];
  lines: PdfLine[];
  text: string;
}

export interface PdfRead {
  pages: PdfPage[];
  outline: { title: string; page: number }[];
  links: { page: number; target: number | null; uri: string | null }[];
  doc: mupdf.PDFDocument;
}

export function readPdf(data: Buffer | Uint8Array): PdfRead {
  const doc = mupdf.Document.openDocument(data, 'application/pdf') as mupdf.PDFDocument;
  const pages: PdfPage[] = [];
  const links: PdfRead['links'] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const page = doc.loadPage(i);
    const [, , w, h] = page.getBounds();
    const chars: PdfChar[] = [];
    const st = page.toStructuredText('preserve-whitespace');
    st.walk({
      onChar(c: string, origin: mupdf.Point, font: mupdf.Font, size: number, quad: mupdf.Quad) {
        const xs = [quad[0], quad[2], quad[4], quad[6]];
        chars.push({ c, x0: Math.min(...xs), x1: Math.max(...xs), y: origin[1], size, font: font.getName() });
      },
    });
    for (const l of page.getLinks()) {
      const uri = l.getURI();
      let target: number | null = null;
      if (!l.isExternal()) target = doc.resolveLink(uri) as unknown as number;
      links.push({ page: i, target, uri: l.isExternal() ? uri : null });
    }
    const lines = groupLines(chars);
    pages.push({ width: w, height: h, chars, lines, text: lines.map((l) => l.text).join('\n') });
  }
  const outline: PdfRead['outline'] = [];
  type OutlineItem = NonNullable<ReturnType<mupdf.Document['loadOutline']>>[number];
  const walk = (items: OutlineItem[] | null | undefined) => {
    for (const it of items ?? []) {
      outline.push({ title: it.title ?? '', page: it.page ?? -1 });
      walk(it.down);
    }
  };
  walk(doc.loadOutline());
  return { pages, outline, links, doc };
}

export function groupLines(chars: PdfChar[]): PdfLine[] {
  const rows = new Map<number, PdfChar[]>();
  for (const ch of chars) {
    let key = Math.round(ch.y * 2) / 2;
    for (const k of [key, key - 0.5, key + 0.5]) if (rows.has(k)) key = k;
    if (!rows.has(key)) rows.set(key, []);
    rows.get(key)!.push(ch);
  }
  return [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([y, cs]) => {
      cs.sort((a, b) => a.x0 - b.x0);
      const vis = cs.filter((c) => c.c.trim());
      const sizes = new Map<number, number>();
      for (const c of vis) sizes.set(c.size, (sizes.get(c.size) ?? 0) + 1);
      const size = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
      return {
        y,
        chars: cs,
        text: cs.map((c) => c.c).join(''),
        left: vis[0]?.x0 ?? 0,
        right: vis[vis.length - 1]?.x1 ?? 0,
        size,
      };
    })
    .filter((l) => l.text.trim());
}

/** Text with all whitespace removed, for comparing against the source. */
export function squash(s: string): string {
  return s.replace(/\s+/g, '');
}
