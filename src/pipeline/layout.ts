// The whole layout of an issue, the stages in order: load (the issue and its template),
// fonts, set (articles → flow blocks), paginate and furnish (furnish/contents-passes.ts: the
// flow behind the cover and its contents, folios, running heads, colophon, outline), the
// guard, then the display list.
import { describeFont } from '../fonts/discover.js';
import { FontRegistry } from '../fonts/registry.js';
import { shiftItemX, type DisplayList } from '../paginate/display.js';
import { reportStrays } from '../paginate/guard.js';
import { Diagnostics, InputError, type SourcePos } from '../source/diagnostics.js';
import { t } from '../core/text.js';
import { loadIssue } from '../source/load.js';
import type { Issue } from '../source/model.js';
import { readTemplate } from '../template/cache.js';
import { fontRoles, templateDir, withInstalledFonts } from '../template/load.js';
import { frameOf, frameProblem, type Template } from '../template/model.js';
import { imageLimits } from '../source/image.js';
import { articleBlocks, type SectionMark } from '../set/article.js';
import { issueLine } from '../furnish/cover.js';
import { flowBehindContents } from '../furnish/contents-passes.js';
import { composeCache } from '../set/compose-cache.js';
import { articleBlocksFor } from './blocks-cache.js';
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

export function layoutIssue(dir: string, o: LayoutOptions): Layout {
  // The template is read as soon as issue.yaml names it: images are held to its page's limits.
  const tell: ProgressReport = o.progress ?? (() => undefined);
  tell({ stage: 'load' });
  const templateDiags = new Diagnostics();
  let loaded = null as Template | null;
  const { issue, diagnostics: diags } = loadIssue(dir, {
    template: (name, at) => {
      // --template on the command line wins over issue.yaml's template:
      const kept = readTemplate(o.root, o.template ?? name, o.template ? { file: '--template', line: 0, col: 0 } : at);
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
  // The tagged PDF's root: every part of the issue is an element below it. Kept between
  // builds with the articles' blocks hanging from it (articles unchanged are not set again).
  const kept = articleBlocksFor(issue.dir, ts, fonts);
  const doc = kept.doc;
  // Composed once: the passes below only re-flow them, as the cover's length settles.
  // The sections the contents list (toc.levels 2 and 3), anchored where they land.
  const sections = issue.articles.map(() => [] as SectionMark[]);
  const blocks = issue.articles.map((a, k) => {
    tell({ stage: 'compose', article: a.file });
    const anchor = `article-${k}`;
    const separator = start === 'continue' && k > 0;
    return kept.article(a, anchor, separator, sections[k], () =>
      articleBlocks(a, ts, frame, anchor, {
        separator,
        parent: doc,
        sections: template.toc.levels > 1 ? { depth: template.toc.levels, out: sections[k] } : undefined,
      }),
    );
  });
  const furnished = flowBehindContents(
    issue,
    blocks,
    sections,
    ts,
    frame,
    doc,
    (k, pages) => tell({ stage: 'paginate', article: issue.articles[k].file, pages }),
    kept.remember,
  );
  const { cover, flow, laid, outline } = furnished;
  let pages = furnished.pages;
  reportStrays(
    {
      cover: cover.pages,
      furniture: cover.masthead,
      laid,
      sources: flow.sources,
      frame,
      hang: 2 * template.body.size,
      fallback: { file: `${issue.dir}/issue.yaml`, line: 0, col: 0 },
    },
    diags,
  );
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
  const sources = flow.blockStarts.map((s) => ({ pos: s.pos, page: s.page + cover.pages.length }));
  const fallbacks = [...ts.fallbacks].map(([role, chars]) => ({
    role,
    family: familyOf(fonts, role),
    chars: [...chars].sort(),
  }));
  return { issue, display, fonts, diagnostics: diags, sources, fallbacks };
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
