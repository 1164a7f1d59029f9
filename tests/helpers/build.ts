// Builds issues for tests, once per distinct input, with the project's own root.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, type BuildResult } from '../../src/index.js';
import { readPdf, type PdfRead } from './pdf.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const SAMPLE = join(ROOT, 'issues', '2023-06');

const cache = new Map<string, Promise<{ result: BuildResult; pdf: PdfRead }>>();

export function buildAndRead(dir: string): Promise<{ result: BuildResult; pdf: PdfRead }> {
  let p = cache.get(dir);
  if (!p) {
    p = build(dir, { root: ROOT }).then((result) => ({ result, pdf: readPdf(result.pdf) }));
    cache.set(dir, p);
  }
  return p;
}

/** A scratch copy of an issue folder, to damage or extend in a test. */
export function copyIssue(dir: string): string {
  const to = mkdtempSync(join(tmpdir(), 'bulletin-'));
  cpSync(dir, to, { recursive: true });
  return to;
}

/** A copy of the all-constructs fixture whose only article has this title and Markdown body; its folder and the article's path. */
export function issueWith(body: string, title = '测试文章'): { dir: string; file: string } {
  const dir = copyIssue(join(ROOT, 'tests', 'fixtures', 'all-constructs'));
  const articles = join(dir, 'articles');
  rmSync(articles, { recursive: true });
  mkdirSync(articles);
  const file = join(articles, '01-ceshi.md');
  writeFileSync(file, `---\ntitle: ${title}\n---\n\n${body}\n`);
  return { dir, file };
}
