// The alert construct built and read back from the PDF (tests/fixtures/alert): 编者按 and 注
// boxes with their labels run in, their text in the text layer without the markers, a
// footnote and a list inside one, Latin and digits, an alert inside a footnote, the box's
// rules drawn around the text; and the checker reading the issue finds nothing.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, checkIssue } from '../../src/index.js';
import { InputError } from '../../src/source/diagnostics.js';
import { buildAndRead, copyIssue, issueWith, ROOT } from '../helpers/build.js';
import { drawings, type Stroke } from '../helpers/drawing.js';
import { groupLines, readPdf, squash, type PdfLine } from '../helpers/pdf.js';
import { rootWith } from '../helpers/root.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'alert');
const PITCH = 22;

describe('alerts (> [!NOTE]) in print', async () => {
  const { result, pdf } = await buildAndRead(FIXTURE);
  const page = pdf.pages[1];
  const strokes = drawings(pdf.doc)[1].strokes;
  const body = groupLines(page.chars.filter((c) => c.size >= 10 && c.y < page.height - 60));
  const lineWith = (needle: string): PdfLine => {
    const l = body.find((x) => squash(x.text).includes(squash(needle)));
    if (!l) throw new Error(`no line with ${needle}: ${body.map((x) => x.text).join(' / ')}`);
    return l;
  };
  const text = squash(pdf.pages.map((p) => p.text).join(''));

  it('builds without a warning', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('prints the label run in before the text, never the marker', () => {
    expect(text).toContain(squash('编者按：本期起，《科技情报参考》由月刊改为半月刊'));
    expect(text).toContain(squash('注：文中数据截至2024年3月底。'));
    expect(text).not.toContain('[!');
    // Latin, digits and the list inside the box, as written.
    expect(text).toContain('GPT-4o');
    expect(text).toContain('100%');
    expect(text).toContain(squash('来稿请注明联系人与电话；'));
    expect(text).toContain('news@example.cn');
  });

  it('sets the footnote it calls at the foot of the page, and an alert inside a footnote as the note’s text', () => {
    const foot = groupLines(page.chars.filter((c) => Math.abs(c.size - 9) < 0.01))
      .map((l) => squash(l.text))
      .join('\n');
    expect(foot).toContain(squash('①每月5日、20日出版。'));
    expect(foot).toContain(squash('注释中的按语照常印出。'));
    expect(foot).not.toContain('[!');
  });

  /** The horizontal and vertical rules of the box around the lines from `first` to `last`. */
  function box(first: PdfLine, last: PdfLine) {
    const across = strokes.filter((s) => Math.abs(s.y1 - s.y2) < 0.01 && s.x2 - s.x1 > 100);
    const top = across.filter((s) => s.y1 < first.y - first.size && s.y1 > first.y - 1.5 * PITCH);
    const bottom = across.filter((s) => s.y1 > last.y && s.y1 < last.y + PITCH);
    const down = strokes.filter((s) => Math.abs(s.x1 - s.x2) < 0.01);
    return { top, bottom, down };
  }

  /** The vertical rules at x, joined: from the first one's top to the last one's foot. */
  function side(down: Stroke[], x: number): [number, number] {
    const at = down
      .filter((s) => Math.abs(s.x1 - x) < 0.01)
      .sort((a, b) => Math.min(a.y1, a.y2) - Math.min(b.y1, b.y2));
    let from = Math.min(at[0].y1, at[0].y2);
    let to = from;
    for (const s of at) {
      const [a, b] = [Math.min(s.y1, s.y2), Math.max(s.y1, s.y2)];
      if (a > to + 0.01) break; // a gap: a second box further down
      from = Math.min(from, a);
      to = Math.max(to, b);
    }
    return [from, to];
  }

  it('draws the box around the text: a rule above and below, the sides down every line, the text inside', () => {
    const first = lineWith('编者按：');
    const last = lineWith('news@example.cn');
    const inside = body.filter((l) => l.y >= first.y && l.y <= last.y);
    expect(inside.length).toBe(4);
    const { top, bottom, down } = box(first, last);
    expect(top).toHaveLength(1);
    expect(bottom).toHaveLength(1);
    const [t, b] = [top[0], bottom[0]];
    expect(b.x1).toBeCloseTo(t.x1, 3);
    expect(b.x2).toBeCloseTo(t.x2, 3);
    // The text keeps a character's width (padding: 1) from the sides, and clear of the rules.
    // (A closing mark that ends a line is set half-width: its blank half may reach past the measure.)
    for (const l of inside) {
      expect(l.left).toBeGreaterThanOrEqual(t.x1 + 12 - 0.01);
      expect(l.right).toBeLessThanOrEqual(t.x2 - 12 + (/[。，；）]$/.test(l.text) ? 6 : 0) + 0.01);
    }
    expect(first.y - first.size).toBeGreaterThan(t.y1 + 10);
    expect(last.y).toBeLessThan(b.y1 - 10);
    // The sides run unbroken from the top rule to the bottom one.
    for (const x of [t.x1, t.x2]) {
      const [from, to] = side(down, x);
      expect(from).toBeCloseTo(t.y1, 3);
      expect(to).toBeCloseTo(b.y1, 3);
    }
    // The rules are half a point wide, and the text after the box is outside it.
    expect(t.width).toBeCloseTo(0.5, 3);
    expect(lineWith('自2024年4月起').y).toBeGreaterThan(b.y1 + 10);
  });

  it('keeps every line of text on the page’s grid, the box’s too', () => {
    const grid = lineWith('自2024年4月起').y;
    for (const l of body.filter((x) => x.y > lineWith('编者按：').y - 1)) {
      const off = (((l.y - grid) % PITCH) + PITCH) % PITCH;
      expect(Math.min(off, PITCH - off), l.text).toBeLessThan(0.01);
    }
  });

  it('boxes the 注 alert too, with its own label', () => {
    const line = lineWith('注：文中数据');
    const { top, bottom } = box(line, line);
    expect(top).toHaveLength(1);
    expect(bottom).toHaveLength(1);
  });

  it('is read by the checker without a finding: the markers are not text', () => {
    const r = checkIssue(FIXTURE, { root: ROOT, archive: 0 });
    expect(r.findings.map((f) => `${f.code}@${f.line}:${f.col} ${f.message}`)).toEqual([]);
  });
});

describe('the alert’s template options', () => {
  async function buildWith(template: string) {
    const root = rootWith({ alt: template });
    const dir = copyIssue(FIXTURE);
    appendFileSync(join(dir, 'issue.yaml'), 'template: alt\n');
    const result = await build(dir, { root });
    return { result, pdf: result.pdf.length ? readPdf(result.pdf) : null };
  }

  it('sets rules above and below only (frame: rules), its own labels and size, no label when the format is empty', async () => {
    const { result, pdf } = await buildWith(
      [
        'alert:',
        '  frame: rules',
        '  note: 按语',
        '  size: 小四',
        '  rule-width: 1',
        '  label-format: "【{label}】"',
        '',
      ].join('\n'),
    );
    expect(result.diagnostics).toEqual([]);
    const page = pdf!.pages[1];
    const text = squash(page.text);
    expect(text).toContain(squash('【按语】本期起'));
    expect(text).toContain(squash('【注】文中数据'));
    const strokes = drawings(pdf!.doc)[1].strokes;
    expect(strokes.filter((s) => Math.abs(s.x1 - s.x2) < 0.01)).toEqual([]);
    const across = strokes.filter((s) => Math.abs(s.y1 - s.y2) < 0.01 && Math.abs(s.width - 1) < 0.01);
    expect(across).toHaveLength(4);
    // 小四 is 12 pt: the alert's text is set at it.
    const first = page.chars.find((c) => c.c === '本');
    expect(first?.size).toBeCloseTo(12, 3);

    const none = await buildWith(['alert:', '  label-format: ""', ''].join('\n'));
    const plain = squash(none.pdf!.pages[1].text);
    expect(plain).toContain(squash('本期起，《科技情报参考》'));
    expect(plain).not.toContain('编者按');
  });

  it('reports a value the option does not take at its file, line and column, with the values it does', async () => {
    const failed = await buildWith(['body:', '  size: 12', 'alert:', '  frame: boxes', ''].join('\n')).catch(
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(InputError);
    const d = (failed as InputError).diagnostics.find((x) => x.message.includes('boxes'));
    expect(d).toMatchObject({ severity: 'error', line: 4, col: 10 });
    expect(d!.file).toMatch(/templates[\\/]alt[\\/]template\.yaml$/);
    expect(`${d!.message} ${d!.fix}`).toContain('rules');
  });
});

describe('an alert the page breaks', async () => {
  // Paragraphs unlike each other (the duplicate check would report repeated ones).
  const words = '春夏秋冬东南西北金木水火土日月星辰山川河海风云雷电梅兰竹菊琴棋书画诗酒茶花';
  const varied = (k: number, n: number) =>
    Array.from(
      { length: n },
      (_, j) => `${words[(k * 7 + j * 3) % words.length]}${words[(k * 5 + j) % words.length]}`,
    ).join('，');
  const para = (k: number) => `第${k}段正文。${varied(k, 24)}。`;
  const note = (k: number) => `按语第${k}段。${varied(k + 11, 16)}，完。`;
  const { dir } = issueWith(
    [
      ...Array.from({ length: 7 }, (_, k) => para(k + 1)),
      ['> [!NOTE]', ...Array.from({ length: 6 }, (_, k) => `> ${note(k + 1)}`)].join('\n>\n'),
      '',
      '正文在按语之后。',
    ].join('\n\n'),
  );
  const result = await build(dir, { root: ROOT });
  const pdf = readPdf(result.pdf);
  const pages = pdf.pages.slice(1);
  const strokes = drawings(pdf.doc).slice(1);
  const bodyLines = (k: number) =>
    groupLines(pages[k].chars.filter((c) => c.size >= 10 && c.y < pages[k].height - 60 && c.y > 75));

  it('prints all of it, in order, across the pages', () => {
    expect(result.diagnostics).toEqual([]);
    const text = squash(pages.map((p) => p.text).join(''));
    let at = 0;
    for (let k = 1; k <= 6; k++) {
      const i = text.indexOf(squash(`按语第${k}段`), at);
      expect(i, `按语第${k}段`).toBeGreaterThan(at - 1);
      at = i;
    }
    expect(text.indexOf('正文在按语之后')).toBeGreaterThan(at);
  });

  it('closes the box at the foot of the page and opens it again at the top of the next', () => {
    const k = pages.findIndex((p) => squash(p.text).includes('编者按：'));
    expect(k).toBeGreaterThanOrEqual(0);
    expect(squash(pages[k + 1].text)).toContain('按语第6段');
    const across = (n: number) =>
      strokes[n].strokes.filter((s) => Math.abs(s.y1 - s.y2) < 0.01 && s.x2 - s.x1 > 300).map((s) => s.y1);
    const sides = (n: number) => strokes[n].strokes.filter((s) => Math.abs(s.x1 - s.x2) < 0.01);
    // The page the box starts on: the rule above it, and one under its last line there.
    const here = bodyLines(k);
    const first = here.find((l) => squash(l.text).includes('编者按：'))!;
    const lastHere = here[here.length - 1];
    expect(across(k).some((y) => y < first.y - first.size && y > first.y - 1.5 * PITCH)).toBe(true);
    expect(across(k).some((y) => y > lastHere.y && y < lastHere.y + PITCH)).toBe(true);
    expect(sides(k).length).toBeGreaterThan(0);
    // The next page: the rule above its first line, the sides, and the rule that ends the box.
    const there = bodyLines(k + 1);
    const top = there[0];
    const end = there.find((l) => squash(l.text).includes('完。'))!;
    const after = there.find((l) => squash(l.text).includes('正文在按语之后'))!;
    expect(across(k + 1).some((y) => y < top.y - top.size && y > top.y - 1.5 * PITCH)).toBe(true);
    expect(across(k + 1).some((y) => y > end.y && y < after.y - after.size)).toBe(true);
    expect(sides(k + 1).length).toBeGreaterThan(0);
  });
});
