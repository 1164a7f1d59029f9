// The duplicate check against a reference written the plain way: every pair of texts
// compared, no index, no grouping of copies, no caches. Random issues are made of a few
// paragraphs repeated, respaced, edited and cut, in articles pasted many times over (so
// that shingles become common, past the index's cut-off) and in back issues; the fast
// check must say exactly what the reference says, cold and warm (one state kept through a
// run of edited issues, as the preview keeps it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counted, t as tr } from '../../src/core/text.js';
import type { ArchivedIssue } from '../../src/check/archive.js';
import { COMMON } from '../../src/check/dup-index.js';
import {
  ARTICLE_SIMILAR,
  checkDuplicates,
  DuplicateState,
  MIN_CONTAINED,
  MIN_PARAGRAPH,
  PARAGRAPH_SIMILAR,
} from '../../src/check/duplicates.js';
import { FindingSink } from '../../src/check/model.js';
import { parseDoc, sourceAt, type SourceDoc } from '../../src/check/prose.js';
import { normalise, sample, shingles } from '../../src/check/shingles.js';

// ── the reference ──────────────────────────────────────────────────────────────────────

interface RefText {
  file: string;
  line: number;
  col: number;
  article: number;
  length: number;
  set: Int32Array;
  has: Set<number>;
  norm: string;
  excerpt: string;
}
interface RefArticle extends RefText {
  issue: string | null;
  title: string;
}
interface Like {
  score: number;
  contained: boolean;
}

const BODY = new Set(['para', 'item', 'quote', 'note', 'cell', 'heading']);
const PROSE = new Set(['para', 'item', 'quote', 'note']);

function measure(doc: SourceDoc, k: number, issue: string | null): { article: RefArticle; paras: RefText[] } {
  const title = doc.fields.get('title');
  const units = doc.units.filter((u) => BODY.has(u.kind));
  const paras: RefText[] = [];
  const sets: Int32Array[] = [];
  const bodies: string[] = [];
  for (const u of units) {
    const norm = normalise(u.text);
    const set = shingles(norm);
    sets.push(set);
    bodies.push(norm);
    if (PROSE.has(u.kind) && norm.length >= MIN_PARAGRAPH) {
      const at = sourceAt(u, 0);
      paras.push({
        file: doc.file,
        line: at.line + 1,
        col: at.col + 1,
        article: k,
        length: norm.length,
        set,
        has: new Set(set),
        norm,
        excerpt: u.text.trim().slice(0, 12),
      });
    }
  }
  const at = title ?? units[0];
  const set = sample(sets);
  const norm = bodies.join('');
  return {
    article: {
      file: doc.file,
      line: (at?.start ?? 0) + 1,
      col: title ? sourceAt(title, 0).col + 1 : 1,
      article: k,
      length: norm.length,
      set,
      has: new Set(set),
      norm,
      excerpt: title?.text.trim() ?? '',
      issue,
      title: title?.text.trim() ?? doc.file,
    },
    paras,
  };
}

function like(a: RefText, b: RefText, threshold: number, minLength: number): Like | null {
  let shared = 0;
  for (const h of a.set) if (b.has.has(h)) shared++;
  if (!shared) return null;
  const jaccard = shared / (a.set.length + b.set.length - shared);
  if (jaccard >= threshold) return { score: jaccard, contained: false };
  const small = Math.min(a.set.length, b.set.length);
  if (Math.min(a.length, b.length) < minLength || shared / small < threshold) return null;
  return { score: shared / small, contained: Math.min(a.length, b.length) < 0.8 * Math.max(a.length, b.length) };
}

/** Worth comparing: the same normalised text, or a shingle both hold that few texts of the issue hold. */
function comparer(indexed: RefText[]): (a: RefText, b: RefText) => boolean {
  const holders = new Map<number, number>();
  for (const t of indexed) for (const h of t.set) holders.set(h, (holders.get(h) ?? 0) + 1);
  return (a, b) => a.norm === b.norm || [...a.set].some((h) => b.has.has(h) && (holders.get(h) ?? 0) <= COMMON);
}

const pct = (x: number) => `${Math.floor(x * 100 + 1e-9)}%`;
const articlePct = (x: number, a: RefArticle, b: RefArticle) => (x >= 1 - 1e-9 && a.norm !== b.norm ? '99%' : pct(x));
const where = (t: RefText) => `${t.file}:${t.line}`;
const clip = (s: string) => (s.length > 14 ? `${s.slice(0, 13)}…` : s);
function morePlaces(lines: number[]) {
  const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ', …' : '');
  return tr(lines.length === 1 ? 'dup.more-places.one' : 'dup.more-places', { n: lines.length, lines: shown });
}
const relate = (sink: FindingSink, t: RefText) => {
  sink.list[sink.list.length - 1].related = { file: t.file, line: t.line, col: t.col };
};

function reference(docs: SourceDoc[], archive: ArchivedIssue[], sink: FindingSink): void {
  const current = docs.map((d, k) => measure(d, k, null));
  const articles = current.map((c) => c.article);
  const paras = current.flatMap((c) => c.paras);
  let id = articles.length;
  const back = archive.flatMap((issue) => issue.docs.map((d) => measure(d, id++, issue.name)));
  const paired = new Set<string>();

  const artCand = comparer(articles);
  for (let j = 0; j < articles.length; j++) {
    let first: { i: number; l: Like } | undefined;
    let others = 0;
    for (let i = 0; i < j; i++) {
      if (!artCand(articles[i], articles[j])) continue;
      const l = like(articles[i], articles[j], ARTICLE_SIMILAR, MIN_CONTAINED);
      if (!l) continue;
      paired.add(`${i}:${j}`);
      if (first) others++;
      else first = { i, l };
    }
    if (!first) continue;
    const a = articles[first.i];
    const how = tr(first.l.contained ? 'dup.contained' : 'dup.alike', {
      pct: articlePct(first.l.score, a, articles[j]),
    });
    const more = others ? tr('dup-article.more', { others: counted('dup.articles', others) }) : '';
    sink.add(
      'error',
      'dup-article',
      articles[j],
      tr('dup-article', { where: where(a), title: clip(a.title), how, more }),
      tr('dup-article.fix'),
    );
    relate(sink, a);
  }
  articles.forEach((a, i) => {
    const list: { l: Like; other: RefArticle }[] = [];
    for (const b of back) {
      if (!artCand(b.article, a)) continue;
      const l = like(a, b.article, ARTICLE_SIMILAR, MIN_CONTAINED);
      if (!l) continue;
      paired.add(`${i}:${b.article.article}`);
      list.push({ l, other: b.article });
    }
    if (!list.length) return;
    const { l, other } = list.reduce((x, m) => (m.l.score >= x.l.score ? m : x));
    const how = tr(l.contained ? 'dup.contained' : 'dup.alike', { pct: articlePct(l.score, a, other) });
    const issues = new Set(list.map((m) => m.other.issue));
    const more = issues.size > 1 ? tr('dup-archive.more', { issues: counted('dup.issues', issues.size - 1) }) : '';
    sink.add(
      'error',
      'dup-archive',
      a,
      tr('dup-archive', { issue: other.issue ?? '', where: where(other), title: clip(other.title), how, more }),
      tr('dup-archive.fix'),
    );
    relate(sink, other);
  });

  const paraCand = comparer(paras);
  const apart = (x: RefText, y: RefText) =>
    !paired.has(`${Math.min(x.article, y.article)}:${Math.max(x.article, y.article)}`);
  const pairs = new Map<string, { later: RefText; earlier: RefText; l: Like; lines: number[] }>();
  for (let j = 0; j < paras.length; j++) {
    for (let i = 0; i < j; i++) {
      if (!paraCand(paras[i], paras[j])) continue;
      const l = like(paras[i], paras[j], PARAGRAPH_SIMILAR, MIN_PARAGRAPH);
      if (!l || !apart(paras[i], paras[j])) continue;
      const key = `${paras[i].article}:${paras[j].article}`;
      const pair = pairs.get(key);
      if (pair) pair.lines.push(paras[j].line);
      else pairs.set(key, { later: paras[j], earlier: paras[i], l, lines: [] });
      break;
    }
  }
  for (const { later, earlier, l, lines } of pairs.values()) {
    const how = tr(l.contained ? 'dup.contained' : 'dup.alike', { pct: pct(l.score) });
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
    relate(sink, earlier);
  }
  const reprints = new Map<string, { at: RefText; l: Like; other: RefText; issue: string; lines: number[] }>();
  paras.forEach((p) => {
    let best: { l: Like; other: RefText; issue: string } | undefined;
    for (const b of back)
      for (const other of b.paras) {
        if (!paraCand(other, p)) continue;
        const l = like(p, other, PARAGRAPH_SIMILAR, MIN_PARAGRAPH);
        if (l && apart(p, other) && !(best && best.l.score > l.score)) best = { l, other, issue: b.article.issue! };
      }
    if (!best) return;
    const key = `${p.article}:${best.other.file}`;
    const r = reprints.get(key);
    if (r) r.lines.push(p.line);
    else reprints.set(key, { at: p, ...best, lines: [] });
  });
  for (const { at, l, other, issue, lines } of reprints.values()) {
    const how = tr(l.contained ? 'dup.contained' : 'dup.alike', { pct: pct(l.score) });
    const more = lines.length
      ? tr(lines.length === 1 ? 'dup-archive.paragraph.more.one' : 'dup-archive.paragraph.more', {
          places: morePlaces(lines),
        })
      : '';
    sink.add(
      'warning',
      'dup-archive',
      at,
      tr('dup-archive.paragraph', { issue, where: where(other), how, more }),
      tr('dup-archive.paragraph.fix'),
    );
    relate(sink, other);
  }
}

// ── random issues ──────────────────────────────────────────────────────────────────────

/** Phrases that paragraphs are strung from: they share shingles, some of them widely. */
const PHRASES = [
  '科技创新',
  '推动高质量发展',
  '2023年以来',
  '全市规模以上工业企业',
  '研发投入同比增长',
  '新型研发机构',
  '成果转化',
  '人才引进',
  '重点实验室建设',
  '营商环境持续优化',
  '“专精特新”企业',
  '产学研深度融合',
  '知识产权质押融资',
  '数字经济核心产业',
];

type Variant = 'same' | 'respaced' | 'edited' | 'cut';

/** A paragraph as typed again: the same, with other spacing and widths, a word changed, or its end cut off. */
function variant(p: string, v: Variant, seed: number): string {
  if (v === 'respaced') return p.replace(/年/g, ' 年 ').replace(/2/g, '２').replace(/，/g, ', ');
  if (v === 'edited') {
    const at = Math.floor(p.length / 2) + (seed % 5);
    return `${p.slice(0, at)}${'改动'.slice(0, 1 + (seed % 2))}${p.slice(at + 1)}`;
  }
  if (v === 'cut') return p.slice(0, Math.max(10, Math.floor(p.length * 0.75)));
  return p;
}

const paragraph = fc
  .array(fc.nat(PHRASES.length - 1), { minLength: 2, maxLength: 12 })
  .map((ks) => `${ks.map((k) => PHRASES[k]).join('，')}。`);

const article = fc.record({
  title: fc.nat(4),
  heading: fc.boolean(),
  paras: fc.array(
    fc.record({
      p: fc.nat(7),
      v: fc.constantFrom<Variant>('same', 'same', 'respaced', 'edited', 'cut'),
      seed: fc.nat(9),
    }),
    { minLength: 1, maxLength: 5 },
  ),
});
type ArticleSpec = typeof article extends fc.Arbitrary<infer A> ? A : never;

const issue = fc.record({
  pool: fc.array(paragraph, { minLength: 8, maxLength: 8 }),
  articles: fc.array(article, { minLength: 1, maxLength: 10 }),
  /** Articles pasted again and again: 30 copies of two make their shingles common. */
  copies: fc.array(fc.record({ of: fc.nat(9), times: fc.integer({ min: 1, max: 30 }) }), { maxLength: 3 }),
  back: fc.array(fc.array(article, { maxLength: 3 }), { maxLength: 3 }),
});
type IssueSpec = typeof issue extends fc.Arbitrary<infer A> ? A : never;

/** An edit of an issue as an editor saves it: an article added, removed or rewritten, copies pasted or taken out, a back issue changed. */
const edit: fc.Arbitrary<(s: IssueSpec) => IssueSpec> = fc.oneof(
  fc.record({ k: fc.nat(9), a: article }).map(({ k, a }) => (s: IssueSpec) => {
    const articles = [...s.articles];
    articles[k % articles.length] = a;
    return { ...s, articles };
  }),
  fc.record({ k: fc.nat(9), a: article }).map(({ k, a }) => (s: IssueSpec) => {
    const articles = [...s.articles];
    articles.splice(k % (articles.length + 1), 0, a);
    return { ...s, articles };
  }),
  fc.nat(9).map((k) => (s: IssueSpec) => {
    if (s.articles.length < 2) return s;
    const articles = [...s.articles];
    articles.splice(k % articles.length, 1);
    return { ...s, articles };
  }),
  issue.map((other) => (s: IssueSpec) => ({ ...s, copies: other.copies })),
  issue.map((other) => (s: IssueSpec) => ({ ...s, back: other.back })),
);

function text(a: ArticleSpec, pool: string[]): string {
  const body = a.paras.map((x) => variant(pool[x.p], x.v, x.seed));
  if (a.heading) body.splice(1, 0, '## 一、总体情况');
  return `---\ntitle: 第${a.title}篇：关于${pool[a.title].slice(0, 6)}的报告\n---\n\n${body.join('\n\n')}\n`;
}

/** The issue's article files as name and text; the back issues' likewise. */
function files(spec: IssueSpec): { current: [string, string][]; back: [string, string][][] } {
  const texts = spec.articles.map((a) => text(a, spec.pool));
  for (const c of spec.copies) for (let n = 0; n < c.times; n++) texts.push(texts[c.of % spec.articles.length]);
  const name = (k: number) => `${String(k + 1).padStart(3, '0')}-a.md`;
  return {
    current: texts.map((t, k) => [name(k), t]),
    back: spec.back.map((list) => list.map((a, k) => [name(k), text(a, spec.pool)])),
  };
}

/** Documents kept by file and text, as the checker's memory keeps them. */
class Docs {
  private readonly kept = new Map<string, SourceDoc>();
  get(path: string, raw: string): SourceDoc {
    const key = `${path}\n${raw}`;
    let d = this.kept.get(key);
    if (!d) this.kept.set(key, (d = parseDoc(path, raw)));
    return d;
  }
}

function inputs(spec: IssueSpec, docs: Docs): { docs: SourceDoc[]; archive: ArchivedIssue[] } {
  const f = files(spec);
  return {
    docs: f.current.map(([n, t]) => docs.get(`/v/2024-09/articles/${n}`, t)),
    archive: f.back.map((list, k) => {
      const name = `2024-0${k + 1}`;
      const dir = `/v/${name}`;
      return { dir, name, docs: list.map(([n, t]) => docs.get(`${dir}/articles/${n}`, t)) };
    }),
  };
}

function fast(i: { docs: SourceDoc[]; archive: ArchivedIssue[] }, state?: DuplicateState) {
  const sink = new FindingSink();
  checkDuplicates(i.docs, i.archive, sink, state);
  return sink.list;
}

function slow(spec: IssueSpec) {
  const sink = new FindingSink();
  // documents of its own: nothing the fast check cached is shared
  const i = inputs(spec, new Docs());
  reference(i.docs, i.archive, sink);
  return sink.list;
}

describe('the duplicate check, against a pairwise reference', () => {
  it('finds the same, in the same order, word for word, on random issues', () => {
    fc.assert(
      fc.property(issue, (spec) => {
        expect(fast(inputs(spec, new Docs()))).toEqual(slow(spec));
      }),
      { numRuns: 80 },
    );
  });

  it('finds the same when it keeps its state through a run of edited issues', () => {
    fc.assert(
      fc.property(issue, fc.array(edit, { minLength: 1, maxLength: 4 }), (first, edits) => {
        const docs = new Docs();
        const state = new DuplicateState();
        const specs = [first, ...edits.map((e) => e(first))];
        for (const spec of specs) {
          // each issue twice: the second check finds everything cached
          expect(fast(inputs(spec, docs), state)).toEqual(slow(spec));
          expect(fast(inputs(spec, docs), state)).toEqual(slow(spec));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('is put to the test: copies enough to make shingles common, and findings of every kind', () => {
    const seen = new Set<string>();
    let common = false;
    fc.assert(
      fc.property(issue, (spec) => {
        if (spec.copies.some((c) => c.times > COMMON / 2) && spec.copies.length > 1) common = true;
        for (const f of slow(spec)) seen.add(`${f.code}:${f.severity}`);
      }),
      { numRuns: 80, seed: 10 },
    );
    expect(common).toBe(true);
    expect([...seen].sort()).toEqual([
      'dup-archive:error',
      'dup-archive:warning',
      'dup-article:error',
      'dup-paragraph:warning',
    ]);
  });
});
