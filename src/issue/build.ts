// The whole layout of an issue: articles flowed onto pages, then the cover's contents
// filled in with the page numbers they landed on, folios and the colophon added.
import { FontRegistry } from '../fonts/registry.js';
import type { DisplayList, Item, OutlineEntry, Page } from '../paginate/display.js';
import { Flow, type ArticleStart, type FlowPage } from '../paginate/flow.js';
import { Diagnostics, InputError } from '../source/diagnostics.js';
import { loadIssue } from '../source/load.js';
import type { Issue } from '../source/model.js';
import { fontRoles, loadTemplate, templateDir, withInstalledFonts } from '../template/load.js';
import { frameOf, type Frame, type Template } from '../template/model.js';
import { imageLimits } from '../source/image.js';
import { articleBlocks } from './article.js';
import { colophon, colophonHeight } from './colophon.js';
import { contents, issueLine, masthead, type TocEntry } from './cover.js';
import { Typesetter } from './typeset.js';

export interface LayoutOptions {
  /** Project root holding templates/ and fonts/. */
  root: string;
  /** Characters no font can print become errors. */
  strict?: boolean;
  /** Line breaking: total fit (default) or greedy, for comparison. */
  breaker?: 'total-fit' | 'greedy';
}

export interface Layout {
  issue: Issue;
  display: DisplayList;
  fonts: FontRegistry;
  diagnostics: Diagnostics;
}

export function layoutIssue(dir: string, o: LayoutOptions): Layout {
  // The template is read as soon as issue.yaml names it: images are held to its page's limits.
  const templateDiags = new Diagnostics();
  let loaded = null as Template | null;
  const { issue, diagnostics: diags } = loadIssue(dir, {
    template: (name, at) => {
      loaded = loadTemplate(o.root, name, templateDiags, at);
      return loaded ? imageLimits(frameOf(loaded)) : undefined;
    },
  });
  diags.list.push(...templateDiags.list);
  if (!issue) throw new InputError(diags.list);
  const fonts = FontRegistry.load(o.root, diags);
  const template = loaded && withInstalledFonts(loaded, (role) => fonts.installed(role));
  // With no manifest to read (its error is said), every role would be reported missing too.
  if (template && fonts.entries.size) {
    for (const role of fontRoles(template)) {
      if (!fonts.has(role)) {
        diags.error('font-role', { file: `${templateDir(o.root, issue.meta.template)}/template.yaml`, line: 0, col: 0 }, `the template names font "${role}", which fonts/fonts.yaml does not define`, `add "${role}" to fonts/fonts.yaml or use one of: ${[...fonts.entries.keys()].join(', ')}`);
      } else fonts.verify(role);
    }
  }
  if (!template || diags.hasErrors()) throw new InputError(diags.list);
  const ts = new Typesetter(template, fonts, diags, o.strict, o.breaker);
  const frame = frameOf(template);
  const start = template.article.start;
  // Composed once: the passes below only re-flow them, as the cover's length settles.
  const blocks = issue.articles.map((a, k) => articleBlocks(a, ts, frame, `article-${k}`, { separator: start === 'continue' && k > 0 }));

  // Page numbers in the contents sit in a fixed-width box, so the cover's length does not
  // depend on them: the flow, which depends only on that length (page parity), runs once
  // unless filling in the numbers changed it after all.
  let entries: TocEntry[] = issue.articles.map((a) => ({ title: a.meta.title, page: null, target: 0 }));
  let cover = coverItems(issue, entries, ts, frame);
  let pages: Page[] = [];
  let outline: OutlineEntry[] = [];
  let flow: Flow | undefined;
  for (let pass = 0; pass < 4; pass++) {
    flow = new Flow(frame, {
      pageOffset: cover.length,
      notes: { sep: template.footnote.pitch, ruleLength: template.footnote.ruleLength * frame.width, ruleWidth: template.footnote.ruleWidth, color: template.footnote.color },
    });
    blocks.forEach((b, k) => {
      const mode: ArticleStart = k === 0 ? (start === 'odd-page' ? 'odd-page' : 'new-page') : start;
      flow!.start(mode);
      flow!.place(b);
    });
    flow.foot(colophonHeight(ts), (top) => colophon(issue, ts, frame, top), template.colophon.page === 'even');
    const laid = flow.finish();
    const at = (k: number) => flow!.anchors.get(`article-${k}`) ?? { page: 0, y: frame.top };
    entries = issue.articles.map((a, k) => {
      const index = at(k).page + cover.length;
      return { title: a.meta.title, page: index + 1, target: index };
    });
    outline = issue.articles.map((a, k) => ({ title: a.meta.title, page: entries[k].target, y: at(k).y }));
    const filled = coverItems(issue, entries, ts, frame);
    const offset = cover.length;
    pages = [...filled.map((items) => ({ items, folio: null })), ...laid.map((p, i) => furnish(p, offset + i + 1, issue, ts, frame, flow!))];
    if (filled.length === cover.length) break;
    cover = filled;
  }
  const coverPages = cover.length;
  for (const f of flow?.overfull ?? []) {
    if (f.pos) diags.warn('page-overfull', f.pos, `${f.what} (page ${coverPages + f.page + 1})`, 'make it shorter or smaller, or split it');
  }
  const date = new Date(`${issue.meta.date}T00:00:00Z`);
  const display: DisplayList = {
    width: template.page.width,
    height: template.page.height,
    pages,
    outline,
    meta: {
      title: `${issue.meta.title} ${issueLine(issue)}`,
      author: issue.meta.publisher,
      subject: issue.articles.map((a) => a.meta.title).join('；'),
      keywords: issue.meta.title,
      date,
    },
  };
  return { issue, display, fonts, diagnostics: diags };
}

/** The cover page(s): masthead and contents (which may run on to further pages). */
function coverItems(issue: Issue, entries: TocEntry[], ts: Typesetter, frame: Frame): Item[][] {
  const head = masthead(issue, ts, frame);
  const pages = contents(issue, entries, ts, frame, head.bottom);
  pages[0].unshift(...head.items);
  return pages;
}

/**
 * A flowed page made ready to print: its folio (none on blank pages, nor — on the 公文
 * convention — on a page holding only the colophon) and its running head.
 */
function furnish(p: FlowPage, number: number, issue: Issue, ts: Typesetter, frame: Frame, flow: Flow): Page {
  const t = ts.template;
  const items = [...p.items];
  const folio = p.blank || (p.colophonOnly && t.colophon.page === 'even') ? null : number;
  if (folio !== null) items.push(...folioItems(folio, ts, frame));
  const opens = p.starts.some((a) => Math.abs((flow.anchors.get(a)?.y ?? -1) - frame.top) < 1e-6);
  if (!p.blank && !p.colophonOnly && (t.runningHead.onArticleStart || !opens)) items.push(...runningHead(number, p.mark ?? '', issue, ts, frame));
  return { items, folio };
}

function runningHead(number: number, article: string, issue: Issue, ts: Typesetter, frame: Frame): Item[] {
  const r = ts.template.runningHead;
  const format = number % 2 === 1 ? r.odd : r.even;
  if (!format) return [];
  const text = format.replace(/\{title\}/g, issue.meta.title).replace(/\{issue\}/g, issueLine(issue)).replace(/\{article\}/g, article);
  if (!text.trim()) return [];
  const pos = { file: `${issue.dir}/issue.yaml`, line: 0, col: 0 };
  const line = ts.line(ts.plain(text, r.font, r.size, r.color, pos), 'center', frame.width);
  const items: Item[] = [{ kind: 'text', x: frame.left, y: r.baseline, glyphs: line.glyphs }];
  if (r.ruleWidth > 0) {
    const y = r.baseline + 0.35 * r.size + r.ruleWidth;
    items.push({ kind: 'rule', x1: frame.left, y1: y, x2: frame.left + frame.width, y2: y, width: r.ruleWidth, color: r.color });
  }
  return items;
}

/**
 * "— 2 —": the parts around {n} are set apart from the number by half an em; centred, or at
 * the outer edge (odd pages right, even pages left).
 */
function folioItems(n: number, ts: Typesetter, frame: Frame): Item[] {
  const f = ts.template.folio;
  const pos = { file: 'template.yaml', line: 0, col: 0 };
  const [before, after = ''] = f.format.split('{n}').map((s) => s.trim());
  const parts = [before, String(n), after].filter(Boolean).map((s) => ts.line(ts.plain(s, f.font, f.size, '#000000', pos)));
  const gap = 0.5 * f.size;
  const total = parts.reduce((w, l) => w + l.right, 0) + gap * (parts.length - 1);
  let x = f.position === 'outside' ? (n % 2 === 1 ? frame.left + frame.width - total : frame.left) : frame.left + (frame.width - total) / 2;
  const glyphs = [];
  for (const p of parts) {
    for (const g of p.glyphs) glyphs.push({ ...g, x: g.x + x - frame.left });
    x += p.right + gap;
  }
  return [{ kind: 'text', x: frame.left, y: ts.template.page.height - f.bottom, glyphs }];
}

