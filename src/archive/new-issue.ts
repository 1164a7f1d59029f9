// The next issue, started from the latest one: the next number (and total), the month's
// last weekday as its date, the same masthead and template, and one example article that
// shows the Markdown an article may use.
import { t, TextError } from '../core/text.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseDocument } from 'yaml';
import { lastWeekday, nextMonth } from './calendar.js';

const ISSUE_FOLDER = /^(\d{4})-(\d{2})$/;

/** Issue folders (yyyy-mm holding issue.yaml) in an archive, oldest first. */
export function issueFolders(archive: string): string[] {
  if (!existsSync(archive)) return [];
  return readdirSync(archive)
    .filter((n) => ISSUE_FOLDER.test(n) && existsSync(join(archive, n, 'issue.yaml')))
    .sort()
    .map((n) => join(archive, n));
}

export const EXAMPLE_NAME = '01-shili-wenzhang.md';

/** The example article: it says, in the Markdown it shows, how an article is written. */
export const EXAMPLE = `---
title: 示例文章：本期的文章这样写
source: 编辑部
---

这是一篇示例文章，说明文章文件怎样写。每篇文章是 articles 文件夹里的一个 Markdown 文件，文件名以它在本期中的顺序开头，如 01-xxx.md、02-xxx.md。文件开头两条横线之间是标题、来源等信息；正文的段落之间空一行，印出时首行自动缩进两字。

## 一、标题的写法

一级标题在行首写两个井号和一个空格，编号由编辑自己写，工具不会重新编号。下一级标题依次写三个、四个、五个井号，编号写作（一）、1．和（1）。

### （一）段首加粗的引语

**一是加粗的引语。**把一句话放在两对星号之间，它就印成黑体，常用于一是、二是这样的段首。

## 二、列表、表格和注释

- 列表的每一项以短横线和空格开头；
- 有序的列表以数字、句点和空格开头。

表1 表格的写法

| 项目 | 数量 |
|---|--:|
| 高新技术企业 | 20 家 |
| 市级以上研发平台 | 200 个 |

注释的标记写在句中[^1]，注释的内容写在文章末尾。

> 引用的文字以大于号开头，印成楷体（如果配置了楷体）。

写好以后，运行 bulletin check 检查标点和重复，运行 bulletin build 排版。请删除本文，换上本期的文章。

[^1]: 注释按篇编号，印在引用它的那一页的页脚。
`;

export interface NewIssue {
  dir: string;
  from: string;
  number: number;
  total?: number;
  date: string;
}

/**
 * Makes the next issue after the latest in `archive` (or in `dir`'s parent), in `dir` or in
 * the folder of the month after the latest. Throws with a message an editor can act on.
 */
export function startNextIssue(target: string | undefined, archive = 'issues'): NewIssue {
  const parent = target ? dirname(target) : archive;
  const folders = issueFolders(parent);
  if (!folders.length) throw new TextError(t('new.nothing', { dir: parent }));
  const latest = folders[folders.length - 1];
  const dir = target ?? join(parent, nextMonth(basename(latest)));
  const name = basename(dir);
  const m = ISSUE_FOLDER.exec(name);
  if (!m) throw new TextError(t('new.bad-name', { dir }));
  if (existsSync(dir) && readdirSync(dir).length) throw new TextError(t('new.taken', { dir }));
  if (folders.some((f) => basename(f) >= name))
    throw new TextError(t('new.not-after', { dir, latest: basename(latest) }));
  // The latest issue's own file, edited: comments, order and quoting stay as its editors wrote them.
  const doc = parseDocument(readFileSync(join(latest, 'issue.yaml'), 'utf8'));
  const year = Number(m[1]);
  const lastYear = Number(doc.get('year'));
  const number = year === lastYear ? Number(doc.get('number')) + 1 : 1;
  const date = lastWeekday(year, Number(m[2]));
  doc.set('year', year);
  doc.set('number', number);
  doc.set('date', date);
  const total = doc.has('total') ? Number(doc.get('total')) + 1 : undefined;
  if (total !== undefined) doc.set('total', total);
  // The latest issue's heading comment names that issue: this one gets its own.
  const first = (doc.contents as { items?: { key?: { commentBefore?: string | null } }[] } | null)?.items?.[0]?.key;
  if (first?.commentBefore) first.commentBefore = null;
  doc.commentBefore = ` 《${String(doc.get('title'))}》${year} 年第 ${number} 期 — started by bulletin new from ${basename(latest)}; the date is the month's last weekday: change it to the day it is issued`;
  const tmp = join(dirname(dir), `.${name}.new-${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(join(tmp, 'articles'), { recursive: true });
    writeFileSync(join(tmp, 'issue.yaml'), String(doc));
    writeFileSync(join(tmp, 'articles', EXAMPLE_NAME), EXAMPLE);
    if (existsSync(dir)) rmSync(dir, { recursive: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { dir, from: latest, number, total, date };
}
