// The archive: previous issues kept as sibling folders of this one (issues/2023-05 beside
// issues/2023-06). Only folders named in the same pattern count (digits aside), so test
// fixtures or an odd folder next to an issue are never taken for back issues.
import { statSync } from 'node:fs';
import { listArticles } from '../source/articles.js';
import { previousIssues } from '../source/siblings.js';
import { parsedBefore } from '../source/fields.js';
import { isProblem, readText } from '../source/read.js';
import { basename, join, resolve } from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { readDoc, type SourceDoc } from './prose.js';

export { previousIssues };

export interface IssueInfo {
  dir: string;
  /** Folder name, e.g. 2023-05. */
  name: string;
  year?: number;
  number?: number;
  date?: string;
  total?: number;
  template?: string;
}

export interface ArchivedIssue extends IssueInfo {
  docs: SourceDoc[];
}

/**
 * issue.yaml's numbers, read leniently (top-level scalars only, with the yaml package the
 * loader uses): a damaged back issue just tells less. The loader checks the file properly.
 */
export function readInfo(dir: string): IssueInfo {
  const read = readText(join(dir, 'issue.yaml'), 'issue.yaml');
  const info: IssueInfo = { dir, name: basename(resolve(dir)) };
  if (isProblem(read)) return info;
  // The same text read again (every check of the preview reads this issue's and the last one's)
  // is not parsed again.
  let numbers = infos.get(read.text);
  if (!numbers) {
    numbers = numbersOf(read.text);
    infos.set(read.text, numbers);
    for (const k of infos.keys()) if (infos.size > INFOS) infos.delete(k);
  }
  return { ...info, ...numbers };
}

/** issue.yaml's numbers by its text, for the few texts read lately. */
const infos = new Map<string, Omit<IssueInfo, 'dir' | 'name'>>();
const INFOS = 32;

function numbersOf(text: string): Omit<IssueInfo, 'dir' | 'name'> {
  const info: Omit<IssueInfo, 'dir' | 'name'> = {};
  // (a text read without error has no repeated key, so the loader's document is this one)
  const doc = parsedBefore(text) ?? parseDocument(text, { uniqueKeys: false });
  if (!isMap(doc.contents)) return info;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
    const key = String(pair.key.value);
    // The scalar as written: 2023-06-01 stays a date string, 06 a number, whatever YAML's types.
    const v = String(pair.value.source ?? pair.value.value ?? '').trim();
    if (key === 'date') {
      if (/^\d{4}-\d{2}-\d{2}$/.test(v)) info.date = v;
    } else if (key === 'template') {
      if (v) info.template = v;
    } else if ((key === 'year' || key === 'number' || key === 'total') && /^\d+$/.test(v)) info[key] = Number(v);
  }
  return info;
}

/** Article files of an issue folder, in order (the loader's rule: see source/articles.ts). */
export function articleFiles(dir: string): string[] {
  try {
    return listArticles(join(dir, 'articles')).articles.map((a) => a.path);
  } catch {
    return [];
  }
}

/** Back issues do not change between builds of a session: keep what was read, by file stamp. */
const cache = new Map<string, { stamp: string; doc: SourceDoc }>();

export function readArchived(dir: string): ArchivedIssue {
  const docs: SourceDoc[] = [];
  for (const path of articleFiles(dir)) {
    try {
      const st = statSync(path);
      const stamp = `${st.size}:${st.mtimeMs}`;
      const kept = cache.get(path);
      if (kept && kept.stamp === stamp) docs.push(kept.doc);
      else {
        const doc = readDoc(path);
        cache.set(path, { stamp, doc });
        docs.push(doc);
      }
    } catch {
      // a file that vanished or cannot be read is simply not compared
    }
  }
  return { ...readInfo(dir), docs };
}
