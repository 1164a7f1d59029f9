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
 * Which texts hold each shingle, in typed arrays (open addressing): a build compares a few
 * thousand shingles and must stay in the millisecond range. Most shingles belong to one
 * text; the few shared ones chain on in `more`.
 */
class ShingleIndex {
  private readonly keys: Int32Array;
  private readonly owner: Int32Array;
  private readonly next: Int32Array;
  /** How many texts hold the shingle in each slot. */
  private readonly holders: Int32Array;
  private readonly more: number[] = [];
  private readonly moreNext: number[] = [];
  private readonly mask: number;
  /** Texts already listed for the current query (its stamp), to list each once. */
  private readonly seen: Int32Array;
  private stamp = 0;

  constructor(texts: Text[]) {
    const total = texts.reduce((n, t) => n + t.set.length, 0);
    let size = 16;
    while (size < total * 2) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size).fill(-1);
    this.owner = new Int32Array(size);
    this.next = new Int32Array(size).fill(-1);
    this.holders = new Int32Array(size);
    this.seen = new Int32Array(texts.length);
    texts.forEach((t, k) => {
      // Indexed loops: a typed array's iterator is slow until the code is optimised, and a build runs this once.
      const set = t.set;
      for (let i = 0; i < set.length; i++) this.add(set[i], k);
    });
  }

  private slot(h: number): number {
    let i = Math.imul(h, 0x9e3779b1) >>> 0 & this.mask;
    while (this.keys[i] !== -1 && this.keys[i] !== h) i = (i + 1) & this.mask;
    return i;
  }

  private add(h: number, k: number): void {
    const i = this.slot(h);
    this.holders[i]++;
    if (this.keys[i] === -1) {
      this.keys[i] = h;
      this.owner[i] = k;
      return;
    }
    this.more.push(k);
    this.moreNext.push(this.next[i]);
    this.next[i] = this.more.length - 1;
  }

  /** The texts that share an uncommon shingle with `set`, each once, in index order. */
  candidates(set: Int32Array): number[] {
    const out: number[] = [];
    const stamp = ++this.stamp;
    const take = (k: number) => {
      if (this.seen[k] !== stamp) {
        this.seen[k] = stamp;
        out.push(k);
      }
    };
    for (let j = 0; j < set.length; j++) {
      const i = this.slot(set[j]);
      if (this.keys[i] === -1 || this.holders[i] > COMMON) continue;
      take(this.owner[i]);
      for (let m = this.next[i]; m !== -1; m = this.moreNext[m]) take(this.more[m]);
    }
    return out.sort((x, y) => x - y);
  }
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

/** The texts to compare `t` with: those sharing an uncommon shingle, and its exact copies. */
function comparable(ix: ShingleIndex, t: Text, copies: Map<string, number[]>): number[] {
  const list = ix.candidates(t.set);
  const same = copies.get(t.norm);
  if (!same) return list;
  const all = new Set(list);
  for (const k of same) all.add(k);
  return [...all].sort((x, y) => x - y);
}

/** Texts by their normalised text, for exact copies. */
function byText(texts: Text[]): Map<string, number[]> {
  const m = new Map<string, number[]>();
  texts.forEach((t, k) => {
    const l = m.get(t.norm);
    if (l) l.push(k);
    else m.set(t.norm, [k]);
  });
  return m;
}

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

function articleOf(doc: SourceDoc, k: number, issue: string | null): { article: Article; paras: Text[] } {
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
      paras.push({ file: doc.file, line: sourceAt(u, 0).line + 1, col: sourceAt(u, 0).col + 1, article: k, length: text.length, set, norm: text, excerpt: u.text.trim().slice(0, 12) });
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

const pct = (x: number) => `${Math.floor(x * 100 + 1e-9)}%`;
/** Articles are compared on a sample of shingles: "100 %" only for the very same text. */
const articlePct = (x: number, a: Article, b: Article) => (x >= 1 - 1e-9 && a.norm !== b.norm ? '99%' : pct(x));
const where = (t: Text) => `${t.file}:${t.line}`;

export function checkDuplicates(docs: SourceDoc[], archive: ArchivedIssue[], sink: FindingSink): void {
  const current = docs.map((d, k) => articleOf(d, k, null));
  const articles = current.map((c) => c.article);
  const paras = current.flatMap((c) => c.paras);
  let id = articles.length;
  const back = archive.flatMap((issue) => issue.docs.map((d) => articleOf(d, id++, issue.name)));
  const paired = new Set<string>();

  // Articles: each later one against every earlier one in the issue, then against back issues.
  // Each later copy is reported once, at the first article it repeats, counting the others:
  // an issue of many copies gets a line per copy, not one per pair.
  const artIx = new ShingleIndex(articles);
  const artCopies = byText(articles);
  for (let j = 0; j < articles.length; j++) {
    let first: { i: number; like: Likeness } | undefined;
    let others = 0;
    for (const i of comparable(artIx, articles[j], artCopies)) {
      if (i >= j) break;
      const like = likeness(shared(articles[i].set, articles[j].set), articles[i], articles[j], ARTICLE_SIMILAR, MIN_CONTAINED);
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
    for (const i of comparable(artIx, b.article, artCopies)) {
      const like = likeness(shared(articles[i].set, b.article.set), articles[i], b.article, ARTICLE_SIMILAR, MIN_CONTAINED);
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
  const paraIx = new ShingleIndex(paras);
  const paraCopies = byText(paras);
  const apart = (x: Text, y: Text) => !paired.has(`${Math.min(x.article, y.article)}:${Math.max(x.article, y.article)}`);
  const pairs = new Map<string, { later: Text; earlier: Text; like: Likeness; lines: number[] }>();
  for (let j = 0; j < paras.length; j++) {
    for (const i of comparable(paraIx, paras[j], paraCopies)) {
      if (i >= j) break;
      // Measured first, paired after: most texts share a few shingles, few are alike.
      const like = likeness(shared(paras[i].set, paras[j].set), paras[i], paras[j], PARAGRAPH_SIMILAR, MIN_PARAGRAPH);
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
    const more = lines.length ? tr(lines.length === 1 ? 'dup-paragraph.more.one' : 'dup-paragraph.more', { places: morePlaces(lines), file: earlier.file }) : '';
    sink.add('warning', 'dup-paragraph', later, tr('dup-paragraph', { where: where(earlier), excerpt: earlier.excerpt, how, more }), tr('dup-paragraph.fix'));
    sink.list[sink.list.length - 1].related = { file: earlier.file, line: earlier.line, col: earlier.col };
  }
  const best: { like: Likeness; other: Text; issue: string }[] = [];
  for (const b of back) {
    for (const other of b.paras) {
      for (const i of comparable(paraIx, other, paraCopies)) {
        const like = likeness(shared(paras[i].set, other.set), paras[i], other, PARAGRAPH_SIMILAR, MIN_PARAGRAPH);
        if (like && apart(paras[i], other) && !(best[i] && best[i].like.score > like.score)) best[i] = { like, other, issue: b.article.issue! };
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
    const more = lines.length ? tr(lines.length === 1 ? 'dup-archive.paragraph.more.one' : 'dup-archive.paragraph.more', { places: morePlaces(lines) }) : '';
    sink.add('warning', 'dup-archive', at, tr('dup-archive.paragraph', { issue: m.issue, where: where(m.other), how, more }), tr('dup-archive.paragraph.fix'));
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
