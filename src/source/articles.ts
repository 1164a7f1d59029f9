// What counts as an article: the one rule, for the build, bulletin check and the archive.
// An article is a file in articles/ whose name ends in .md, in any case (03-x.md, 03-x.MD).
// Every other entry is accounted for: an editor's backup or lock file is passed over with a
// note; images and folders are the articles' own material; anything named like an article
// (03-x.txt, 03-x.markdown, 03-x.docx) is an error, since the editor meant it to print;
// whatever else is there is a warning, so no file is left out without a word.
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Severity } from './diagnostics.js';
import { t, type Text } from '../core/text.js';

export const ARTICLE_EXT = /\.md$/i;

export interface ArticleEntry {
  name: string;
  path: string;
}

export interface PassedOver {
  path: string;
  name: string;
  severity: Severity;
  code: string;
  message: Text;
  fix: Text;
}

export interface ArticleListing {
  /** Sorted by name. */
  articles: ArticleEntry[];
  others: PassedOver[];
}

const IMAGES = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.tif', '.tiff', '.bmp']);
const SYSTEM = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', '.gitkeep', '.gitignore', '.keep']);

/** An editor's backup, lock or swap file, or the system's own: never an article. */
export function editorLeftover(name: string): Text | undefined {
  const lower = name.toLowerCase();
  if (SYSTEM.has(lower)) return t('article-ignored.system');
  if (name.endsWith('~')) return t('article-ignored.backup');
  if (name.startsWith('.#') || (name.startsWith('#') && name.endsWith('#'))) return t('article-ignored.lock');
  if (name.startsWith('._')) return t('article-ignored.macos');
  if (/\.(swp|swo|swx|bak|orig|tmp)$/i.test(name) || name.startsWith('~$')) return t('article-ignored.temporary');
  if (name.startsWith('.')) return t('article-ignored.hidden');
  return undefined;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export function listArticles(articlesDir: string): ArticleListing {
  const articles: ArticleEntry[] = [];
  const others: PassedOver[] = [];
  const names = readdirSync(articlesDir).sort();
  for (const name of names) {
    const path = join(articlesDir, name);
    const leftover = editorLeftover(name);
    if (leftover) {
      if (!SYSTEM.has(name.toLowerCase())) {
        others.push({
          path,
          name,
          severity: 'note',
          code: 'article-ignored',
          message: t('article-ignored', { name, what: leftover }),
          fix: t('article-ignored.fix'),
        });
      }
      continue;
    }
    if (ARTICLE_EXT.test(name)) {
      // A folder named like an article is reported when it is read.
      articles.push({ name, path });
      continue;
    }
    if (isFolder(path) || IMAGES.has(extname(name).toLowerCase())) continue;
    const stem = name.replace(/\.[^.]*$/, '');
    if (/^\d+[-_ .]/.test(name)) {
      others.push({
        path,
        name,
        severity: 'error',
        code: 'article-not-md',
        message: t('article-not-md', { name }),
        fix: t(/\.(docx?|wps|rtf|odt|pages)$/i.test(name) ? 'article-not-md.fix.document' : 'article-not-md.fix', {
          stem,
        }),
      });
      continue;
    }
    others.push({
      path,
      name,
      severity: 'warning',
      code: 'article-other-file',
      message: t('article-other-file', { name }),
      fix: t('article-other-file.fix'),
    });
  }
  return { articles, others };
}
