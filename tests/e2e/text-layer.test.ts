// The text a reader copies is the text the editor wrote. The sample and the all-constructs
// issue are read back by three independent readers — pdf.js, MuPDF, and poppler's
// pdftotext where installed — and every unit of the source (titles, paragraphs, headings,
// list items, table cells, captions, code lines, footnotes) must be found in order and
// exactly; the tagged structure is read back too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAndRead, ROOT, SAMPLE } from '../helpers/build.js';
import { mupdfPages, pdfjsDocument, pdfjsFind, pdfjsPages, popplerPages } from '../helpers/readers.js';
import { findInOrder, readerText, sourceText, type Miss } from '../helpers/source-text.js';
import { readStructure, STANDARD } from '../helpers/structure.js';

/**
 * Footnote markers are drawn in a run of their own after their line for now; once a marker is
 * drawn in its place in the line (with a rise), set this and the units carry their markers.
 */
const MARKERS_IN_PLACE = true;

const ALL = join(ROOT, 'tests', 'fixtures', 'all-constructs');

const show = (misses: Miss[]) =>
  misses.map(
    (m) =>
      `${m.unit.at} ${m.unit.kind}${m.early ? ' (out of order)' : ''}: «${m.unit.text}» — reader has: «${m.context}»`,
  );

const poppler = (pdf: Buffer) => popplerPages(pdf);

describe.each([
  ['the sample issue', SAMPLE],
  ['the all-constructs issue', ALL],
  ['the mixed-script issue', join(ROOT, 'tests', 'fixtures', 'mixed-script')],
])('%s, copied out of the PDF', async (_, dir) => {
  const { result } = await buildAndRead(dir);
  const pdf = result.pdf;
  const source = sourceText(dir, { markers: MARKERS_IN_PLACE });
  const readers: [string, string[] | null][] = [
    ['pdf.js', await pdfjsPages(pdf)],
    ['MuPDF', mupdfPages(pdf)],
    ['poppler', poppler(pdf)],
  ];
  const titles = result.layout.issue.articles.map((a) => a.meta.title);

  it.each(readers)('%s finds every unit of the text in order, exactly as written', (name, pages) => {
    if (!pages) return console.warn(`poppler-utils (pdftotext) is not installed: ${name} not checked`);
    const text = readerText(pages, { stripMarkers: !MARKERS_IN_PLACE });
    // poppler reads a table column by column (its own layout analysis, whatever the order on
    // the page): there, each cell's lines are checked to be lines of its text, out of order
    const body = name === 'poppler' ? source.body.filter((u) => u.kind !== 'cell') : source.body;
    expect(source.body.length).toBeGreaterThan(10);
    expect(show(findInOrder(body, text))).toEqual([]);
    expect(show(findInOrder(source.notes, text))).toEqual([]);
    if (name === 'poppler') {
      const lines = text.split('\n');
      for (const cell of source.body.filter((u) => u.kind === 'cell'))
        expect(cellFrom(cell.text, lines), cell.at).toBe(cell.text);
    }
  });

  it.each(readers)('%s reads the masthead and the contents as ★ title … page', (name, pages) => {
    if (!pages) return console.warn(`poppler-utils (pdftotext) is not installed: ${name} not checked`);
    const first = readerText([pages[0]], { stripMarkers: false });
    const lines = first.split('\n').filter((l) => l.trim());
    expect(lines[0]).toBe('科技情报参考');
    expect(first).toContain('\n目录\n');
    // an entry may wrap: its lines join with nothing between them
    const entries = first
      .slice(first.indexOf('★'))
      .split('★')
      .slice(1)
      .map((e) => e.replace(/\n/g, ''));
    expect(entries.map((e) => e.replace(/…+\d+$/, ''))).toEqual(titles);
    const folios = result.layout.display.outline.map((o) => o.page + 1);
    expect(entries.map((e) => /…+(\d+)$/.exec(e)?.[1])).toEqual(folios.map(String));
  });
});

/**
 * A table cell put back together from pieces of poppler's lines — a whole line, or a run of
 * its space-separated parts (cells side by side share a line) — in the cell's order.
 */
function cellFrom(cell: string, lines: string[]): string {
  const pieces = new Set<string>();
  for (const line of lines) {
    const parts = line.split(' ');
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j <= parts.length; j++) pieces.add(parts.slice(i, j).join(' '));
  }
  let rest = cell;
  let out = '';
  while (rest) {
    const piece = [...pieces].filter((p) => p && rest.startsWith(p)).sort((a, b) => b.length - a.length)[0];
    if (!piece) return out;
    out += piece;
    rest = rest.slice(piece.length);
  }
  return out;
}

describe('the sample issue, searched and copied', async () => {
  const { result } = await buildAndRead(SAMPLE);
  const pdf = result.pdf;
  const articles = join(SAMPLE, 'articles');
  const typed = (s: string) =>
    [
      '01-zhejiang-quzhou.md',
      '02-xian-chengguo-zhuanhua.md',
      '03-meishan-chuangxin.md',
      '04-huainan-kechuang.md',
      '05-yichang-yanfa-pingtai.md',
    ]
      .map((f) => readFileSync(join(articles, f), 'utf8').split(s).length - 1)
      .reduce((a, b) => a + b, 0);

  it('finds 2022年 with pdf.js search as often as the editor typed it, and 2022 年 likewise', async () => {
    expect(typed('2022年')).toBe(5);
    expect(await pdfjsFind(pdf, '2022年')).toBe(typed('2022年'));
    expect(await pdfjsFind(pdf, '2022 年')).toBe(typed('2022 年'));
    expect(await pdfjsFind(pdf, '科技情报参考')).toBe(1);
  });

  it('copies the colophon as written: the spread name as 李涛, lines in their order', async () => {
    const pages = await pdfjsPages(pdf);
    const last = pages[pages.length - 1];
    expect(last).toContain('编辑：李涛');
    expect(last.indexOf('呼和浩特市科学技术局综合保障中心编辑')).toBeLessThan(last.indexOf('编辑：李涛'));
    expect(last.trimEnd().split('\n').pop()).toBe('—9—');
  });

  it('reads each page down to its folio, last', async () => {
    for (const pages of [await pdfjsPages(pdf), mupdfPages(pdf)]) {
      pages.slice(1).forEach((p, k) => expect(p.trim().split('\n').pop()).toBe(`—${k + 2}—`));
    }
  });
});

describe.each([
  ['the sample issue', SAMPLE],
  ['the all-constructs issue', ALL],
])('%s, tagged', async (_, dir) => {
  const { result, pdf: read } = await buildAndRead(dir);
  const s = readStructure(read.doc);
  const root = s.root!;

  it('is one Document of standard (or role-mapped) elements', () => {
    expect(root.type).toBe('Document');
    for (const e of s.all) expect(STANDARD.has(e.type), e.role).toBe(true);
    for (const [from, to] of s.roleMap) {
      expect(STANDARD.has(from), `${from} is standard and must not be mapped`).toBe(false);
      expect(STANDARD.has(to)).toBe(true);
    }
  });

  it('holds every painting operator of every page in the tree or in an Artifact', () => {
    s.pages.forEach((p, page) => {
      expect(p.loose, `page ${page + 1}`).toEqual([]);
      const inTree = new Set(s.all.flatMap((e) => e.content.filter((c) => c.page === page).map((c) => c.mcid)));
      expect(new Set(p.mcids)).toEqual(inTree);
      expect(p.mcids.length).toBe(new Set(p.mcids).size);
      // the parent tree points each MCID back at the element holding it
      const owner = new Map(
        s.all.flatMap((e) => e.content.filter((c) => c.page === page).map((c) => [c.mcid, e.num] as const)),
      );
      expect(s.parentTree.get(page)).toEqual(p.mcids.map((_, k) => owner.get(k) ?? null));
    });
    // no MCID is claimed twice
    const all = s.all.flatMap((e) => e.content.map((c) => `${c.page}:${c.mcid}`));
    expect(all.length).toBe(new Set(all).size);
  });

  it('nests headings without skipping a level, the first an H1', () => {
    const levels = s.all.filter((e) => /^H[1-6]$/.test(e.type)).map((e) => Number(e.type.slice(1)));
    expect(levels[0]).toBe(1);
    levels.forEach((l, k) => {
      if (k > 0) expect(l, `heading ${k}`).toBeLessThanOrEqual(levels[k - 1] + 1);
    });
    expect(levels.filter((l) => l === 1).length).toBeGreaterThanOrEqual(result.layout.issue.articles.length);
  });

  it('gives every figure its caption as Alt, and draws the picture inside it', () => {
    const figures = s.all.filter((e) => e.type === 'Figure');
    const images = result.layout.display.pages.flatMap((p) => p.items.filter((i) => i.kind === 'image'));
    expect(figures.length).toBe(images.length);
    for (const f of figures) {
      expect(f.alt?.trim()).toBeTruthy();
      const paints = f.content.flatMap((c) => s.pages[c.page].paintsIn.get(c.mcid) ?? []);
      expect(paints).toContain('Do');
    }
  });

  it('tags contents entries as TOCI with links, notes with IDs, lists, tables and their cells', () => {
    const toc = s.all.find((e) => e.type === 'TOC')!;
    expect(toc.kids.map((k) => k.type)).toEqual(result.layout.issue.articles.map(() => 'TOCI'));
    for (const item of toc.kids) expect(item.kids[0].type).toBe('Link');
    const notes = s.all.filter((e) => e.type === 'Note');
    const ids = notes.map((n) => n.id);
    expect(new Set(ids).size).toBe(notes.length);
    expect([...s.ids].sort()).toEqual([...(ids as string[])].sort());
    if (dir === ALL) {
      expect(notes.length).toBe(5);
      const lists = s.all.filter((e) => e.type === 'L');
      expect(lists.length).toBeGreaterThanOrEqual(3);
      for (const l of lists) for (const li of l.kids) expect(li.kids.map((k) => k.type)).toEqual(['Lbl', 'LBody']);
      const table = s.all.find((e) => e.type === 'Table')!;
      expect(table.kids.map((k) => k.type)).toEqual(['Caption', 'TR', 'TR', 'TR', 'TR', 'TR']);
      expect(table.kids[1].kids.map((k) => k.type)).toEqual(['TH', 'TH', 'TH', 'TH']);
      expect(table.kids[2].kids.map((k) => k.type)).toEqual(['TD', 'TD', 'TD', 'TD']);
      expect(s.all.some((e) => e.type === 'BlockQuote')).toBe(true);
      expect(s.all.some((e) => e.type === 'Code')).toBe(true);
    }
  });

  it('puts every link annotation in a Link element, with a description', () => {
    expect(s.links.length).toBeGreaterThanOrEqual(result.layout.issue.articles.length);
    const byNum = new Map(s.all.map((e) => [e.num, e]));
    for (const l of s.links) {
      const parent = byNum.get(s.annotParents.get(l.num) ?? -1);
      expect(parent?.type).toBe('Link');
      expect(parent!.annots).toContain(l.num);
      expect(l.contents.trim()).toBeTruthy();
    }
  });

  it('marks as Artifact only page furniture: folios, leaders, rules, a table header repeated under 续表', async () => {
    const repeated = new Set(
      result.layout.issue.articles.flatMap((a) =>
        a.blocks.flatMap((b) =>
          b.kind === 'table'
            ? b.head.map((c) =>
                c
                  .map((x) => x.text)
                  .join('')
                  .trim(),
              )
            : [],
        ),
      ),
    );
    const doc = await pdfjsDocument(result.pdf);
    const furniture: string[] = [];
    let tagged = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const ids = new Set<string>();
      const walk = (n: { type?: string; id?: string; children?: unknown[] }) => {
        if (n.type === 'content' && n.id) ids.add(n.id);
        for (const c of n.children ?? []) walk(c as typeof n);
      };
      walk(await page.getStructTree());
      const tc = await page.getTextContent({ includeMarkedContent: true });
      const stack: { tag?: string; id?: string }[] = [];
      for (const it of tc.items) {
        if ('type' in it) {
          if (it.type === 'endMarkedContent') stack.pop();
          else stack.push({ tag: (it as { tag?: string }).tag, id: it.id ?? undefined });
          continue;
        }
        if (!it.str.trim()) continue;
        const owner = [...stack].reverse().find((m) => m.tag === 'Artifact' || m.id);
        expect(owner, it.str).toBeDefined();
        if (owner!.tag === 'Artifact') furniture.push(it.str);
        else {
          expect(ids.has(owner!.id!), `${owner!.id} in the structure tree`).toBe(true);
          tagged++;
        }
      }
    }
    await doc.destroy();
    expect(tagged).toBeGreaterThan(20);
    for (const f of furniture)
      if (!repeated.has(f.trim())) expect(f.replace(/\s/g, '')).toMatch(/^(—\d+—|…+|续表\d*)$/);
  });

  it('declares its language, PDF/UA-1 and PDF/A-2a, and shows the title', () => {
    const catalog = read.doc.getTrailer().get('Root');
    expect(catalog.get('Lang').asString()).toBe('zh-CN');
    expect(catalog.get('MarkInfo').get('Marked').asBoolean()).toBe(true);
    expect(catalog.get('ViewerPreferences').get('DisplayDocTitle').asBoolean()).toBe(true);
    const xmp = catalog.get('Metadata').readStream().asString();
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    for (let i = 0; i < read.doc.countPages(); i++) {
      const page = read.doc.findPage(i);
      if (!page.get('Annots').isNull()) expect(page.get('Tabs').asName()).toBe('S');
    }
  });
});
