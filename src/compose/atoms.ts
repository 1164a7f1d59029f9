// Styled text → atoms (the unbreakable units of a line) and the gaps between them.
// Each Chinese character is an atom; a Latin word or number is one atom; —— and …… are one
// atom. Every gap knows whether a line may break there (clreq prohibition rules), how wide
// it is at rest (Han/Latin quarter em, word spaces), and how far it may shrink.
import type { PlacedGlyph } from '../core/drawn.js';
import type { SourcePos } from '../source/diagnostics.js';
import { GLUE, NO_END, NO_START, isAlnum, isDashOrEllipsis, isHan, isSpace, isWide } from '../text/classes.js';
import type { Face } from '../text/face.js';

export interface StyledRun {
  text: string;
  face: Face;
  size: number;
  color: string;
  pos: SourcePos;
  /** Link target, for link areas in the display list. */
  href?: string;
  /**
   * A footnote marker: the key of the note it calls. The run becomes one atom of its own that
   * sits against the ink before it, never starts a line, and hangs past the edge at a line's end.
   */
  note?: string;
  /** Raised above the baseline by this many pt (superscript markers). */
  rise?: number;
}

// Declared with the display list's other parts, below every stage; named here too for the composer's modules.
export type { PlacedGlyph };

/** Order in which clreq shrinks a line (1 first); line-end marks are handled apart. */
export const enum ShrinkClass {
  LatinSpace = 1,
  Bracket = 2,
  Comma = 3,
  HanLatin = 4,
  Stop = 5,
}

export interface Atom {
  glyphs: PlacedGlyph[];
  width: number;
  first: string;
  last: string;
  /** Compressible blank halves of a full-width mark, in pt (0 when already compressed). */
  blankLeft: number;
  blankRight: number;
  shrinkClass: ShrinkClass;
  em: number;
  /** A Chinese character (not a mark) at either edge: decides the Han/Latin space. */
  hanStart: boolean;
  hanEnd: boolean;
  alnumStart: boolean;
  alnumEnd: boolean;
  wide: boolean;
  href?: string;
  /** A footnote marker atom: the key of the note it calls. */
  note?: string;
  /**
   * What hangs past the measure when the line ends at this atom (default: its blank right
   * half). For a marker, the markers up to it and the blank half they sit in.
   */
  hang?: number;
  /**
   * May hang wholly past the measure at a line's end, only when the line would not fit
   * otherwise (a grid without compression: the mark that falls into the 29th cell of a
   * 28-cell line hangs outside, 标点溢出边界).
   */
  overhang?: number;
  /** The word space of this atom's font: glyph id and width in pt. */
  space?: { id: number; adv: number; font?: string };
}

export interface Gap {
  width: number;
  breakable: boolean;
  /** Takes a share of justification. False only inside a word broken at a URL's slash. */
  stretch: boolean;
  shrink: number;
  shrinkClass: ShrinkClass;
  /** A space the editor typed (not one the composer adds): a natural place to break a title. */
  typed?: boolean;
  /** Demerits for breaking here (after a word's own hyphen). */
  penalty?: number;
  /** A space the editor typed, whatever width it is set at: a space glyph, so copied text keeps it. */
  space?: PlacedGlyph;
}

export interface AtomEnv {
  /** Space between Chinese and Latin letters/digits, in em. */
  hanLatin: number;
  /** Faces tried, in order, for a character the run's own face lacks (opened on first need). */
  fallback: () => Face[];
  /** Called once per character no font can print. */
  missing?: (ch: string, pos: SourcePos) => void;
  /**
   * Added to the advance of every full-width character, as a fraction of its size: a text
   * block divided into more characters than its width holds at the body size (公文: 28
   * characters of 16 pt in 156 mm) sets them on a tighter pitch, as a document grid does.
   */
  tracking?: number;
  /** False: full-width marks keep their whole cell (no 推入, no 1.5 em pairs, nothing hung). */
  compress?: boolean;
}

export interface AtomList {
  atoms: Atom[];
  /** gaps[k] sits between atoms[k] and atoms[k+1]. */
  gaps: Gap[];
  /**
   * Some character is set in a face other than its run's (a fallback font): false means every
   * glyph is in its own run's face, and the build's report of fallback characters need not look.
   */
  fallback: boolean;
}

/** Set by wideAtom and wordAtom when a character takes a fallback face (read out by buildAtoms). */
let fellBack = false;

/**
 * An atom with some fields changed: a new object, written out field by field in the order
 * every atom is made in, so that all atoms share one hidden class and the line breaker's
 * loops over them stay monomorphic (a spread would give each copy a shape of its own).
 */
export function atomWith(a: Atom, change: Partial<Atom>): Atom {
  const b: Atom = {
    glyphs: a.glyphs,
    width: a.width,
    first: a.first,
    last: a.last,
    blankLeft: a.blankLeft,
    blankRight: a.blankRight,
    shrinkClass: a.shrinkClass,
    em: a.em,
    hanStart: a.hanStart,
    hanEnd: a.hanEnd,
    alnumStart: a.alnumStart,
    alnumEnd: a.alnumEnd,
    wide: a.wide,
    href: a.href,
    note: a.note,
    hang: a.hang,
    overhang: a.overhang,
    space: a.space,
  };
  return Object.assign(b, change);
}

/** Every gap is made here, with all its fields in one order (one hidden class, as for atoms). */
export function makeGap(
  width: number,
  breakable: boolean,
  stretch: boolean,
  shrink: number,
  shrinkClass: ShrinkClass,
  space?: PlacedGlyph,
  typed?: boolean,
  penalty?: number,
): Gap {
  return { width, breakable, stretch, shrink, shrinkClass, typed, penalty, space };
}

/**
 * V8 gives an object's number field the representation of the first value stored in it: a
 * small integer, or a double. The first glyph, atom and gap of a build used to hold 0 where
 * later ones hold fractions (x, blank halves, widths), so the shape they share changed under
 * them: every object made before was moved to the new shape as it was next read, the code
 * compiled for the old one thrown away (an optimisation of the line breaker was abandoned for
 * it). One object of each shape, made first with fractions where they occur, fixes the
 * representations once; it is dropped at once and changes nothing else.
 */
function primeShapes(): void {
  const glyph: PlacedGlyph = { font: '', size: 0.5, color: '', id: 0, x: 0.5, adv: 0.5, text: '' };
  const atom: Atom = {
    glyphs: [glyph],
    width: 0.5,
    first: '',
    last: '',
    blankLeft: 0.5,
    blankRight: 0.5,
    shrinkClass: ShrinkClass.Stop,
    em: 0.5,
    hanStart: false,
    hanEnd: false,
    alnumStart: false,
    alnumEnd: false,
    wide: false,
    href: undefined,
    note: undefined,
    hang: undefined,
    overhang: undefined,
    space: { id: 0, adv: 0.5, font: '' },
  };
  atomWith(atom, {});
  makeGap(0.5, false, false, 0.5, ShrinkClass.LatinSpace);
}
primeShapes();

/** Demerits of a break after a hyphen inside a word: taken only to spare a line bad spacing. */
const HYPHEN_BREAK = 3000;

/** What stood between two atoms in the source: nothing, a space, a line break, or a URL piece boundary. */
type Before = null | 'space' | 'newline' | 'url' | 'hyphen';

/** Compiled once: a \p{...} class built per call costs more than the rest of the word. */
const LETTER = /\p{L}/u;

/** A hyphen between letters (Max-Planck-Gesellschaft) is a place a word may break, at a price. */
function hyphenPieces(word: Ch[]): Ch[][] {
  const pieces: Ch[][] = [];
  let cur: Ch[] = [];
  const letter = (c?: Ch) => !!c && LETTER.test(c.ch);
  word.forEach((c, k) => {
    cur.push(c);
    if (c.ch === '-' && letter(word[k - 1]) && letter(word[k + 1]) && k >= 2 && word.length - k > 3) {
      pieces.push(cur);
      cur = [];
    }
  });
  if (cur.length) pieces.push(cur);
  return pieces;
}

/**
 * A URL may break after / . - ? & = (never inside a word, no hyphen added); other words
 * stay whole.
 */
function urlPieces(word: Ch[]): Ch[][] | null {
  // Most words are short or start with neither h nor w: no text is joined for them.
  if (word.length < 12 || !'hHwW'.includes(word[0].ch)) return null;
  const text = word.map((c) => c.ch).join('');
  if (!/^(https?:\/\/|www\.)/i.test(text)) return null;
  const pieces: Ch[][] = [];
  let cur: Ch[] = [];
  word.forEach((c, k) => {
    cur.push(c);
    const next = word[k + 1];
    if (next && '/.-?&=#'.includes(c.ch) && !'/.-'.includes(next.ch) && cur.length > 1) {
      pieces.push(cur);
      cur = [];
    }
  });
  if (cur.length) pieces.push(cur);
  return pieces;
}

interface Ch {
  ch: string;
  cp: number;
  run: StyledRun;
  col: number; // offset within the run, for diagnostics
}

const STOPS = new Set(Array.from('。？！．.?!'));
const COMMAS = new Set(Array.from('，、；：,;:'));

function faceFor(cp: number, run: StyledRun, env: AtomEnv): Face | null {
  if (run.face.glyph(cp)) return run.face;
  for (const f of env.fallback()) if (f.glyph(cp)) return f;
  return null;
}

function posOf(c: Ch): SourcePos {
  return { file: c.run.pos.file, line: c.run.pos.line, col: c.run.pos.col + c.col };
}

/**
 * Parts that make a character sequence of what precedes them: ZWJ, variation selectors (VS16,
 * ideographic variation selectors), skin tones, keycaps, tags, regional indicators (flags).
 */
const SEQUENCE_PART =
  /[\u200d\ufe00-\ufe0f\u20e3\u{1f3fb}-\u{1f3ff}\u{1f1e6}-\u{1f1ff}\u{e0020}-\u{e007f}\u{e0100}-\u{e01ef}]/u;
const REGIONAL = /^[\u{1f1e6}-\u{1f1ff}]$/u;
/** Zero-width and format characters a paste brings: nothing to print. */
function isZeroWidth(cp: number): boolean {
  return (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2060 && cp <= 0x2064) || cp === 0xfeff;
}
let graphemes: Intl.Segmenter | undefined;

/**
 * A run's characters. A sequence (🙅🏻‍♀️, ❤️, 1️⃣, a flag, 𠮷 with a variation selector) is one
 * unit: printed as its base character when a font has that, else left out whole and
 * reported once — never as a stray part (a lone ♀ or skin-tone swatch).
 */
function runChars(run: StyledRun, env: AtomEnv, out: Ch[]): void {
  if (!SEQUENCE_PART.test(run.text)) {
    // by code point, as for…of would go, without the string iterator (this runs per character)
    const text = run.text;
    for (let col = 0; col < text.length;) {
      const cp = text.codePointAt(col)!;
      const ch = cp > 0xffff ? text.slice(col, col + 2) : text[col];
      const c: Ch = { ch, cp, run, col };
      col += ch.length;
      // invisible: left out and reported, even where a fallback font has an empty glyph for it
      if (isZeroWidth(cp)) env.missing?.(ch, posOf(c));
      else out.push(c);
    }
    return;
  }
  graphemes ??= new Intl.Segmenter('zh', { granularity: 'grapheme' });
  for (const { segment, index } of graphemes.segment(run.text)) {
    const parts = Array.from(segment);
    if (parts.length > 1 && SEQUENCE_PART.test(segment)) {
      const base = parts[0];
      const cp = base.codePointAt(0)!;
      const c: Ch = { ch: base, cp, run, col: index };
      if (!REGIONAL.test(base) && !SEQUENCE_PART.test(base) && faceFor(cp, run, env)) out.push(c);
      else env.missing?.(segment, posOf(c));
      continue;
    }
    let col = index;
    for (const ch of parts) {
      const c = { ch, cp: ch.codePointAt(0)!, run, col };
      col += ch.length;
      if (isZeroWidth(c.cp)) env.missing?.(ch, posOf(c));
      else out.push(c);
    }
  }
}

/**
 * Atoms of single ideographs and marks, by build (env), face, style and code point. Such an
 * atom depends on nothing else, and atoms are never changed once made (a stage that needs
 * another width makes a new one), so one object serves every occurrence of the character.
 */
const wideAtoms = new WeakMap<AtomEnv, Map<Face, Map<string, Map<number, Atom>>>>();

function wideAtomsOf(run: StyledRun, env: AtomEnv): Map<number, Atom> {
  let byFace = wideAtoms.get(env);
  if (!byFace) wideAtoms.set(env, (byFace = new Map<Face, Map<string, Map<number, Atom>>>()));
  let byStyle = byFace.get(run.face);
  if (!byStyle) byFace.set(run.face, (byStyle = new Map<string, Map<number, Atom>>()));
  const style = `${run.size}|${run.color}|${run.href === undefined ? '' : `>${run.href}`}`;
  let byCp = byStyle.get(style);
  if (!byCp) byStyle.set(style, (byCp = new Map<number, Atom>()));
  return byCp;
}

/**
 * Styled runs → atoms and gaps. Reads its input and returns new data: atoms may be shared
 * between paragraphs, so an atom whose width or blank halves change here is replaced by a
 * changed copy, never edited.
 */
export function buildAtoms(runs: StyledRun[], env: AtomEnv): AtomList {
  const chars: Ch[] = [];
  for (const run of runs) runChars(run, env, chars);
  fellBack = false;
  const atoms: Atom[] = [];
  let cacheRun: StyledRun | undefined;
  let cache: Map<number, Atom> | undefined;
  const spaceBefore: Before[] = [];
  let pending: null | 'space' | 'newline' = null;
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    // Editors pasting from word processors often indent with ideographic spaces; the
    // template sets the indent, so those at the start of a paragraph go.
    if (c.cp === 0x3000 && atoms.length === 0) {
      i++;
      continue;
    }
    if (isSpace(c.cp)) {
      pending = c.cp === 0x0a ? (pending === 'space' ? 'space' : 'newline') : 'space';
      i++;
      continue;
    }
    let atom: Atom | null;
    if (c.run.note !== undefined) {
      // A marker is its own atom whatever its characters; a space typed before it belongs after it.
      let j = i + 1;
      while (j < chars.length && chars[j].run === c.run) j++;
      const prev = atoms[atoms.length - 1] as Atom | undefined;
      const marker = markerAtom(chars.slice(i, j), prev, env);
      i = j;
      if (!marker) continue;
      // the marker sits over the blank half of the mark before it, which then no longer shrinks
      if (prev && !prev.note && prev.blankRight > 0) atoms[atoms.length - 1] = atomWith(prev, { blankRight: 0 });
      atoms.push(marker);
      spaceBefore.push(null);
      continue;
    } else if (isDashOrEllipsis(c.cp)) {
      let j = i + 1;
      while (j < chars.length && chars[j].cp === c.cp) j++;
      atom = wideAtom(chars, i, j, env);
      i = j;
    } else if (isWide(c.cp)) {
      if (c.run !== cacheRun) {
        cacheRun = c.run;
        cache = wideAtomsOf(c.run, env);
      }
      atom = cache!.get(c.cp) ?? null;
      if (!atom) {
        atom = wideAtom(chars, i, i + 1, env);
        // only atoms in the run's own face are shared: one in a fallback face is made each
        // time, so that making it says the paragraph has one (fellBack)
        if (atom && atom.glyphs[0].font === c.run.face.role) cache!.set(c.cp, atom);
      }
      i++;
    } else {
      let j = i + 1;
      while (j < chars.length && !isSpace(chars[j].cp) && !isWide(chars[j].cp) && chars[j].run.note === undefined) j++;
      const word = chars.slice(i, j);
      i = j;
      const url = urlPieces(word);
      const pieces = url ?? hyphenPieces(word);
      pieces.forEach((piece, k) => {
        const a = wordAtom(piece, env);
        if (!a) return;
        atoms.push(a);
        spaceBefore.push(atoms.length > 1 ? (k === 0 ? pending : url ? 'url' : 'hyphen') : null);
        pending = null;
      });
      continue;
    }
    if (!atom) continue;
    atoms.push(atom);
    spaceBefore.push(atoms.length > 1 ? pending : null);
    pending = null;
  }
  if (env.compress === false) {
    for (let k = 0; k < atoms.length; k++) {
      const a = atoms[k];
      // one mark hangs, never a —— or ……
      const hangs =
        a.wide &&
        !a.hanEnd &&
        a.glyphs.length === 1 &&
        NO_START.has(a.last) &&
        !isDashOrEllipsis(a.last.codePointAt(0)!);
      if (hangs) atoms[k] = atomWith(a, { blankLeft: 0, blankRight: 0, overhang: a.width });
      else if (a.blankLeft !== 0 || a.blankRight !== 0) atoms[k] = atomWith(a, { blankLeft: 0, blankRight: 0 });
    }
  } else compressPairs(atoms, spaceBefore);
  // An opening mark after a narrow Latin glyph keeps its leading blank: pulled left, its
  // box would start before that glyph's and readers' tools would take them out of order.
  for (let k = 1; k < atoms.length; k++)
    if (!atoms[k - 1].wide && atoms[k].blankLeft !== 0) atoms[k] = atomWith(atoms[k], { blankLeft: 0 });
  const gaps: Gap[] = [];
  let base = -1; // the last atom that is not a marker
  for (let k = 0; k + 1 < atoms.length; k++) {
    if (!atoms[k].note) base = k;
    const b = atoms[k + 1];
    if (b.note) gaps.push(MARKER_GAP);
    // After a marker, spacing and breaking are as they would be without it ("GDP①增长" has
    // the Han/Latin space of "GDP增长"; "句①。" may not break before the stop).
    else gaps.push(gapBetween(atoms[atoms[k].note && base >= 0 ? base : k], b, spaceBefore[k + 1], env));
  }
  return { atoms, gaps, fallback: fellBack };
}

/** Before a marker: no space, no break, no share of justification. */
const MARKER_GAP: Gap = makeGap(0, false, false, 0, ShrinkClass.LatinSpace);

/**
 * A footnote marker, raised, set against the ink of what it notes: over a closing mark's
 * blank half (》① not 》 ①), which then no longer shrinks (the caller sets that mark anew).
 * At a line's end it hangs past the edge, as a hung stop does.
 */
function markerAtom(cs: Ch[], prev: Atom | undefined, env: AtomEnv): Atom | null {
  const a = wordAtom(cs, env);
  if (!a) return null;
  const run = cs[0].run;
  const overlap = prev?.note ? 0 : (prev?.blankRight ?? 0);
  const ink = a.width;
  const glyphs = a.glyphs.map((g) => ({ ...g, x: g.x - overlap, rise: run.rise }));
  const width = Math.max(0, ink - overlap);
  return atomWith(a, {
    glyphs,
    width,
    space: undefined,
    shrinkClass: ShrinkClass.LatinSpace,
    alnumStart: false,
    alnumEnd: false,
    href: undefined,
    note: run.note,
    hang: (prev?.note ? (prev.hang ?? 0) : overlap) + width,
  });
}

/** What of the atom hangs past the measure when a line ends with it. */
export function hangOf(a: Atom): number {
  return a.hang ?? a.blankRight;
}

/** The word space of the first face of a run that has one, in pt (one per run and size). */
let spaceOf: { run: StyledRun; env: AtomEnv; space: Atom['space'] } | undefined;

function runSpace(run: StyledRun, env: AtomEnv): Atom['space'] {
  if (spaceOf && spaceOf.run === run && spaceOf.env === env) return spaceOf.space;
  const spaceFace = faceFor(0x20, run, env);
  const sp = spaceFace?.glyph(0x20);
  // shared by the run's atoms: read only
  const space = sp
    ? { id: sp.id, adv: (sp.advance * run.size) / spaceFace!.unitsPerEm, font: spaceFace!.role }
    : undefined;
  spaceOf = { run, env, space };
  return space;
}

/** One atom of the full-width characters chars[from..to) (one ideograph or mark, or a —— or ……). */
function wideAtom(chars: Ch[], from: number, to: number, env: AtomEnv): Atom | null {
  const c = chars[from];
  const face = faceFor(c.cp, c.run, env);
  if (!face) {
    env.missing?.(c.ch, posOf(c));
    return null;
  }
  if (face !== c.run.face) fellBack = true;
  const size = c.run.size;
  const scale = size / face.unitsPerEm;
  const n = to - from;
  const g = n > 1 && (c.cp === 0x2014 || c.cp === 0x2015) ? face.dashGlyph()! : face.glyph(c.cp)!;
  const glyphs: PlacedGlyph[] = [];
  let x = 0;
  const adv = g.advance * scale;
  const step = adv + (env.tracking ? env.tracking * size : 0);
  for (let k = from; k < to; k++) {
    glyphs.push({ font: face.role, size, color: c.run.color, id: g.id, x, adv, text: chars[k].ch });
    x += step;
  }
  const hanLike = isHan(c.cp) || (c.cp >= 0x3040 && c.cp <= 0x30ff) || (c.cp >= 0xac00 && c.cp <= 0xd7af);
  // Only marks have a blank half; asking the font about every ideograph would cost a
  // shaping call per distinct character.
  const side = n === 1 && !hanLike ? face.blankSide(c.cp) : null;
  const half = adv / 2;
  return {
    glyphs,
    width: x,
    first: c.ch,
    last: chars[to - 1].ch,
    blankLeft: side === 'left' ? half : 0,
    blankRight: side === 'right' ? half : 0,
    shrinkClass: STOPS.has(c.ch) ? ShrinkClass.Stop : COMMAS.has(c.ch) ? ShrinkClass.Comma : ShrinkClass.Bracket,
    em: size,
    hanStart: hanLike,
    hanEnd: hanLike,
    alnumStart: false,
    alnumEnd: false,
    wide: true,
    href: c.run.href,
    note: undefined,
    hang: undefined,
    overhang: undefined,
    space: runSpace(c.run, env),
  };
}

function wordAtom(cs: Ch[], env: AtomEnv): Atom | null {
  const glyphs: PlacedGlyph[] = [];
  let x = 0;
  // Shape each stretch that shares a run and a face together (kerning, ligatures).
  let k = 0;
  while (k < cs.length) {
    const run = cs[k].run;
    const face = faceFor(cs[k].cp, run, env);
    if (!face) {
      env.missing?.(cs[k].ch, posOf(cs[k]));
      k++;
      continue;
    }
    if (face !== run.face) fellBack = true;
    let j = k + 1;
    while (j < cs.length && cs[j].run === run && faceFor(cs[j].cp, run, env) === face) j++;
    const text = cs
      .slice(k, j)
      .map((c) => c.ch)
      .join('');
    const shaped = face.latin(text);
    const scale = run.size / face.unitsPerEm;
    for (let g = 0; g < shaped.ids.length; g++) {
      const adv = shaped.advances[g] * scale;
      glyphs.push({
        font: face.role,
        size: run.size,
        color: run.color,
        id: shaped.ids[g],
        x,
        adv,
        text: shaped.texts[g],
      });
      x += adv;
    }
    k = j;
  }
  if (!glyphs.length) return null;
  const first = cs[0];
  const last = cs[cs.length - 1];
  const lastGlyph = glyphs[glyphs.length - 1];
  const spaceFace = faceFor(0x20, last.run, env);
  const sp = spaceFace?.glyph(0x20);
  return {
    glyphs,
    width: x,
    first: first.ch,
    last: last.ch,
    blankLeft: 0,
    blankRight: 0,
    shrinkClass: ShrinkClass.Stop,
    em: first.run.size,
    hanStart: false,
    hanEnd: false,
    alnumStart: isAlnum(first.cp),
    alnumEnd: isAlnum(last.cp),
    wide: false,
    href: first.run.href,
    note: undefined,
    hang: undefined,
    overhang: undefined,
    space: sp
      ? { id: sp.id, adv: (sp.advance * lastGlyph.size) / spaceFace!.unitsPerEm, font: spaceFace!.role }
      : undefined,
  };
}

/**
 * Adjacent full-width marks (。” ）， 》、 ：“) share one blank half: the first mark loses its
 * trailing blank, or else the second its leading blank — about 1.5 em for the pair.
 */
function compressPairs(atoms: Atom[], spaceBefore: Before[]): void {
  for (let k = 0; k + 1 < atoms.length; k++) {
    const a = atoms[k];
    const b = atoms[k + 1];
    if (spaceBefore[k + 1] === 'space') continue;
    if (a.blankRight > 0 && (b.blankLeft > 0 || b.blankRight > 0)) {
      atoms[k] = atomWith(a, { width: a.width - a.blankRight, blankRight: 0 });
      // The pair is set; squeezing the second mark too would start its box where the
      // first one's starts, and readers would take them out of order (“，).
      if (b.blankLeft !== 0) atoms[k + 1] = atomWith(b, { blankLeft: 0 });
    } else if (
      b.blankLeft > 0 &&
      (a.blankLeft > 0 || a.blankRight > 0 || (a.wide && !a.hanEnd && a.glyphs.length === 1 && isPunctAtom(a)))
    ) {
      const cut = b.blankLeft;
      const glyphs = b.glyphs.map((g) => ({ ...g, x: g.x - cut }));
      atoms[k + 1] = atomWith(b, { glyphs, width: b.width - cut, blankLeft: 0 });
    }
  }
}

function isPunctAtom(a: Atom): boolean {
  return NO_START.has(a.last) || NO_END.has(a.last);
}

function isNumber(a: Atom): boolean {
  return /^[0-9.,]+$/.test(a.glyphs.map((g) => g.text).join(''));
}

function gapBetween(a: Atom, b: Atom, space: Before, env: AtomEnv): Gap {
  const em = Math.max(a.em, b.em);
  if (space === 'url') return makeGap(0, true, false, 0, ShrinkClass.LatinSpace);
  if (space === 'hyphen') return makeGap(0, true, false, 0, ShrinkClass.LatinSpace, undefined, undefined, HYPHEN_BREAK);
  let breakable = !NO_START.has(b.first) && !NO_END.has(a.last) && !GLUE.has(a.last) && !GLUE.has(b.first);
  // Whatever width a typed space is set at (a quarter em, one em, nothing beside a full-width
  // mark), text copied from the page keeps it: the composer's own spacing copies as nothing.
  const typed = space === 'space' ? typedSpace(a, b) : undefined;
  if ((a.hanEnd && b.alnumStart) || (a.alnumEnd && b.hanStart)) {
    const w = env.hanLatin * em;
    return makeGap(w, breakable, true, Math.min(w, 0.02 * em), ShrinkClass.HanLatin, typed);
  }
  if (space === 'space' && ((!a.wide && b.hanStart) || (a.hanEnd && !b.wide))) {
    // A space typed between Chinese and a Latin mark or symbol ("1. 供给侧") is kept,
    // a quarter em like the Han/Latin space.
    const w = env.hanLatin * em;
    return makeGap(w, breakable, true, Math.min(w, 0.02 * em), ShrinkClass.HanLatin, typed);
  }
  if (space === 'space' || (space === 'newline' && !a.wide && !b.wide)) {
    if (a.wide && b.wide && a.hanEnd && b.hanStart) {
      // A space typed between two Chinese characters is meant to be seen: one em.
      return makeGap(em, breakable, true, 0, ShrinkClass.LatinSpace, typed, true);
    }
    if (!a.wide && !b.wide) {
      const g = a.glyphs[a.glyphs.length - 1];
      const spaceWidth = a.space?.adv ?? 0.25 * em;
      // "200 MW", "5 km": a number keeps its unit.
      if (isNumber(a) && /^[A-Za-z°µ]{1,4}$/.test(b.glyphs.map((x) => x.text).join(''))) breakable = false;
      const glyph: PlacedGlyph | undefined = a.space
        ? { font: g.font, size: g.size, color: g.color, id: a.space.id, x: 0, adv: spaceWidth, text: ' ' }
        : undefined;
      return makeGap(spaceWidth, breakable, true, spaceWidth * 0.3, ShrinkClass.LatinSpace, glyph, true);
    }
  }
  // Between two full-width marks (。” ）、) the pair keeps its 1.5 em: justification goes elsewhere.
  const marks = a.wide && b.wide && !a.hanEnd && !b.hanStart && isPunctAtom(a) && isPunctAtom(b);
  if (typed) return makeGap(0, breakable, !marks, 0, ShrinkClass.LatinSpace, typed);
  // The gap between most pairs of Chinese characters: one of four shared objects, not one per character.
  return PLAIN_GAPS[(breakable ? 2 : 0) + (marks ? 0 : 1)];
}

/**
 * Gaps of no width and no typed space, by breakable × stretch (read only, shared by every
 * paragraph; not frozen, which would give them a hidden class of their own).
 */
const PLAIN_GAPS: readonly Gap[] = [false, true].flatMap((breakable) =>
  [false, true].map((stretch) => makeGap(0, breakable, stretch, 0, ShrinkClass.LatinSpace)),
);

/** The space glyph standing for a space typed between a and b (placed by the line). */
function typedSpace(a: Atom, b: Atom): PlacedGlyph | undefined {
  const from = a.space ? a : b.space ? b : null;
  if (!from?.space) return undefined;
  const g = from === a ? a.glyphs[a.glyphs.length - 1] : b.glyphs[0];
  return {
    font: from.space.font ?? g.font,
    size: g.size,
    color: g.color,
    id: from.space.id,
    x: 0,
    adv: from.space.adv,
    text: ' ',
  };
}
