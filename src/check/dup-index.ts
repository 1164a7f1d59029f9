// The index the duplicate check asks "which texts could be like this one?": texts grouped
// by content first (an exact copy is one more holder of the same group, not one more text
// to compare), then the groups by shingle. Kept from one check of an issue to the next
// (the preview checks on every save): only what a changed article touches is worked out
// again.
import { likeness, sameSet, type Likeness, type Measured } from './shingles.js';

/**
 * A shingle held by more texts than this is common ("科技创新", "的发展"): it alone does not
 * make two texts worth comparing. Walking its holders for every text is what made a long
 * article's check quadratic (a 5 MB report: a minute); exact copies, whose every shingle
 * may be common, are found by their normalised text instead. Texts are counted, copies
 * and all: a group of 30 copies holds each of its shingles 30 times.
 */
export const COMMON = 48;

/** What the index knows of a text: its measure and its normalised text. */
export interface Indexed extends Measured {
  norm: string;
  /** Its group in the index that last grouped it (a property, not a WeakMap: thousands are looked up per check). */
  group?: { index: LiveIndex; group: Group };
}

/**
 * Texts of the same content (the same normalised text and shingles, hence the same
 * likeness to anything): compared once for all of them.
 */
export class Group implements Indexed {
  readonly length: number;
  readonly set: Int32Array;
  readonly norm: string;
  /** How many texts of the latest check hold this content (0: not in the index). */
  weight = 0;
  /** Gone from the index: a text that comes back with this content gets a new group. */
  dead = false;
  /** Likeness measured against other groups and outside texts (both stay alive only while in use). */
  alike?: WeakMap<object, Likeness | null>;

  constructor(t: Indexed) {
    this.length = t.length;
    this.set = t.set;
    this.norm = t.norm;
  }
}

/**
 * Shingle → the groups holding it and how many texts that is. An open-addressing table on
 * typed arrays: an issue has tens of thousands of distinct shingles, nearly all held by one
 * group, and a Map of arrays spent more on allocating them than the rest of the check.
 */
class ShingleTable {
  private keys = new Int32Array(1024).fill(EMPTY);
  /** Texts holding the shingle (the groups' weights summed). */
  private counts = new Int32Array(1024);
  /** One group, or several. */
  private holders: (Group | Group[] | undefined)[] = new Array<Group | Group[] | undefined>(1024);
  /** Slots taken, tombstones included. */
  private used = 0;

  /** The slot of `h`, or -1. */
  private find(h: number): number {
    const mask = this.keys.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = this.keys[i];
      if (k === h) return i;
      if (k === EMPTY) return -1;
    }
  }

  count(h: number): number {
    const i = this.find(h);
    return i < 0 ? 0 : this.counts[i];
  }

  /** The groups holding `h` when at most `most` texts do (one group, or several), else undefined. */
  heldBy(h: number, most: number): Group | Group[] | undefined {
    const i = this.find(h);
    return i < 0 || this.counts[i] > most ? undefined : this.holders[i];
  }

  /** Room for `n` more shingles without growing on the way. */
  reserve(n: number): void {
    let size = this.keys.length;
    while ((this.used + n) * 2 > size) size *= 2;
    if (size > this.keys.length) this.rehash(size);
  }

  /** Calls `f` with each group holding `h`. */
  each(h: number, f: (g: Group) => void): void {
    const i = this.find(h);
    if (i < 0) return;
    const x = this.holders[i];
    if (x instanceof Group) f(x);
    else if (x) for (const g of x) f(g);
  }

  add(h: number, g: Group, weight: number): void {
    let i = this.find(h);
    if (i < 0) {
      if ((this.used + 1) * 2 > this.keys.length) this.grow();
      const mask = this.keys.length - 1;
      for (i = h & mask; this.keys[i] !== EMPTY; i = (i + 1) & mask);
      this.keys[i] = h;
      this.used++;
    }
    this.counts[i] += weight;
    const x = this.holders[i];
    if (!x) this.holders[i] = g;
    else if (x instanceof Group) this.holders[i] = [x, g];
    else x.push(g);
  }

  /** A holder's weight changed by `delta`. */
  reweigh(h: number, delta: number): void {
    this.counts[this.find(h)] += delta;
  }

  remove(h: number, g: Group, weight: number): void {
    const i = this.find(h);
    this.counts[i] -= weight;
    const x = this.holders[i];
    if (x instanceof Group || !x) this.holders[i] = undefined;
    else {
      x.splice(x.indexOf(g), 1);
      if (x.length === 1) this.holders[i] = x[0];
    }
    // A tombstone: keeps the probe chains through this slot unbroken.
    if (!this.holders[i]) this.keys[i] = GONE;
  }

  private grow(): void {
    let live = 0;
    for (let j = 0; j < this.keys.length; j++) if (this.keys[j] >= 0) live++;
    // Mostly freed slots (a long preview session's edits): the same size, swept.
    this.rehash(live * 4 < this.keys.length ? this.keys.length : this.keys.length * 2);
  }

  private rehash(size: number): void {
    const { keys, counts, holders } = this;
    this.keys = new Int32Array(size).fill(EMPTY);
    this.counts = new Int32Array(size);
    this.holders = new Array<Group | Group[] | undefined>(size);
    this.used = 0;
    const mask = size - 1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] < 0) continue;
      let i = keys[j] & mask;
      while (this.keys[i] !== EMPTY) i = (i + 1) & mask;
      this.keys[i] = keys[j];
      this.counts[i] = counts[j];
      this.holders[i] = holders[j];
      this.used++;
    }
  }
}

/** Shingles are 30-bit hashes, never negative: these mark a free slot and a freed one. */
const EMPTY = -1;
const GONE = -2;

interface OutsideIndex {
  byShingle: Map<number, Indexed[]>;
  byNorm: Map<string, Indexed[]>;
}

/**
 * Which groups hold each shingle, and the groups each group (or outside text) is alike
 * with. A changed article takes its texts out and puts its new ones in; only the groups
 * that share a shingle whose holders changed have their candidates worked out again, and
 * what was measured between two groups (`likenessOf`) is looked up, not measured again.
 */
export class LiveIndex {
  private readonly postings = new ShingleTable();
  private readonly norms = new Map<string, Group[]>();
  private members: Group[] = [];
  /** The groups alike with each querying group or outside text, with their likeness. */
  private readonly cand = new Map<object, Map<Group, Likeness>>();
  /** Texts that query without being indexed (back issues'). */
  private outsiderList: Indexed[] = [];
  private outsiders?: OutsideIndex;

  /** Alike from `threshold`; containment counts only from `minLength` characters. */
  constructor(
    private readonly threshold: number,
    private readonly minLength: number,
  ) {}

  /** Makes the index hold exactly `texts`; returns the group of each. */
  update(texts: readonly Indexed[]): Group[] {
    const of = texts.map((t) => this.groupFor(t));
    const weight = new Map<Group, number>();
    for (const g of of) weight.set(g, (weight.get(g) ?? 0) + 1);
    const changed: Group[] = [];
    for (const g of this.members) if (!weight.has(g)) changed.push(g);
    for (const [g, w] of weight) if (g.weight !== w) changed.push(g);
    if (!changed.length) return of;
    // Holder counts before the change, for the shingles it touches: only candidates worked
    // out already can go stale (a first check has none to track).
    const before = new Map<number, number>();
    const track = this.cand.size > 0;
    if (track)
      for (const g of changed)
        for (let i = 0; i < g.set.length; i++)
          if (!before.has(g.set[i])) before.set(g.set[i], this.postings.count(g.set[i]));
    let adding = 0;
    for (const g of changed) if (g.weight === 0) adding += g.set.length;
    this.postings.reserve(adding);
    const norms = new Set<string>();
    for (const g of changed) {
      const w = weight.get(g) ?? 0;
      if (g.weight === 0 || w === 0) norms.add(g.norm);
      if (g.weight === 0) {
        for (let i = 0; i < g.set.length; i++) this.postings.add(g.set[i], g, w);
      } else if (w === 0) {
        for (let i = 0; i < g.set.length; i++) this.postings.remove(g.set[i], g, g.weight);
        const same = this.norms.get(g.norm)!;
        same.splice(same.indexOf(g), 1);
        if (!same.length) this.norms.delete(g.norm);
        g.dead = true;
        this.cand.delete(g);
      } else {
        for (let i = 0; i < g.set.length; i++) this.postings.reweigh(g.set[i], w - g.weight);
      }
      g.weight = w;
    }
    this.members = [...weight.keys()];
    if (!track) return of;
    const drop = (g: Group) => this.cand.delete(g);
    const outside = this.outsiderIndex();
    // A shingle common before and after adds no candidates either way.
    for (const [h, was] of before) {
      if (was > COMMON && this.postings.count(h) > COMMON) continue;
      this.postings.each(h, drop);
      for (const t of outside.byShingle.get(h) ?? []) this.cand.delete(t);
    }
    for (const n of norms) {
      for (const g of this.norms.get(n) ?? []) this.cand.delete(g);
      for (const t of outside.byNorm.get(n) ?? []) this.cand.delete(t);
    }
    return of;
  }

  /** The group of a text's content: its own from an earlier check, one of the same content, or a new one. */
  private groupFor(t: Indexed): Group {
    const kept = t.group;
    if (kept && kept.index === this && !kept.group.dead) return kept.group;
    const same = this.norms.get(t.norm);
    let g = same?.find((s) => sameSet(s.set, t.set));
    if (!g) {
      g = new Group(t);
      if (same) same.push(g);
      else this.norms.set(t.norm, [g]);
    }
    t.group = { index: this, group: g };
    return g;
  }

  /** The texts that will query without being indexed (back issues'). */
  outside(texts: Indexed[]): void {
    if (texts.length === this.outsiderList.length && texts.every((t, k) => t === this.outsiderList[k])) return;
    for (const t of this.outsiderList) this.cand.delete(t);
    this.outsiderList = texts;
    this.outsiders = undefined;
  }

  /** The outside texts by shingle and text, to drop their candidates: made when a warm check first needs it. */
  private outsiderIndex(): OutsideIndex {
    if (this.outsiders) return this.outsiders;
    const index: OutsideIndex = { byShingle: new Map(), byNorm: new Map() };
    for (const t of this.outsiderList) {
      for (let i = 0; i < t.set.length; i++) {
        const list = index.byShingle.get(t.set[i]);
        if (list) list.push(t);
        else index.byShingle.set(t.set[i], [t]);
      }
      const same = index.byNorm.get(t.norm);
      if (same) same.push(t);
      else index.byNorm.set(t.norm, [t]);
    }
    return (this.outsiders = index);
  }

  /**
   * The groups alike with `q` (a group of this index, or an outside text), with their
   * likeness. Compared are those sharing an uncommon shingle with it, and its exact copies.
   */
  alike(q: Group | Indexed): Map<Group, Likeness> {
    let out = this.cand.get(q);
    if (out) return out;
    const seen = new Set<Group>();
    const set = q.set;
    for (let i = 0; i < set.length; i++) {
      const held = this.postings.heldBy(set[i], COMMON);
      if (held instanceof Group) seen.add(held);
      else if (held) for (const g of held) seen.add(g);
    }
    for (const s of this.norms.get(q.norm) ?? []) seen.add(s);
    out = new Map();
    for (const g of seen) {
      const like = this.likenessOf(g, q);
      if (like) out.set(g, like);
    }
    this.cand.set(q, out);
    return out;
  }

  /** `likeness` of a group and a group or outside text, measured once while both live. */
  private likenessOf(a: Group, b: Group | Indexed): Likeness | null {
    const known = a.alike?.get(b);
    if (known !== undefined) return known;
    const like = likeness(a, b, this.threshold, this.minLength);
    (a.alike ??= new WeakMap()).set(b, like);
    if (b instanceof Group) (b.alike ??= new WeakMap()).set(a, like);
    return like;
  }
}
