// The archive: build manifests (build.json) written when asked or missing, reprints held
// against them, the same bytes from any folder, time zone and locale, build --all, and new.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeManifest, MANIFEST } from '../../src/archive/manifest.js';
import { compare, unavailable } from '../../src/archive/reprint.js';
import { build, VERSION } from '../../src/index.js';
import { checkIssue } from '../../src/index.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

const BIN = join(ROOT, 'bin', 'bulletin.js');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A folder holding issues/<name> copies of the sample, without its record. */
function archive(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-archive-'));
  for (const n of names) {
    cpSync(SAMPLE, join(dir, 'issues', n), { recursive: true });
    rmSync(join(dir, 'issues', n, MANIFEST), { force: true });
  }
  return dir;
}

describe('the build manifest and bulletin reprint', () => {
  it('is written by a build when the issue has none, kept by an ordinary build, rewritten by --record', () => {
    const cwd = archive(['2023-06']);
    const issue = join(cwd, 'issues', '2023-06');
    const first = run(['build', 'issues/2023-06'], cwd);
    expect(first.code).toBe(0);
    expect(first.out).toContain('issues/2023-06/build.json: recorded');
    const record = JSON.parse(readFileSync(join(issue, MANIFEST), 'utf8'));
    const pdf = readFileSync(join(cwd, 'dist', '2023-06.pdf'));
    expect(record.pdf.bytes).toBe(pdf.length);
    expect(record.pages).toHaveLength(9);
    expect(record.inputs.map((i: { path: string }) => i.path)).toEqual([
      'articles/01-zhejiang-quzhou.md',
      'articles/02-xian-chengguo-zhuanhua.md',
      'articles/03-meishan-chuangxin.md',
      'articles/04-huainan-kechuang.md',
      'articles/05-yichang-yanfa-pingtai.md',
      'issue.yaml',
    ]);
    expect(record.template.files.map((f: { path: string }) => f.path)).toEqual(['templates/default/template.yaml']);
    expect(record.template.options['body.size']).toBe(12);
    // The fonts the pages draw with, and only those.
    expect(record.fonts.map((f: { role: string }) => f.role)).toEqual([
      'sans-bold',
      'serif',
      'serif-black',
      'serif-bold',
    ]);
    expect(record.tool.bulletin).toBe(VERSION);
    const text = readFileSync(join(issue, MANIFEST), 'utf8');
    appendFileSync(join(issue, 'articles', '03-meishan-chuangxin.md'), '\n补记一句。\n');
    const again = run(['build', 'issues/2023-06'], cwd);
    expect(again.code).toBe(0);
    expect(readFileSync(join(issue, MANIFEST), 'utf8')).toBe(text);
    // The reprint names the article and the pages.
    const reprint = run(['reprint', 'issues/2023-06'], cwd);
    expect(reprint.code).toBe(1);
    expect(reprint.out).toContain('issues/2023-06: differs from its record');
    expect(reprint.out).toMatch(/articles\/03-meishan-chuangxin\.md: changed \(sha256 [0-9a-f]{12}… → [0-9a-f]{12}…\)/);
    expect(reprint.out).toMatch(/pages? that differs?: 6/);
    expect(reprint.out).not.toContain('bulletin:');
    const recorded = run(['build', 'issues/2023-06', '--record'], cwd);
    expect(recorded.out).toContain('build.json: recorded');
    expect(readFileSync(join(issue, MANIFEST), 'utf8')).not.toBe(text);
    const same = run(['reprint', 'issues/2023-06'], cwd);
    expect(same.code).toBe(0);
    expect(same.out).toMatch(
      /^issues\/2023-06: identical to its record — 9 pages, PDF sha256 [0-9a-f]{16}…, made by bulletin 0\.1\.0\n/,
    );
  });

  it('gives the same bytes, and the same record, in another folder, time zone and locale', () => {
    const a = archive(['2023-06']);
    const b = archive(['2023-06']);
    const ra = run(['build', 'issues/2023-06'], a, { TZ: 'Asia/Shanghai', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' });
    const rb = run(['build', join(b, 'issues', '2023-06'), '-o', join(b, 'out', 'x.pdf')], tmpdir(), {
      TZ: 'America/Los_Angeles',
      LANG: 'C',
      LC_ALL: 'C',
    });
    expect(ra.code).toBe(0);
    expect(rb.code).toBe(0);
    expect(readFileSync(join(a, 'dist', '2023-06.pdf')).equals(readFileSync(join(b, 'out', 'x.pdf')))).toBe(true);
    expect(readFileSync(join(a, 'issues', '2023-06', MANIFEST), 'utf8')).toBe(
      readFileSync(join(b, 'issues', '2023-06', MANIFEST), 'utf8'),
    );
    // …and the sample's committed record is this build's.
    expect(JSON.parse(readFileSync(join(a, 'issues', '2023-06', MANIFEST), 'utf8')).inputs).toEqual(
      JSON.parse(readFileSync(join(SAMPLE, MANIFEST), 'utf8')).inputs,
    );
  });

  it('names a changed font and an edited template option, and --strict refuses when they are gone', async () => {
    // A project root of its own: the default template and the font manifest copied, the rest linked.
    const root = mkdtempSync(join(tmpdir(), 'bulletin-root-'));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    cpSync(join(ROOT, 'templates', 'default'), join(root, 'templates', 'default'), { recursive: true });
    mkdirSync(join(root, 'fonts', 'local'), { recursive: true });
    cpSync(join(ROOT, 'fonts', 'fonts.yaml'), join(root, 'fonts', 'fonts.yaml'));
    const before = await build(SAMPLE, { root, check: false });
    const record = makeManifest(before, root, VERSION);
    expect(compare(record, makeManifest(await build(SAMPLE, { root, check: false }), root, VERSION))).toEqual([]);
    expect(unavailable(record, root)).toEqual([]);

    // The body font "updated": another file for the role (the same outlines, a byte more).
    const serif = join(
      ROOT,
      'node_modules',
      '@expo-google-fonts',
      'noto-serif-sc',
      '400Regular',
      'NotoSerifSC_400Regular.ttf',
    );
    writeFileSync(join(root, 'fonts', 'local', 'serif.ttf'), Buffer.concat([readFileSync(serif), Buffer.alloc(4)]));
    const yaml = readFileSync(join(root, 'fonts', 'fonts.yaml'), 'utf8');
    writeFileSync(
      join(root, 'fonts', 'fonts.yaml'),
      yaml.replace(/(serif:\n\s+file: )\S+\n\s+sha256: \S+/, '$1fonts/local/serif.ttf'),
    );
    // The folio's format edited in the template.
    const tpl = join(root, 'templates', 'default', 'template.yaml');
    writeFileSync(tpl, readFileSync(tpl, 'utf8').replace('format: "— {n} —"', 'format: "- {n} -"'));
    const diffs = compare(record, makeManifest(await build(SAMPLE, { root, check: false }), root, VERSION)).map(
      (d) => d.what,
    );
    expect(diffs).toContain('template option folio.format: "— {n} —" → "- {n} -"');
    expect(diffs.find((d) => d.startsWith('templates/default/template.yaml: changed'))).toBeDefined();
    expect(
      diffs.find((d) =>
        d.startsWith(
          'font serif: node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf → fonts/local/serif.ttf (sha256',
        ),
      ),
    ).toBeDefined();
    expect(diffs).toContain('fonts/fonts.yaml: changed (font roles or files re-assigned)');
    // Every page draws with the body font: every page differs.
    expect(diffs).toContain('pages that differ: 1–9');
    expect(diffs.find((d) => d.startsWith('input'))).toBeUndefined();
    // What --strict refuses on: the recorded template is not there as recorded; put the font's
    // recorded file out of reach and it says that too.
    expect(unavailable(record, root)).toEqual([
      expect.stringMatching(/^template file templates\/default\/template\.yaml is not the one recorded/),
    ]);
    const moved = {
      ...record,
      fonts: record.fonts.map((f) => (f.role === 'serif' ? { ...f, file: 'fonts/local/gone.ttf' } : f)),
    };
    expect(unavailable(moved, root)).toContain('font serif (fonts/local/gone.ttf) is missing');
  });

  it('--strict refuses on the command line, and a reprint without a record says how to make one', () => {
    const cwd = archive(['2023-06']);
    const none = run(['reprint', 'issues/2023-06'], cwd);
    expect(none.code).toBe(1);
    expect(none.err).toContain('no build.json to compare with (record one with bulletin build --record issues/2023-06');
    run(['build', 'issues/2023-06', '-q'], cwd);
    const file = join(cwd, 'issues', '2023-06', MANIFEST);
    const m = JSON.parse(readFileSync(file, 'utf8'));
    m.fonts[0].file = 'fonts/local/FZXBSJW.TTF';
    writeFileSync(file, JSON.stringify(m, null, 2));
    const strict = run(['reprint', 'issues/2023-06', '--strict'], cwd);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(
      '--strict: not reprinted, because what printed it is no longer here:\n  font sans-bold (fonts/local/FZXBSJW.TTF) is missing',
    );
    expect(existsSync(join(cwd, 'dist', '2023-06.pdf'))).toBe(true); // the build's, untouched by the refusal
  });
});

describe('bulletin build --all', () => {
  it('builds every issue, one broken issue failing alone; then skips what has not changed', () => {
    const cwd = archive(['2023-04', '2023-05', '2023-06']);
    for (const [n, d] of [
      ['4', '2023-04-28'],
      ['5', '2023-05-31'],
    ]) {
      const f = join(cwd, 'issues', `2023-0${n}`, 'issue.yaml');
      writeFileSync(f, readFileSync(f, 'utf8').replace('number: 6', `number: ${n}`).replace('2023-06-30', d));
    }
    writeFileSync(
      join(cwd, 'issues', '2023-05', 'articles', '09-huai.md'),
      '---\ntitle: 坏的一篇\n---\n\n![图](images/none.png)\n',
    );
    const first = run(['build', '--all', '--jobs', '2'], cwd);
    expect(first.code).toBe(1);
    expect(first.out).toContain('2023-04: built, 9 pages');
    expect(first.out).toContain('2023-06: built, 9 pages');
    expect(first.out).toMatch(/3 issues: 2 built, 0 skipped, 1 failed, [\d.]+ s/);
    expect(first.err).toContain('2023-05: FAILED (1 error)');
    expect(first.err).toContain(
      '  2023-05: issues/2023-05/articles/09-huai.md:5:1: error: image file "images/none.png" not found',
    );
    // The PDFs are what a single build makes.
    const single = run(['build', 'issues/2023-06', '-o', 'single.pdf', '-q'], cwd);
    expect(single.code).toBe(0);
    expect(readFileSync(join(cwd, 'dist', '2023-06.pdf')).equals(readFileSync(join(cwd, 'single.pdf')))).toBe(true);
    expect(existsSync(join(cwd, 'issues', '2023-04', MANIFEST))).toBe(true);

    rmSync(join(cwd, 'issues', '2023-05', 'articles', '09-huai.md'));
    appendFileSync(join(cwd, 'issues', '2023-04', 'articles', '01-zhejiang-quzhou.md'), '\n补记一句。\n');
    const second = run(['build', '--all'], cwd);
    expect(second.code).toBe(0);
    expect(second.out).toContain('2023-06: skipped (unchanged)');
    expect(second.out).toContain('2023-04: built');
    expect(second.out).toMatch(/3 issues: 2 built, 1 skipped, 0 failed/);
    // A PDF removed from dist/ is built again.
    rmSync(join(cwd, 'dist', '2023-06.pdf'));
    const third = run(['build', '--all', '-q'], cwd);
    expect(third.out).toMatch(/^3 issues: 1 built, 2 skipped, 0 failed/);
    expect(run(['build', '--all', 'nowhere'], cwd).code).toBe(1);
    expect(run(['build', '--all', '--jobs', '0'], cwd).code).toBe(2);
  });
});

describe('bulletin new', () => {
  it('starts the next issue from the latest: number, total, last weekday, masthead, an example article that checks clean', async () => {
    const cwd = archive(['2023-06']);
    const yaml = join(cwd, 'issues', '2023-06', 'issue.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8') + 'total: 58\n');
    const r = run(['new'], cwd);
    expect(r.code).toBe(0);
    expect(r.out).toContain('issues/2023-07: 第 7 期（总第 59 期）, dated 2023-07-31');
    const made = readFileSync(join(cwd, 'issues', '2023-07', 'issue.yaml'), 'utf8');
    expect(made).toContain(
      'title: 科技情报参考\nyear: 2023\nnumber: 7\ndate: 2023-07-31\npublisher: 呼和浩特市科学技术局综合保障中心\neditor: 李涛\nphone: "4366683"\ntotal: 59\n',
    );
    expect(made).not.toContain('第 6 期');
    const result = checkIssue(join(cwd, 'issues', '2023-07'), { root: ROOT });
    expect(result.findings).toEqual([]);
    const built = await build(join(cwd, 'issues', '2023-07'), { root: ROOT, check: false });
    expect(built.pages).toBeGreaterThan(1);
    // A folder that holds files is never written into; December's next is January, 第 1 期.
    expect(run(['new', 'issues/2023-07'], cwd).code).toBe(1);
    const dec = archive(['2023-12']);
    const y = join(dec, 'issues', '2023-12', 'issue.yaml');
    writeFileSync(y, readFileSync(y, 'utf8').replace('number: 6', 'number: 12').replace('2023-06-30', '2023-12-29'));
    const jan = run(['new'], dec);
    expect(jan.out).toContain('issues/2024-01: 第 1 期, dated 2024-01-31');
    expect(run(['new'], mkdtempSync(join(tmpdir(), 'bulletin-empty-'))).code).toBe(1);
  });
});
