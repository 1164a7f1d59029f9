// What a warm build reuses, and that reusing it changes nothing: an edit of one article sets
// only that article again (pipeline/blocks-cache.ts), pages whose fonts' CID tables stand as
// before are replayed without a glyph looked up and their compressed streams reused
// (render/page-cache.ts), fonts not parsed again and unchanged CMaps written as they were
// (render/pdfkit-internals.ts) — and the PDF and the diagnostics are those of a build in a fresh
// process (the compiled library, lib/, as the e2e tests run the bundle).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type Diagnostic } from '../../src/index.js';
import { blocksCacheStats } from '../../src/pipeline/blocks-cache.js';
import { pageCacheStats } from '../../src/render/page-cache.js';
import { fontReuseStats } from '../../src/render/pdfkit-internals.js';
import { ROOT } from '../helpers/build.js';

const said = (ds: Diagnostic[]) => ds.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}:${d.col} ${d.message}`);

/** The PDF's sha256 and the diagnostics of a build in a fresh process. */
function cold(dir: string): { sha: string; said: string[] } {
  const script = `const m = await import(${JSON.stringify(join(ROOT, 'lib', 'index.js'))});
const r = await m.build(${JSON.stringify(dir)}, { root: ${JSON.stringify(ROOT)}, draft: true });
const { createHash } = await import('node:crypto');
process.stdout.write(JSON.stringify({ sha: createHash('sha256').update(r.pdf).digest('hex'),
  said: r.diagnostics.map((d) => d.severity + ' ' + d.code + ' ' + d.file + ':' + d.line + ':' + d.col + ' ' + d.message) }));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { maxBuffer: 64 * 1024 * 1024 }).toString(),
  ) as { sha: string; said: string[] };
}

describe('warm builds reuse', () => {
  it(
    "an unchanged article's blocks and unchanged pages, with the bytes and diagnostics of a cold build",
    { timeout: 300_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'bulletin-reuse-'));
      cpSync(join(ROOT, 'issues', '2023-06'), dir, { recursive: true });
      const articles = readdirSync(join(dir, 'articles')).filter((f) => f.endsWith('.md'));
      const warm = async (label: string) => {
        const blocks = { ...blocksCacheStats };
        const pages = { ...pageCacheStats };
        const r = await build(dir, { root: ROOT, draft: true });
        const c = cold(dir);
        expect(createHash('sha256').update(r.pdf).digest('hex'), `${label}: the bytes of a cold build`).toBe(c.sha);
        expect(said(r.diagnostics), `${label}: the diagnostics of a cold build`).toEqual(c.said);
        return {
          set: blocksCacheStats.set - blocks.set,
          reused: blocksCacheStats.reused - blocks.reused,
          quick: pageCacheStats.quick - pages.quick,
          unzipped: pageCacheStats.unzipped - pages.unzipped,
          patched: pageCacheStats.patched - pages.patched,
          pages: r.layout.display.pages.length,
          diagnostics: r.diagnostics,
        };
      };
      await warm('first');
      const file = join(dir, 'articles', '05-yichang-yanfa-pingtai.md');
      const text = readFileSync(file, 'utf8');
      // An edit that prints nothing new (a blank line at the end): the fonts are not parsed
      // again and their ToUnicode CMaps are last time's (render/pdfkit-internals.ts).
      const fonts = { ...fontReuseStats };
      writeFileSync(file, `${text}\n`);
      const blank = await warm('a blank line added');
      expect(blank.set).toBe(1);
      expect(fontReuseStats.parsed - fonts.parsed).toBeGreaterThan(0);
      expect(fontReuseStats.cmaps - fonts.cmaps).toBeGreaterThan(0);
      writeFileSync(file, text);
      const para = text.indexOf('\n\n', text.indexOf('\n---', 3) + 4) + 2;
      writeFileSync(file, `${text.slice(0, para)}（改）${text.slice(para)}`);
      const edited = await warm('the last article edited');
      expect(edited.set).toBe(1);
      expect(edited.reused).toBe(articles.length - 1);
      // The pages before the last article's: their fonts' tables as before, no glyph looked up, nothing compressed.
      expect(edited.quick).toBeGreaterThan(0);
      expect(edited.unzipped).toBeGreaterThan(0);

      // A character no font has: that article is set (and reported) every time, the others kept.
      const other = join(dir, 'articles', '03-meishan-chuangxin.md');
      const otherText = readFileSync(other, 'utf8');
      writeFileSync(other, otherText.replace('。', '\u{F0000}。'));
      // (the second time, another article's edit makes the build; that one's set again too)
      for (const [label, sets] of [
        ['a character no font has', 1],
        ['another article edited', 2],
      ] as const) {
        if (sets === 2) writeFileSync(file, `${text.slice(0, para)}（再改）${text.slice(para)}`);
        const r = await warm(label);
        const missing = r.diagnostics.filter(
          (d) => d.code === 'glyph-missing' && d.file.endsWith('03-meishan-chuangxin.md'),
        );
        expect(missing.length, label).toBeGreaterThan(0);
        expect(r.set, label).toBe(sets);
      }
      writeFileSync(other, otherText);
      writeFileSync(file, text);
      const back = await warm('both restored');
      expect(back.set).toBe(2);

      // A glyph no page drew before, on the first article's page: CIDs are stable (a glyph's
      // own id, subset.ts), so no later page's CIDs move, and every page but the edited one
      // (and the contents, should its page number move) is last time's compressed stream.
      const first = join(dir, 'articles', '01-zhejiang-quzhou.md');
      const firstText = readFileSync(first, 'utf8');
      writeFileSync(first, firstText.replace('。', '，龘。'));
      const renumbered = await warm('a new glyph near the start');
      expect(renumbered.patched).toBe(0);
      expect(renumbered.unzipped).toBeGreaterThanOrEqual(renumbered.pages - 2);
      writeFileSync(first, firstText);
      await warm('the first article restored');

      // Another template: nothing kept is reused.
      writeFileSync(
        join(dir, 'issue.yaml'),
        `${readFileSync(join(dir, 'issue.yaml'), 'utf8').replace(/^template:.*\n/m, '')}template: gongwen\n`,
      );
      const other2 = await warm('another template');
      expect(other2.reused).toBe(0);
    },
  );
});
