// Builds in one process reuse what earlier builds made (page content, checks, the whole result
// when nothing changed): after every kind of edit the bytes are those of a build in a fresh
// process. The fresh build runs the compiled library (lib/, `npm run build`), as the e2e
// tests run the bundle.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { pageCacheSize, pageCacheStats } from '../../src/render/page-cache.js';
import { ROOT } from '../helpers/build.js';

/** A project root of its own (templates and font manifest to edit; the font files linked). */
function projectRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-warm-root-'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  mkdirSync(join(root, 'fonts'));
  cpSync(join(ROOT, 'fonts', 'fonts.yaml'), join(root, 'fonts', 'fonts.yaml'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return root;
}

function coldBuild(dir: string, root: string): Buffer {
  const script = `const m = await import(${JSON.stringify(join(ROOT, 'lib', 'index.js'))}); const r = await m.build(${JSON.stringify(dir)}, { root: ${JSON.stringify(root)}, draft: true }); process.stdout.write(r.pdf);`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { maxBuffer: 256 * 1024 * 1024 });
}

describe('warm builds', () => {
  it(
    'give the bytes of a cold build after edits of text, a template key, a font and a picture',
    { timeout: 300_000 },
    async () => {
      const root = projectRoot();
      const dir = mkdtempSync(join(tmpdir(), 'bulletin-warm-issue-'));
      cpSync(join(ROOT, 'tests', 'fixtures', 'all-constructs'), dir, { recursive: true });
      const warm = async () => (await build(dir, { root, draft: true })).pdf;
      let last = await warm();
      expect(last.equals(coldBuild(dir, root))).toBe(true);
      // Unchanged: the same result.
      expect((await warm()).equals(last)).toBe(true);

      const step = async (label: string, edit: () => void) => {
        edit();
        const before = { ...pageCacheStats };
        const pdf = await warm();
        expect(pdf.equals(last), `${label}: the edit changes the PDF`).toBe(false);
        expect(pdf.equals(coldBuild(dir, root)), `${label}: same bytes as a cold build`).toBe(true);
        last = pdf;
        return { replayed: pageCacheStats.replayed - before.replayed, drawn: pageCacheStats.drawn - before.drawn };
      };
      const article = join(dir, 'articles', '02-niandu-baogao.md');
      const text = readFileSync(article, 'utf8');
      const para = text.indexOf('\n\n', text.indexOf('\n---', 3) + 4) + 2;
      // Text: one sentence more near the start of the last article; the pages before it are replayed.
      const pages = await step('text', () =>
        writeFileSync(article, `${text.slice(0, para)}这是新加的一句话，用来改变版面。${text.slice(para)}`),
      );
      expect(pages.replayed).toBeGreaterThan(0);
      expect(pages.drawn).toBeGreaterThan(0);
      // And back: the pages the edit changed are drawn again (the cache keeps the last two
      // renderings' pages), those with pictures too (drawn every time); the rest replayed.
      const back = await step('text restored', () => writeFileSync(article, text));
      const pictures = (await build(dir, { root, draft: true })).layout.display.pages.filter((p) =>
        p.items.some((it) => it.kind === 'image'),
      ).length;
      expect(pictures).toBeGreaterThan(0);
      expect(back.replayed).toBeGreaterThan(0);
      expect(back.drawn).toBeGreaterThanOrEqual(pictures);
      expect(back.drawn).toBeLessThanOrEqual(pages.drawn);
      // A template key: the body's colour.
      const template = join(root, 'templates', 'default', 'template.yaml');
      const yaml = readFileSync(template, 'utf8');
      const body = yaml.indexOf('\nbody:');
      expect(body).toBeGreaterThan(0);
      await step('template key', () =>
        writeFileSync(template, yaml.slice(0, body) + yaml.slice(body).replace('color: "#000000"', 'color: "#333333"')),
      );
      // Another: the text block lower on the page (every line moves, its text the same).
      const coloured = readFileSync(template, 'utf8');
      await step('template top', () => writeFileSync(template, coloured.replace(/^ {2}top: 80 /m, '  top: 86 ')));
      // A font: the bold role given another file (the manifest's sha256 then warns).
      const manifest = join(root, 'fonts', 'fonts.yaml');
      const fonts = readFileSync(manifest, 'utf8');
      await step('font', () =>
        writeFileSync(
          manifest,
          fonts.replace(
            'noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
            'noto-serif-sc/900Black/NotoSerifSC_900Black.ttf',
          ),
        ),
      );
      // A picture replaced by another.
      await step('picture', () => cpSync(join(dir, 'images', 'tall.png'), join(dir, 'images', 'chart.png')));
    },
  );

  it(
    'give the bytes of a cold build after edits of an article without pictures, its front matter and issue.yaml',
    { timeout: 300_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bulletin-warm-sample-'));
      cpSync(join(ROOT, 'issues', '2023-06'), dir, { recursive: true });
      const same = async (label: string) => {
        const pdf = (await build(dir, { root: ROOT, draft: true })).pdf;
        expect(pdf.equals(coldBuild(dir, ROOT)), label).toBe(true);
        return pdf;
      };
      const article = join(dir, 'articles', '03-meishan-chuangxin.md');
      const text = readFileSync(article, 'utf8');
      const first = await same('as it is');
      writeFileSync(article, text.replace('。', '，又加了一句。'));
      const edited = await same('a sentence added');
      expect(edited.equals(first)).toBe(false);
      writeFileSync(article, text.replace(/^title: (.*)$/m, 'title: $1（修订）'));
      expect((await same('the title changed')).equals(edited)).toBe(false);
      const yaml = join(dir, 'issue.yaml');
      writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^number: .*$/m, 'number: 7'));
      await same('issue.yaml changed');
      writeFileSync(article, text);
      await same('the article restored');
      // Many edits later, only the pages of the last two renderings are kept.
      for (let i = 0; i < 6; i++) {
        writeFileSync(article, text.replace('。', `，第${i}处改动。`));
        await build(dir, { root: ROOT, draft: true });
      }
      const pages = (await build(dir, { root: ROOT, draft: true })).pages;
      expect(pageCacheSize()).toBeLessThanOrEqual(2 * pages);
    },
  );
});
