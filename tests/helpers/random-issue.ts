// Random whole issues for property tests: issue.yaml with random values, articles built from
// every Markdown construct the tool supports (deep nesting included) and random Unicode, and
// the text units each article must print — so a test can say which words went missing.
import fc from 'fast-check';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A piece of text the editor wrote that a reader must find: in the running text, or in a note. */
export interface Unit {
  text: string;
  /** A table cell's text may be read in pieces: a row split over two pages is read piece by piece. */
  where: 'body' | 'note' | 'cell';
}

export interface RandomArticle {
  /** The file name in articles/. */
  name: string;
  markdown: string;
  /** What it must print, in reading order, if it is part of the issue. */
  units: Unit[];
  /** False for files the tool must leave out (editor backups, lock files). */
  counted: boolean;
}

export interface RandomIssue {
  yaml: string;
  articles: RandomArticle[];
  /** Whether every input was generated valid (a refusal then is a failure). */
  valid: boolean;
}

const HAN = Array.from(
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研',
);
const CLOSING = Array.from('，。、；：？！）》”');
const OPENING = Array.from('（《“');
const LATIN = [
  'GDP',
  'AI',
  'COVID-19',
  'Open',
  'Source',
  'MIT',
  'iPhone',
  'x86_64',
  'Wi-Fi',
  'PM2.5',
  'CO2',
  'café',
  'Zürich',
  'Σigma',
  'Москва',
];
// Single code points the fonts may or may not have: what they lack must be reported, never dropped in silence.
const ODD = [
  '℃',
  '‰',
  '№',
  '①',
  'Ⅻ',
  '㎡',
  '·',
  '😀',
  '🙅',
  '𡈽',
  '𠀋',
  '〇',
  '々',
  '\u0007',
  '\u001b',
  '\u007f',
  '\ufffd',
  '\u00a0',
  '\u3000',
  '\u200b',
  '\u2060',
  'ｱ',
  'ㄅ',
  'あ',
  '한',
];
const ASCII = Array.from('.,;:?!()%+-=/');

const han = fc.constantFrom(...HAN);
/** One token of running text. Markdown's own signs (* _ [ ] ` < > # | \ & !) are never generated. */
const token = fc.oneof(
  { weight: 14, arbitrary: han },
  { weight: 3, arbitrary: fc.constantFrom(...CLOSING) },
  { weight: 1, arbitrary: fc.constantFrom(...OPENING) },
  { weight: 1, arbitrary: fc.constantFrom('——', '……') },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 99999 }).map(String) },
  { weight: 2, arbitrary: fc.constantFrom(...LATIN) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.constantFrom(...ASCII) },
  { weight: 1, arbitrary: fc.constantFrom(' ', ' ') },
);

/** A run of text that starts with a Chinese character (so it never reads as Markdown at a line's start). */
export const text = (max = 24) =>
  fc
    .tuple(han, fc.array(token, { minLength: 0, maxLength: max }))
    .map(([h, t]) => (h + t.join('')).replace(/\s+$/, ''));

type Inline = { md: string; units: Unit[]; notes: { md: string; units: Unit[] }[] };

const noteText = text(16);

/** A piece of a paragraph: plain, bold, emphasis, code, a link, each maybe followed by a note. */
const piece: fc.Arbitrary<Inline> = fc
  .tuple(
    text(),
    fc.constantFrom('plain', 'plain', 'plain', 'bold', 'em', 'code', 'link'),
    fc.constantFrom('none', 'none', 'ref', 'ref', 'inline', 'ref2'),
    noteText,
    noteText,
  )
  .map(([t, style, note, n1, n2]) => {
    const units: Unit[] = [{ text: t, where: 'body' }];
    let md = t;
    if (style === 'bold') md = `**${t}**`;
    else if (style === 'em') md = `*${t}*`;
    else if (style === 'code') md = `\`${t}\``;
    else if (style === 'link')
      md = `[${t}](https://example.cn/${encodeURIComponent(Array.from(t).slice(0, 3).join(''))})`;
    const notes: Inline['notes'] = [];
    if (note === 'ref' || note === 'ref2') notes.push({ md: n1, units: [{ text: n1, where: 'note' }] });
    if (note === 'ref2') notes.push({ md: n2, units: [{ text: n2, where: 'note' }] });
    if (note === 'inline') {
      md += `^[${n1}]`;
      units.push({ text: n1, where: 'note' });
    }
    return { md, units, notes };
  });

/** Joins pieces into one paragraph's Markdown; footnote references get numbers in `counter`. */
function paragraph(pieces: Inline[], counter: { n: number; defs: string[] }): { md: string; units: Unit[] } {
  let md = '';
  const units: Unit[] = [];
  for (const p of pieces) {
    // A space between pieces keeps ** and * from touching the neighbour's letters.
    md += (md ? ' ' : '') + p.md;
    for (const n of p.notes) {
      const k = ++counter.n;
      md += `[^${k}]`;
      counter.defs.push(`[^${k}]: ${n.md}`);
    }
    units.push(...p.units, ...p.notes.flatMap((n) => n.units));
  }
  return { md, units };
}

type Block = { kind: string; build: (counter: { n: number; defs: string[] }) => { md: string; units: Unit[] } };

const paraBlock: fc.Arbitrary<Block> = fc
  .array(piece, { minLength: 1, maxLength: 5 })
  .map((ps) => ({ kind: 'para', build: (c) => paragraph(ps, c) }));

const headingBlock: fc.Arbitrary<Block> = fc.tuple(fc.integer({ min: 2, max: 6 }), text(12)).map(([level, t]) => ({
  kind: 'heading',
  build: () => ({ md: `${'#'.repeat(level)} ${t}`, units: [{ text: t, where: 'body' }] }),
}));

const listBlock: fc.Arbitrary<Block> = fc
  .tuple(
    fc.boolean(),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 13 }), fc.array(piece, { minLength: 1, maxLength: 2 })), {
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map(([ordered, items]) => ({
    kind: 'list',
    build: (c) => {
      const lines: string[] = [];
      const units: Unit[] = [];
      let depth = 0;
      items.forEach(([want, ps], k) => {
        // an item may go one level deeper than the one before, or back out to any level
        depth = k === 0 ? 0 : Math.min(want, depth + 1);
        const p = paragraph(ps, c);
        const indent = ordered ? '   ' : '  ';
        lines.push(`${indent.repeat(depth)}${ordered ? '1.' : '-'} ${p.md}`);
        units.push(...p.units);
      });
      return { md: lines.join('\n'), units };
    },
  }));

const quoteBlock: fc.Arbitrary<Block> = fc
  .tuple(fc.integer({ min: 1, max: 14 }), fc.array(piece, { minLength: 1, maxLength: 3 }))
  .map(([depth, ps]) => ({
    kind: 'quote',
    build: (c) => {
      const p = paragraph(ps, c);
      return { md: `${'> '.repeat(depth)}${p.md}`, units: p.units };
    },
  }));

const tableBlock: fc.Arbitrary<Block> = fc
  .tuple(
    fc.integer({ min: 1, max: 8 }),
    fc.integer({ min: 1, max: 5 }),
    fc.array(text(10), { minLength: 48, maxLength: 48 }),
    fc.boolean(),
  )
  .map(([cols, rows, cells, caption]) => ({
    kind: 'table',
    build: () => {
      const cell = (r: number, k: number) => cells[(r * cols + k) % cells.length].replace(/\|/g, '');
      const lines = [
        `|${Array.from({ length: cols }, (_, k) => ` ${cell(0, k)} `).join('|')}|`,
        `|${' --- |'.repeat(cols)}`,
      ];
      for (let r = 1; r <= rows; r++)
        lines.push(`|${Array.from({ length: cols }, (_, k) => ` ${cell(r, k)} `).join('|')}|`);
      const units: Unit[] = [];
      for (let r = 0; r <= rows; r++) for (let k = 0; k < cols; k++) units.push({ text: cell(r, k), where: 'cell' });
      return {
        md: (caption ? `表1 ${cells[47]}\n\n` : '') + lines.join('\n'),
        units: caption ? [{ text: `表1${cells[47]}`, where: 'body' }, ...units] : units,
      };
    },
  }));

const codeBlock: fc.Arbitrary<Block> = fc.array(text(20), { minLength: 1, maxLength: 4 }).map((ls) => ({
  kind: 'code',
  build: () => ({ md: '```\n' + ls.join('\n') + '\n```', units: ls.map((t) => ({ text: t, where: 'body' as const })) }),
}));

const figureBlock: fc.Arbitrary<Block> = text(10).map((t) => ({
  kind: 'figure',
  build: () => ({ md: `![图1 ${t}](images/chart.png)`, units: [{ text: `图1${t}`, where: 'body' }] }),
}));

const ruleBlock: fc.Arbitrary<Block> = fc.constant({ kind: 'rule', build: () => ({ md: '---', units: [] }) });

const block = fc.oneof(
  { weight: 8, arbitrary: paraBlock },
  { weight: 2, arbitrary: headingBlock },
  { weight: 2, arbitrary: listBlock },
  { weight: 2, arbitrary: quoteBlock },
  { weight: 1, arbitrary: tableBlock },
  { weight: 1, arbitrary: codeBlock },
  { weight: 1, arbitrary: figureBlock },
  { weight: 1, arbitrary: ruleBlock },
);

const article = fc
  .tuple(
    text(14),
    fc.array(block, { minLength: 1, maxLength: 8 }),
    fc.constantFrom('.md', '.md', '.md', '.MD', '.Md'),
    fc.constantFrom('', '', '', 'source: 新华社\n', 'author: 张三\n', 'subtitle: 副标题\n'),
  )
  .map(([title, blocks, ext, extra]) => {
    const counter = { n: 0, defs: [] as string[] };
    const built = blocks.map((b) => b.build(counter));
    // A note's definition may sit anywhere after the paragraph; here all come at the end.
    const markdown = `---\ntitle: ${JSON.stringify(title.trim() || '标题')}\n${extra}---\n\n${built.map((b) => b.md).join('\n\n')}\n\n${counter.defs.join('\n\n')}\n`;
    return {
      ext,
      markdown,
      units: [{ text: title.trim() || '标题', where: 'body' as const }, ...built.flatMap((b) => b.units)],
    };
  });

/** issue.yaml: mostly valid; sometimes a value of the wrong kind, a key missing or misspelt. */
const issueYaml = fc
  .tuple(
    fc.constantFrom('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'number', 'year', 'missing', 'typo', 'phone', 'total'),
    fc.integer({ min: 1, max: 12 }),
    fc.oneof(
      fc.constant('1e308'),
      fc.constant('"六"'),
      fc.constant('-3'),
      fc.constant('[1, 2]'),
      fc.constant('{a: 1}'),
      fc.constant('0x10'),
      fc.constant('2.5'),
      fc.constant('~'),
    ),
  )
  .map(([kind, n, bad]) => {
    const fields: Record<string, string> = {
      title: '科技情报参考',
      year: '2023',
      number: String(n),
      date: `2023-${String(n).padStart(2, '0')}-28`,
      publisher: '呼和浩特市科学技术局综合保障中心',
      editor: '李涛',
      phone: '"4366683"',
    };
    if (kind === 'number' || kind === 'year') fields[kind] = bad;
    if (kind === 'total') fields.total = bad;
    if (kind === 'phone') fields.phone = '04714366683';
    if (kind === 'missing') delete fields.publisher;
    if (kind === 'typo') fields.titel = fields.title;
    return {
      yaml:
        Object.entries(fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n') + '\n',
      valid: kind === 'ok' || kind === 'phone' || kind === 'typo',
    };
  });

/** Files an editor's tools leave in articles/: backups and lock files are ignored; anything else is reported. */
const junk = fc.constantFrom('01-x.md~', '.#01-x.md', '._01-x.md', 'notes.txt');

export const randomIssue: fc.Arbitrary<RandomIssue> = fc
  .tuple(issueYaml, fc.array(article, { minLength: 1, maxLength: 3 }), fc.array(junk, { maxLength: 1 }))
  .map(([y, arts, junks]) => ({
    yaml: y.yaml,
    valid: y.valid && !junks.includes('notes.txt'),
    articles: [
      ...arts.map((a, k) => ({
        name: `${String(k + 1).padStart(2, '0')}-wen${k + 1}${a.ext}`,
        markdown: a.markdown,
        units: a.units,
        counted: true,
      })),
      ...junks.map((name) => ({
        name,
        markdown: '---\ntitle: 备份\n---\n\n不应印出的备份文字。\n',
        units: [],
        counted: false,
      })),
    ],
  }));

/** Writes the issue under `dir` (a fresh folder), with the picture the figures use. */
export function writeIssue(dir: string, issue: RandomIssue, picture: string): void {
  mkdirSync(join(dir, 'articles'), { recursive: true });
  mkdirSync(join(dir, 'images'), { recursive: true });
  copyFileSync(picture, join(dir, 'images', 'chart.png'));
  writeFileSync(join(dir, 'issue.yaml'), issue.yaml);
  for (const a of issue.articles) writeFileSync(join(dir, 'articles', a.name), a.markdown);
}
