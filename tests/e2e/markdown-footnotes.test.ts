// Footnote markers wherever a line may break: never at the start of a line, notes always on
// their marker's page, numbered per article.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontRegistry } from '../../src/fonts/registry.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { build } from '../../src/index.js';
import { copyIssue, ROOT } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'all-constructs');
const TEXT =
  '科技创新是提高社会生产力和综合国力的战略支撑必须摆在国家发展全局的核心位置各地围绕产业链部署创新链推动科技成果在本地转化落地重点实验室和技术创新中心等平台建设取得积极进展';

describe('footnote markers at every place in a line', async () => {
  const dir = copyIssue(FIXTURE);
  const articles = join(dir, 'articles');
  const body: string[] = [];
  const notes: string[] = [];
  for (let n = 1; n <= 50; n++) {
    // the marker falls after 30 … 79 characters: across the end of the first and second lines
    body.push(`${TEXT.slice(0, 29 + n)}[^${n}]${TEXT.slice(29 + n, 90)}。`);
    notes.push(`[^${n}]: 第${n}条注释。`);
  }
  rmSync(articles, { recursive: true });
  mkdirSync(articles);
  writeFileSync(
    join(articles, '01-zhushi.md'),
    `---\ntitle: 注释测试\n---\n\n${body.join('\n\n')}\n\n${notes.join('\n')}\n`,
  );
  const result = await build(dir, { root: ROOT });
  const pdf = readPdf(result.pdf);
  const pages = pdf.pages.slice(1);

  // (the paragraphs are alike on purpose: proofreading's repeated-paragraph warnings aside)
  it('builds without warnings', () => expect(result.diagnostics.filter((d) => !d.code.startsWith('dup-'))).toEqual([]));

  it('never starts a line with a marker: one that would hangs at the end of the line before', () => {
    const markers = pages.flatMap((p) => p.chars.filter((c) => c.size < 8 && c.c.trim()));
    expect(markers).toHaveLength(50);
    for (const m of markers) expect(m.x0, m.c).toBeGreaterThan(70 + 6);
  });

  it('keeps lines justified after a marker left them', () => {
    for (const p of pages) {
      const lines = p.lines.filter((l) => l.size === 12 && l.y < p.height - 60);
      lines.forEach((l, k) => {
        const next = lines[k + 1];
        if (!next || next.left > 80) return; // a paragraph's last line
        // the line's own characters, and a marker raised above its end
        const ends = [...l.chars, ...p.chars.filter((c) => c.size < 8 && c.y < l.y && c.y > l.y - 6)]
          .filter((c) => c.c.trim())
          .map((c) => c.x1);
        expect(Math.max(...ends), l.text).toBeGreaterThan(526 - 1);
      });
    }
  });

  it("sets every note on its marker's page", () => {
    for (let n = 1; n <= 50; n++) {
      const mark = String.fromCodePoint(n <= 20 ? 0x2460 + n - 1 : n <= 35 ? 0x3251 + n - 21 : 0x32b1 + n - 36);
      const refPage = pages.findIndex((p) => p.chars.some((c) => c.c === mark && c.size < 8));
      const notePage = pages.findIndex((p) =>
        p.lines.some((l) => l.size === 9 && squash(l.text).includes(`第${n}条注释`)),
      );
      expect(refPage, `note ${n}`).toBeGreaterThanOrEqual(0);
      expect(notePage, `note ${n}`).toBe(refPage);
    }
  });
});

describe('link addresses in footnotes', async () => {
  const dir = copyIssue(FIXTURE);
  const articles = join(dir, 'articles');
  rmSync(articles, { recursive: true });
  mkdirSync(articles);
  writeFileSync(
    join(articles, '01-lianjie.md'),
    '---\ntitle: 链接测试\n---\n\n详见[科学技术部网站](https://www.most.gov.cn/)和[科技部](https://www.most.gov.cn/)的通知，原文地址 <https://www.most.gov.cn/xxgk/>，联系邮箱 <kjqb@example.cn>。\n',
  );
  const result = await build(dir, { root: ROOT });
  const pdf = readPdf(result.pdf);
  const page = pdf.pages[1];
  const notes = page.lines.filter((l) => l.size === 9).map((l) => squash(l.text));

  it('gives an address one note, however often it is linked, and none to an address printed as it is', () => {
    expect(result.diagnostics).toEqual([]);
    expect(notes).toEqual(['①https://www.most.gov.cn/']);
    const body = squash(
      page.lines
        .filter((l) => l.size === 12)
        .map((l) => l.text)
        .join(''),
    );
    expect(body).toContain('原文地址https://www.most.gov.cn/xxgk/，联系邮箱kjqb@example.cn。');
  });

  it("makes every link clickable, the note's address too", () => {
    const uris = pdf.links.filter((l) => l.page === 1).map((l) => l.uri);
    expect(uris.filter((u) => u === 'https://www.most.gov.cn/')).toHaveLength(3);
    expect(uris).toContain('https://www.most.gov.cn/xxgk/');
    expect(uris).toContain('mailto:kjqb@example.cn');
  });
});

describe('footnote markers after anything: Latin, digits, %, symbols, emoji, other markers, links', async () => {
  const dir = copyIssue(FIXTURE);
  const articles = join(dir, 'articles');
  rmSync(articles, { recursive: true });
  mkdirSync(articles);
  const cases = [
    '全市GDP[^1]增长15%[^2]，投入[^3]。',
    '气温30℃[^4]，笑了😀[^5]，结尾end.[^6]中间·[^7]甲[^8][^9]乙。',
    '一句话（括号）[^10]，引号“内容”[^11]，书名《报告》[^12]！',
    '行内注释^[这是行内注释文本]之后，链接[统计局GDP](https://stats.example.cn/a)。',
    'Latin words only[^13] and more text here[^14].',
  ];
  const defs = Array.from({ length: 14 }, (_, k) => `[^${k + 1}]: 第${k + 1}条注释文本。`);
  writeFileSync(
    join(articles, '01-zhushi.md'),
    `---\ntitle: 注释位置\n---\n\n${cases.join('\n\n')}\n\n${defs.join('\n')}\n`,
  );
  const result = await build(dir, { root: ROOT });
  const pdf = readPdf(result.pdf);
  const text = squash(
    pdf.pages
      .slice(1)
      .map((p) => p.text)
      .join(''),
  );
  // in the order a reader's tool takes the characters (not regrouped by baseline)
  const read = squash(
    pdf.pages
      .slice(1)
      .map((p) => p.chars.map((c) => c.c).join(''))
      .join(''),
  );

  it('prints the text of every note', () => {
    for (let n = 1; n <= 14; n++) expect(text, `note ${n}`).toContain(`第${n}条注释文本。`);
    expect(text).toContain('这是行内注释文本');
    expect(text).toContain('https://stats.example.cn/a');
  });

  it('reads each marker in its place in the line', () => {
    for (const s of [
      '全市GDP①增长15%②，投入③。',
      '30℃④，',
      'end.⑥中间·⑦甲⑧⑨乙。',
      '（括号）⑩，',
      '”⑪，',
      '》⑫！',
      '行内注释⑬之后',
      '统计局GDP⑭。',
      'only⑮andmore',
      'here⑯.',
    ]) {
      expect(read).toContain(s);
    }
  });

  it('numbers notes in the order their markers are read, and warns of nothing but the emoji', () => {
    const body = pdf.pages[1].lines.filter((l) => l.size === 9).map((l) => squash(l.text));
    expect(body.map((l) => l.codePointAt(0)! - 0x2460 + 1)).toEqual(Array.from({ length: 16 }, (_, k) => k + 1));
    // 😀 prints where a fallback font has it (BabelStone Han does), and is reported where none does
    const fonts = FontRegistry.load(ROOT, new Diagnostics());
    const printable = [...fonts.entries.keys()].some((r) => fonts.has(r) && !!fonts.face(r).glyph(0x1f600));
    expect(result.diagnostics.filter((d) => d.code === 'glyph-missing').map((d) => d.message)).toHaveLength(
      printable ? 0 : 1,
    );
  });

  it('raises markers above the baseline and sets them against the ink before them', () => {
    const p = pdf.pages[1];
    const line = p.lines.find((l) => l.text.includes('全市'))!;
    const marks = p.chars.filter((c) => c.size < 8 && c.y < line.y && c.y > line.y - 8);
    expect(marks.map((c) => c.c).join('')).toContain('①②③');
    const gdp = line.chars.find((c) => c.c === 'P')!;
    const one = marks.find((c) => c.c === '①')!;
    expect(one.x0 - gdp.x1).toBeLessThan(1.5);
  });
});
