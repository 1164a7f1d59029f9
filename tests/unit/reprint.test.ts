// Two build records compared: what a reprint names.
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/archive/manifest.js';
import { compare, ranges } from '../../src/archive/reprint.js';

const record = (): Manifest => ({
  format: 1,
  issue: '2023-06',
  tool: { bulletin: '0.1.0', pdfkit: '0.20.2', fontkit: '2.0.4', zlib: '1.3.1' },
  inputs: [
    { path: 'articles/01-a.md', sha256: 'a'.repeat(64) },
    { path: 'issue.yaml', sha256: 'b'.repeat(64) },
  ],
  template: {
    name: 'default',
    files: [{ path: 'templates/default/template.yaml', sha256: 'c'.repeat(64) }],
    options: { 'body.size': 12 },
  },
  fontsManifest: { path: 'fonts/fonts.yaml', sha256: 'd'.repeat(64) },
  fonts: [{ role: 'serif', file: 'node_modules/x/serif.ttf', sha256: 'e'.repeat(64), bytes: 100 }],
  pages: [1, 2, 3, 4].map((page) => ({ page, folio: page === 1 ? null : page, sha256: String(page).repeat(64) })),
  pdf: { sha256: 'f'.repeat(64), bytes: 1000 },
});

describe('compare', () => {
  it('finds nothing between a record and itself', () => {
    expect(compare(record(), record())).toEqual([]);
  });

  it('names the tool, an article added, a font file changed, the page count and the pages', () => {
    const now = record();
    now.tool.bulletin = '0.2.0';
    now.inputs.push({ path: 'articles/02-b.md', sha256: '9'.repeat(64) });
    now.fonts[0] = { ...now.fonts[0], sha256: '8'.repeat(64), bytes: 104 };
    now.pages[1].sha256 = 'x'.repeat(64);
    now.pages[2].sha256 = 'y'.repeat(64);
    now.pages.push({ page: 5, folio: 5, sha256: 'z'.repeat(64) });
    now.pdf = { sha256: '7'.repeat(64), bytes: 1200 };
    expect(compare(record(), now).map((d) => d.what)).toEqual([
      'articles/02-b.md: new (sha256 999999999999…)',
      'font serif (node_modules/x/serif.ttf): the file changed (sha256 eeeeeeeeeeee… → 888888888888…, 100 → 104 bytes)',
      'bulletin: 0.1.0 → 0.2.0',
      'pages: 4 → 5',
      'pages that differ: 2–3, 5',
      'PDF: sha256 ffffffffffff… → 777777777777… (1000 → 1200 bytes)',
    ]);
  });

  it('says when only the file differs and every page draws the same', () => {
    const now = record();
    now.pdf = { ...now.pdf, sha256: '0'.repeat(64) };
    expect(compare(record(), now).map((d) => d.what)).toEqual([
      'PDF: sha256 ffffffffffff… → 000000000000… (1000 → 1000 bytes); every page draws the same',
    ]);
  });

  it('writes page lists as ranges', () => {
    expect(ranges([1, 2, 3, 5, 7, 8])).toBe('1–3, 5, 7–8');
    expect(ranges([4])).toBe('4');
  });
});
