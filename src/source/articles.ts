// What counts as an article: the one rule, for the build, bulletin check and the archive.
// An article is a file in articles/ whose name ends in .md, in any case (03-x.md, 03-x.MD).
// Every other entry is accounted for: an editor's backup or lock file is passed over with a
// note; images and folders are the articles' own material; anything named like an article
// (03-x.txt, 03-x.markdown, 03-x.docx) is an error, since the editor meant it to print;
// whatever else is there is a warning, so no file is left out without a word.
import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Severity } from './diagnostics.js';

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
  message: string;
  fix: string;
}

export interface ArticleListing {
  /** Sorted by name. */
  articles: ArticleEntry[];
  others: PassedOver[];
}

const IMAGES = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.tif', '.tiff', '.bmp']);
const SYSTEM = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', '.gitkeep', '.gitignore', '.keep']);

/** An editor's backup, lock or swap file, or the system's own: never an article. */
export function editorLeftover(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (SYSTEM.has(lower)) return 'a file the system keeps';
  if (name.endsWith('~')) return 'an editor backup';
  if (name.startsWith('.#') || (name.startsWith('#') && name.endsWith('#'))) return 'an editor lock or autosave file';
  if (name.startsWith('._')) return 'macOS metadata';
  if (/\.(swp|swo|swx|bak|orig|tmp)$/i.test(name) || name.startsWith('~$')) return 'a backup, swap or temporary file';
  if (name.startsWith('.')) return 'a hidden file';
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
        others.push({ path, name, severity: 'note', code: 'article-ignored', message: `${name} is ${leftover}, not an article: left out`, fix: 'nothing to do; delete it when the editor no longer needs it' });
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
        message: `${name} is named like an article but is not a .md file: it would be left out of the issue`,
        fix: /\.(docx?|wps|rtf|odt|pages)$/i.test(name) ? `save it as Markdown text, named ${stem}.md (or move it out of articles/)` : `rename it to ${stem}.md (or move it out of articles/)`,
      });
      continue;
    }
    others.push({ path, name, severity: 'warning', code: 'article-other-file', message: `${name} is not an article (only .md files are): it is not printed`, fix: 'move it out of articles/ if it does not belong to the issue, or name it NN-slug.md if it is an article' });
  }
  return { articles, others };
}
