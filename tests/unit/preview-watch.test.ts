// The preview's file watching, on real files: every way an editor saves is seen — in place,
// atomically (a temporary file renamed over the article, from the same folder or another),
// vim's backup-and-write — and so are new folders, new and deleted files; editors' own
// temporary files are not a reason to rebuild.
import { mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileWatcher, isNoise } from '../../src/preview/watch.js';

let watcher: FileWatcher | null = null;
afterEach(() => watcher?.close());

function watched(targets: (dir: string) => ConstructorParameters<typeof FileWatcher>[0]) {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-watch-'));
  mkdirSync(join(dir, 'articles'));
  writeFileSync(join(dir, 'articles', '01-a.md'), '---\ntitle: A\n---\n\n正文。\n');
  writeFileSync(join(dir, 'issue.yaml'), 'title: x\n');
  const seen: string[] = [];
  const waiters: { test: (f: string) => boolean; resolve: () => void }[] = [];
  watcher = new FileWatcher(targets(dir), (file) => {
    seen.push(file);
    for (const w of [...waiters]) if (w.test(file)) waiters.splice(waiters.indexOf(w), 1) && w.resolve();
  });
  watcher.start();
  /** Resolves when a change to `file` is reported (fails the test after 10 s without one). */
  const sees = (file: string) =>
    new Promise<void>((resolve, reject) => {
      if (seen.includes(file)) return resolve();
      const timer = setTimeout(
        () => reject(new Error(`no change reported for ${file}; saw ${JSON.stringify(seen)}`)),
        10_000,
      );
      waiters.push({ test: (f) => f === file, resolve: () => (clearTimeout(timer), resolve()) });
    });
  return { dir, seen, sees };
}

/** Waits until `cond` holds (the watcher's rescan runs on its own timer). */
async function until(cond: () => boolean, what: string) {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!cond()) throw new Error(`never happened: ${what}`);
}

const issue = () => watched((dir) => [{ dir, recursive: true }]);

describe('FileWatcher', () => {
  it('sees a save in place', async () => {
    const { dir, sees } = issue();
    const file = join(dir, 'articles', '01-a.md');
    writeFileSync(file, '---\ntitle: B\n---\n');
    await sees(file);
  });

  it('sees an atomic save: a temporary file in the same folder renamed over the article', async () => {
    const { dir, sees } = issue();
    const file = join(dir, 'articles', '01-a.md');
    writeFileSync(`${file}.tmp.123`, '---\ntitle: C\n---\n');
    renameSync(`${file}.tmp.123`, file);
    await sees(file);
  });

  it('sees an atomic save whose temporary file was written in another folder', async () => {
    const { dir, sees } = issue();
    const file = join(dir, 'articles', '01-a.md');
    const tmp = join(dir, 'scratch.tmp');
    writeFileSync(tmp, '---\ntitle: D\n---\n');
    renameSync(tmp, file);
    await sees(file);
  });

  it('keeps seeing the file after several atomic saves (the watch is on the folder, not the replaced file)', async () => {
    const { dir, seen, sees } = issue();
    const file = join(dir, 'articles', '01-a.md');
    for (let i = 0; i < 3; i++) {
      seen.length = 0;
      writeFileSync(`${file}.swp`, `---\ntitle: E${i}\n---\n`);
      renameSync(`${file}.swp`, file);
      await sees(file);
    }
  });

  it("sees vim's save: the original renamed to a backup, a new file written", async () => {
    const { dir, sees } = issue();
    const file = join(dir, 'articles', '01-a.md');
    renameSync(file, `${file}~`);
    writeFileSync(file, '---\ntitle: F\n---\n');
    unlinkSync(`${file}~`);
    await sees(file);
  });

  it('watches a folder made after it started, and sees new and deleted files', async () => {
    const { dir, sees } = issue();
    mkdirSync(join(dir, 'images'));
    await sees(join(dir, 'images'));
    await until(() => watcher!.folders.includes(join(dir, 'images')), 'images/ watched');
    const pic = join(dir, 'images', 'chart.png');
    writeFileSync(pic, 'png');
    await sees(pic);
    unlinkSync(join(dir, 'articles', '01-a.md'));
    await sees(join(dir, 'articles', '01-a.md'));
  });

  it("does not report editors' temporary and backup files", async () => {
    const { dir, seen, sees } = issue();
    const a = join(dir, 'articles');
    for (const n of [
      '.01-a.md.swp',
      '01-a.md~',
      '4913',
      '#01-a.md#',
      '01-a.md.tmp',
      '.DS_Store',
      '01-a.md___jb_tmp___',
    ])
      writeFileSync(join(a, n), 'x');
    const file = join(a, '01-a.md');
    writeFileSync(file, '---\ntitle: G\n---\n');
    await sees(file);
    // Events come in order: the real save's arrived, so any noise would have come before it.
    expect(seen.every((f) => f === file)).toBe(true);
  });

  it('reports only the names a target accepts (fonts/: only fonts.yaml)', async () => {
    const { dir, seen, sees } = watched((d) => [{ dir: d, recursive: false, accept: (n) => n === 'issue.yaml' }]);
    writeFileSync(join(dir, 'other.ttf'), 'x');
    writeFileSync(join(dir, 'issue.yaml'), 'title: y\n');
    await sees(join(dir, 'issue.yaml'));
    expect(seen.every((f) => f.endsWith('issue.yaml'))).toBe(true);
    // Not recursive: its subfolders are not watched.
    expect(watcher!.folders).toEqual([dir]);
  });

  it('lets a deleted folder go, and takes it up again when it comes back', async () => {
    const { dir, sees } = issue();
    const articles = join(dir, 'articles');
    rmSync(articles, { recursive: true });
    await sees(articles);
    await until(() => !watcher!.folders.includes(articles), 'articles/ let go');
    mkdirSync(articles);
    await until(() => watcher!.folders.includes(articles), 'articles/ watched again');
    writeFileSync(join(articles, '02-b.md'), 'x');
    await sees(join(articles, '02-b.md'));
  });
});

describe('isNoise', () => {
  it('tells temporary files from inputs', () => {
    for (const n of ['.x.swp', 'x.md~', '4913', 'x.tmp', '#x.md#', 'x.md.crswap', '.git'])
      expect(isNoise(n), n).toBe(true);
    for (const n of ['01-a.md', 'issue.yaml', 'chart.png', 'template.yaml', '图1.jpg'])
      expect(isNoise(n), n).toBe(false);
  });
});
