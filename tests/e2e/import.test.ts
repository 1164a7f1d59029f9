// bulletin import, end to end: the seed text, the sample's own PDF (the round trip), the
// sample's text as a PDF viewer copies it, and a bulletin printed by another tool.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { checkIssue } from '../../src/index.js';
import { completeMeta, importFile } from '../../src/import/index.js';
import { writeIssue } from '../../src/import/write.js';
import { ROOT, SAMPLE } from '../helpers/build.js';
import { OTHER, otherBulletinPdf } from '../helpers/other-pdf.js';
import { pdfjsPages } from '../helpers/readers.js';

const BIN = join(ROOT, 'bin', 'bulletin.js');
const SEED = join(ROOT, 'tests', 'fixtures', 'import', 'seed-2023-06.txt');

function run(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const scratch = () => mkdtempSync(join(tmpdir(), 'bulletin-import-'));

/** An article file: its front matter's title and the Markdown below the front matter. */
function article(file: string): { title: string; body: string } {
  const text = readFileSync(file, 'utf8');
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
  return { title: /^title: (.*)$/m.exec(front)![1], body: body.trim() };
}

function articles(dir: string) {
  const d = join(dir, 'articles');
  return readdirSync(d)
    .sort()
    .map((n) => article(join(d, n)));
}

/** Blocks of an article's Markdown, spaces aside (a typed space lost at a line end prints the same). */
function blocks(body: string): string[] {
  return body.split(/\n\n+/).map((b) => b.replace(/[ \t]+/g, ''));
}

let samplePdf: Promise<Buffer> | undefined;
const sample = () => (samplePdf ??= build(SAMPLE, { root: ROOT, check: false }).then((r) => r.pdf));

async function importTo(file: string, dir: string, o: { keepDuplicates?: boolean } = {}) {
  const issue = await importFile(file, { ...o, folder: dir });
  const meta = completeMeta(issue, file, dir);
  writeIssue(issue, meta, dir, 'test');
  return issue;
}

describe('the seed text (one line per paragraph, as copied by hand)', () => {
  it('imports on the command line into the sample issue, the duplicate and the page-end joins reported', () => {
    const dir = join(scratch(), 'issues', '2023-06');
    const r = run(['import', SEED, '-o', dir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('5 articles written (1 printed twice, left out)');
    // What the original got wrong, and only that: 科研(管理)人员.
    expect(r.out).toContain('bulletin check: 0 errors, 1 warning (punct-width)');
    const lines = r.err.trim().split('\n');
    // The second printing of the Huainan article, said as check says it: both places.
    expect(lines.find((l) => l.includes('[import-duplicate]'))).toMatch(
      /^seed-2023-06\.txt:97 → .*04-anhui-huainan-sicuo\.md:2: warning: .*repeats the article at seed-2023-06\.txt:83, page 8 in the contents.*this one left out/,
    );
    // Page ends mended, each said with where it went (优 / 势 among them).
    const joins = lines.filter((l) => l.includes('[import-join]')).map((l) => /^seed-2023-06\.txt:(\d+)/.exec(l)![1]);
    expect(joins).toEqual(['27', '39', '51', '63', '71', '87', '95', '113']);
    expect(lines.find((l) => l.startsWith('seed-2023-06.txt:27 →'))).toContain(
      '01-zhejiang-jiaoyu-keji.md:12: note: joined 「…和企业需求优」 + 「势，助力浙大衢…」',
    );
    // Guesses: the title's space after 的, the unnumbered leads, the date.
    expect(
      lines
        .filter((l) => l.includes(': warning: '))
        .map((l) => /\[(.*)\]$/.exec(l)![1])
        .sort(),
    ).toEqual(['import-duplicate', 'import-lead', 'import-meta', 'import-title-space']);
    const got = articles(dir);
    const want = articles(SAMPLE);
    expect(got.map((a) => a.title)).toEqual(want.map((a) => a.title));
    // Every paragraph, heading and lead as the sample's editors wrote them.
    got.forEach((a, k) => expect(a.body).toBe(want[k].body));
    expect(readFileSync(join(dir, 'issue.yaml'), 'utf8')).toContain(
      'date: 2023-06-30\npublisher: 呼和浩特市科学技术局综合保障中心\neditor: 李涛\nphone: "4366683"\n',
    );
  });

  it('builds into the very PDF the sample builds into', async () => {
    const dir = join(scratch(), '2023-06');
    await importTo(SEED, dir);
    const rebuilt = await build(dir, { root: ROOT, check: false });
    expect(rebuilt.pdf.equals(await sample())).toBe(true);
  });

  it('keeps both printings when asked, and check then reports the duplicate', async () => {
    const dir = join(scratch(), '2023-06');
    const issue = await importTo(SEED, dir, { keepDuplicates: true });
    expect(issue.articles).toHaveLength(6);
    const result = checkIssue(dir, { root: ROOT, archive: 0 });
    expect(result.findings.filter((f) => f.code === 'dup-article')).toHaveLength(1);
    expect(result.findings.find((f) => f.code === 'dup-article')!.file).toMatch(/05-anhui-huainan-sicuo-2\.md$/);
  });

  it('never writes into a folder that holds files', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    const r = run(['import', SEED, '-o', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('already holds files; nothing written');
    expect(readdirSync(dir)).toEqual(['keep.txt']);
    expect(run(['import']).code).toBe(2);
    expect(run(['import', join(dir, 'nope.txt')]).code).toBe(1);
  });
});

describe('the round trip: build the sample, import its PDF, build again', () => {
  it('gives the same articles, titles, headings and paragraphs, and the same text layer on every page', async () => {
    const pdf = await sample();
    const from = join(scratch(), 'sample.pdf');
    writeFileSync(from, pdf);
    const dir = join(scratch(), '2023-06');
    const issue = await importTo(from, dir);
    expect(issue.notes.filter((n) => n.severity === 'warning')).toEqual([]);
    const got = articles(dir);
    const want = articles(SAMPLE);
    expect(got.map((a) => a.title)).toEqual(want.map((a) => a.title));
    got.forEach((a, k) => expect(blocks(a.body)).toEqual(blocks(want[k].body)));
    expect(readFileSync(join(dir, 'issue.yaml'), 'utf8')).toContain('date: 2023-06-30\n');
    const again = await build(dir, { root: ROOT, check: false });
    expect(await pdfjsPages(again.pdf)).toEqual(await pdfjsPages(pdf));
  });

  it('reads a draft (样稿 across every page) as the issue, the mark left out', async () => {
    const draft = await build(SAMPLE, { root: ROOT, check: false, draft: true });
    const from = join(scratch(), 'draft.pdf');
    writeFileSync(from, draft.pdf);
    const dir = join(scratch(), '2023-06');
    await importTo(from, dir);
    const got = articles(dir);
    const want = articles(SAMPLE);
    expect(got.map((a) => a.title)).toEqual(want.map((a) => a.title));
    got.forEach((a, k) => expect(blocks(a.body)).toEqual(blocks(want[k].body)));
  });

  it('reads the same issue from the text a PDF viewer copies (one line per printed line, folios, page breaks)', async () => {
    const pages = await pdfjsPages(await sample());
    const file = join(scratch(), 'copied.txt');
    writeFileSync(file, pages.join('\f'));
    const dir = join(scratch(), '2023-06');
    await importTo(file, dir);
    const got = articles(dir);
    const want = articles(SAMPLE);
    expect(got.map((a) => a.title)).toEqual(want.map((a) => a.title));
    // Plain text shows no bold: headings by their numbers, leads by 一是… and the shape of the
    // Huainan leads; the words are the sample's.
    got.forEach((a, k) => expect(blocks(a.body)).toEqual(blocks(want[k].body)));
  });
});

describe('a bulletin printed by another tool', () => {
  it('imports its masthead, contents, articles and colophon; folios and running heads gone; a paragraph across a page joined', async () => {
    const from = join(scratch(), 'keji-dongtai-2024-03.pdf');
    writeFileSync(from, await otherBulletinPdf());
    const root = scratch();
    const dir = join(root, 'issues', '2024-03');
    mkdirSync(join(root, 'issues'));
    const r = run(['import', from, '-o', dir]);
    expect(r.code).toBe(0);
    const yaml = readFileSync(join(dir, 'issue.yaml'), 'utf8');
    expect(yaml).toContain(
      'title: 科技动态\nyear: 2024\nnumber: 3\ndate: 2024-03-29\npublisher: 某市科学技术局\neditor: 王芳\nphone: "0471-6612345"\ntotal: 27\n',
    );
    expect(r.err).toContain(
      'warning: a colophon line issue.yaml has no place for, left out: 「报：市委办公室、市政府办公室」',
    );
    const got = articles(dir);
    expect(got.map((a) => a.title)).toEqual(OTHER.articles.map((a) => a.title));
    const first = readFileSync(join(dir, 'articles', readdirSync(join(dir, 'articles')).sort()[0]), 'utf8');
    expect(first).toContain('source: 市科技局办公室');
    OTHER.articles.forEach((a, k) => {
      const want = a.body.filter((p) => p !== '\f').map((p) => p.replace(/^## /, `## `));
      expect(blocks(got[k].body)).toEqual(blocks(want.join('\n\n')));
    });
    const text = got.map((a) => a.body).join('\n');
    expect(text).not.toMatch(/- \d+ -|科技动态　?2024年第3期/);
    // The imported issue builds, and check finds nothing the original did not have.
    const result = checkIssue(dir, { root: ROOT, archive: 0 });
    expect(result.errors).toBe(0);
    const built = await build(dir, { root: ROOT, check: false });
    expect(built.pages).toBeGreaterThan(1);
  });
});

describe("the archive's back issues", () => {
  it('are what bulletin import makes of their sources, and check clean', () => {
    for (const name of ['2023-04', '2023-05']) {
      const dir = join(scratch(), 'issues', name);
      const r = run(['import', join(ROOT, 'tests', 'fixtures', 'import', `archive-${name}.txt`), '-o', dir]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('bulletin check: 0 errors, 0 warnings');
      const kept = join(ROOT, 'issues', name);
      expect(readFileSync(join(dir, 'issue.yaml'), 'utf8')).toBe(readFileSync(join(kept, 'issue.yaml'), 'utf8'));
      const names = readdirSync(join(kept, 'articles')).sort();
      expect(readdirSync(join(dir, 'articles')).sort()).toEqual(names);
      for (const n of names)
        expect(readFileSync(join(dir, 'articles', n), 'utf8')).toBe(readFileSync(join(kept, 'articles', n), 'utf8'));
      // Each article cites where its text was found.
      for (const n of names)
        expect(readFileSync(join(kept, 'articles', n), 'utf8')).toMatch(/^# 原文：https?:\/\/\S+\nt/m);
    }
    expect(checkIssue(join(ROOT, 'issues', '2023-06'), { root: ROOT }).findings.map((f) => f.code)).toEqual([
      'punct-width',
    ]);
  });
});
