// Paragraphs of a printed issue → its articles: where each starts (the contents list says
// which titles to look for), its byline, the articles printed twice, and each paragraph as
// Markdown — numbered headings, run-in leads, bold where the print was bold.
import { normalise, shingles } from '../check/duplicates.js';
import {
  dice,
  firstSentence,
  headingNumberLevel,
  isHanChar,
  joinBroken,
  LEAD_OPENERS,
  PARTICLES,
  squash,
  terminated,
} from './chars.js';
import { clip, type TocEntry } from './furniture.js';
import { escapeMd, leadMd, runsMd } from './markdown.js';
import type { ImportedArticle, MdBlock, Note, Printed } from './model.js';
import { t as tr } from '../core/text.js';
import { headingLike, joinPageBreaks, type Para } from './paragraphs.js';

/** Articles this alike (shingle Jaccard, as `bulletin check` measures) are one article printed twice. */
const SAME_ARTICLE = 0.8;

export interface Articles {
  articles: ImportedArticle[];
  dropped: ImportedArticle[];
}

export function splitArticles(
  pr: Printed,
  paras: Para[],
  toc: TocEntry[],
  notes: Note[],
  o: { keepDuplicates?: boolean } = {},
): Articles {
  const starts = toc.length ? startsFromToc(paras, toc, pr, notes) : startsByLook(paras, pr, notes);
  const articles: ImportedArticle[] = [];
  if (starts.length && starts[0].index > 0) {
    const before = paras.slice(0, starts[0].index);
    notes.push({
      severity: 'warning',
      code: 'import-untitled',
      at: before[0].at,
      message: tr('import-untitled.before', { text: clip(before[0].text) }),
    });
    starts.unshift({ index: 0, count: 0, title: '待定', at: before[0].at });
  }
  if (!starts.length && paras.length) {
    notes.push({ severity: 'warning', code: 'import-untitled', at: paras[0].at, message: tr('import-untitled') });
    starts.push({ index: 0, count: 0, title: '待定', at: paras[0].at });
  }
  starts.forEach((s, k) => {
    const end = k + 1 < starts.length ? starts[k + 1].index : paras.length;
    let body = paras.slice(s.index + s.count, end);
    const article: ImportedArticle = { title: s.title, blocks: [], at: s.at, tocPage: s.tocPage };
    for (const n of notes) if (n.anchor === s) n.anchor = article;
    body = byline(article, body, pr);
    if (pr.kind === 'text' && !pr.wrapped) body = joinPageBreaks(body, notes, () => false);
    body = trailingSource(article, body);
    article.blocks = markdownBlocks(body, pr, notes);
    (article as ImportedArticle & { paras?: Para[] }).paras = body;
    articles.push(article);
  });
  const out = dedupe(articles, notes, o.keepDuplicates);
  // What was guessed inside a printing left out concerns no one.
  const gone = new Set<object>(out.dropped.flatMap((a) => (a as ImportedArticle & { paras?: Para[] }).paras ?? []));
  for (const a of out.dropped)
    for (const p of (a as ImportedArticle & { paras?: Para[] }).paras ?? []) for (const l of p.lines) gone.add(l);
  const kept = notes.filter((n) => n.code === 'import-duplicate' || !n.anchor || !gone.has(n.anchor));
  notes.splice(0, notes.length, ...kept);
  return out;
}

interface Start {
  index: number;
  /** Paragraphs the title takes (a title printed on two lines). */
  count: number;
  title: string;
  at: Para['at'];
  tocPage?: number;
}

/** Title-like: short, no stop inside, larger or centred where the page shows it. */
function titleLike(p: Para, pr: Printed): boolean {
  if (p.text.length > 60 || /[。！？；]./.test(p.text)) return false;
  if (pr.kind === 'pdf')
    return (p.size ?? 0) >= (pr.bodySize ?? 0) && (p.center || (p.size ?? 0) > (pr.bodySize ?? 0) * 1.15);
  return !terminated(p.text) && !headingLike(p);
}

function startsFromToc(paras: Para[], toc: TocEntry[], pr: Printed, notes: Note[]): Start[] {
  const starts: Start[] = [];
  let cursor = 0;
  for (const e of toc) {
    const want = squash(e.title);
    let found: { i: number; k: number; score: number } | null = null;
    for (let i = cursor; i < paras.length && !found; i++) {
      let text = '';
      for (let k = 1; k <= 3 && i + k <= paras.length; k++) {
        text += squash(paras[i + k - 1].text);
        if (text === want) {
          found = { i, k, score: 1 };
          break;
        }
        if (text.length >= want.length) break;
      }
    }
    if (!found) {
      for (let i = cursor; i < paras.length; i++) {
        if (!titleLike(paras[i], pr)) continue;
        for (let k = 1; k <= 2 && i + k <= paras.length; k++) {
          const score = dice(
            squash(
              paras
                .slice(i, i + k)
                .map((p) => p.text)
                .join(''),
            ),
            want,
          );
          if (score >= 0.6 && (!found || score > found.score)) found = { i, k, score };
        }
      }
    }
    if (!found) {
      notes.push({
        severity: 'warning',
        code: 'import-toc-missing',
        at: e.at,
        message: tr('import-toc-missing', { title: clip(e.title, 24), page: e.page }),
      });
      continue;
    }
    const before = notes.length;
    // The same words: the contents' line keeps a space that a title's line break swallowed.
    const lines = found.score === 1 ? [{ ...paras[found.i], text: e.title }] : paras.slice(found.i, found.i + found.k);
    const printed = titleText(lines, pr, notes);
    const start: Start = { index: found.i, count: found.k, title: printed, at: paras[found.i].at, tocPage: e.page };
    for (const n of notes.slice(before)) n.anchor = start;
    if (found.score < 1) {
      notes.push({
        severity: 'warning',
        code: 'import-title',
        at: start.at,
        message: tr('import-title.toc', { printed, at: `${e.at.file}:${e.at.line}`, title: e.title }),
        anchor: start,
      });
    }
    starts.push(start);
    cursor = found.i + found.k;
  }
  return starts;
}

/** Without a contents list: titles by their look (size, centring) or, in plain text, their shape. */
function startsByLook(paras: Para[], pr: Printed, notes: Note[]): Start[] {
  const starts: Start[] = [];
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (!titleLike(p, pr)) continue;
    const next = paras[i + 1];
    if (!next || (titleLike(next, pr) && pr.kind !== 'pdf')) continue;
    let k = 1;
    while (pr.kind === 'pdf' && paras[i + k] && paras[i + k].center && paras[i + k].size === p.size) k++;
    const before = notes.length;
    const title = titleText(paras.slice(i, i + k), pr, notes);
    const start: Start = { index: i, count: k, title, at: p.at };
    starts.push(start);
    notes.push({
      severity: 'warning',
      code: 'import-title',
      at: p.at,
      message: tr('import-title.look', { title: clip(title, 24) }),
    });
    for (const n of notes.slice(before)) n.anchor = start;
    i += k - 1;
  }
  return starts;
}

/**
 * The title as printed, its lines joined. A space between two Chinese characters is kept
 * (湖北宜昌：聚力…建设 助力…: two phrases) unless it follows a particle such as 的, where no
 * phrase ends: that space is where a title set on two lines was broken.
 */
function titleText(ps: Para[], pr: Printed, notes: Note[]): string {
  void pr;
  const joined = ps.map((p) => p.text.trim()).reduce((a, b) => joinBroken(a, b));
  return joined.replace(/(\S)[ \u3000]+(?=(\S))/gu, (m: string, before: string, after: string) => {
    if (!PARTICLES.has(before) || !isHanChar(after)) return m;
    notes.push({
      severity: 'warning',
      code: 'import-title-space',
      at: ps[0].at,
      message: tr('import-title-space', { before, title: clip(joined, 24) }),
    });
    return before;
  });
}

const BYLINE_SOURCE = /^[（(]?\s*(?:来\s*源|信息来源|转\s*自)\s*[：:]\s*(.+?)\s*[)）]?\s*$/;
const BYLINE_AUTHOR = /^(?:作\s*者|撰\s*稿|文\s*[/／]|供\s*稿)\s*[：:]?\s*(.+)$/;
/** Where the text was found, for the record (not printed): 原文：https://… */
const BYLINE_URL = /^(?:原\s*文|链\s*接|网\s*址)\s*[：:]\s*(https?:\/\/\S+)$/;

/** The lines under a title: ——subtitle, author and 来源：source (as the default template prints them). */
function byline(a: ImportedArticle, body: Para[], pr: Printed): Para[] {
  let n = 0;
  for (const p of body.slice(0, 4)) {
    if (pr.kind === 'pdf' && !p.center) break;
    const t = p.text.trim();
    let used = false;
    const sub = /^——\s*(.+)$/.exec(t);
    const url = BYLINE_URL.exec(t);
    if (url) {
      a.url = url[1];
      used = true;
    } else if (sub && !a.subtitle) {
      a.subtitle = sub[1];
      used = true;
    } else {
      for (const part of t.split(/\s{2,}|\u3000{2,}/)) {
        const src = BYLINE_SOURCE.exec(part);
        const who = BYLINE_AUTHOR.exec(part);
        if (src) a.source = src[1];
        else if (who) a.author = who[1];
        else if (pr.kind === 'pdf' && p.center && part.trim() && !a.author && (p.size ?? 0) < (pr.bodySize ?? 0))
          a.author = part.trim();
        else continue;
        used = true;
      }
    }
    if (!used) break;
    n++;
  }
  return body.slice(n);
}

/** A closing "（来源：…）" paragraph, as news items carry, becomes the article's source. */
function trailingSource(a: ImportedArticle, body: Para[]): Para[] {
  const last = body[body.length - 1];
  const m = last && BYLINE_SOURCE.exec(last.text.trim());
  if (!m || a.source) return body;
  a.source = m[1];
  return body.slice(0, -1);
}

/** The same article printed twice: the later printing is left out (or kept, and reported). */
function dedupe(articles: ImportedArticle[], notes: Note[], keep = false): Articles {
  const sets = articles.map((a) => shingles(normalise(a.blocks.map((b) => b.md.replace(/\\|\*\*/g, '')).join(''))));
  const kept: ImportedArticle[] = [];
  const dropped: ImportedArticle[] = [];
  articles.forEach((a, j) => {
    for (let i = 0; i < j; i++) {
      if (dropped.includes(articles[i])) continue;
      const score = jaccard(sets[i], sets[j]);
      if (score < SAME_ARTICLE) continue;
      const first = articles[i];
      const page = (x: ImportedArticle) => (x.tocPage ? tr('import-duplicate.page', { page: x.tocPage }) : '');
      const pct = `${Math.floor(score * 100)}%`;
      notes.push({
        severity: 'warning',
        code: 'import-duplicate',
        at: a.at,
        message: keep
          ? tr('import-duplicate.kept', {
              title: clip(a.title, 20),
              here: page(a),
              at: `${first.at.file}:${first.at.line}`,
              there: page(first),
              pct,
            })
          : tr('import-duplicate', {
              title: clip(a.title, 20),
              here: page(a),
              at: `${first.at.file}:${first.at.line}`,
              there: page(first),
              pct,
            }),
        anchor: keep ? a : first,
      });
      if (!keep) {
        dropped.push(a);
        return;
      }
      break;
    }
    kept.push(a);
  });
  return { articles: kept, dropped };
}

function jaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union ? shared / union : 0;
}

/** Each paragraph as Markdown: a heading, a paragraph with a run-in lead, or a paragraph. */
function markdownBlocks(paras: Para[], pr: Printed, notes: Note[]): MdBlock[] {
  const styled = pr.kind === 'pdf';
  const parallel = styled ? new Set<Para>() : parallelLeads(paras, notes);
  const blocks: MdBlock[] = [];
  for (const p of paras) {
    const text = p.text.trim();
    const number = headingNumberLevel(text);
    // A heading: its own line, numbered; in print, bold all through, or not a sentence.
    if ((styled && p.bold && p.lines.length === 1 && text.length <= 50) || headingLike(p)) {
      const level = number ?? 2;
      if (!number)
        notes.push({
          severity: 'warning',
          code: 'import-heading',
          at: p.at,
          message: tr('import-heading', { text: clip(text) }),
          anchor: p,
        });
      blocks.push({ kind: 'heading', level, md: escapeMd(text, false), at: p.at, from: p });
      continue;
    }
    if (styled && p.runs.some((r) => r.bold && r.text.trim())) {
      blocks.push({ kind: 'para', md: runsMd(p.runs), at: p.at, from: p });
      continue;
    }
    const first = firstSentence(text);
    const leadable = number !== null || LEAD_OPENERS.test(text) || parallel.has(p);
    if (!styled && leadable && first && first.length <= 60 && first.length < text.length) {
      blocks.push({ kind: 'para', md: leadMd(first, text.slice(first.length)), at: p.at, from: p });
      continue;
    }
    blocks.push({ kind: 'para', md: escapeMd(text), at: p.at, from: p });
  }
  return levelled(blocks);
}

/** Heading levels as the numbers say, closed up so that none is skipped (（一） under no 一、 is ##). */
function levelled(blocks: MdBlock[]): MdBlock[] {
  const used = [...new Set(blocks.filter((b) => b.kind === 'heading').map((b) => b.level!))].sort();
  const to = new Map(used.map((l, k) => [l, k + 2]));
  for (const b of blocks) if (b.kind === 'heading') b.level = to.get(b.level!)!;
  return blocks;
}

/**
 * Unnumbered run-in leads (强化创新主体培育，蓄能科创新动力。…): three or more paragraphs in a
 * row opening with a short sentence of the same shape. Plain text cannot show the bold, so
 * this is a guess, and said to be one.
 */
function parallelLeads(paras: Para[], notes: Note[]): Set<Para> {
  const shape = (p: Para): string | null => {
    if (headingNumberLevel(p.text) || LEAD_OPENERS.test(p.text)) return null;
    const s = firstSentence(p.text);
    if (!s || s.length < 6 || s.length > 24 || /\d/.test(s) || p.text.length - s.length < 10) return null;
    return String((s.match(/，/g) ?? []).length);
  };
  const out = new Set<Para>();
  let run: Para[] = [];
  const close = () => {
    const lengths = run.map((p) => firstSentence(p.text)!.length);
    if (run.length >= 3 && Math.max(...lengths) - Math.min(...lengths) <= 6) {
      for (const p of run) out.add(p);
      notes.push({
        severity: 'warning',
        code: 'import-lead',
        at: run[0].at,
        message: tr('import-lead', { count: run.length, sentence: clip(firstSentence(run[0].text)!, 20) }),
        anchor: run[0],
      });
    }
    run = [];
  };
  for (const p of paras) {
    const s = shape(p);
    if (s !== null && (!run.length || shape(run[0]) === s)) run.push(p);
    else {
      close();
      if (s !== null) run.push(p);
    }
  }
  close();
  return out;
}
