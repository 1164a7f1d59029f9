// A page's content stream, remembered between builds of one process (the preview) as a
// program: its text and rules as the operators the renderer wrote, with every glyph kept as
// the glyph it draws rather than the CID it got. CIDs are given in the order glyphs are first
// drawn in the whole file, so an edit on page 2 renumbers glyphs on every later page; the
// program, replayed page after page, asks the fonts for each glyph's CID in the same order a
// fresh drawing would — which numbers them the same way — and writes the same bytes, without
// working out a glyph's position or advance again. A page is known by a fingerprint of what
// it draws (every glyph, rule and element role); the fonts it uses must be the same faces.
//
// A thin layer over the renderer: it watches what TextWriter and StructureWriter write for a
// page drawn afresh (pdfkit's `addContent`) and replays it through the same calls; text.ts and
// tags.ts are unchanged but for `cidOf` being exported.
import { createHash } from 'node:crypto';
import type { FontRegistry } from '../fonts/registry.js';
import type { Item, Page, StructNode, TextItem } from '../paginate/display.js';
import type { Face } from '../text/face.js';
import type { StructureWriter } from './tags.js';
import type { Doc, EmbeddedFont } from './pdfkit-internals.js';
import { cidOf } from './text.js';

/** A glyph as drawn: the key TextWriter's CID table knows it by, and its parts. */
interface GlyphRef {
  key: string;
  id: number;
  advance: number;
  text: string;
}

type Op =
  /** content written as it was */
  | string
  /** `/F1 10.5 Tf`: the font by role (its resource name is the file's) */
  | { font: string; rest: string }
  /** a TJ array: adjustments as written, glyphs by what they draw */
  | { tj: (string | GlyphRef)[] }
  /** marked content opened for item `item`'s element (−1: none) */
  | { begin: number; artifact?: 'Header' | 'Footer' }
  | { end: true };

interface Program {
  ops: Op[];
  /** The faces its fonts were, by role. */
  faces: Map<string, Face>;
  /** The content its last replay wrote, with the CIDs and font names it had. */
  last?: { cids: Int32Array; names: string[]; bytes: Buffer };
}

/** CIDs by glyph key, and the keys by CID: what a recording needs to name a CID's glyph. */
export class CidTable extends Map<string, number> {
  readonly byCid: string[] = [];
  override set(key: string, cid: number): this {
    this.byCid[cid] = key;
    return super.set(key, cid);
  }
}

/**
 * Programs per page fingerprint, of the last two renderings: the pages of the document being
 * written and of the one before (an edit's pages replace the ones it changed, so older
 * programs would only hold memory; an issue rendered twice per build, as with the booklet,
 * still finds the first's pages in the older generation).
 */
let current = new Map<string, Program>();
let previous = new Map<string, Program>();

/** Starts a rendering: what the one before last used is let go. */
export function newRendering(): void {
  previous = current;
  current = new Map();
}

function lookup(key: string): Program | undefined {
  const hit = current.get(key);
  if (hit) return hit;
  const old = previous.get(key);
  if (old) current.set(key, old);
  return old;
}

function remember(key: string, p: Program): void {
  current.set(key, p);
}

/** Programs kept (tests: bounded by the pages of the last two renderings). */
export function pageCacheSize(): number {
  return new Set([...current.keys(), ...previous.keys()]).size;
}

/** Pages replayed and drawn afresh since the process started (tests, the benchmark). */
export const pageCacheStats = { replayed: 0, drawn: 0 };

const HEX: string[] = [];
const hex = (cid: number): string => (HEX[cid] ??= `<${cid.toString(16).padStart(4, '0')}>`);

/** Fingerprints of glyph runs: lines come from the composition cache, the same arrays build after build. */
type PlacedGlyph = TextItem['glyphs'][number];
const runKeys = new WeakMap<PlacedGlyph[], string>();

function runKey(glyphs: PlacedGlyph[]): string {
  let k = runKeys.get(glyphs);
  if (k === undefined) {
    const h = createHash('sha1');
    for (const g of glyphs)
      h.update(
        `${g.font}\u0001${g.size}\u0001${g.color}\u0001${g.id}\u0001${g.x}\u0001${g.adv}\u0001${g.rise ?? ''}\u0001${g.text}\u0000`,
      );
    runKeys.set(glyphs, (k = h.digest('base64')));
  }
  return k;
}

/**
 * What a page draws in its content stream, as one string's hash: items in order, each with
 * its element's role and which earlier item shares that element (the marked content the
 * replay opens is the element of that item). Null for a page with pictures (their names
 * depend on the file).
 */
export function pageKey(page: Page, context: string): string | null {
  const h = createHash('sha1');
  h.update(context);
  const firstOf = new Map<StructNode, number>();
  const items = page.items;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    let tag = '-';
    if (it.node) {
      let first = firstOf.get(it.node);
      if (first === undefined) firstOf.set(it.node, (first = k));
      tag = `${it.node.role}#${first}`;
    }
    tag += `|${it.artifact ?? ''}`;
    switch (it.kind) {
      case 'image':
        return null;
      case 'link':
        h.update(`l|${tag}\n`);
        break;
      case 'rule':
        h.update(`r|${it.x1}|${it.y1}|${it.x2}|${it.y2}|${it.width}|${it.color}|${tag}\n`);
        break;
      case 'text':
        h.update(
          `t|${it.x}|${it.y}|${it.continues ? 1 : 0}|${it.angle ?? ''}|${it.behind ? 1 : 0}|${runKey(it.glyphs)}|${tag}\n`,
        );
        break;
    }
  }
  return h.digest('base64');
}

const TF = /^\/(\S+)( \S+ Tf)$/;

/**
 * Draws a page's items through `draw` and records the program, or replays the program of a
 * page drawn before with the same fingerprint. Either way the page's content is written in
 * one piece (pdfkit ends every write with a newline, so the bytes are the same).
 */
export function drawPage(
  doc: Doc,
  page: Page,
  key: string | null,
  tags: StructureWriter,
  fonts: FontRegistry,
  embedded: Map<string, EmbeddedFont>,
  fontOf: (role: string) => EmbeddedFont,
  draw: () => void,
): void {
  const write = doc.addContent;
  const out: string[] = [];
  let bytes: Buffer | undefined;
  doc.addContent = ((s: string) => {
    out.push(s);
    return doc;
  }) as typeof doc.addContent;
  try {
    const program = key === null ? undefined : lookup(key);
    if (program && [...program.faces].every(([role, face]) => fonts.face(role) === face)) {
      pageCacheStats.replayed++;
      bytes = replay(doc, page, program, tags, fontOf, out);
    } else {
      pageCacheStats.drawn++;
      if (key === null) draw();
      else remember(key, record(doc, page, tags, fonts, embedded, out, draw));
    }
  } finally {
    doc.addContent = write;
  }
  // pdfkit ends each piece of content it is given as text with a newline (and takes bytes as they are).
  if (bytes) doc.addContent(bytes as unknown as string);
  else if (out.length) doc.addContent(Buffer.from(`${out.join('\n')}\n`, 'latin1') as unknown as string);
}

/** Scratch for the CIDs and font names a replay resolves. */
let scratch = new Int32Array(1 << 16);

/**
 * Replays a program: first what it does to the document (fonts registered, CIDs given,
 * marked content opened and closed — in the order a fresh drawing does it), then, unless
 * every CID and font name came out as last time, the content itself.
 */
function replay(
  doc: Doc,
  page: Page,
  program: Program,
  tags: StructureWriter,
  fontOf: (role: string) => EmbeddedFont,
  tagged: string[],
): Buffer {
  const names: string[] = [];
  let n = 0;
  let font: EmbeddedFont | undefined;
  for (const op of program.ops) {
    if (typeof op === 'string') continue;
    if ('tj' in op) {
      const f = font!;
      const cids = f.cids;
      for (let i = 0; i < op.tj.length; i++) {
        const p = op.tj[i];
        if (typeof p === 'string') continue;
        if (n === scratch.length) {
          const wider = new Int32Array(2 * n);
          wider.set(scratch);
          scratch = wider;
        }
        scratch[n++] = cids.get(p.key) ?? cidOf(f, p.id, p.advance, f.subset.units(p.id), p.text);
      }
    } else if ('font' in op) {
      font = fontOf(op.font);
      if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
      names.push(font.id);
    } else if ('begin' in op) {
      const it: Item | undefined = op.begin >= 0 ? page.items[op.begin] : undefined;
      tags.begin(it?.node, op.artifact);
    } else tags.end();
  }
  const last = program.last;
  if (
    last &&
    last.cids.length === n &&
    last.names.length === names.length &&
    names.every((x, k) => x === last.names[k])
  ) {
    let same = true;
    for (let i = 0; i < n && same; i++) same = last.cids[i] === scratch[i];
    if (same) return last.bytes;
  }
  // The content, with the CIDs just given; the tags wrote theirs into `tagged`, one piece each.
  const out: string[] = [];
  let t = 0;
  let c = 0;
  let name = 0;
  for (const op of program.ops) {
    if (typeof op === 'string') out.push(op);
    else if ('tj' in op) {
      let s = '[';
      for (let i = 0; i < op.tj.length; i++) {
        const p = op.tj[i];
        if (i) s += ' ';
        s += typeof p === 'string' ? p : hex(scratch[c++]);
      }
      out.push(`${s}] TJ`);
    } else if ('font' in op) out.push(`/${names[name++]}${op.rest}`);
    else out.push(tagged[t++]);
  }
  const bytes = Buffer.from(`${out.join('\n')}\n`, 'latin1');
  program.last = { cids: scratch.slice(0, n), names, bytes };
  return bytes;
}

function record(
  doc: Doc,
  page: Page,
  tags: StructureWriter,
  fonts: FontRegistry,
  embedded: Map<string, EmbeddedFont>,
  out: string[],
  draw: () => void,
): Program {
  const ops: Op[] = [];
  const firstOf = new Map<StructNode, number>();
  page.items.forEach((it, k) => {
    if (it.node && !firstOf.has(it.node)) firstOf.set(it.node, k);
  });
  const faces = new Map<string, Face>();
  let font: EmbeddedFont | undefined;
  const roleOf = (id: string): string => {
    for (const [role, f] of embedded) if (f.id === id) return role;
    throw new Error(`page cache: no font ${id}`);
  };
  // What the tags write is theirs to write again on replay: recorded as begin/end, not as text.
  let inTags = false;
  const { begin, end } = tags;
  tags.begin = (node, artifact) => {
    ops.push({ begin: node ? firstOf.get(node)! : -1, artifact });
    inTags = true;
    try {
      begin.call(tags, node, artifact);
    } finally {
      inTags = false;
    }
  };
  tags.end = () => {
    ops.push({ end: true });
    inTags = true;
    try {
      end.call(tags);
    } finally {
      inTags = false;
    }
  };
  const collect = doc.addContent;
  doc.addContent = ((s: string) => {
    out.push(s);
    if (inTags) return doc;
    const tf = TF.exec(s);
    if (tf) {
      const role = roleOf(tf[1]);
      font = embedded.get(role)!;
      faces.set(role, fonts.face(role));
      ops.push({ font: role, rest: tf[2] });
    } else if (s.startsWith('[') && s.endsWith('] TJ')) {
      const keys = (font!.cids as CidTable).byCid;
      const tj = s
        .slice(1, -4)
        .split(' ')
        .map((p): string | GlyphRef => {
          if (!p.startsWith('<')) return p;
          const key = keys[parseInt(p.slice(1, -1), 16)];
          const a = key.indexOf(' ');
          const b = key.indexOf(' ', a + 1);
          return { key, id: Number(key.slice(0, a)), advance: Number(key.slice(a + 1, b)), text: key.slice(b + 1) };
        });
      ops.push({ tj });
    } else ops.push(s);
    return doc;
  }) as typeof doc.addContent;
  try {
    draw();
  } finally {
    tags.begin = begin;
    tags.end = end;
    doc.addContent = collect;
  }
  return { ops, faces };
}
