// Atoms → lines. Breaks are chosen for the whole paragraph at once (total fit, in the
// manner of Knuth and Plass): every legal break is a node, every line between two nodes
// costs by how much its spacing departs from rest, and the cheapest path wins. Shrinking
// (punctuation compression, 推入) and stretching (推出) are priced alike by the change
// per gap, so whichever disturbs the spacing least is chosen.
import {
  atomWith,
  hangOf,
  makeGap,
  ShrinkClass,
  type Atom,
  type AtomList,
  type Gap,
  type PlacedGlyph,
} from './atoms.js';

export type Align = 'justify' | 'left' | 'center';

export interface LineOptions {
  measure: number;
  /** Indent of the paragraph's first line, in pt. */
  firstIndent?: number;
  /** Indent of every other line (hanging indents). */
  restIndent?: number;
  align: Align;
  /** The em of the body text, for spacing units. */
  em: number;
  /** Make the lines about equally long (default for centred text): lines are priced by their slack. */
  balance?: boolean;
  /** 'greedy' fills each line in turn (the benchmark's baseline); default total fit. */
  breaker?: 'total-fit' | 'greedy';
  /**
   * Fill every line as far as the rules allow, one after another (a document grid: 公文's
   * 28 characters a line), rather than choosing the breaks of the paragraph together.
   */
  fill?: boolean;
}

export interface LinkSpan {
  x0: number;
  x1: number;
  href: string;
}

export interface Line {
  glyphs: PlacedGlyph[];
  /** Left and right edges of what was set, relative to the measure's left edge. */
  left: number;
  right: number;
  last: boolean;
  links: LinkSpan[];
  /** Keys of the notes whose markers the line holds, in order. */
  notes?: string[];
  /** Largest font size on the line. */
  size: number;
}

const STRETCH_UNIT = 0.1; // em per gap at which a line counts as "badness 100"
const RUNT = 5000; // demerits for a last line of a single character
const TOLERANCE = 4;
const MID_PHRASE = 200; // balanced text: a break inside a run of characters, worth about 14 em of imbalance (squared) // ems of slack beyond which a line is not tried on the first attempt

export function composeLines(list: AtomList, o: LineOptions): Line[] {
  const { atoms, gaps } = splitOverlong(list, Math.min(measureOf(o, true), measureOf(o, false)));
  if (!atoms.length) return [];
  const breaks =
    (o.fill && o.align === 'justify' && fillBreaks(atoms, gaps, o)) ||
    (o.breaker !== 'greedy' &&
      (chooseBreaks(atoms, gaps, o, TOLERANCE * o.em) ?? chooseBreaks(atoms, gaps, o, Infinity))) ||
    greedyBreaks(atoms, gaps, o);
  const lines: Line[] = [];
  let start = 0;
  for (const end of breaks) {
    lines.push(placeLine(atoms, gaps, start, end, o, lines.length === 0, end === atoms.length - 1));
    start = end + 1;
  }
  return lines;
}

/**
 * A word wider than the measure (a long identifier, a URL without slashes) cannot be set
 * whole: as a last resort it may break between any two of its letters, without a hyphen.
 */
function splitOverlong(list: AtomList, measure: number): AtomList {
  if (!list.atoms.some((a) => a.width > measure)) return list;
  const atoms: Atom[] = [];
  const gaps: Gap[] = [];
  list.atoms.forEach((a, k) => {
    if (a.width > measure && a.glyphs.length > 1) {
      a.glyphs.forEach((g, n) => {
        if (n > 0) gaps.push(makeGap(0, true, false, 0, ShrinkClass.LatinSpace));
        atoms.push(
          atomWith(a, {
            glyphs: [{ ...g, x: 0 }],
            width: g.adv,
            first: g.text,
            last: g.text,
            blankLeft: 0,
            blankRight: 0,
          }),
        );
      });
    } else atoms.push(a);
    if (k < list.gaps.length) gaps.push(list.gaps[k]);
  });
  return { atoms, gaps, fallback: list.fallback };
}

function measureOf(o: LineOptions, first: boolean): number {
  return o.measure - (first ? (o.firstIndent ?? 0) : (o.restIndent ?? 0));
}

/** Prefix sums over a paragraph's atoms and the gaps after them (entry k: atoms 0..k−1). */
interface Sums {
  /** Gaps that stretch. */
  stretchy: Int32Array;
  /** Atoms' widths. */
  atomWidths: Float64Array;
  /** Gaps' widths. */
  gapWidths: Float64Array;
  /** What atoms (blank halves) and gaps may shrink by. */
  shrinks: Float64Array;
}

/**
 * Working arrays of the break search, kept from paragraph to paragraph (grown as needed):
 * a paragraph's search used to allocate nine typed arrays. Only one search runs at a time
 * (composition is synchronous and never nested), and each fills what it reads.
 */
const scratch = {
  size: 0,
  atomWidths: new Float64Array(0),
  gapWidths: new Float64Array(0),
  shrinks: new Float64Array(0),
  stretchy: new Int32Array(0),
  cost: new Float64Array(0),
  from: new Int32Array(0),
  breakable: new Uint8Array(0),
  startable: new Uint8Array(0),
  hang: new Float64Array(0),
  left: new Float64Array(0),
  prefix: new Float64Array(0),
};

function grow(n: number): typeof scratch {
  if (scratch.size >= n + 1) return scratch;
  const size = Math.max(n + 1, 2 * scratch.size, 256);
  scratch.size = size;
  scratch.atomWidths = new Float64Array(size);
  scratch.gapWidths = new Float64Array(size);
  scratch.shrinks = new Float64Array(size);
  scratch.stretchy = new Int32Array(size);
  scratch.cost = new Float64Array(size);
  scratch.from = new Int32Array(size);
  scratch.breakable = new Uint8Array(size);
  scratch.startable = new Uint8Array(size);
  scratch.hang = new Float64Array(size);
  scratch.left = new Float64Array(size);
  scratch.prefix = new Float64Array(size);
  return scratch;
}

/** Prefix sums over atoms[0..n) (entries 0..n are filled; the arrays may be longer). */
function sums(atoms: Atom[], gaps: Gap[]): Sums {
  const n = atoms.length;
  const { atomWidths: w, gapWidths: g, shrinks: z, stretchy: st } = grow(n);
  w[0] = g[0] = z[0] = st[0] = 0;
  for (let k = 0; k < n; k++) {
    st[k + 1] = st[k] + (k < gaps.length && gaps[k].stretch ? 1 : 0);
    w[k + 1] = w[k] + atoms[k].width;
    g[k + 1] = g[k] + (k < gaps.length ? gaps[k].width : 0);
    z[k + 1] = z[k] + atoms[k].blankLeft + atoms[k].blankRight + (k < gaps.length ? gaps[k].shrink : 0);
  }
  return { stretchy: st, atomWidths: w, gapWidths: g, shrinks: z };
}

/**
 * Total fit over the paragraph. Only lines whose slack is within `tolerance` are tried
 * (the loosest found on the prefix widths), so each break point looks at a handful of
 * candidates; when no path fits the tolerance, the caller retries without one.
 *
 * This loop runs some ten times per atom, and for a short issue it runs before V8 has
 * optimised it: in the interpreter every arithmetic result that is not a small integer is a
 * heap number, a new object (this function was a fifth of a seed build's garbage). So the
 * loop does no arithmetic it can spare — a zero is never subtracted, the shrink is worked out
 * only for a line too wide, a start that cannot beat the best line found is priced no
 * further — each such step leaving the result exactly as it was (x − 0 = x; demerits are
 * never below 100 plus the penalty).
 */
function chooseBreaks(atoms: Atom[], gaps: Gap[], o: LineOptions, tolerance: number): number[] | null {
  const n = atoms.length;
  const { stretchy, atomWidths, gapWidths, shrinks } = sums(atoms, gaps);
  const unit = STRETCH_UNIT * o.em;
  const { cost, from, breakable, startable, hang, prefix, left } = scratch; // prefix: width of atoms and gaps before atom i
  cost.fill(Infinity, 0, n);
  from.fill(-1, 0, n);
  for (let k = 0; k < n; k++) {
    const a = atoms[k];
    breakable[k] = k === n - 1 || gaps[k].breakable ? 1 : 0;
    startable[k] = k === 0 ? 1 : 0;
    hang[k] = hangOf(a);
    left[k] = a.blankLeft;
  }
  // What depends only on the line's end, or on nothing, is read once outside the candidate
  // loop, and the atoms' fields it needs sit in arrays.
  const measureFirst = measureOf(o, true);
  const measureRest = measureOf(o, false);
  for (let k = 0; k <= n; k++) prefix[k] = atomWidths[k] + gapWidths[k];
  const justify = o.align === 'justify';
  // Centred text (titles) reads best in lines of about equal length.
  const balance = o.balance ?? o.align === 'center';
  if (balance) tolerance = Infinity;
  const em = o.em;
  const loosest = o.measure - tolerance;
  // The largest i with prefix[i] <= want, for the line ending at the last j: where the next
  // search starts. The ends' widths mostly grow with j, so it moves a step or two (the
  // prefix widths never decrease: the answer is the one a binary search over 0..j gives).
  let at = 0;
  for (let j = 0; j < n; j++) {
    if (!breakable[j]) continue;
    const last = j === n - 1;
    const hangJ = hang[j];
    const end = hangJ === 0 ? atomWidths[j + 1] + gapWidths[j] : atomWidths[j + 1] + gapWidths[j] - hangJ;
    // The loosest line still worth trying starts at the largest i with width ≥ measure − tolerance.
    let hi = j;
    if (!last) {
      const want = end - loosest;
      if (prefix[0] > want) continue;
      if (at > j) at = j;
      while (at < j && prefix[at + 1] <= want) at++;
      while (at > 0 && prefix[at] > want) at--;
      hi = at;
    }
    const endAtom = atoms[j];
    const overhang = endAtom.overhang;
    // the gap after the line's end, and the end's blank half (trimmed already), do not shrink it
    const gapAfter = j < gaps.length ? gaps[j].shrink : 0;
    const endBlank = endAtom.blankRight;
    const zEnd = shrinks[j + 1];
    const stretchEnd = stretchy[j];
    const penalty = last ? 0 : (gaps[j].penalty ?? 0);
    // No line costs less than this (badness 0), whatever else is added.
    const floor = 100 + penalty;
    // A title reads best broken where its words part: at a typed space or after a mark.
    const parting = balance && (gaps[j]?.typed || (endAtom.wide && !endAtom.hanEnd));
    // Most starts in reach of a line's end cannot be used (no path reaches the break before
    // them): they are passed over without working out the line, and the first start that
    // can be used says whether the line is too wide — the width less what may shrink only
    // grows as the start moves back, so it is too wide if any start passed over was. Only
    // the first line has another measure: before it, the second start is looked at. (So a
    // first line wider than the rest, a hanging indent, is not tried from the paragraph's
    // start once the second start is too wide for the other lines — as this search always
    // did; trying it would change where such paragraphs break.)
    let passed = false;
    for (let i = hi; i >= 0; i--) {
      if (!startable[i]) {
        passed = true;
        continue;
      }
      if (i === 0 && passed && j !== 1 && overfullAt(1, end, zEnd, gapAfter, endBlank, overhang, measureRest)) break;
      const measure = i === 0 ? measureFirst : measureRest;
      // an opening mark that starts the line loses its leading blank half
      const startBlank = left[i];
      let width = end - prefix[i];
      if (startBlank !== 0) width -= startBlank;
      // a mark that may hang does so only as far as the line needs
      if (overhang && width > measure) width = Math.max(measure, width - overhang);
      const slack = measure - width;
      // Wider than the measure even when squeezed: earlier starts only widen it.
      // (A line with slack to spare is never overfull: what it may shrink is not negative.)
      let overfull = false;
      if (slack < 0) {
        let shrink = zEnd - shrinks[i];
        if (gapAfter !== 0) shrink -= gapAfter;
        if (endBlank !== 0) shrink -= endBlank;
        if (startBlank !== 0) shrink -= startBlank;
        overfull = slack < -shrink - 1e-6;
        if (overfull && i !== j) break;
      }
      const before = i > 0 ? cost[i - 1] : 0;
      if (before + floor >= cost[j]) continue;
      let demerits: number;
      if (overfull) {
        demerits = 1e8; // a single atom wider than the measure: set it overfull
      } else {
        const gapsIn = stretchEnd - stretchy[i];
        let change: number;
        if (slack < 0) change = -slack / Math.max(1, gapsIn) / unit;
        else if (last || !justify) change = 0;
        else change = gapsIn > 0 ? slack / gapsIn / unit : slack > 0.5 * em ? 30 : 0;
        // Uncapped: among lines that are all too loose, the least loose still wins.
        if (change === 0) demerits = penalty === 0 ? 100 : 100 + penalty;
        else {
          const badness = 100 * change * change * change;
          demerits = (10 + badness) * (10 + badness) + penalty;
        }
        if (balance) {
          demerits += (Math.max(0, slack) / em) ** 2;
          if (!last && !parting) demerits += MID_PHRASE;
        }
        if (last && n > 1 && width < 1.6 * em && justify) demerits += RUNT;
      }
      const total = before + demerits;
      if (total < cost[j]) {
        cost[j] = total;
        from[j] = i;
      }
    }
    // a line may start after this break now that a path reaches it
    if (cost[j] !== Infinity && j + 1 < n) startable[j + 1] = 1;
  }
  if (cost[n - 1] === Infinity) return null;
  const ends: number[] = [];
  for (let j = n - 1; j >= 0; j = from[j] - 1) ends.push(j);
  return ends.reverse();
}

/**
 * Whether the line from atom i (not the first) to the end chooseBreaks is looking at is wider
 * than the measure even when squeezed: its test, worked out the same way, for a start it
 * passed over.
 */
function overfullAt(
  i: number,
  end: number,
  zEnd: number,
  gapAfter: number,
  endBlank: number,
  overhang: number | undefined,
  measure: number,
): boolean {
  const { prefix, left, shrinks } = scratch;
  const startBlank = left[i];
  let width = end - prefix[i];
  if (startBlank !== 0) width -= startBlank;
  if (overhang && width > measure) width = Math.max(measure, width - overhang);
  const slack = measure - width;
  if (!(slack < 0)) return false;
  let shrink = zEnd - shrinks[i];
  if (gapAfter !== 0) shrink -= gapAfter;
  if (endBlank !== 0) shrink -= endBlank;
  if (startBlank !== 0) shrink -= startBlank;
  return slack < -shrink - 1e-6;
}

/**
 * First fit under the rules: each line takes the most atoms it can end legally with (squeezed
 * or a mark hung, as the atoms allow); null when some line cannot be ended legally at all.
 */
function fillBreaks(atoms: Atom[], gaps: Gap[], o: LineOptions): number[] | null {
  const n = atoms.length;
  const sum = sums(atoms, gaps);
  const prefix = (k: number) => sum.atomWidths[k] + sum.gapWidths[k];
  const ends: number[] = [];
  let i = 0;
  while (i < n) {
    const measure = measureOf(o, i === 0);
    let best = -1;
    for (let j = i; j < n; j++) {
      let width = sum.atomWidths[j + 1] + sum.gapWidths[j] - hangOf(atoms[j]) - prefix(i) - atoms[i].blankLeft;
      if (atoms[j].overhang && width > measure) width = Math.max(measure, width - atoms[j].overhang!);
      const gapAfter = j < gaps.length ? gaps[j].shrink : 0;
      const shrink = sum.shrinks[j + 1] - sum.shrinks[i] - gapAfter - atoms[j].blankRight - atoms[i].blankLeft;
      if (width > measure + shrink + 1e-6) break;
      if (j === n - 1 || gaps[j].breakable) best = j;
    }
    if (best < 0) return null;
    ends.push(best);
    i = best + 1;
  }
  return ends;
}

/** For input no legal break can fit (pathological): break wherever the line fills. */
function greedyBreaks(atoms: Atom[], gaps: Gap[], o: LineOptions): number[] {
  const ends: number[] = [];
  let w = 0;
  let first = true;
  for (let k = 0; k < atoms.length; k++) {
    const add = (w > 0 ? gaps[k - 1].width : 0) + atoms[k].width;
    if (w > 0 && w + add - hangOf(atoms[k]) - (atoms[k].overhang ?? 0) > measureOf(o, first)) {
      ends.push(k - 1);
      first = false;
      w = atoms[k].width;
    } else w += add;
  }
  ends.push(atoms.length - 1);
  return ends;
}

/**
 * A line's and a cut's number fields made fractional from the first object of their shape (a
 * first line at indent 0 made `left` a small integer, and every line shape after it new):
 * see primeShapes in atoms.ts.
 */
function primeLineShapes(): void {
  const line: Line = { glyphs: [], left: 0.5, right: 0.5, last: false, links: [], notes: undefined, size: 0.5 };
  const cut = { left: 0.5, right: 0.5 };
  void line;
  void cut;
}
primeLineShapes();

/** An atom set at its full width (shared: read only). */
const NO_CUT: { readonly left: number; readonly right: number } = { left: 0, right: 0 };

function placeLine(
  atoms: Atom[],
  gaps: Gap[],
  i: number,
  j: number,
  o: LineOptions,
  first: boolean,
  last: boolean,
): Line {
  const measure = measureOf(o, first);
  const indent = first ? (o.firstIndent ?? 0) : (o.restIndent ?? 0);
  let width = -hangOf(atoms[j]) - atoms[i].blankLeft;
  // (Sums worked out as they always were, a zero gap left out: the same numbers, fewer of the
  // heap numbers each sum costs before V8 optimises this.)
  for (let k = i; k <= j; k++) {
    const gw = k < j ? gaps[k].width : 0;
    width += gw === 0 ? atoms[k].width : atoms[k].width + gw;
  }
  // A mark that may hang past the measure does so by what the line lacks, and no further.
  const hung = atoms[j].overhang && width > measure ? Math.min(atoms[j].overhang!, width - measure) : 0;
  width -= hung;
  const slack = measure - width;
  // The Han/Latin space is a quarter em above the line's common gap between Chinese
  // characters; in a line without two Chinese characters side by side there is no such
  // gap to match, so the Han/Latin spaces keep their quarter em and the others stretch.
  let hanPairs = 0;
  for (let k = i; k < j; k++) if (gaps[k].stretch && atoms[k].hanEnd && atoms[k + 1].hanStart) hanPairs++;
  let keepHanLatin = hanPairs === 0;
  let nGaps = 0;
  for (let k = i; k < j; k++) if (shares(gaps[k], keepHanLatin)) nGaps++;
  if (nGaps === 0 && keepHanLatin) {
    // nothing else can take the slack: the Han/Latin spaces must
    keepHanLatin = false;
    for (let k = i; k < j; k++) if (shares(gaps[k], keepHanLatin)) nGaps++;
  }
  // Per-item shrink, filled in clreq's order when the line is too wide (most lines have none:
  // the maps are made only for those that do).
  let atomCut: Map<number, { left: number; right: number }> | undefined;
  let gapCut: Map<number, number> | undefined;
  let extra = 0;
  if (slack < -1e-9) {
    atomCut = new Map<number, { left: number; right: number }>();
    gapCut = new Map<number, number>();
    squeeze(atoms, gaps, i, j, -slack, atomCut, gapCut);
  } else if (o.align === 'justify' && !last && nGaps > 0) extra = slack / nGaps;
  if (atoms[i].blankLeft > 0)
    (atomCut ??= new Map()).set(i, { left: atoms[i].blankLeft, right: atomCut.get(i)?.right ?? 0 });
  let x = indent + (o.align === 'center' && slack > 0 ? slack / 2 : 0);
  const glyphs: PlacedGlyph[] = [];
  const links: LinkSpan[] = [];
  let notes: string[] | undefined;
  let size = 0;
  for (let k = i; k <= j; k++) {
    const a = atoms[k];
    const cut = atomCut?.get(k) ?? NO_CUT;
    const x0 = cut.left === 0 ? x : x - cut.left;
    const own = a.glyphs;
    for (let n = 0; n < own.length; n++) {
      const g = own[n];
      // The line's own glyphs, moved into place: atoms are shared and stay as they are.
      glyphs.push(
        g.rise === undefined
          ? { font: g.font, size: g.size, color: g.color, id: g.id, x: g.x + x0, adv: g.adv, text: g.text }
          : { ...g, x: g.x + x0 },
      );
      if (g.size > size) size = g.size;
    }
    const w = cut === NO_CUT && k !== j ? a.width : a.width - cut.left - cut.right - (k === j ? hangOf(a) + hung : 0);
    if (a.note) (notes ??= []).push(a.note);
    if (a.href) {
      const prev = links[links.length - 1];
      // one area for one link: its atoms in a row (the same address linked twice is two areas)
      if (prev && prev.href === a.href && k > i && atoms[k - 1].href === a.href) prev.x1 = x + w;
      else links.push({ x0: x, x1: x + w, href: a.href });
    }
    x += w;
    if (k < j) {
      const gap = gaps[k];
      const sp = gap.space;
      if (sp) glyphs.push({ font: sp.font, size: sp.size, color: sp.color, id: sp.id, x, adv: sp.adv, text: sp.text });
      const gapCutK = gapCut?.get(k) ?? 0;
      const extraK = extra !== 0 && shares(gap, keepHanLatin) ? extra : 0;
      if (gapCutK !== 0 || extraK !== 0) x += gap.width - gapCutK + extraK;
      else if (gap.width !== 0) x += gap.width;
    }
  }
  return { glyphs, left: indent, right: x, last, links, notes, size };
}

/** Whether a gap takes a share of the line's stretch (the Han/Latin spaces only when they must). */
function shares(g: Gap, keepHanLatin: boolean): boolean {
  return g.stretch && !(keepHanLatin && g.shrinkClass === ShrinkClass.HanLatin);
}

function squeeze(
  atoms: Atom[],
  gaps: Gap[],
  i: number,
  j: number,
  need: number,
  atomCut: Map<number, { left: number; right: number }>,
  gapCut: Map<number, number>,
): void {
  const order = [
    ShrinkClass.LatinSpace,
    ShrinkClass.Bracket,
    ShrinkClass.Comma,
    ShrinkClass.HanLatin,
    ShrinkClass.Stop,
  ];
  // The line's final mark is already set half-width; its blank is not counted again.
  const right = (k: number) => (k === j ? 0 : atoms[k].blankRight);
  const left = (k: number) => (k === i ? 0 : atoms[k].blankLeft);
  for (const cls of order) {
    if (need <= 1e-9) return;
    let cap = 0;
    for (let k = i; k <= j; k++) {
      if (atoms[k].shrinkClass === cls) cap += left(k) + right(k);
      if (k < j && gaps[k].shrinkClass === cls) cap += gaps[k].shrink;
    }
    if (cap <= 0) continue;
    const f = Math.min(1, need / cap);
    for (let k = i; k <= j; k++) {
      const a = atoms[k];
      if (a.shrinkClass === cls && left(k) + right(k) > 0) atomCut.set(k, { left: left(k) * f, right: right(k) * f });
      if (k < j && gaps[k].shrinkClass === cls && gaps[k].shrink > 0) gapCut.set(k, gaps[k].shrink * f);
    }
    need -= cap * f;
  }
}

/** The line moved right by `dx` (a right-aligned cell or paragraph): a new line, the old one untouched. */
export function shiftLine(l: Line, dx: number): Line {
  return {
    ...l,
    glyphs: l.glyphs.map((g) => ({ ...g, x: g.x + dx })),
    links: l.links.map((s) => ({ ...s, x0: s.x0 + dx, x1: s.x1 + dx })),
    left: l.left + dx,
    right: l.right + dx,
  };
}
