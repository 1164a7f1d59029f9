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
 * Which groups hold each shingle, and the groups each group (or outside text) is alike
 * with. A changed article takes its texts out and puts its new ones in; only the groups
 * that share a shingle whose holders changed have their candidates worked out again, and
 * what was measured between two groups (`likenessOf`) is looked up, not measured again.
 */
export class LiveIndex {
  private readonly postings = new Map<number, Group[]>();
  private readonly norms = new Map<string, Group[]>();
  private readonly groupOf = new WeakMap<Indexed, Group>();
  private members: Group[] = [];
  /** The groups alike with each querying group or outside text, with their likeness. */
  private readonly cand = new Map<object, Map<Group, Likeness>>();
  /** Texts that query without being indexed (back issues'): by shingle and text, to drop their candidates. */
  private outsiders = new Map<number, Indexed[]>();
  private outsiderNorms = new Map<string, Indexed[]>();
  private outsiderList: Indexed[] = [];

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
    // Holder counts before the change, for the shingles it touches.
    const before = new Map<number, number>();
    for (const g of changed)
      for (let i = 0; i < g.set.length; i++) if (!before.has(g.set[i])) before.set(g.set[i], this.holders(g.set[i]));
    const norms = new Set<string>();
    for (const g of changed) {
      const w = weight.get(g) ?? 0;
      if (g.weight === 0 || w === 0) norms.add(g.norm);
      if (g.weight === 0) {
        for (let i = 0; i < g.set.length; i++) {
          const list = this.postings.get(g.set[i]);
          if (list) list.push(g);
          else this.postings.set(g.set[i], [g]);
        }
      } else if (w === 0) {
        for (let i = 0; i < g.set.length; i++) {
          const list = this.postings.get(g.set[i])!;
          list.splice(list.indexOf(g), 1);
          if (!list.length) this.postings.delete(g.set[i]);
        }
        const same = this.norms.get(g.norm)!;
        same.splice(same.indexOf(g), 1);
        if (!same.length) this.norms.delete(g.norm);
        g.dead = true;
        this.cand.delete(g);
      }
      g.weight = w;
    }
    this.members = [...weight.keys()];
    // A shingle common before and after adds no candidates either way.
    for (const [h, was] of before) {
      if (was > COMMON && this.holders(h) > COMMON) continue;
      for (const g of this.postings.get(h) ?? []) this.cand.delete(g);
      for (const t of this.outsiders.get(h) ?? []) this.cand.delete(t);
    }
    for (const n of norms) {
      for (const g of this.norms.get(n) ?? []) this.cand.delete(g);
      for (const t of this.outsiderNorms.get(n) ?? []) this.cand.delete(t);
    }
    return of;
  }

  /** The group of a text's content: its own from an earlier check, one of the same content, or a new one. */
  private groupFor(t: Indexed): Group {
    const kept = this.groupOf.get(t);
    if (kept && !kept.dead) return kept;
    const same = this.norms.get(t.norm);
    let g = same?.find((s) => sameSet(s.set, t.set));
    if (!g) {
      g = new Group(t);
      if (same) same.push(g);
      else this.norms.set(t.norm, [g]);
    }
    this.groupOf.set(t, g);
    return g;
  }

  /** How many texts hold shingle `h` (counted only up to just past COMMON). */
  private holders(h: number): number {
    const list = this.postings.get(h);
    if (!list) return 0;
    if (list.length > COMMON) return list.length;
    let n = 0;
    for (let i = 0; i < list.length && n <= COMMON; i++) n += list[i].weight;
    return n;
  }

  /** The texts that will query without being indexed (back issues'). */
  outside(texts: Indexed[]): void {
    if (texts.length === this.outsiderList.length && texts.every((t, k) => t === this.outsiderList[k])) return;
    for (const t of this.outsiderList) this.cand.delete(t);
    this.outsiderList = texts;
    this.outsiders = new Map();
    this.outsiderNorms = new Map();
    for (const t of texts) {
      for (let i = 0; i < t.set.length; i++) {
        const list = this.outsiders.get(t.set[i]);
        if (list) list.push(t);
        else this.outsiders.set(t.set[i], [t]);
      }
      const same = this.outsiderNorms.get(t.norm);
      if (same) same.push(t);
      else this.outsiderNorms.set(t.norm, [t]);
    }
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
      const list = this.postings.get(set[i]);
      if (!list || list.length > COMMON || this.holders(set[i]) > COMMON) continue;
      for (let m = 0; m < list.length; m++) seen.add(list[m]);
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
