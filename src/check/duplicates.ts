// The same article or paragraph twice: within the issue, or already printed in a back issue.
// Texts are compared after normalising what typing varies (spaces, full/half width, case,
// quote styles), by sets of 4-character shingles: Jaccard similarity for near-copies, and
// containment for a shortened reprint of a longer text.
import { FindingSink } from './model.js';
import { counted, t as tr, type Text as Words } from '../core/text.js';
import { OPAQUE, sourceAt, type SourceDoc } from './prose.js';
import type { ArchivedIssue } from './archive.js';

const K = 4;
/** Thresholds: articles alike from 80 %, paragraphs from 90 %. */
export const ARTICLE_SIMILAR = 0.8;
export const PARAGRAPH_SIMILAR = 0.9;
/** Containment counts for articles only from this length (characters): shorter ones share by accident. */
const MIN_CONTAINED = 100;
/** Paragraphs shorter than this (headings, run-in leads, "（来源：…）") repeat innocently. */
const MIN_PARAGRAPH = 40;

const BODY = new Set(['para', 'item', 'quote', 'note', 'cell', 'heading']);
const PROSE = new Set(['para', 'item', 'quote', 'note']);

export function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(new RegExp(`[\\s${OPAQUE}]+`, 'g'), '')
    .replace(/[“”"‘’'「」『』]/g, '"')
    .replace(/[—―–-]+/g, '-')
    .replace(/…+|\.{3,}|。{3,}/g, '…');
}

/** The distinct 4-character shingles of a text, as sorted 30-bit hashes (a rolling hash: one step a character). */
export function shingles(s: string): Int32Array {
  const n = s.length < K ? (s.length ? 1 : 0) : s.length - K + 1;
  const all = new Int32Array(n);
  // h = c[i]·B³ + c[i+1]·B² + c[i+2]·B + c[i+3] (mod 2³²), then mixed; B³ taken off as a character leaves.
  const B = 0x01000193;
  const top = Math.imul(Math.imul(B, B), B);
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    if (i >= K) h = (h - Math.imul(s.charCodeAt(i - K), top)) | 0;
    h = (Math.imul(h, B) + s.charCodeAt(i)) | 0;
    if (i >= K - 1) all[i - K + 1] = mix(h);
  }
  if (s.length && s.length < K) all[0] = mix(h);
  all.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[m++] = all[i];
  return all.subarray(0, m);
}

/** Spreads a polynomial hash over all bits (so the low bits sample fairly), kept to 30 bits. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

/**
 * A shingle held by more texts than this is common ("科技创新", "的发展"): it alone does not
 * make two texts worth comparing. Walking its holders for every text is what made a long
 * article's check quadratic (a 5 MB report: a minute); exact copies, whose every shingle
 * may be common, are found by their normalised text instead.
 */
const COMMON = 48;

/**
 * Which texts hold each shingle, kept from one check of an issue to the next (the preview
 * checks on every save): a changed article takes its texts out and puts its new ones in,
 * and only the texts that share a shingle whose holders changed have their list of
 * candidates worked out again. Texts are objects kept per article content (`articleOf`),
 * so an unchanged article brings the very same texts, and what was measured between two
 * of them (`likenessOf`) is looked up, not measured again.
 */
class LiveIndex {
  private readonly postings = new Map<number, Text[]>();
  private readonly norms = new Map<string, Text[]>();
  private members = new Set<Text>();
  /** Candidates (indexed texts sharing an uncommon shingle, or the same text), per querying text. */
  private readonly cand = new Map<Text, Text[]>();
  /** Texts that query without being indexed (back issues'): by shingle and text, to drop their candidates. */
  private outsiders = new Map<number, Text[]>();
  private outsiderNorms = new Map<string, Text[]>();
  private outsiderList: Text[] = [];

  /** Makes the index hold exactly `texts`. */
  update(texts: Text[]): void {
    const next = new Set(texts);
    const removed = [...this.members].filter((t) => !next.has(t));
    const added = texts.filter((t) => !this.members.has(t));
    if (!removed.length && !added.length) return;
    // Holder counts before the change, for the shingles it touches.
    const before = new Map<number, number>();
    const touch = (h: number) => {
      if (!before.has(h)) before.set(h, this.postings.get(h)?.length ?? 0);
    };
    const norms = new Set<string>();
    for (const t of removed) {
      const set = t.set;
      for (let i = 0; i < set.length; i++) {
        const h = set[i];
        touch(h);
        const list = this.postings.get(h)!;
        list.splice(list.indexOf(t), 1);
        if (!list.length) this.postings.delete(h);
      }
      const same = this.norms.get(t.norm)!;
      same.splice(same.indexOf(t), 1);
      if (!same.length) this.norms.delete(t.norm);
      norms.add(t.norm);
      this.cand.delete(t);
    }
    for (const t of added) {
      const set = t.set;
      for (let i = 0; i < set.length; i++) {
        const h = set[i];
        touch(h);
        const list = this.postings.get(h);
        if (list) list.push(t);
        else this.postings.set(h, [t]);
      }
      const same = this.norms.get(t.norm);
      if (same) same.push(t);
      else this.norms.set(t.norm, [t]);
      norms.add(t.norm);
    }
    this.members = next;
    // A shingle common before and after adds no candidates either way.
    for (const [h, was] of before) {
      if (was > COMMON && (this.postings.get(h)?.length ?? 0) > COMMON) continue;
      for (const t of this.postings.get(h) ?? []) this.cand.delete(t);
      for (const t of this.outsiders.get(h) ?? []) this.cand.delete(t);
    }
    for (const n of norms) {
      for (const t of this.norms.get(n) ?? []) this.cand.delete(t);
      for (const t of this.outsiderNorms.get(n) ?? []) this.cand.delete(t);
    }
  }

  /** The texts that will query without being indexed (back issues'). */
  outside(texts: Text[]): void {
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

  /** The texts to compare `t` with: those sharing an uncommon shingle, and its exact copies. */
  candidates(t: Text): Text[] {
    let out = this.cand.get(t);
    if (out) return out;
    const seen = new Set<Text>();
    const set = t.set;
    for (let i = 0; i < set.length; i++) {
      const list = this.postings.get(set[i]);
      if (!list || list.length > COMMON) continue;
      for (let m = 0; m < list.length; m++) seen.add(list[m]);
    }
    for (const s of this.norms.get(t.norm) ?? []) seen.add(s);
    out = [...seen];
    this.cand.set(t, out);
    return out;
  }
}

/**
 * What a check of one issue keeps for the next: the indexes of its articles and paragraphs.
 * A fresh one checks from nothing; the findings are the same either way.
 */
export class DuplicateState {
  readonly articles = new LiveIndex();
  readonly paras = new LiveIndex();
}

/** How many values two sorted sets of distinct shingles share. */
function shared(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/** The indices (in `order`) of the texts to compare `t` with, ascending. */
function comparable(ix: LiveIndex, t: Text, order: Map<Text, number>): number[] {
  const list = ix.candidates(t);
  const out = new Array<number>(list.length);
  for (let k = 0; k < list.length; k++) out[k] = order.get(list[k])!;
  return out.sort((x, y) => x - y);
}

const positions = (texts: Text[]) => new Map(texts.map((t, k) => [t, k]));

interface Text {
  /** Where it is shown: file:line:col. */
  file: string;
  line: number;
  col: number;
  /** Index of its article in the list of articles compared. */
  article: number;
  length: number;
  set: Int32Array;
  /** The normalised text (for an article, of its body), to find exact copies. */
  norm: string;
  excerpt: string;
  /** Likeness already measured against other texts (both stay alive only while in use). */
  alike?: WeakMap<Text, Likeness | null>;
}

interface Article extends Text {
  issue: string | null; // null: this issue; else the back issue's folder name
  title: string;
}

/** An article's shingles: a quarter of them (by hash), plenty to measure thousands of characters. */
function sample(sets: Int32Array[]): Int32Array {
  let n = 0;
  for (const set of sets) for (let i = 0; i < set.length; i++) if ((set[i] & 3) === 0) n++;
  const all = new Int32Array(n);
  let k = 0;
  for (const set of sets) for (let i = 0; i < set.length; i++) if ((set[i] & 3) === 0) all[k++] = set[i];
  all.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[m++] = all[i];
  return all.subarray(0, m);
}

/**
 * An article's texts, kept per document (documents are kept per file content by the
 * caller): the same content gives the same objects, which the indexes and the likeness
 * cache know by identity. Only the article's place in the list changes from check to check.
 */
const perDoc = new WeakMap<SourceDoc, { issue: string | null; article: Article; paras: Text[] }>();

function articleOf(doc: SourceDoc, k: number, issue: string | null): { article: Article; paras: Text[] } {
  let kept = perDoc.get(doc);
  if (!kept || kept.issue !== issue) perDoc.set(doc, (kept = { issue, ...measureArticle(doc, k, issue) }));
  kept.article.article = k;
  for (const p of kept.paras) p.article = k;
  return kept;
}

function measureArticle(doc: SourceDoc, k: number, issue: string | null): { article: Article; paras: Text[] } {
  const title = doc.fields.get('title');
  const units = doc.units.filter((u) => BODY.has(u.kind));
  const paras: Text[] = [];
  const sets: Int32Array[] = [];
  let length = 0;
  const bodies: string[] = [];
  for (const u of units) {
    const text = normalise(u.text);
    bodies.push(text);
    const set = shingles(text);
    sets.push(set);
    length += text.length;
    if (PROSE.has(u.kind) && text.length >= MIN_PARAGRAPH) {
      paras.push({
        file: doc.file,
        line: sourceAt(u, 0).line + 1,
        col: sourceAt(u, 0).col + 1,
        article: k,
        length: text.length,
        set,
        norm: text,
        excerpt: u.text.trim().slice(0, 12),
      });
    }
  }
  const at = title ?? units[0];
  const article: Article = {
    file: doc.file,
    line: (at?.start ?? 0) + 1,
    col: title ? sourceAt(title, 0).col + 1 : 1,
    article: k,
    length,
    set: sample(sets),
    norm: bodies.join(''),
    excerpt: title?.text.trim() ?? '',
    issue,
    title: title?.text.trim() ?? doc.file,
  };
  return { article, paras };
}

interface Likeness {
  score: number;
  contained: boolean;
}

/**
 * How alike two texts are: Jaccard similarity of their shingles, or, when one is (nearly)
 * inside the other, the share of the shorter one found in the longer (containment), which
 * a shortened reprint or a one-word edit of a short paragraph scores high on.
 */
function likeness(shared: number, a: Text, b: Text, threshold: number, minLength: number): Likeness | null {
  if (!shared) return null;
  const jaccard = shared / (a.set.length + b.set.length - shared);
  if (jaccard >= threshold) return { score: jaccard, contained: false };
  const containment = shared / Math.min(a.set.length, b.set.length);
  if (Math.min(a.length, b.length) < minLength || containment < threshold) return null;
  // Texts of about the same length that share this much are simply alike.
  return { score: containment, contained: Math.min(a.length, b.length) < 0.8 * Math.max(a.length, b.length) };
}

/** `likeness` of two texts, measured once while both live. */
function likenessOf(a: Text, b: Text, threshold: number, minLength: number): Likeness | null {
  const known = a.alike?.get(b);
  if (known !== undefined) return known;
  const like = likeness(shared(a.set, b.set), a, b, threshold, minLength);
  (a.alike ??= new WeakMap()).set(b, like);
  (b.alike ??= new WeakMap()).set(a, like);
  return like;
}

const pct = (x: number) => `${Math.floor(x * 100 + 1e-9)}%`;
/** Articles are compared on a sample of shingles: "100 %" only for the very same text. */
const articlePct = (x: number, a: Article, b: Article) => (x >= 1 - 1e-9 && a.norm !== b.norm ? '99%' : pct(x));
const where = (t: Text) => `${t.file}:${t.line}`;

export function checkDuplicates(
  docs: SourceDoc[],
  archive: ArchivedIssue[],
  sink: FindingSink,
  state = new DuplicateState(),
): void {
  const current = docs.map((d, k) => articleOf(d, k, null));
  const articles = current.map((c) => c.article);
  const paras = current.flatMap((c) => c.paras);
  let id = articles.length;
  const back = archive.flatMap((issue) => issue.docs.map((d) => articleOf(d, id++, issue.name)));
  const paired = new Set<string>();

  // Articles: each later one against every earlier one in the issue, then against back issues.
  // Each later copy is reported once, at the first article it repeats, counting the others:
  // an issue of many copies gets a line per copy, not one per pair.
  const artIx = state.articles;
  artIx.update(articles);
  artIx.outside(back.map((b) => b.article));
  const artAt = positions(articles);
  for (let j = 0; j < articles.length; j++) {
    let first: { i: number; like: Likeness } | undefined;
    let others = 0;
    for (const i of comparable(artIx, articles[j], artAt)) {
      if (i >= j) break;
      const like = likenessOf(articles[i], articles[j], ARTICLE_SIMILAR, MIN_CONTAINED);
      if (!like) continue;
      paired.add(`${i}:${j}`);
      if (first) others++;
      else first = { i, like };
    }
    if (!first) continue;
    const { i, like } = first;
    const p = articlePct(like.score, articles[i], articles[j]);
    const how = tr(like.contained ? 'dup.contained' : 'dup.alike', { pct: p });
    const more = others ? tr('dup-article.more', { others: counted('dup.articles', others) }) : '';
    sink.add(
      'error',
      'dup-article',
      articles[j],
      tr('dup-article', { where: where(articles[i]), title: clip(articles[i].title), how, more }),
      tr('dup-article.fix'),
    );
    sink.list[sink.list.length - 1].related = { file: articles[i].file, line: articles[i].line, col: articles[i].col };
  }
  // Against back issues: each article once, at its closest match (the latest on a tie),
  // counting the other issues that printed it too.
  const matches: { like: Likeness; other: Article }[][] = articles.map(() => []);
  for (const b of back) {
    for (const i of comparable(artIx, b.article, artAt)) {
      const like = likenessOf(articles[i], b.article, ARTICLE_SIMILAR, MIN_CONTAINED);
      if (!like) continue;
      paired.add(`${i}:${b.article.article}`);
      matches[i].push({ like, other: b.article });
    }
  }
  matches.forEach((list, i) => {
    if (!list.length) return;
    const { like, other } = list.reduce((a, m) => (m.like.score >= a.like.score ? m : a));
    const p = articlePct(like.score, articles[i], other);
    const how = tr(like.contained ? 'dup.contained' : 'dup.alike', { pct: p });
    const issues = new Set(list.map((m) => m.other.issue));
    const more = issues.size > 1 ? tr('dup-archive.more', { issues: counted('dup.issues', issues.size - 1) }) : '';
    sink.add(
      'error',
      'dup-archive',
      articles[i],
      tr('dup-archive', { issue: other.issue ?? '', where: where(other), title: clip(other.title), how, more }),
      tr('dup-archive.fix'),
    );
    sink.list[sink.list.length - 1].related = { file: other.file, line: other.line, col: other.col };
  });

  // Paragraphs, except between articles already reported as copies of each other.
  // One warning per pair of articles, at the first repeated paragraph, counting the rest.
  const paraIx = state.paras;
  paraIx.update(paras);
  paraIx.outside(back.flatMap((b) => b.paras));
  const paraAt = positions(paras);
  const apart = (x: Text, y: Text) =>
    !paired.has(`${Math.min(x.article, y.article)}:${Math.max(x.article, y.article)}`);
  const pairs = new Map<string, { later: Text; earlier: Text; like: Likeness; lines: number[] }>();
  for (let j = 0; j < paras.length; j++) {
    for (const i of comparable(paraIx, paras[j], paraAt)) {
      if (i >= j) break;
      // Measured first, paired after: most texts share a few shingles, few are alike.
      const like = likenessOf(paras[i], paras[j], PARAGRAPH_SIMILAR, MIN_PARAGRAPH);
      if (!like || !apart(paras[i], paras[j])) continue;
      // The later paragraph is the one to look at; it points at the first like it.
      const key = `${paras[i].article}:${paras[j].article}`;
      const pair = pairs.get(key);
      if (pair) pair.lines.push(paras[j].line);
      else pairs.set(key, { later: paras[j], earlier: paras[i], like, lines: [] });
      break;
    }
  }
  for (const { later, earlier, like, lines } of pairs.values()) {
    const how = tr(like.contained ? 'dup.contained' : 'dup.alike', { pct: pct(like.score) });
    const more = lines.length
      ? tr(lines.length === 1 ? 'dup-paragraph.more.one' : 'dup-paragraph.more', {
          places: morePlaces(lines),
          file: earlier.file,
        })
      : '';
    sink.add(
      'warning',
      'dup-paragraph',
      later,
      tr('dup-paragraph', { where: where(earlier), excerpt: earlier.excerpt, how, more }),
      tr('dup-paragraph.fix'),
    );
    sink.list[sink.list.length - 1].related = { file: earlier.file, line: earlier.line, col: earlier.col };
  }
  const best: { like: Likeness; other: Text; issue: string }[] = [];
  for (const b of back) {
    for (const other of b.paras) {
      for (const i of comparable(paraIx, other, paraAt)) {
        const like = likenessOf(paras[i], other, PARAGRAPH_SIMILAR, MIN_PARAGRAPH);
        if (like && apart(paras[i], other) && !(best[i] && best[i].like.score > like.score))
          best[i] = { like, other, issue: b.article.issue! };
      }
    }
  }
  // Likewise one warning per article and back-issue article.
  const reprints = new Map<string, { at: Text; m: (typeof best)[number]; lines: number[] }>();
  best.forEach((m, i) => {
    if (!m) return;
    const key = `${paras[i].article}:${m.other.file}`;
    const r = reprints.get(key);
    if (r) r.lines.push(paras[i].line);
    else reprints.set(key, { at: paras[i], m, lines: [] });
  });
  for (const { at, m, lines } of reprints.values()) {
    const how = tr(m.like.contained ? 'dup.contained' : 'dup.alike', { pct: pct(m.like.score) });
    const more = lines.length
      ? tr(lines.length === 1 ? 'dup-archive.paragraph.more.one' : 'dup-archive.paragraph.more', {
          places: morePlaces(lines),
        })
      : '';
    sink.add(
      'warning',
      'dup-archive',
      at,
      tr('dup-archive.paragraph', { issue: m.issue, where: where(m.other), how, more }),
      tr('dup-archive.paragraph.fix'),
    );
    sink.list[sink.list.length - 1].related = { file: m.other.file, line: m.other.line, col: m.other.col };
  }
}

/** "2 more paragraphs (lines 14, 20)", the lines listed up to five. */
function morePlaces(lines: number[]): Words {
  const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ', …' : '');
  return tr(lines.length === 1 ? 'dup.more-places.one' : 'dup.more-places', { n: lines.length, lines: shown });
}

function clip(s: string): string {
  return s.length > 14 ? `${s.slice(0, 13)}…` : s;
}
