// Issue folder → Issue. The only stage that reads the editors' files.
import { existsSync, lstatSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listArticles } from './articles.js';
import { t } from '../core/text.js';
import { Diagnostics, shownPath, type Diagnostic, type SourcePos } from './diagnostics.js';
import { isMap } from 'yaml';
import { checkMapping, nodePos, parseYaml, type Schema } from './fields.js';
import { DEFAULT_LIMITS, type ImageLimits } from './image.js';
import { frontMatter, readFrontMatter } from './frontmatter.js';
import { parseMarkdown } from './markdown.js';
import type { Article, ArticleMeta, Issue, IssueMeta } from './model.js';
import { isProblem, readText, shellQuote, type FileProblem, type TextFile } from './read.js';

export const ISSUE_SCHEMA: Schema = {
  title: { type: 'string', required: true },
  year: { type: 'integer', required: true, min: 1900, max: 2999 },
  number: { type: 'integer', required: true, min: 1, max: 9999 },
  date: { type: 'date', required: true },
  publisher: { type: 'string', required: true },
  editor: { type: 'string', required: true },
  // Text whatever YAML makes of it: 04714366683 keeps its leading zero.
  phone: { type: 'string', required: true },
  template: { type: 'string' },
  total: { type: 'integer', min: 1, max: 999999 },
};

export const ARTICLE_SCHEMA: Schema = {
  title: { type: 'string', required: true },
  subtitle: { type: 'string' },
  source: { type: 'string' },
  author: { type: 'string' },
};

const ARTICLE_NAME = /^(\d+)-([^/]+)\.md$/i;

export interface Loaded {
  issue: Issue | null;
  diagnostics: Diagnostics;
  /** The articles that did load, also when the issue did not (the checker proofreads them). */
  articles: Article[];
}

export interface LoadOptions {
  /**
   * Called once issue.yaml has named its template (or not: "default"), before any image is
   * read: returns the limits images are held to, which come from the template's page.
   */
  template?: (name: string, at: SourcePos) => ImageLimits | undefined;
}

/** A problem with a file as a diagnostic at the file (and line, where there is one). */
export function fileError(diags: Diagnostics, file: string, p: FileProblem): void {
  diags.error(p.code, { file, line: p.line, col: p.col }, p.message, p.fix);
}

export function loadIssue(dir: string, o: LoadOptions = {}): Loaded {
  const diags = new Diagnostics();
  const at = (file: string): SourcePos => ({ file: shownPath(file), line: 0, col: 0 });
  const isDir = (p: string) => {
    try {
      return statSync(p).isDirectory();
    } catch {
      return false;
    }
  };
  if (!isDir(dir)) {
    const file = existsSync(dir);
    diags.error('issue-missing', at(dir), t(file ? 'issue-missing.file' : 'issue-missing'), t('issue-missing.fix'));
    return { issue: null, diagnostics: diags, articles: [] };
  }
  const unreadable = (folder: string): boolean => {
    try {
      readdirSync(folder);
      return false;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      diags.error(
        'folder-unreadable',
        at(folder),
        code === 'EACCES' || code === 'EPERM'
          ? t('folder-unreadable')
          : t('folder-unreadable.other', { code: String(code) }),
        t('folder-unreadable.fix', { command: `chmod a+rx ${shellQuote(shownPath(folder))}` }),
      );
      return true;
    }
  };
  if (unreadable(dir)) return { issue: null, diagnostics: diags, articles: [] };
  const metaFile = join(dir, 'issue.yaml');
  let meta: IssueMeta | null = null;
  let templateName = 'default';
  let templateAt: SourcePos = at(metaFile);
  if (!existsSync(metaFile) && !isLink(metaFile)) {
    diags.error('issue-yaml-missing', at(metaFile), t('issue-yaml-missing'), t('issue-yaml-missing.fix'));
  } else {
    const read = readText(metaFile, shownPath(metaFile));
    if (isProblem(read)) fileError(diags, shownPath(metaFile), read);
    const parsed = isProblem(read) ? null : parseYaml(read.text, shownPath(metaFile), diags);
    if (parsed) {
      const m = checkMapping(parsed, parsed.doc.contents, ISSUE_SCHEMA, diags, 'issue.yaml');
      meta = { template: 'default', ...m } as unknown as IssueMeta;
      templateName = meta.template;
      const node = isMap(parsed.doc.contents) ? parsed.doc.contents.get('template', true) : undefined;
      if (node) templateAt = nodePos(parsed, node);
    }
  }
  const limits = o.template?.(templateName, templateAt) ?? DEFAULT_LIMITS;

  const articlesDir = join(dir, 'articles');
  const articles: Article[] = [];
  if (!isDir(articlesDir)) {
    diags.error(
      'articles-missing',
      at(articlesDir),
      t(existsSync(articlesDir) ? 'articles-missing.file' : 'articles-missing'),
      t('articles-missing.fix'),
    );
  } else if (!unreadable(articlesDir)) {
    const listing = listArticles(articlesDir);
    for (const f of listing.others) diags.add(f.severity, f.code, at(f.path), f.message, f.fix);
    const names = listing.articles.map((a) => a.name);
    const orders = new Map<number, string>();
    for (const name of names) {
      const file = join(articlesDir, name);
      const m = ARTICLE_NAME.exec(name);
      if (!m) {
        diags.error('article-name', at(file), t('article-name', { name }), t('article-name.fix'));
        continue;
      }
      const order = Number(m[1]);
      const clash = orders.get(order);
      if (clash) {
        diags.error(
          'article-order',
          at(file),
          t('article-order', { number: m[1], first: clash, second: name }),
          t('article-order.fix'),
        );
      }
      orders.set(order, name);
      const article = loadArticle(file, order, m[2], dir, diags, limits);
      if (article) articles.push(article);
    }
    if (names.length === 0) {
      diags.error('articles-empty', at(articlesDir), t('articles-empty'), t('articles-empty.fix'));
    }
  }
  articles.sort((a, b) => a.order - b.order || a.file.localeCompare(b.file));
  if (!meta || diags.hasErrors()) return { issue: null, diagnostics: diags, articles };
  return { issue: { dir, name: basename(dir.replace(/[\\/]+$/, '')), meta, articles }, diagnostics: diags, articles };
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Articles as last loaded, by file: one read again with the same text (and name, place and
 * slug) is the same Article, its diagnostics said again, without parsing it. Articles with
 * pictures are parsed every time: a picture may change, or appear, without the text changing.
 * Nothing downstream changes an Article, so one object can serve many builds.
 */
interface KeptArticle {
  key: string;
  /** The file's size, dates and inode when read: the same again, it is not read again (any write changes them). */
  stat: string;
  article: Article | null;
  diagnostics: Diagnostic[];
}
/** Per issue folder, the two latest (`--all` loads each issue once: keeping them all would only hold memory). */
const loadedByIssue = new Map<string, Map<string, KeptArticle>>();

function loadedIn(issueDir: string): Map<string, KeptArticle> {
  let m = loadedByIssue.get(issueDir);
  if (m) loadedByIssue.delete(issueDir);
  else m = new Map();
  loadedByIssue.set(issueDir, m);
  for (const k of loadedByIssue.keys()) if (loadedByIssue.size > 2) loadedByIssue.delete(k);
  return m;
}

function loadArticle(
  path: string,
  order: number,
  slug: string,
  issueDir: string,
  diags: Diagnostics,
  limits: ImageLimits,
): Article | null {
  const file = shownPath(path);
  const loaded = loadedIn(issueDir);
  const stat = statOf(path);
  const kept = loaded.get(path);
  if (
    kept &&
    stat &&
    kept.stat === stat &&
    kept.key.startsWith(`${file}\u0000${order}\u0000${slug}\u0000${issueDir}\u0000`)
  ) {
    diags.list.push(...kept.diagnostics);
    return kept.article;
  }
  const read = readText(path, file);
  if (isProblem(read) || read.text.includes('![') || /<img\b/i.test(read.text)) {
    loaded.delete(path);
    return parseArticle(path, order, slug, issueDir, diags, limits, file, read);
  }
  const key = `${file}\u0000${order}\u0000${slug}\u0000${issueDir}\u0000${read.text}`;
  if (kept && kept.key === key) {
    kept.stat = stat;
    diags.list.push(...kept.diagnostics);
    return kept.article;
  }
  const before = diags.list.length;
  const article = parseArticle(path, order, slug, issueDir, diags, limits, file, read);
  loaded.set(path, { key, stat, article, diagnostics: diags.list.slice(before) });
  return article;
}

/** A regular file's size, dates and inode ('' for anything else: read every time). */
function statOf(path: string): string {
  try {
    const st = statSync(path);
    return st.isFile() ? `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}` : '';
  } catch {
    return '';
  }
}

function parseArticle(
  path: string,
  order: number,
  slug: string,
  issueDir: string,
  diags: Diagnostics,
  limits: ImageLimits,
  file: string,
  read: TextFile | FileProblem,
): Article | null {
  if (isProblem(read)) {
    fileError(diags, file, read);
    return null;
  }
  const text = read.text.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const front = frontMatter(lines);
  if (front.kind === 'none') {
    diags.error(
      'front-matter-missing',
      { file, line: 1, col: 1 },
      t('front-matter-missing'),
      t('front-matter-missing.fix'),
    );
    return null;
  }
  if (front.kind === 'open') {
    diags.error('front-matter-open', { file, line: 1, col: 1 }, t('front-matter-open'), t('front-matter-open.fix'));
    return null;
  }
  const close = front.close;
  const yamlText = lines.slice(1, close).join('\n');
  const parsed = readFrontMatter(yamlText, file, diags, 1);
  if (!parsed) return null;
  const before = diags.errors.length;
  const meta = checkMapping(
    parsed,
    parsed.doc.contents,
    ARTICLE_SCHEMA,
    diags,
    'front matter',
  ) as unknown as ArticleMeta;
  if (diags.errors.length > before) return null;
  const titleNode = (
    parsed.doc.contents as { items?: { key: { value?: unknown; range?: number[] } }[] } | null
  )?.items?.find((it) => it.key?.value === 'title');
  const titleLine = titleNode?.key?.range ? parsed.lines.linePos(titleNode.key.range[0]).line + 1 : 2;
  const body = lines.slice(close + 1).join('\n');
  const { blocks, footnotes, tokens } = parseMarkdown(body, file, close + 1, diags, { issueDir, path, limits });
  if (blocks.length === 0) {
    diags.warn('article-empty', { file, line: close + 2, col: 1 }, t('article-empty'), t('article-empty.fix'));
  }
  // A lone CR ends a line here but not for the checker's line-exact reading: it parses anew.
  const source = /\r(?!\n)/.test(read.text)
    ? undefined
    : { path, text: read.text, bom: read.bom, encoding: read.encoding, front: parsed.doc, tokens };
  return { file, order, slug, meta, titlePos: { file, line: titleLine, col: 1 }, blocks, footnotes, source };
}
