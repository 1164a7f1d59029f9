// An imported issue → an issue folder: issue.yaml and articles/NN-slug.md, as an editor
// would have written them. Nothing is written over: the folder must be new or empty.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { stringify } from 'yaml';
import type { ImportedArticle, ImportedIssue, ImportedMeta, MdBlock } from './model.js';

/**
 * A file name for an article: the pinyin of its first words, two syllables to a word, the
 * words 省 市 县 区 left out (四川省眉山市强化… → sichuan-meishan-qianghua).
 */
export function slugOf(title: string, used: Set<string>): string {
  const han = [...title.replace(/[省市县区](?=\p{Script=Han})/gu, '')]
    .filter((c) => /\p{Script=Han}/u.test(c))
    .slice(0, 6)
    .join('');
  const syllables = han ? pinyin(han, { toneType: 'none', type: 'array', v: true }) : [];
  const pairs: string[] = [];
  for (let i = 0; i < syllables.length; i += 2) pairs.push(syllables.slice(i, i + 2).join(''));
  let slug =
    pairs
      .join('-')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '') || (title.match(/[A-Za-z0-9]+/g) ?? ['article']).slice(0, 3).join('-').toLowerCase();
  const base = slug;
  for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
  used.add(slug);
  return slug;
}

export const META_ORDER: (keyof ImportedMeta)[] = [
  'title',
  'year',
  'number',
  'date',
  'publisher',
  'editor',
  'phone',
  'total',
];

export function issueYaml(meta: ImportedMeta, from: string): string {
  const lines = [`# 《${meta.title}》${meta.year} 年第 ${meta.number} 期 — made by bulletin import from ${from}`];
  for (const k of META_ORDER) {
    const v = meta[k];
    if (v === undefined) continue;
    // A phone number is text; the rest as YAML needs it.
    lines.push(k === 'phone' ? `phone: ${JSON.stringify(String(v))}` : stringify({ [k]: v }).trimEnd());
  }
  return lines.join('\n') + '\n';
}

/** The article's file, its blocks' lines recorded on them (for the report). */
export function articleText(a: ImportedArticle, from?: string): string {
  const front: Record<string, string> = { title: a.title };
  if (a.subtitle) front.subtitle = a.subtitle;
  if (a.author) front.author = a.author;
  if (a.source) front.source = a.source;
  const head = [
    '---',
    ...(from ? [`# ${from}`] : []),
    ...(a.url ? [`# 原文：${a.url}`] : []),
    stringify(front).trimEnd(),
    '---',
    '',
  ];
  const lines = head.join('\n').split('\n');
  for (const b of a.blocks) {
    b.outLine = lines.length + 1;
    lines.push(...blockText(b).split('\n'), '');
  }
  for (const n of a.notes ?? []) lines.push(n, '');
  return lines.join('\n').replace(/\n+$/, '\n');
}

function blockText(b: MdBlock): string {
  if (b.kind === 'heading') return `${'#'.repeat(b.level ?? 2)} ${b.md}`;
  return b.md;
}

export interface Written {
  dir: string;
  files: string[];
}

/**
 * Writes the issue into `dir` (which must not hold anything yet): into a temporary folder
 * beside it first, renamed into place when complete, so a failure leaves nothing half made.
 */
export function writeIssue(issue: ImportedIssue, meta: ImportedMeta, dir: string, from: string): Written {
  if (existsSync(dir) && readdirSync(dir).length) throw new Error(`${dir} already exists and is not empty`);
  const tmp = join(dirname(dir), `.${relative(dirname(dir), dir)}.import-${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(join(tmp, 'articles'), { recursive: true });
  const files: string[] = [];
  try {
    writeFileSync(join(tmp, 'issue.yaml'), issueYaml(meta, from));
    files.push(join(dir, 'issue.yaml'));
    const used = new Set<string>();
    const width = Math.max(2, String(issue.articles.length).length);
    issue.articles.forEach((a, k) => {
      const name = `${String(k + 1).padStart(width, '0')}-${slugOf(a.title, used)}.md`;
      const cite = `${a.at.file}${a.at.page ? ` page ${a.at.page}` : `:${a.at.line}`}`;
      writeFileSync(join(tmp, 'articles', name), articleText(a, `imported from ${cite}`));
      a.file = join(dir, 'articles', name);
      files.push(a.file);
      for (const [path, data] of a.files ?? []) {
        mkdirSync(dirname(join(tmp, path)), { recursive: true });
        writeFileSync(join(tmp, path), data);
        files.push(join(dir, path));
      }
    });
    if (existsSync(dir)) rmSync(dir, { recursive: true });
    mkdirSync(dirname(dir), { recursive: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { dir, files };
}
