// A page's content stream, remembered between builds of one process (the preview) as a
// program: its text and rules as the operators the renderer wrote, with every glyph kept as
// the glyph it draws rather than the CID it got. CIDs are stable (subset.ts: a glyph's own id,
// a twin's a hash), so a replayed page's CIDs are nearly always last time's and its bytes and
// compressed stream are reused as they are. Only two twins hashed to one CID take it in the
// order they are first drawn, so the program, replayed page after page, still asks the fonts
// for each glyph's CID in the same order a fresh drawing would — which numbers them the same
// way — and writes the same bytes, without working out a glyph's position or advance again.
// A page is known by a fingerprint of what it draws (every glyph, rule and element role); the
// fonts it uses must be the same faces.
//
// A thin layer over the renderer: it watches what TextWriter and StructureWriter write for a
// page drawn afresh (pdfkit-internals.ts captureContent) and replays it through the same
// calls; text.ts and tags.ts are unchanged but for `cidOf` being exported.
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type { PlacedGlyph } from '../core/drawn.js';
import type { FontRegistry } from '../fonts/registry.js';
import type { Item, Page, StructNode } from '../paginate/display.js';
import type { Face } from '../text/face.js';
import type { StructureWriter } from './tags.js';
import { addContentBytes, captureContent, zipPageContent, type Doc, type EmbeddedFont } from './pdfkit-internals.js';
import { cidOf, hex } from './text.js';

/** A glyph as drawn: the key TextWriter's CID table knows it by, and its parts. */
interface GlyphRef {
  key: string;
  id: number;
  advance: number;
  text: string;
  /** The key's number (interned: one per key in the process). */
  n: number;
}

/**
 * Glyph keys by number, and the number of each: a replay that must look its glyphs up does
 * so in an array per font table instead of a map of strings. Let go with every program when
 * it grows past KEYS (an edit adds a few twins a time; this bounds what hours of edits keep).
 */
let keyNumbers = new Map<string, number>();
let refs: GlyphRef[] = [];
const KEYS = 1 << 19;

function glyphRef(key: string): GlyphRef {
  const n = keyNumbers.get(key);
  if (n !== undefined) return refs[n];
  const a = key.indexOf(' ');
  const b = key.indexOf(' ', a + 1);
  const ref = {
    key,
    id: Number(key.slice(0, a)),
    advance: Number(key.slice(a + 1, b)),
    text: key.slice(b + 1),
    n: refs.length,
  };
  keyNumbers.set(key, ref.n);
  refs.push(ref);
  return ref;
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
  /** The content it wrote last, with the CIDs and font names it had. */
  last?: Written;
  /** Its glyphs' key numbers in order, and where each font's run of them ends. */
  flat?: { numbers: Int32Array; runs: { role: string; end: number }[] };
}

function flatten(program: Program): NonNullable<Program['flat']> {
  if (program.flat) return program.flat;
  const numbers: number[] = [];
  const runs: { role: string; end: number }[] = [];
  for (const op of program.ops) {
    if (typeof op === 'string') continue;
    if ('font' in op) {
      if (runs.length) runs[runs.length - 1].end = numbers.length;
      runs.push({ role: op.font, end: 0 });
    } else if ('tj' in op) for (const p of op.tj) if (typeof p !== 'string') numbers.push(p.n);
  }
  if (runs.length) runs[runs.length - 1].end = numbers.length;
  return (program.flat = { numbers: Int32Array.from(numbers), runs });
}

/** A page's content as last written, and where each font's table stood around it. */
interface Written {
  cids: Int32Array;
  names: string[];
  bytes: Buffer;
  /** The rendering it was written in. */
  rendering: number;
  /** Per font role the page draws with: glyphs in its CID table before the page, and after. */
  before: Map<string, number>;
  after: Map<string, number>;
  /** The content stream as pdfkit compressed it: `bytes` with what pdfkit wrote around them. */
  zipped?: { around: string; data: Buffer };
  /** Where each glyph's four hex digits are in `bytes`, and what the tags wrote: to write other CIDs in place. */
  holes?: Int32Array;
  tagged?: string[];
}

/**
 * CIDs by glyph key, the keys by CID (what a recording needs to name a CID's glyph), and the
 * keys in the order they were given CIDs. That order decides everything the table and the
 * font's subset hold: two tables given the same keys in the same order are the same.
 */
export class CidTable extends Map<string, number> {
  readonly byCid = new Map<number, string>();
  readonly order: string[] = [];
  /** Leading keys found equal to the last rendering's table of the same role; -1: they differ. */
  agreed = 0;
  /** CID + 1 by key number, for the keys replays have looked up (0: not yet). */
  byNumber = new Int32Array(0);
  override set(key: string, cid: number): this {
    this.byCid.set(cid, key);
    if (!super.has(key)) this.order.push(key);
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

/** Renderings started in the process; the CID tables of the current one and the last, by font role. */
let rendering = 0;
let tables = new Map<string, CidTable>();
let lastTables = new Map<string, CidTable>();

/** Starts a rendering: what the one before last used is let go. */
export function newRendering(): void {
  previous = current;
  current = new Map();
  if (refs.length > KEYS) {
    previous = new Map();
    keyNumbers = new Map();
    refs = [];
  }
  rendering++;
  lastTables = tables;
  tables = new Map();
}

/**
 * Whether a font's table holds what the last rendering's table of the same role held when it
 * had as many keys: the same keys, given in the same order. Checked a key at a time, each key
 * once per rendering.
 */
function agrees(role: string, table: CidTable | undefined): boolean {
  if (!table || table.order.length === 0) return true;
  if (table.agreed < 0) return false;
  const before = lastTables.get(role)?.order;
  if (!before) return false;
  const keys = table.order;
  let k = table.agreed;
  while (k < keys.length && keys[k] === before[k]) k++;
  table.agreed = k === keys.length ? k : -1;
  return table.agreed >= 0;
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
export const pageCacheStats = {
  replayed: 0,
  drawn: 0,
  /** replays whose content came out as last time */
  same: 0,
  /** replays that asked for no glyph's CID: the fonts' tables stood as when the page was last written */
  quick: 0,
  /** content streams whose compressed bytes were reused */
  unzipped: 0,
  /** replays whose content was last time's with other CIDs written in */
  patched: 0,
};

/** Fingerprints of glyph runs: lines come from the composition cache, the same arrays build after build. */
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
 * What a page draws in its content stream, as one string: items in order, each with
 * its element's role and which earlier item shares that element (the marked content the
 * replay opens is the element of that item). Null for a page with pictures (their names
 * depend on the file).
 */
export function pageKey(page: Page, context: string): string | null {
  // One string: a hash update per item cost more than the hashing.
  let s = context;
  let firstOf: Map<StructNode, number> | undefined;
  const items = page.items;
  for (let k = 0; k < items.length; k++) {
    const it = items[k];
    let tag = '-';
    if (it.node) {
      firstOf ??= new Map();
      let first = firstOf.get(it.node);
      if (first === undefined) firstOf.set(it.node, (first = k));
      tag = `${it.node.role}#${first}`;
    }
    tag += `|${it.artifact ?? ''}`;
    switch (it.kind) {
      case 'image':
        return null;
      case 'link':
        s += `l|${tag}\n`;
        break;
      case 'rule':
        s += `r|${it.x1}|${it.y1}|${it.x2}|${it.y2}|${it.width}|${it.color}|${tag}\n`;
        break;
      case 'text':
        s += `t|${it.x}|${it.y}|${it.continues ? 1 : 0}|${it.angle ?? ''}|${it.behind ? 1 : 0}|${runKey(it.glyphs)}|${tag}\n`;
        break;
    }
  }
  // The string itself is the key: a Map hashes it natively, faster than a digest of it, and
  // the programs of two renderings' pages (a few kB each) are all that hold keys.
  return s;
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
  const out: string[] = [];
  let bytes: Buffer | undefined;
  let program: Program | undefined;
  const restore = captureContent(doc, (s) => out.push(s));
  try {
    program = key === null ? undefined : lookup(key);
    if (program && [...program.faces].every(([role, face]) => fonts.face(role) === face)) {
      pageCacheStats.replayed++;
      bytes = replay(doc, page, program, tags, embedded, fontOf, out);
    } else {
      pageCacheStats.drawn++;
      if (key === null) {
        program = undefined;
        draw();
      } else {
        const recorded = record(doc, page, tags, fonts, embedded, out, draw);
        program = recorded.program;
        remember(key, program);
        bytes = Buffer.from(out.length ? `${out.join('\n')}\n` : '', 'latin1');
        program.last = { ...recorded.written, bytes, rendering };
      }
    }
  } finally {
    restore();
  }
  for (const [role, f] of embedded) if (!tables.has(role)) tables.set(role, f.cids as CidTable);
  // pdfkit ends each piece of content it is given as text with a newline (and takes bytes as they are).
  if (bytes) {
    if (bytes.length) {
      addContentBytes(doc, bytes);
      compressOnce(doc, program!.last!);
    }
  } else if (out.length) addContentBytes(doc, Buffer.from(`${out.join('\n')}\n`, 'latin1'));
}

/**
 * The page's content stream compressed as pdfkit would (zlib, its defaults), or the bytes of
 * the last time the same content was compressed with the same around it (pdfkit's transform
 * of the page, written before it). A page replayed as it was costs no compression.
 */
function compressOnce(doc: Doc, w: Written): void {
  zipPageContent(doc, (chunks) => {
    const at = chunks.indexOf(w.bytes);
    if (at < 0) return undefined;
    let around = '';
    for (let i = 0; i < chunks.length; i++) around += i === at ? '\u0000' : Buffer.from(chunks[i]).toString('latin1');
    if (w.zipped?.around === around) {
      pageCacheStats.unzipped++;
      return w.zipped.data;
    }
    const data = zlib.deflateSync(Buffer.concat(chunks));
    w.zipped = { around, data };
    return data;
  });
}

/** Scratch for the CIDs and font names a replay resolves. */
let scratch = new Int32Array(1 << 16);

/** The CID of a glyph by its key (`id advance text`, as cidOf makes it), given one if new. */
function give(f: EmbeddedFont, key: string): number {
  const cid = f.cids.get(key);
  if (cid !== undefined) return cid;
  const a = key.indexOf(' ');
  const b = key.indexOf(' ', a + 1);
  const id = Number(key.slice(0, a));
  return cidOf(f, id, Number(key.slice(a + 1, b)), f.subset.units(id), key.slice(b + 1));
}

/**
 * Replays a program: first what it does to the document (fonts registered, CIDs given,
 * marked content opened and closed — in the order a fresh drawing does it), then, unless
 * every CID and font name came out as last time, the content itself.
 *
 * When every font the page draws with has its CID table as it stood when the page was
 * written in the last rendering (the same keys, given in the same order: the pages before
 * drew the same new glyphs), its glyphs get the CIDs they had then, and the keys it gave
 * then are given again in that order, without looking up a glyph.
 */
function replay(
  doc: Doc,
  page: Page,
  program: Program,
  tags: StructureWriter,
  embedded: Map<string, EmbeddedFont>,
  fontOf: (role: string) => EmbeddedFont,
  tagged: string[],
): Buffer {
  const last = program.last;
  let quick = last !== undefined && last.rendering === rendering - 1;
  if (quick)
    for (const [role, n] of last!.before) {
      const table = embedded.get(role)?.cids as CidTable | undefined;
      if ((table?.order.length ?? 0) !== n || !agrees(role, table)) {
        quick = false;
        break;
      }
    }
  const names: string[] = [];
  const before = new Map<string, number>();
  for (const op of program.ops) {
    if (typeof op === 'string' || 'tj' in op) continue;
    if ('font' in op) {
      const font = fontOf(op.font);
      if (!before.has(op.font)) before.set(op.font, (font.cids as CidTable).order.length);
      if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
      names.push(font.id);
    } else if ('begin' in op) {
      const it: Item | undefined = op.begin >= 0 ? page.items[op.begin] : undefined;
      tags.begin(it?.node, op.artifact);
    } else tags.end();
  }
  // (Fonts are registered and marked content opened before the glyphs are given CIDs: neither
  // depends on the other, so the order a fresh drawing interleaves them in does not matter.)
  let n = 0;
  if (!quick) {
    const { numbers, runs } = flatten(program);
    n = numbers.length;
    if (scratch.length < n) scratch = new Int32Array(Math.max(n, 2 * scratch.length));
    let i = 0;
    for (const run of runs) {
      const f = fontOf(run.role);
      const table = f.cids as CidTable;
      if (table.byNumber.length < refs.length) {
        const wider = new Int32Array(Math.max(refs.length, 2 * table.byNumber.length));
        wider.set(table.byNumber);
        table.byNumber = wider;
      }
      const known = table.byNumber;
      for (; i < run.end; i++) {
        const k = numbers[i];
        let c = known[k];
        if (c === 0) {
          const p = refs[k];
          c = (table.get(p.key) ?? cidOf(f, p.id, p.advance, f.subset.units(p.id), p.text)) + 1;
          known[k] = c;
        }
        scratch[i] = c - 1;
      }
    }
  }
  const sameNames = (w: Written) => w.names.length === names.length && names.every((x, k) => x === w.names[k]);
  if (quick) {
    const w = last!;
    pageCacheStats.quick++;
    for (const [role, from] of w.before) {
      const f = fontOf(role);
      const keys = lastTables.get(role)?.order ?? [];
      for (let k = from, to = w.after.get(role)!; k < to; k++) give(f, keys[k]);
    }
    if (sameNames(w)) {
      pageCacheStats.same++;
      w.rendering = rendering;
      return w.bytes;
    }
    const { bytes, holes } = content(program, w.cids, names, tagged);
    program.last = {
      cids: w.cids,
      names,
      bytes,
      rendering,
      before: w.before,
      after: w.after,
      holes,
      tagged: [...tagged],
    };
    return bytes;
  }
  const after = new Map<string, number>();
  for (const role of before.keys()) after.set(role, (fontOf(role).cids as CidTable).order.length);
  if (last && last.cids.length === n && sameNames(last)) {
    let same = true;
    for (let i = 0; i < n && same; i++) same = last.cids[i] === scratch[i];
    if (same) {
      pageCacheStats.same++;
      Object.assign(last, { rendering, before, after });
      return last.bytes;
    }
  }
  const cids = scratch.slice(0, n);
  // The same content with other CIDs (the pages after an edit that gave a new glyph): last
  // time's bytes with the new hex digits written in place.
  if (
    last?.holes &&
    last.cids.length === n &&
    sameNames(last) &&
    last.tagged!.length === tagged.length &&
    tagged.every((x, k) => x === last.tagged![k]) &&
    cids.every((c) => c <= 0xffff)
  ) {
    pageCacheStats.patched++;
    const bytes = Buffer.from(last.bytes);
    const holes = last.holes;
    for (let i = 0; i < n; i++) {
      const c = cids[i];
      if (c === last.cids[i]) continue;
      const at = holes[i];
      bytes[at] = DIGITS[(c >> 12) & 15];
      bytes[at + 1] = DIGITS[(c >> 8) & 15];
      bytes[at + 2] = DIGITS[(c >> 4) & 15];
      bytes[at + 3] = DIGITS[c & 15];
    }
    program.last = { cids, names, bytes, rendering, before, after, holes, tagged: last.tagged };
    return bytes;
  }
  const { bytes, holes } = content(program, cids, names, tagged);
  program.last = { cids, names, bytes, rendering, before, after, holes, tagged: [...tagged] };
  return bytes;
}

/** Lower-case hex digits as bytes (CIDs are written as four of them). */
const DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * The content of a program with these CIDs and font names; the tags wrote theirs into
 * `tagged`, one piece each. With where each CID's hex digits are (all text is one byte a character).
 */
function content(
  program: Program,
  cids: Int32Array,
  names: string[],
  tagged: string[],
): { bytes: Buffer; holes: Int32Array } {
  const out: string[] = [];
  const holes = new Int32Array(cids.length);
  let at = 0;
  let t = 0;
  let c = 0;
  let name = 0;
  for (const op of program.ops) {
    let piece: string;
    if (typeof op === 'string') piece = op;
    else if ('tj' in op) {
      piece = '[';
      for (let i = 0; i < op.tj.length; i++) {
        const p = op.tj[i];
        if (i) piece += ' ';
        if (typeof p === 'string') piece += p;
        else {
          holes[c] = at + piece.length + 1;
          piece += hex(cids[c++]);
        }
      }
      piece += '] TJ';
    } else if ('font' in op) piece = `/${names[name++]}${op.rest}`;
    else piece = tagged[t++];
    out.push(piece);
    at += piece.length + 1;
  }
  return { bytes: Buffer.from(out.length ? `${out.join('\n')}\n` : '', 'latin1'), holes };
}

function record(
  doc: Doc,
  page: Page,
  tags: StructureWriter,
  fonts: FontRegistry,
  embedded: Map<string, EmbeddedFont>,
  out: string[],
  draw: () => void,
): { program: Program; written: Omit<Written, 'bytes' | 'rendering'> } {
  const ops: Op[] = [];
  const firstOf = new Map<StructNode, number>();
  page.items.forEach((it, k) => {
    if (it.node && !firstOf.has(it.node)) firstOf.set(it.node, k);
  });
  const faces = new Map<string, Face>();
  const cids: number[] = [];
  const names: string[] = [];
  const before = new Map<string, number>();
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
  const restore = captureContent(doc, (s) => {
    out.push(s);
    if (inTags) return;
    const tf = TF.exec(s);
    if (tf) {
      const role = roleOf(tf[1]);
      font = embedded.get(role)!;
      faces.set(role, fonts.face(role));
      // (TextWriter asks for the font before it names it: no glyph of it is drawn yet on this page)
      if (!before.has(role)) before.set(role, (font.cids as CidTable).order.length);
      names.push(tf[1]);
      ops.push({ font: role, rest: tf[2] });
    } else if (s.startsWith('[') && s.endsWith('] TJ')) {
      const keys = (font!.cids as CidTable).byCid;
      const tj = s
        .slice(1, -4)
        .split(' ')
        .map((p): string | GlyphRef => {
          if (!p.startsWith('<')) return p;
          const cid = parseInt(p.slice(1, -1), 16);
          cids.push(cid);
          return glyphRef(keys.get(cid)!);
        });
      ops.push({ tj });
    } else ops.push(s);
  });
  try {
    draw();
  } finally {
    tags.begin = begin;
    tags.end = end;
    restore();
  }
  const after = new Map<string, number>();
  for (const role of before.keys()) after.set(role, (embedded.get(role)!.cids as CidTable).order.length);
  return { program: { ops, faces }, written: { cids: Int32Array.from(cids), names, before, after } };
}
