// The same article or paragraph twice: within the issue, or already printed in a back issue.
// Texts are compared after normalising what typing varies (spaces, full/half width, case,
// quote styles), by sets of 4-character shingles: Jaccard similarity for near-copies, and
// containment for a shortened reprint of a longer text (see shingles.ts).
//
// Exact copies are grouped before anything is compared (dup-index.ts): an issue that prints
// an article thirty times has one group of thirty, compared once with each other group, and
// the findings for each copy are read off the groups, not worked out pair by pair.
import { FindingSink } from './model.js';
import { counted, t as tr, type Text as Words } from '../core/text.js';
import { sourceAt, type SourceDoc } from './prose.js';
import type { ArchivedIssue } from './archive.js';
import { Group, LiveIndex } from './dup-index.js';
import { normalise, sample, shingles, type Likeness } from './shingles.js';

export { normalise, shingles };

/** Thresholds: articles alike from 80 %, paragraphs from 90 %. */
export const ARTICLE_SIMILAR = 0.8;
export const PARAGRAPH_SIMILAR = 0.9;
/** Containment counts for articles only from this length (characters): shorter ones share by accident. */
export const MIN_CONTAINED = 100;
/** Paragraphs shorter than this (headings, run-in leads, "（来源：…）") repeat innocently. */
export const MIN_PARAGRAPH = 40;

const BODY = new Set(['para', 'item', 'quote', 'note', 'cell', 'heading']);
const PROSE = new Set(['para', 'item', 'quote', 'note']);

/**
 * What a check of one issue keeps for the next: the indexes of its articles and paragraphs.
 * A fresh one checks from nothing; the findings are the same either way.
 */
export class DuplicateState {
  readonly articles = new LiveIndex(ARTICLE_SIMILAR, MIN_CONTAINED);
  readonly paras = new LiveIndex(PARAGRAPH_SIMILAR, MIN_PARAGRAPH);
}

export interface Text {
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

export interface Article extends Text {
  issue: string | null; // null: this issue; else the back issue's folder name
  title: string;
}

/** A unit's text normalised and cut into shingles, by its printed text: copies are measured once. */
export type Measures = Map<string, { norm: string; set: Int32Array }>;

/**
 * An article's texts, kept per document (documents are kept per file content by the
 * caller): the same content gives the same objects, which the indexes know by identity.
 * Only the article's place in the list changes from check to check.
 */
const perDoc = new WeakMap<SourceDoc, { issue: string | null; article: Article; paras: Text[] }>();

function articleOf(
  doc: SourceDoc,
  k: number,
  issue: string | null,
  measures: Measures,
): { article: Article; paras: Text[] } {
  let kept = perDoc.get(doc);
  if (!kept || kept.issue !== issue) perDoc.set(doc, (kept = { issue, ...measureArticle(doc, k, issue, measures) }));
  kept.article.article = k;
  for (const p of kept.paras) p.article = k;
  return kept;
}

/** What an article's texts are, apart from its file and place in the list. */
interface Shape {
  article: Omit<Article, 'file' | 'article' | 'issue' | 'title'> & { title?: string };
  paras: Omit<Text, 'file' | 'article'>[];
}

/** Per content: twins (an article pasted into several files) share their units, and are measured once. */
const shapes = new WeakMap<SourceDoc['units'], Shape>();

/** An article's texts: the article as a whole (on a sample of its shingles) and its paragraphs long enough to count. */
export function measureArticle(
  doc: SourceDoc,
  k: number,
  issue: string | null,
  measures: Measures = new Map(),
): { article: Article; paras: Text[] } {
  let shape = shapes.get(doc.units);
  if (!shape) shapes.set(doc.units, (shape = shapeOf(doc, measures)));
  const { title, ...rest } = shape.article;
  return {
    article: { file: doc.file, ...rest, article: k, issue, title: title ?? doc.file },
    paras: shape.paras.map((p) => ({ file: doc.file, ...p, article: k })),
  };
}

function shapeOf(doc: SourceDoc, measures: Measures): Shape {
  const title = doc.fields.get('title');
  const units = doc.units.filter((u) => BODY.has(u.kind));
  const paras: Shape['paras'] = [];
  const sets: Int32Array[] = [];
  let length = 0;
  const bodies: string[] = [];
  for (const u of units) {
    let m = measures.get(u.text);
    if (!m) {
      const norm = normalise(u.text);
      measures.set(u.text, (m = { norm, set: shingles(norm) }));
    }
    const text = m.norm;
    bodies.push(text);
    sets.push(m.set);
    length += text.length;
    if (PROSE.has(u.kind) && text.length >= MIN_PARAGRAPH) {
      const at = sourceAt(u, 0);
      paras.push({
        line: at.line + 1,
        col: at.col + 1,
        length: text.length,
        set: m.set,
        norm: text,
        excerpt: u.text.trim().slice(0, 12),
      });
    }
  }
  const at = title ?? units[0];
  return {
    article: {
      line: (at?.start ?? 0) + 1,
      col: title ? sourceAt(title, 0).col + 1 : 1,
      length,
      set: articleSample(sets, measures),
      norm: bodies.join(''),
      excerpt: title?.text.trim() ?? '',
      title: title?.text.trim(),
    },
    paras,
  };
}

/** `sample` of an article's unit sets; the same units (as measured, so copies share their sets) give the same sample. */
type Samples = Map<Int32Array, { sets: Int32Array[]; sample: Int32Array }[]>;
const samples = new WeakMap<Measures, Samples>();

function articleSample(sets: Int32Array[], measures: Measures): Int32Array {
  if (!sets.length) return sample(sets);
  let byFirst = samples.get(measures);
  if (!byFirst) samples.set(measures, (byFirst = new Map() as Samples));
  const kept = byFirst.get(sets[0]);
  const same = kept?.find((s) => s.sets.length === sets.length && s.sets.every((x, i) => x === sets[i]));
  if (same) return same.sample;
  const made = sample(sets);
  if (kept) kept.push({ sets, sample: made });
  else byFirst.set(sets[0], [{ sets, sample: made }]);
  return made;
}

const pct = (x: number) => `${Math.floor(x * 100 + 1e-9)}%`;
/** Articles are compared on a sample of shingles: "100 %" only for the very same text. */
const articlePct = (x: number, a: Article, b: Article) => (x >= 1 - 1e-9 && a.norm !== b.norm ? '99%' : pct(x));
const where = (t: Text) => `${t.file}:${t.line}`;
/** Where a finding's other text is (the first copy, the earlier paragraph, the back issue's article). */
const placeOf = (t: Text) => ({ file: t.file, line: t.line, col: t.col });

/** How many of the ascending `xs` are below `x`. */
function below(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The indices of each group's texts, ascending. */
function membersOf(groups: Group[]): Map<Group, number[]> {
  const out = new Map<Group, number[]>();
  groups.forEach((g, k) => {
    const list = out.get(g);
    if (list) list.push(k);
    else out.set(g, [k]);
  });
  return out;
}

/** A paragraph group's copies split by the group of the article they are in (copies of one article share one). */
interface Stretch {
  articles: Group;
  /** The first paragraph of the group in such an article. */
  first: number;
  /** The back issues' paragraph that is most like these (as a check from nothing finds it per paragraph). */
  best?: { like: Likeness; other: Text; issue: string };
}

interface ParaGroup {
  members: number[];
  /** In order of `first`. */
  stretches: Stretch[];
  byArticles: Map<Group, Stretch>;
}

export function checkDuplicates(
  docs: SourceDoc[],
  archive: ArchivedIssue[],
  sink: FindingSink,
  state = new DuplicateState(),
): void {
  const measures: Measures = new Map();
  const current = docs.map((d, k) => articleOf(d, k, null, measures));
  const articles = current.map((c) => c.article);
  const paras = current.flatMap((c) => c.paras);
  let id = articles.length;
  const back = archive.flatMap((issue) => issue.docs.map((d) => articleOf(d, id++, issue.name, measures)));

  // Articles: each later one against every earlier one in the issue, then against back issues.
  // Each later copy is reported once, at the first article it repeats, counting the others:
  // an issue of many copies gets a line per copy, not one per pair.
  const artIx = state.articles;
  const artGroup = artIx.update(articles);
  artIx.outside(back.map((b) => b.article));
  const artMembers = membersOf(artGroup);
  for (let j = 0; j < articles.length; j++) {
    let first = -1;
    let firstLike: Likeness | undefined;
    let earlier = 0;
    for (const [g, like] of artIx.alike(artGroup[j])) {
      const members = artMembers.get(g)!;
      const n = below(members, j);
      if (!n) continue;
      earlier += n;
      if (first < 0 || members[0] < first) {
        first = members[0];
        firstLike = like;
      }
    }
    if (first < 0) continue;
    const like = firstLike!;
    const others = earlier - 1;
    const p = articlePct(like.score, articles[first], articles[j]);
    const how = tr(like.contained ? 'dup.contained' : 'dup.alike', { pct: p });
    const more = others ? tr('dup-article.more', { others: counted('dup.articles', others) }) : '';
    sink.add(
      'error',
      'dup-article',
      articles[j],
      tr('dup-article', { where: where(articles[first]), title: clip(articles[first].title), how, more }),
      tr('dup-article.fix'),
    ).related = placeOf(articles[first]);
  }
  // Against back issues: each article once, at its closest match (the latest on a tie),
  // counting the other issues that printed it too.
  const matches = new Map<Group, { like: Likeness; other: Article }[]>();
  /** The back articles each group of the issue's articles is like (their paragraphs are not compared). */
  const reprinted = new Map<Group, Set<number>>();
  for (const b of back) {
    for (const [g, like] of artIx.alike(b.article)) {
      const list = matches.get(g);
      if (list) list.push({ like, other: b.article });
      else matches.set(g, [{ like, other: b.article }]);
      const ids = reprinted.get(g);
      if (ids) ids.add(b.article.article);
      else reprinted.set(g, new Set([b.article.article]));
    }
  }
  articles.forEach((a, i) => {
    const list = matches.get(artGroup[i]);
    if (!list) return;
    const { like, other } = list.reduce((x, m) => (m.like.score >= x.like.score ? m : x));
    const p = articlePct(like.score, a, other);
    const how = tr(like.contained ? 'dup.contained' : 'dup.alike', { pct: p });
    const issues = new Set(list.map((m) => m.other.issue));
    const more = issues.size > 1 ? tr('dup-archive.more', { issues: counted('dup.issues', issues.size - 1) }) : '';
    sink.add(
      'error',
      'dup-archive',
      a,
      tr('dup-archive', { issue: other.issue ?? '', where: where(other), title: clip(other.title), how, more }),
      tr('dup-archive.fix'),
    ).related = placeOf(other);
  });

  // Paragraphs, except between articles already reported as copies of each other.
  // One warning per pair of articles, at the first repeated paragraph, counting the rest.
  const paraIx = state.paras;
  const paraGroup = paraIx.update(paras);
  paraIx.outside(back.flatMap((b) => b.paras));
  const groups = new Map<Group, ParaGroup>();
  paraGroup.forEach((g, k) => {
    let pg = groups.get(g);
    if (!pg) groups.set(g, (pg = { members: [], stretches: [], byArticles: new Map() }));
    pg.members.push(k);
    const a = artGroup[paras[k].article];
    if (!pg.byArticles.has(a)) {
      const s: Stretch = { articles: a, first: k };
      pg.stretches.push(s);
      pg.byArticles.set(a, s);
    }
  });
  // Where each article's paragraphs start (they are listed article by article).
  const startOf = new Array<number>(articles.length).fill(paras.length);
  for (let k = paras.length - 1; k >= 0; k--) startOf[paras[k].article] = k;

  const pairs = new Map<string, { later: Text; earlier: Text; like: Likeness; lines: number[] }>();
  for (let j = 0; j < paras.length; j++) {
    // The first earlier paragraph like this one, in its own article or in one not alike with
    // it (the paragraphs of two articles reported as copies are not compared).
    const aj = paras[j].article;
    const own = artIx.alike(artGroup[aj]);
    let first = -1;
    let firstLike: Likeness | undefined;
    for (const [g, like] of paraIx.alike(paraGroup[j])) {
      const pg = groups.get(g)!;
      // In its own article, any earlier copy counts.
      const k = below(pg.members, startOf[aj]);
      if (k < pg.members.length && pg.members[k] < j && (first < 0 || pg.members[k] < first)) {
        first = pg.members[k];
        firstLike = like;
      }
      // Elsewhere, the first copy in an article not alike with its own.
      for (const s of pg.stretches) {
        if (s.first >= j || (first >= 0 && s.first >= first)) break;
        if (own.has(s.articles)) continue;
        first = s.first;
        firstLike = like;
        break;
      }
    }
    if (first < 0) continue;
    // The later paragraph is the one to look at; it points at the first like it.
    const key = `${paras[first].article}:${aj}`;
    const pair = pairs.get(key);
    if (pair) pair.lines.push(paras[j].line);
    else pairs.set(key, { later: paras[j], earlier: paras[first], like: firstLike!, lines: [] });
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
    ).related = placeOf(earlier);
  }
  // Against back issues: for each paragraph, the back-issue paragraph most like it (the
  // latest on a tie), unless their articles are alike. Copies in copies of one article
  // find the same, so it is worked out once for them.
  for (const b of back) {
    for (const other of b.paras) {
      for (const [g, like] of paraIx.alike(other)) {
        for (const s of groups.get(g)!.stretches) {
          if (reprinted.get(s.articles)?.has(b.article.article)) continue;
          if (!(s.best && s.best.like.score > like.score)) s.best = { like, other, issue: b.article.issue! };
        }
      }
    }
  }
  // Likewise one warning per article and back-issue article.
  const reprints = new Map<string, { at: Text; m: NonNullable<Stretch['best']>; lines: number[] }>();
  paras.forEach((p, i) => {
    const m = groups.get(paraGroup[i])!.byArticles.get(artGroup[p.article])!.best;
    if (!m) return;
    const key = `${p.article}:${m.other.file}`;
    const r = reprints.get(key);
    if (r) r.lines.push(p.line);
    else reprints.set(key, { at: p, m, lines: [] });
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
    ).related = placeOf(m.other);
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
