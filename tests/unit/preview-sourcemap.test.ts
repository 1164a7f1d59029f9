// Which page a diagnostic is about: the page the build put its source line on, checked
// against the text a reader finds on that page of the PDF.
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceMap } from '../../src/preview/sourcemap.js';
import type { Block } from '../../src/source/model.js';
import { buildAndRead, SAMPLE } from '../helpers/build.js';
import { squash } from '../helpers/pdf.js';

const text = (b: Block): string =>
  b.kind === 'para' || b.kind === 'heading' ? b.spans.map((s) => s.text).join('') : '';

describe('SourceMap on the sample issue', async () => {
  const { result, pdf } = await buildAndRead(SAMPLE);
  const map = new SourceMap(result.layout.sources, SAMPLE);
  const pageText = pdf.pages.map((p) => squash(p.text));

  it('puts every paragraph and heading on the page where its first words are printed', () => {
    let checked = 0;
    for (const a of result.layout.issue.articles) {
      for (const b of a.blocks) {
        const t = squash(text(b)).slice(0, 8);
        if (t.length < 4) continue;
        const page = map.pageOf(b.pos);
        expect(page, `${a.file}:${b.pos.line}`).toBeDefined();
        expect(pageText[page!], `${a.file}:${b.pos.line} "${t}" on page ${page! + 1}`).toContain(t);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('puts a place inside a paragraph, or in the blank line after it, on the page the paragraph starts', () => {
    const a = result.layout.issue.articles[1];
    const para = a.blocks.find((b) => b.kind === 'para' && text(b).length > 100)!;
    const at = map.pageOf(para.pos);
    expect(map.pageOf({ ...para.pos, col: para.pos.col + 60 })).toBe(at);
    const next = a.blocks[a.blocks.indexOf(para) + 1];
    if (next && next.pos.line > para.pos.line + 1)
      expect(map.pageOf({ ...para.pos, line: next.pos.line - 1, col: 1 })).toBe(at);
  });

  it("puts the front matter and the file as a whole on the article's first page, where its title is", () => {
    for (const a of result.layout.issue.articles) {
      const title = squash(a.meta.title).slice(0, 6);
      for (const pos of [{ file: a.file, line: 0, col: 0 }, { file: a.file, line: 1, col: 1 }, a.titlePos]) {
        expect(pageText[map.pageOf(pos)!]).toContain(title);
      }
    }
  });

  it("finds the page of the sample's own warning: 科研(管理)人员", () => {
    const w = result.diagnostics.find((d) => d.code === 'punct-width')!;
    expect(pageText[map.pageOf(w)!]).toContain('科研(管理)人员');
  });

  it('knows the file however its path is written, and the cover for issue.yaml', () => {
    const a = result.layout.issue.articles[2];
    const b = a.blocks[3];
    const page = map.pageOf(b.pos);
    expect(
      map.pageOf({ ...b.pos, file: relative(process.cwd(), `${SAMPLE}/articles/${a.file.split('/').pop()}`) }),
    ).toBe(page);
    expect(map.pageOf({ file: `${SAMPLE}/issue.yaml`, line: 3, col: 1 })).toBe(0);
    expect(map.pageOf({ file: 'templates/default/template.yaml', line: 3, col: 1 })).toBeUndefined();
  });
});
