// Reads a PDF back the way a reader's tools do: characters with their positions, fonts and
// sizes (MuPDF's structured text), grouped into lines by baseline.
import * as fontkit from 'fontkit';
import * as mupdf from 'mupdf';
import { FontRegistry } from '../../src/fonts/registry.js';
import type { Face } from '../../src/text/face.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface PdfChar {
  c: string;
  x0: number;
  /**
   * Where the glyph's own advance ends, from the font file. (The box a reader reports can be
   * wider: space the composer adds after a glyph is part of the advance the PDF declares, so
   * that it copies as nothing.)
   */
  x1: number;
  /** The right edge of the box the reader reports. */
  boxX1: number;
  /** The glyph's origin on the baseline (x), from the left. */
  ox: number;
  y: number; // baseline, from the top
  size: number;
  font: string;
  /** Fill colour as the reader reports it (device components, 0–1). */
  color: number[];
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
    walkAstral(st, {
      onChar(c: string, origin: mupdf.Point, font: mupdf.Font, size: number, quad: mupdf.Quad, color: mupdf.Color) {
        const xs = [quad[0], quad[2], quad[4], quad[6]];
        const x0 = Math.min(...xs);
        const boxX1 = Math.max(...xs);
        const name = font.getName();
        const own = advance(name, c);
        chars.push({
          c,
          x0,
          x1: own === undefined ? boxX1 : x0 + own * size,
          boxX1,
          ox: origin[0],
          y: origin[1],
          size,
          font: name,
          color: Array.from(color ?? []),
        });
      },
    });
    for (const l of page.getLinks()) {
      const uri = l.getURI();
      let target: number | null = null;
      if (!l.isExternal()) target = doc.resolveLink(uri);
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

/**
 * mupdf.js 1.28 hands onChar its character through String.fromCharCode, which cuts a
 * character beyond U+FFFF (𡈽, U+2123D) to its low 16 bits; while the walk runs, such a call
 * makes the whole character instead.
 */
function walkAstral(st: mupdf.StructuredText, walker: Parameters<mupdf.StructuredText['walk']>[0]): void {
  const own = String.fromCharCode;
  String.fromCharCode = (...codes: number[]) =>
    codes.length === 1 && codes[0] > 0xffff ? String.fromCodePoint(codes[0]) : own(...codes);
  try {
    st.walk(walker);
  } finally {
    String.fromCharCode = own;
  }
}

let faces: Map<string, Face> | undefined;

/** A character's advance in em in the font file the PDF's font was made from (the project's fonts). */
function advance(fontName: string, c: string): number | undefined {
  if (!faces) {
    faces = new Map();
    const reg = FontRegistry.load(ROOT, new Diagnostics());
    for (const role of reg.entries.keys()) {
      if (!reg.has(role)) continue; // a face this machine lacks (HanaMinB, a licensed one)
      const face = reg.face(role);
      faces.set(fontkit.create(face.data).postscriptName, face);
    }
  }
  const face = faces.get(fontName.replace(/^[A-Z]{6}\+/, ''));
  const cp = c.codePointAt(0)!;
  const g = face && c.length > 0 && [...c].length === 1 ? face.glyph(cp === 0x2014 ? 0x2500 : cp) : null;
  return g ? g.advance / face!.unitsPerEm : undefined;
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

/** A Type 0 font as a reader resolves it: its embedded program, each CID's glyph in it, and the text each CID copies as. */
export interface CidFontRead {
  program: Buffer;
  /** The program's glyph CID `cid` draws (CIDToGIDMap: a stream, or Identity). */
  gidOf: (cid: number) => number;
  /** ToUnicode: text by CID, for the CIDs it lists. */
  texts: Map<number, string>;
}

export function readCidFont(font: mupdf.PDFObject): CidFontRead {
  const cidFont = font.get('DescendantFonts').get(0);
  const program = Buffer.from(cidFont.get('FontDescriptor').get('FontFile2').readStream().asUint8Array());
  const map = cidFont.get('CIDToGIDMap');
  const table = map.isStream() ? Buffer.from(map.readStream().asUint8Array()) : null;
  const gidOf = (cid: number): number => (table ? (2 * cid + 1 < table.length ? table.readUInt16BE(2 * cid) : 0) : cid);
  const texts = new Map<number, string>();
  const utf16 = (hex: string): string => {
    const units = hex.replace(/\s+/g, '').match(/.{4}/g) ?? [];
    return String.fromCharCode(...units.map((u) => parseInt(u, 16)));
  };
  const cmap = Buffer.from(font.get('ToUnicode').readStream().asUint8Array()).toString('latin1');
  for (const block of cmap.matchAll(/beginbfchar\s([\s\S]*?)endbfchar/g))
    for (const [, cid, text] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g))
      texts.set(parseInt(cid, 16), utf16(text));
  for (const block of cmap.matchAll(/beginbfrange\s([\s\S]*?)endbfrange/g))
    for (const [, from, , list] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g))
      [...list.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach(([, text], k) =>
        texts.set(parseInt(from, 16) + k, utf16(text)),
      );
  return { program, gidOf, texts };
}
