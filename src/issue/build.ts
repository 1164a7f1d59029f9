// The whole layout of an issue: articles flowed onto pages, then the cover's contents
// filled in with the page numbers they landed on, folios and the colophon added.
import { FontRegistry } from '../fonts/registry.js';
import type { DisplayList, Item, OutlineEntry, Page } from '../paginate/display.js';
import { Flow, type FlowBlock } from '../paginate/flow.js';
import { Diagnostics, InputError } from '../source/diagnostics.js';
import { loadIssue } from '../source/load.js';
import type { Issue } from '../source/model.js';
import { fontRoles, loadTemplate, templateDir } from '../template/load.js';
import { frameOf, type Frame } from '../template/model.js';
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
  const { issue, diagnostics: diags } = loadIssue(dir);
  if (!issue) throw new InputError(diags.list);
  const template = loadTemplate(o.root, issue.meta.template, diags);
  const fonts = FontRegistry.load(o.root, diags);
  if (template) {
    for (const role of fontRoles(template)) {
      if (!fonts.has(role)) {
        diags.error('font-role', { file: `${templateDir(o.root, issue.meta.template)}/template.yaml`, line: 0, col: 0 }, `the template names font "${role}", which fonts/fonts.yaml does not define`, `add "${role}" to fonts/fonts.yaml or use one of: ${[...fonts.entries.keys()].join(', ')}`);
      }
    }
  }
  if (!template || diags.hasErrors()) throw new InputError(diags.list);
  const ts = new Typesetter(template, fonts, diags, o.strict, o.breaker);
  const frame = frameOf(template);
  const blocks = issue.articles.map((a, k) => articleBlocks(a, ts, frame, `article-${k}`));

  let entries: TocEntry[] = issue.articles.map((a) => ({ title: a.meta.title, page: null, target: 0 }));
  let pages: Page[] = [];
  let outline: OutlineEntry[] = [];
  for (let pass = 0; pass < 4; pass++) {
    const cover = coverItems(issue, entries, ts, frame);
    const flow = new Flow(frame, (k) => k + 1 + cover.length);
    blocks.forEach((b: FlowBlock[]) => {
      flow.newPage();
      flow.place(b);
    });
    flow.foot(colophonHeight(ts), (top) => colophon(issue, ts, frame, top));
    const next = issue.articles.map((a, k) => {
      const at = flow.anchors.get(`article-${k}`)!;
      const index = at.page + cover.length;
      return { title: a.meta.title, page: index + 1, target: index };
    });
    outline = issue.articles.map((a, k) => ({ title: a.meta.title, page: next[k].target, y: flow.anchors.get(`article-${k}`)!.y }));
    const stable = next.every((e, k) => e.page === entries[k].page);
    entries = next;
    pages = [...coverItems(issue, entries, ts, frame).map((items) => ({ items, folio: null })), ...flow.pages];
    if (stable) break;
  }
  for (let k = 0; k < pages.length; k++) {
    const folio = pages[k].folio;
    if (folio !== null) pages[k].items.push(...folioItems(folio, ts, frame));
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

/** "— 2 —": the parts around {n} are set apart from the number by half an em. */
function folioItems(n: number, ts: Typesetter, frame: Frame): Item[] {
  const f = ts.template.folio;
  const pos = { file: 'template.yaml', line: 0, col: 0 };
  const [before, after = ''] = f.format.split('{n}').map((s) => s.trim());
  const parts = [before, String(n), after].filter(Boolean).map((s) => ts.line(ts.plain(s, f.font, f.size, '#000000', pos)));
  const gap = 0.5 * f.size;
  const total = parts.reduce((w, l) => w + l.right, 0) + gap * (parts.length - 1);
  let x = frame.left + (frame.width - total) / 2;
  const glyphs = [];
  for (const p of parts) {
    for (const g of p.glyphs) glyphs.push({ ...g, x: g.x + x - frame.left });
    x += p.right + gap;
  }
  return [{ kind: 'text', x: frame.left, y: ts.template.page.height - f.bottom, glyphs }];
}
