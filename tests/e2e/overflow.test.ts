// Nothing runs off the page, read back from the PDF: a table row three pages tall split twice
// under its repeated header, a footnote of forty lines continued at the next page's foot, a
// table of eight long-worded columns in a quote three deep set small, and the guard stopping
// a build whose table header is taller than the page.
import { describe, expect, it } from 'vitest';
import { build, InputError } from '../../src/index.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { loadTemplate } from '../../src/template/load.js';
import { frameOf } from '../../src/template/model.js';
import { issueWith, ROOT } from '../helpers/build.js';
import { drawings } from '../helpers/drawing.js';
import { readPdf, squash, type PdfChar, type PdfPage } from '../helpers/pdf.js';

const FRAME = frameOf(loadTemplate(ROOT, 'default', new Diagnostics())!);
const BOTTOM = FRAME.top + FRAME.height;
const RIGHT = FRAME.left + FRAME.width;

/** The line of the file (1-based) where `text` first appears. */
function lineOf(md: string, text: string): number {
  return md.slice(0, md.indexOf(text)).split('\n').length;
}

/** A character inside the text block (its baseline and box; a hung mark may reach an em into the margin). */
function inBlock(c: PdfChar): boolean {
  return (
    c.y <= BOTTOM + 0.5 &&
    c.y - 0.88 * c.size >= FRAME.top - 0.5 &&
    c.x0 >= FRAME.left - c.size &&
    c.x1 <= RIGHT + c.size
  );
}

/** Page text without folios, squashed. */
function pageText(p: PdfPage): string {
  return squash(
    p.lines
      .filter((l) => l.y < BOTTOM + 1)
      .map((l) => l.text)
      .join(''),
  );
}

describe('a table row three pages tall', async () => {
  const sentences = Array.from({ length: 190 }, (_, k) => `第${k + 1}句说明这一项工作的具体内容和进展情况，`).join('');
  const md = `前面的一段文字。\n\n表1 一项很长的说明\n\n| 项目 | 说明 |\n|--|--|\n| 甲 | ${sentences} |\n| 乙 | 短 |\n\n后面的一段文字。`;
  const { dir } = issueWith(md);
  const result = await build(dir, { root: ROOT });
  const pdf = readPdf(result.pdf);
  const strokes = drawings(pdf.doc);
  const rowPages = pdf.pages
    .map((p, i) => (p.chars.some((c) => c.c === '句' && c.size === 10.5) ? i : -1))
    .filter((i) => i >= 0);

  it('builds with no warning about it', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error' || /table|page|layout/.test(d.code))).toEqual([]);
  });

  it('is split twice: its pieces on three pages, each under 续表1 and the header but the first', () => {
    expect(rowPages).toHaveLength(3);
    expect(rowPages[2] - rowPages[0]).toBe(2);
    for (const i of rowPages.slice(1)) {
      const lines = pdf.pages[i].lines;
      expect(squash(lines[0].text)).toBe('续表1');
      expect(squash(lines[1].text)).toBe('项目说明');
    }
    expect(pageText(pdf.pages[rowPages[0]])).toContain('表1一项很长的说明项目说明甲第1句');
  });

  it('keeps its text complete and in order, every character inside the text block', () => {
    const text = rowPages.map((i) => pageText(pdf.pages[i]).replace(/^续表1项目说明/, '')).join('');
    const from = text.indexOf('第1句');
    expect(text.slice(from, from + squash(sentences).length)).toBe(squash(sentences));
    for (const i of rowPages)
      for (const c of pdf.pages[i].chars.filter((x) => x.size === 10.5))
        expect(inBlock(c), `${c.c} on page ${i + 1}`).toBe(true);
    // the next row follows the last piece
    expect(pageText(pdf.pages[rowPages[2]])).toMatch(/第190句说明这一项工作的具体内容和进展情况，乙短/);
  });

  it("closes each piece with the table's thick rule, inside the text block, below its last line", () => {
    for (const i of rowPages) {
      const lastLine = Math.max(...pdf.pages[i].chars.filter((c) => c.size === 10.5).map((c) => c.y));
      const thick = strokes[i].strokes.filter(
        (s) => Math.abs(s.width - 1) < 0.01 && Math.abs(s.y1 - s.y2) < 0.01 && s.y1 > lastLine,
      );
      expect(thick.length, `page ${i + 1}`).toBeGreaterThanOrEqual(1);
      expect(Math.min(...thick.map((s) => s.y1))).toBeLessThanOrEqual(BOTTOM + 0.5);
      expect(Math.min(...thick.map((s) => s.y1)) - lastLine).toBeLessThan(16);
    }
  });
});

describe('a footnote of forty lines', async () => {
  const note = Array.from({ length: 330 }, (_, k) => `注释第${k + 1}句，`).join('') + '注释完。';
  const para = '科技创新是提高社会生产力和综合国力的战略支撑，必须摆在国家发展全局的核心位置。'.repeat(12);
  const md = `${para}\n\n这一段引用了一个很长的脚注[^long]，其后还有文字。\n\n${para}\n\n[^long]: ${note}`;
  const { dir } = issueWith(md);
  const result = await build(dir, { root: ROOT });
  const pdf = readPdf(result.pdf);
  const strokes = drawings(pdf.doc);
  const noteLines = pdf.pages.flatMap((p, i) => p.lines.filter((l) => l.size === 9).map((l) => ({ ...l, page: i })));
  const refPage = pdf.pages.findIndex((p) => p.chars.some((c) => c.c === '①' && c.size < 8));

  it('is forty lines and more', () => expect(noteLines.length).toBeGreaterThanOrEqual(40));

  it("begins at the foot of its reference's page and continues at the foot of the next", () => {
    expect(refPage).toBeGreaterThanOrEqual(1);
    expect(new Set(noteLines.map((l) => l.page))).toEqual(new Set([refPage, refPage + 1]));
    const here = noteLines.filter((l) => l.page === refPage);
    expect(here.length).toBeGreaterThanOrEqual(2);
    expect(squash(here[0].text).startsWith('①注释第1句')).toBe(true);
    expect(noteLines.filter((l) => l.page === refPage + 1).length).toBeGreaterThanOrEqual(2);
    // the reference line stays where the text put it: the page before is full
    const body = pdf.pages[refPage].lines.filter((l) => l.size === 12);
    expect(body.some((l) => squash(l.text).includes('这一段引用了一个很长的脚注'))).toBe(true);
  });

  it('keeps its text complete and in order, below the body and inside the text block', () => {
    expect(squash(noteLines.map((l) => l.text).join(''))).toBe(squash(`①${note}`));
    for (const page of [refPage, refPage + 1]) {
      const body = pdf.pages[page].lines.filter((l) => l.size === 12 && l.y < BOTTOM + 1);
      const notes = noteLines.filter((l) => l.page === page);
      expect(Math.max(...body.map((l) => l.y))).toBeLessThan(Math.min(...notes.map((l) => l.y)) - 9);
      for (const l of notes) for (const c of l.chars) expect(inBlock(c)).toBe(true);
      // the last note line sits at the foot of the text block
      expect(BOTTOM - Math.max(...notes.map((l) => l.y))).toBeLessThan(14);
      // a short rule above the notes on both pages
      const rule = strokes[page].strokes.filter(
        (s) => Math.abs(s.width - 0.5) < 0.01 && Math.abs(s.x2 - s.x1 - 0.25 * FRAME.width) < 0.5,
      );
      expect(rule).toHaveLength(1);
      expect(rule[0].y1).toBeLessThan(Math.min(...notes.map((l) => l.y)));
      expect(rule[0].y1).toBeGreaterThan(Math.max(...body.map((l) => l.y)));
    }
  });

  it('leaves the text after its reference to go on above it on the next page', () => {
    const text = pdf.pages
      .map((p) =>
        squash(
          p.lines
            .filter((l) => l.size === 12 && l.y < BOTTOM + 1)
            .map((l) => l.text)
            .join(''),
        ),
      )
      .join('');
    expect(text).toContain(squash(`这一段引用了一个很长的脚注，其后还有文字。${para}`));
  });
});

describe('eight columns of long words in a quote three deep', async () => {
  const words = [
    'internationalization',
    'characterization',
    'electroencephalography',
    'counterrevolutionary',
    'interdisciplinary',
    'telecommunications',
    'incomprehensibilities',
    'uncharacteristically',
  ];
  const rows = [words, [...words].reverse(), words.map((w, k) => words[(k + 3) % 8])];
  const table = rows
    .map((r, k) => `> > > | ${r.join(' | ')} |${k === 0 ? `\n> > > |${'--|'.repeat(8)}` : ''}`)
    .join('\n');
  const md = `> 引文一层\n>\n> > 引文二层\n> >\n> > > 引文三层\n> > >\n${table}`;
  const { dir, file } = issueWith(md);
  const result = await build(dir, { root: ROOT });
  const pdf = readPdf(result.pdf);
  const page = pdf.pages.find((p) => p.chars.some((c) => c.c === 'z'))!;
  const chars = page.chars.filter((c) => /[a-z]/.test(c.c));

  it("is set smaller, at the template's least size, with a warning at the table", () => {
    expect(new Set(chars.map((c) => c.size))).toEqual(new Set([9]));
    const w = result.diagnostics.filter((d) => d.code === 'table-narrow');
    expect(w).toHaveLength(1);
    expect(w[0].file).toBe(file);
    expect(w[0].line).toBe(lineOf(`---\ntitle: 测试文章\n---\n\n${md}`, '| internationalization'));
    expect(w[0].message).toMatch(/9 pt/);
  });

  it("keeps every word in its column, complete and in order, inside the quote's measure", () => {
    // Columns are told apart by the space between them.
    const byX = [...chars].sort((a, b) => a.x0 - b.x0);
    const columns: PdfChar[][] = [];
    let right = -Infinity;
    for (const c of byX) {
      if (c.x0 > right + 3) columns.push([]);
      columns[columns.length - 1].push(c);
      right = Math.max(right, c.x1);
    }
    expect(columns).toHaveLength(8);
    columns.forEach((col, k) => {
      const read = [...col]
        .sort((a, b) => a.y - b.y || a.x0 - b.x0)
        .map((c) => c.c)
        .join('');
      expect(read).toBe(rows.map((r) => r[k]).join(''));
      // no column narrower than one character of the table's size
      expect(Math.max(...col.map((c) => c.x1)) - Math.min(...col.map((c) => c.x0))).toBeGreaterThan(9 - 4);
    });
    const quoteLeft = FRAME.left + 6 * 12;
    const quoteRight = RIGHT - 6 * 12;
    for (const c of chars) {
      expect(c.x0).toBeGreaterThanOrEqual(quoteLeft - 0.5);
      expect(c.x1).toBeLessThanOrEqual(quoteRight + 0.5);
      expect(inBlock(c)).toBe(true);
    }
  });
});

describe('the guard', () => {
  it("stops a build whose table header is taller than the page, at the table's line", async () => {
    const huge = '很长的表头文字'.repeat(300);
    const md = `前面的一段文字。\n\n| 项目 | ${huge} |\n|--|--|\n| 甲 | 乙 |`;
    const { dir, file } = issueWith(md);
    let err: unknown;
    try {
      await build(dir, { root: ROOT });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const found = (err as InputError).diagnostics.filter((d) => d.code === 'layout-overflow');
    expect(found.length).toBeGreaterThanOrEqual(1);
    expect(found[0].severity).toBe('error');
    expect(found[0].file).toBe(file);
    expect(found[0].line).toBe(lineOf(`---\ntitle: 测试文章\n---\n\n${md}`, '| 项目'));
    expect(found[0].message).toMatch(/page \d+ .*below the text block's foot/);
    expect(found[0].fix).toBeTruthy();
  });
});
