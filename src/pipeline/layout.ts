// The whole layout of an issue: articles flowed onto pages, then the cover's contents
// filled in with the page numbers they landed on, folios and the colophon added.
import { describeFont } from '../fonts/discover.js';
import { FontRegistry } from '../fonts/registry.js';
import {
  shiftItemX,
  structNode,
  type DisplayList,
  type Item,
  type OutlineEntry,
  type Page,
  type StructNode,
} from '../paginate/display.js';
import { Flow, type ArticleStart, type FlowPage } from '../paginate/flow.js';
import { describe, strays, type Box, type Stray } from '../paginate/guard.js';
import { Diagnostics, InputError, type Diagnostic, type SourcePos } from '../source/diagnostics.js';
import { t, type Text } from '../core/text.js';
import { loadIssue } from '../source/load.js';
import type { Issue } from '../source/model.js';
import { fontRoles, loadTemplate, templateDir, templatesStamp, withInstalledFonts } from '../template/load.js';
import { frameOf, frameProblem, type Frame, type Template } from '../template/model.js';
import { imageLimits } from '../source/image.js';
import { articleBlocks, type SectionMark } from '../set/article.js';
import { colophon, colophonBlock, colophonHeight } from '../furnish/colophon.js';
import { contents, issueLine, masthead, type TocEntry } from '../furnish/cover.js';
import { composeCache } from '../set/compose-cache.js';
import { Typesetter } from '../set/typeset.js';
import { watermark } from '../furnish/watermark.js';

export interface LayoutOptions {
  /** Project root holding templates/ and fonts/. */
  root: string;
  /** Characters no font can print become errors. */
  strict?: boolean;
  /** Line breaking: total fit (default) or greedy, for comparison. */
  breaker?: 'total-fit' | 'greedy';
  /** A draft: the template's watermark (样稿) across every page. */
  draft?: boolean;
  /** The template to use, over issue.yaml's `template:` (the command line's --template). */
  template?: string;
  /** Told where the work is, for a progress line on the terminal. */
  progress?: ProgressReport;
}

/** A stage of the build, the article it is at and the pages laid so far. */
export interface ProgressStep {
  stage: 'load' | 'compose' | 'paginate' | 'check' | 'render';
  article?: string;
  pages?: number;
}
export type ProgressReport = (step: ProgressStep) => void;

/** A block written at `pos` begins on page `page` (index in the document). */
export interface SourceMark {
  pos: SourcePos;
  page: number;
}

export interface Layout {
  issue: Issue;
  display: DisplayList;
  fonts: FontRegistry;
  diagnostics: Diagnostics;
  /** Where the articles' blocks landed, in reading order: to find the page of a source position. */
  sources: SourceMark[];
  /** Fonts that printed characters their text's own font lacks: role, family, the characters. */
  fallbacks: FallbackUse[];
}

export interface FallbackUse {
  role: string;
  family: string;
  chars: string[];
}

/**
 * Templates as last read, by root, name and where they were named, while no template.yaml
 * under templates/ changed (templatesStamp): a template is parsed once in a long-lived
 * process (the preview), its diagnostics said again each build. Templates are not changed
 * after loading.
 */
const templates = new Map<string, { stamp: string; template: Template | null; diagnostics: Diagnostic[] }>();

function templateOf(
  root: string,
  name: string,
  at: SourcePos,
): { template: Template | null; diagnostics: Diagnostic[] } {
  const stamp = templatesStamp(root);
  const key = `${root}|${name}|${at.file}:${at.line}:${at.col}`;
  const kept = templates.get(key);
  if (kept && kept.stamp === stamp) return kept;
  const d = new Diagnostics();
  const entry = { stamp, template: loadTemplate(root, name, d, at), diagnostics: d.list };
  templates.delete(key);
  templates.set(key, entry);
  for (const k of templates.keys()) if (templates.size > 8) templates.delete(k);
  return entry;
}

export function layoutIssue(dir: string, o: LayoutOptions): Layout {
  // The template is read as soon as issue.yaml names it: images are held to its page's limits.
  const tell: ProgressReport = o.progress ?? (() => undefined);
  tell({ stage: 'load' });
  const templateDiags = new Diagnostics();
  let loaded = null as Template | null;
  const { issue, diagnostics: diags } = loadIssue(dir, {
    template: (name, at) => {
      // --template on the command line wins over issue.yaml's template:
      const kept = templateOf(o.root, o.template ?? name, o.template ? { file: '--template', line: 0, col: 0 } : at);
      templateDiags.list.push(...kept.diagnostics);
      loaded = kept.template;
      return loaded ? imageLimits(frameOf(loaded)) : undefined;
    },
  });
  diags.list.push(...templateDiags.list);
  if (!issue) throw new InputError(diags.list);
  const name = o.template ?? issue.meta.template;
  const fonts = FontRegistry.load(o.root, diags);
  const template = loaded && withInstalledFonts(loaded, (role) => fonts.installed(role));
  const templateFile = { file: `${templateDir(o.root, name)}/template.yaml`, line: 0, col: 0 };
  // With no manifest to read (its error is said), every role would be reported missing too.
  if (template && fonts.entries.size) {
    const stands: string[] = [];
    for (const role of fontRoles(template)) {
      const r = fonts.resolve(role);
      if (r.kind === 'missing' && !fonts.defines(role)) {
        diags.error(
          'font-role',
          templateFile,
          t('font-role', { role }),
          t('font-role.fix', { role, roles: [...fonts.entries.keys()].join(', ') }),
        );
      } else if (r.kind === 'missing' && !fonts.entries.get(role)?.file) {
        diags.error(
          'font-missing',
          templateFile,
          t('font-missing.find', { role, why: r.why }),
          t('font-missing.find.fix'),
        );
      } else if (fonts.verify(role) && r.kind === 'substitute')
        stands.push(`${r.wanted[0] ?? role} (${role}) in ${familyOf(fonts, r.role)}`);
    }
    // Said once a build: the licensed faces a standard asks for are not here, and what stands in.
    if (stands.length)
      diags.warn(
        'font-substitute',
        templateFile,
        t('font-substitute', { stands: stands.join('; ') }),
        t('font-substitute.fix'),
      );
    for (const role of template.fonts.fallback) {
      if (!fonts.defines(role))
        diags.error(
          'font-role',
          templateFile,
          t('font-role.fallback', { role }),
          t('font-role.fix', { role, roles: [...fonts.entries.keys()].join(', ') }),
        );
    }
    const problem = frameProblem(template, frameOf(template));
    if (problem) diags.error('template-block', templateFile, problem, t('template-block.fix'));
  }
  if (!template || diags.hasErrors()) throw new InputError(diags.list);
  composeCache.newBuild();
  const ts = new Typesetter(template, fonts, diags, o.strict, o.breaker);
  const frame = frameOf(template);
  const start = template.article.start;
  // The tagged PDF's root: every part of the issue is an element below it.
  const doc = structNode('Document');
  // Composed once: the passes below only re-flow them, as the cover's length settles.
  // The sections the contents list (toc.levels 2 and 3), anchored where they land.
  const sections = issue.articles.map(() => [] as SectionMark[]);
  const blocks = issue.articles.map((a, k) => {
    tell({ stage: 'compose', article: a.file });
    return articleBlocks(a, ts, frame, `article-${k}`, {
      separator: start === 'continue' && k > 0,
      parent: doc,
      sections: template.toc.levels > 1 ? { depth: template.toc.levels, out: sections[k] } : undefined,
    });
  });

  // Page numbers in the contents sit in a fixed-width box, so the cover's length does not
  // depend on them: the flow, which depends only on that length (page parity), runs once
  // unless filling in the numbers changed it after all.
  let entries: TocEntry[] = issue.articles.flatMap((a, k) => [
    { title: a.meta.title, level: 1, page: null, target: 0 },
    ...sections[k].map((s) => ({ title: s.title, level: s.level, page: null, target: 0 })),
  ]);
  let cover = coverItems(issue, entries, ts, frame, doc);
  let filled = cover;
  let pages: Page[] = [];
  let outline: OutlineEntry[] = [];
  let flow: Flow | undefined;
  let laid: FlowPage[] = [];
  for (let pass = 0; pass < 4; pass++) {
    flow = new Flow(frame, {
      pageOffset: cover.pages.length,
      notes: {
        sep: template.footnote.pitch,
        ruleLength: template.footnote.ruleLength * frame.width,
        ruleWidth: template.footnote.ruleWidth,
        color: template.footnote.color,
        orphans: template.flow.orphans,
        widows: template.flow.widows,
      },
    });
    blocks.forEach((b, k) => {
      const mode: ArticleStart = k === 0 ? (start === 'odd-page' ? 'odd-page' : 'new-page') : start;
      flow!.start(mode);
      flow!.place(b);
      tell({ stage: 'paginate', article: issue.articles[k].file, pages: cover.pages.length + flow!.pageIndex + 1 });
    });
    if (template.colophon.position === 'after') flow.place([colophonBlock(issue, ts, frame, doc)]);
    else
      flow.foot(colophonHeight(ts), (top) => colophon(issue, ts, frame, top, doc), template.colophon.page === 'even');
    laid = flow.finish();
    const at = (anchor: string) => flow!.anchors.get(anchor) ?? { page: 0, y: frame.top };
    const entry = (title: string, level: number, anchor: string): Listed => {
      const index = at(anchor).page + cover.pages.length;
      return { title, level, page: index + 1, target: index, y: at(anchor).y };
    };
    // The outline nests as the headings do: ### under the ## before it, ## under the title.
    outline = [];
    entries = [];
    issue.articles.forEach((a, k) => {
      const title = entry(a.meta.title, 1, `article-${k}`);
      const parents: OutlineEntry[][] = [outline, (title.children = [])];
      entries.push(title);
      outline.push(outlineOf(title));
      for (const s of sections[k]) {
        const e = entry(s.title, s.level, s.anchor);
        e.children = [];
        entries.push(e);
        parents[Math.min(s.level - 1, parents.length - 1)].push(outlineOf(e));
        parents[s.level] = e.children;
        parents.length = s.level + 1;
      }
    });
    outline = pruned(outline);
    filled = coverItems(issue, entries, ts, frame, doc);
    const offset = cover.pages.length;
    const total = offset + laid.length;
    const coverFolio = (items: Item[], i: number): Page =>
      template.folio.cover
        ? { items: [...items, ...folioItems(i + 1, total, ts, frame)], folio: i + 1 }
        : { items, folio: null };
    pages = [
      ...filled.pages.map(coverFolio),
      ...laid.map((p, i) => furnish(p, offset + i + 1, total, issue, ts, frame, flow!)),
    ];
    if (filled.pages.length === cover.pages.length) break;
    cover = filled;
  }
  guard(filled, laid, flow!, frame, ts, diags, { file: `${issue.dir}/issue.yaml`, line: 0, col: 0 });
  // With margins inside and outside, an even page's block sits the other way round.
  if (frame.evenShift)
    pages = pages.map((p, i) =>
      i % 2 === 1 ? { ...p, items: p.items.map((it) => shiftItemX(it, frame.evenShift)) } : p,
    );
  if (o.draft) {
    const mark = watermark(ts);
    if (mark) pages = pages.map((p) => ({ ...p, items: [mark, ...p.items] }));
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
  const sources = (flow?.blockStarts ?? []).map((s) => ({ pos: s.pos, page: s.page + cover.pages.length }));
  const fallbacks = [...ts.fallbacks].map(([role, chars]) => ({
    role,
    family: familyOf(fonts, role),
    chars: [...chars].sort(),
  }));
  return { issue, display, fonts, diagnostics: diags, sources, fallbacks };
}

/** A contents entry with where its heading landed, and the outline entries under it. */
type Listed = TocEntry & { y: number; children?: OutlineEntry[] };

/** An outline entry, holding the same list of children as its contents entry (filled in later). */
function outlineOf(e: Listed): OutlineEntry {
  return { title: e.title, page: e.target, y: e.y, children: e.children };
}

/** The outline without empty lists of children. */
function pruned(entries: OutlineEntry[]): OutlineEntry[] {
  return entries.map(({ children, ...e }) => (children?.length ? { ...e, children: pruned(children) } : e));
}

/** A role's font as people know it: its family name, from the font file. */
function familyOf(fonts: FontRegistry, role: string): string {
  try {
    const found = describeFont(fonts.path(role), 'local');
    const family = found.families.find((f) => /^[\x20-\x7e]+$/.test(f)) ?? found.families[0] ?? role;
    return /^(regular|book|normal)$/i.test(found.style) || !found.style || family.endsWith(found.style)
      ? family
      : `${family} ${found.style}`;
  } catch {
    return role;
  }
}

/**
 * Every item the flow drew inside the text block, or an error at the place it was written:
 * pagination keeps text on the page, and this makes a lapse in it loud. One report per place
 * and page.
 */
function guard(
  cover: Cover,
  laid: FlowPage[],
  flow: Flow,
  frame: Frame,
  ts: Typesetter,
  diags: Diagnostics,
  fallback: SourcePos,
): void {
  const hang = 2 * ts.template.body.size;
  const block: Box = {
    left: frame.left,
    top: frame.top,
    right: frame.left + frame.width,
    bottom: frame.top + frame.height,
  };
  const told = new Set<string>();
  // The contents, below the masthead (furniture) on the first page.
  const furniture = new Set(cover.masthead);
  cover.pages.forEach((items, i) => {
    for (const s of strays(
      items.filter((it) => !furniture.has(it)),
      block,
      hang,
    ))
      report(s, i + 1, fallback);
  });
  laid.forEach((p, i) => {
    const page = cover.pages.length + i + 1;
    const floor = p.floor < block.bottom - 1e-6 ? t('layout-overflow.floor') : undefined;
    for (const s of strays(p.body, { ...block, bottom: p.floor }, hang))
      report(s, page, flow.sources.get(s.item) ?? fallback, floor);
    for (const s of strays(p.footnotes, block, hang)) report(s, page, flow.sources.get(s.item) ?? fallback);
  });
  function report(s: Stray, page: number, pos: SourcePos, foot?: Text): void {
    const key = `${pos.file}:${pos.line}:${page}`;
    if (told.has(key)) return;
    told.add(key);
    const where =
      s.edge === 'foot'
        ? (foot ?? t('layout-overflow.foot'))
        : s.edge === 'top'
          ? t('layout-overflow.top')
          : t(`layout-overflow.${s.edge}`);
    diags.error(
      'layout-overflow',
      pos,
      t('layout-overflow', { item: describe(s.item), page, by: s.by.toFixed(1), where }),
      t('layout-overflow.fix'),
    );
  }
}

/** The cover page(s): masthead and contents (which may run on to further pages). */
function coverItems(issue: Issue, entries: TocEntry[], ts: Typesetter, frame: Frame, doc: StructNode): Cover {
  const head = masthead(issue, ts, frame, doc);
  const pages = contents(issue, entries, ts, frame, head.bottom, doc);
  pages[0].unshift(...head.items);
  return { pages, masthead: head.items };
}

interface Cover {
  pages: Item[][];
  /** The masthead's items, on the first page: furniture. */
  masthead: Item[];
}

/**
 * A flowed page made ready to print: its folio (none on blank pages, nor — on the 公文
 * convention — on a page holding only the colophon) and its running head.
 */
function furnish(
  p: FlowPage,
  number: number,
  total: number,
  issue: Issue,
  ts: Typesetter,
  frame: Frame,
  flow: Flow,
): Page {
  const t = ts.template;
  // In reading order: running head, the page's text, folio.
  const items: Item[] = [];
  const opens = p.starts.some((a) => Math.abs((flow.anchors.get(a)?.y ?? -1) - frame.top) < 1e-6);
  if (!p.blank && !p.colophonOnly && (t.runningHead.onArticleStart || !opens))
    items.push(...runningHead(number, p.mark ?? '', issue, ts, frame));
  items.push(...p.items);
  const folio = p.blank || (p.colophonOnly && t.colophon.page === 'even') ? null : number;
  if (folio !== null) items.push(...folioItems(folio, total, ts, frame));
  return { items, folio };
}

function runningHead(number: number, article: string, issue: Issue, ts: Typesetter, frame: Frame): Item[] {
  const r = ts.template.runningHead;
  const format = number % 2 === 1 ? r.odd : r.even;
  if (!format) return [];
  const text = format
    .replace(/\{title\}/g, issue.meta.title)
    .replace(/\{issue\}/g, issueLine(issue))
    .replace(/\{article\}/g, article);
  if (!text.trim()) return [];
  const pos = { file: `${issue.dir}/issue.yaml`, line: 0, col: 0 };
  // Centred, or at the outside (odd pages right) or inside edge of the text block.
  const right = r.align !== 'center' && (number % 2 === 1) === (r.align === 'outside');
  const line = ts.line(
    ts.plain(text, r.font, r.size, r.color, pos),
    r.align === 'center' ? 'center' : 'left',
    frame.width,
  );
  const x = right ? frame.left + frame.width - line.right : frame.left;
  const items: Item[] = [{ kind: 'text', x, y: r.baseline, glyphs: line.glyphs, artifact: 'Header' }];
  if (r.ruleWidth > 0) {
    const y = r.baseline + 0.35 * r.size + r.ruleWidth;
    items.push({
      kind: 'rule',
      x1: frame.left,
      y1: y,
      x2: frame.left + frame.width,
      y2: y,
      width: r.ruleWidth,
      color: r.color,
    });
  }
  return items;
}

/**
 * "— 2 —": the parts around {n} are set apart from the number by half an em; centred, or at
 * the outer edge (odd pages right, even pages left).
 */
function folioItems(n: number, pages: number, ts: Typesetter, frame: Frame): Item[] {
  const f = ts.template.folio;
  const pos = { file: 'template.yaml', line: 0, col: 0 };
  const [before, after = ''] = f.format
    .replace(/\{total\}/g, String(pages))
    .split('{n}')
    .map((s) => s.trim());
  const parts = [before, String(n), after]
    .filter(Boolean)
    .map((s) => ts.line(ts.plain(s, f.font, f.size, f.color, pos)));
  const gap = 0.5 * f.size;
  const wide = parts.reduce((w, l) => w + l.right, 0) + gap * (parts.length - 1);
  const inset = f.inset * f.size;
  let x =
    f.position === 'outside'
      ? n % 2 === 1
        ? frame.left + frame.width - inset - wide
        : frame.left + inset
      : frame.left + (frame.width - wide) / 2;
  const glyphs = [];
  for (const p of parts) {
    for (const g of p.glyphs) glyphs.push({ ...g, x: g.x + x - frame.left });
    x += p.right + gap;
  }
  return [{ kind: 'text', x: frame.left, y: ts.template.page.height - f.bottom, glyphs, artifact: 'Footer' }];
}
