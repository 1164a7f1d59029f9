// Every template option, declared once: its YAML key, kind, default, unit and one line of
// documentation. The Template type, the defaults, the validation (file:line:col errors) and
// the reference (templates/README.md, templates/default/template.yaml) are derived from here;
// a new option is one line in this file (or, for an option only a Markdown construct reads,
// in that construct's module: src/constructs/).
import type { FieldSpec, Schema } from '../source/fields.js';
import { canonicalColor } from './color.js';
import { parseLength } from './sizes.js';
import { t } from '../core/text.js';
import { CONSTRUCT_OPTIONS } from '../constructs/index.js';

import {
  choice,
  color,
  flag,
  font,
  format,
  int,
  list,
  num,
  section,
  style,
  text,
  type Opt,
  type Sections,
} from './declare.js';

export { camel, type Opt, type Section, type Unit } from './declare.js';

/** Paper sizes by name, width × height in mm (16开: the Chinese 16-mo, 185 × 260 mm). */
export const PAPER: Record<string, [number, number]> = {
  A3: [297, 420],
  A4: [210, 297],
  A5: [148, 210],
  B5: [176, 250],
  '16开': [185, 260],
};

export const MM = 72 / 25.4;

const heading = (doc: string, f: string) =>
  section(doc, {
    ...style(f, 12, 22),
    indent: num(2, 'indent', { unit: 'chars' }),
    align: choice(['left', 'center'] as const, 'left', 'left or center'),
    'space-before': int(0, 'empty grid lines above (dropped at the top of a page)', { unit: 'lines' }),
    'space-after': int(0, 'empty grid lines below', { unit: 'lines' }),
  });

const RUNNING_HEAD = ['title', 'issue', 'article'] as const;
const MASTHEAD_FIELDS = ['issue', 'publisher', 'date'] as const;

/** The pipeline's own sections; the constructs' (src/constructs/) follow them in TEMPLATE. */
const PIPELINE = {
  page: section(
    'the paper and the text block (版心): characters × lines of body type (margins derived), or the paper less its margins',
    {
      paper: choice(
        ['A4', 'A5', 'B5', '16开', 'A3', 'custom'] as const,
        'A4',
        'A4 (210 × 297 mm), A5 (148 × 210), B5 (176 × 250), 16开 (185 × 260), A3 (297 × 420), or custom: width × height',
      ),
      width: num(595.28, 'paper width, with paper: custom (giving it alone makes the paper custom)', {
        min: 1,
        unit: 'pt',
      }),
      height: num(841.89, 'paper height, with paper: custom', { min: 1, unit: 'pt' }),
      block: choice(
        ['grid', 'margins'] as const,
        'grid',
        'grid: the text block is chars × lines of body type, centred across the page with its top at top; margins: the paper less the four margins, divided into chars × lines (character pitch = its width / chars, line pitch = its height / lines)',
      ),
      top: num(80, 'grid: top of the text block, from the paper’s top edge', { unit: 'pt' }),
      chars: int(38, 'characters of body type per line (版心字数)', { min: 4, unit: 'chars' }),
      lines: int(31, 'body lines per page (版心行数)', { min: 4, unit: 'lines' }),
      'margin-top': num(80, 'margins: 天头, from the paper’s top edge to the text block', { unit: 'pt' }),
      'margin-bottom': num(80, 'margins: 地脚, from the text block to the paper’s bottom edge', { unit: 'pt' }),
      'margin-inside': num(70, 'margins: 订口, on the binding side (left on odd pages, right on even)', { unit: 'pt' }),
      'margin-outside': num(70, 'margins: 切口, on the side away from the binding', { unit: 'pt' }),
    },
  ),
  fonts: section('font roles tried for characters a style’s own font lacks', {
    fallback: list(
      ['serif', 'sans', 'hanamin-a', 'hanamin-b', 'babelstone', 'symbols'],
      'roles tried in order for a character the style’s font lacks (those not installed are passed over)',
    ),
    optional: list(
      ['kai'],
      'roles an installation may lack (licensed faces); text in them is then set in the body font',
    ),
  }),
  flow: section('how text breaks across pages', {
    orphans: int(2, 'least lines of a paragraph left at the foot of a page (孤行)', { min: 1, unit: 'lines' }),
    widows: int(2, 'least lines of a paragraph carried to the top of the next (寡行)', { min: 1, unit: 'lines' }),
    'keep-after-heading': int(2, 'a heading stays with this many lines of what follows', { min: 1, unit: 'lines' }),
    'keep-after-title': int(2, 'an article’s title and byline stay with this many lines of its text', {
      min: 1,
      unit: 'lines',
    }),
  }),
  body: section('running text', {
    ...style('serif', 12, 22),
    bold: font('sans-bold', 'font role for **bold** (黑体-style run-in leads)'),
    emphasis: font('serif-bold', 'font role for *emphasis*'),
    indent: num(2, 'first-line indent', { unit: 'chars' }),
    'han-latin': num(0.25, 'space between Chinese and Latin letters or digits', { unit: 'em' }),
    compress: flag(
      true,
      'a line may take one more character by compressing punctuation (推入, and 。” pairs set in 1.5 em); false keeps every character in a cell of its own, as a 公文 grid does, a mark falling past the line’s end hanging outside it (标点溢出边界)',
    ),
  }),
  title: section('article title', {
    ...style('serif-bold', 18, 28),
    'space-after': int(1, 'empty body lines after the title block', { unit: 'lines' }),
  }),
  byline: section('subtitle, source and author under the title', {
    ...style('sans', 10.5, 22, '#333333'),
    align: choice(['left', 'center', 'right'] as const, 'center', 'center, left or right'),
    subtitle: format('——{subtitle}', 'the front matter’s subtitle, on a line of its own', ['subtitle']),
    author: format('{author}', 'author; shares the next line with the source', ['author']),
    source: format('来源：{source}', 'source', ['source']),
    joiner: text('　　', 'between author and source'),
  }),
  heading2: heading('## 一、… section headings (set on whole grid lines)', 'sans-bold'),
  heading3: heading('### （一）… headings', 'serif-bold'),
  heading4: heading('#### 1. … headings', 'serif-bold'),
  heading5: heading('##### （1）… headings (###### is set like these)', 'serif'),
  list: section('- bullet and 1. numbered lists, two levels and more', {
    bullets: list(['●', '○'], 'bullet per level (the last one repeats for deeper levels)', true),
    'bullet-size': num(0.5, 'bullets’ size, as a fraction of the text’s (numbers are set full size)', {
      min: 0.1,
      max: 1,
      unit: 'fraction',
    }),
    indent: num(2, 'where the first level’s marker starts', { unit: 'chars' }),
    nest: num(2, 'each deeper level starts this much further in', { unit: 'chars' }),
    gap: num(0.5, 'space between the marker and the text', { unit: 'chars' }),
  }),
  code: section('``` code blocks and `inline code`: code blocks on the body grid', {
    font: font('sans'),
    size: num(12, 'type size', { min: 1, unit: 'pt' }),
    color: color('#000000'),
    indent: num(2, 'code blocks’ left indent', { unit: 'chars' }),
  }),
  'section-break': section('a Markdown rule (---): a section break one grid line tall', {
    style: choice(
      ['rule', 'mark', 'space'] as const,
      'rule',
      'rule: a short centred line; mark: the text below, centred; space: empty',
    ),
    mark: text('＊　＊　＊', 'the mark, when style is mark'),
    length: num(0.25, 'the rule’s length, as a fraction of the text width', { max: 1, unit: 'fraction' }),
    width: num(0.5, 'the rule’s thickness', { unit: 'pt' }),
  }),
  table: section('GFM pipe tables', {
    font: font('serif'),
    'header-font': font('serif-bold', 'font role of the header row'),
    size: num(10.5, 'type size', { min: 1, unit: 'pt' }),
    'min-size': num(
      9,
      'a table whose columns cannot each hold two characters (or its longest words) is set smaller, down to this size, before it warns',
      { min: 1, unit: 'pt' },
    ),
    pitch: num(16, 'baseline to baseline inside a cell (scaled with the size)', { min: 1, unit: 'pt' }),
    color: color('#000000'),
    padding: num(0.5, 'space at each side of a cell’s text, in em of table text', { unit: 'em' }),
    'row-padding': num(3, 'space above and below a row’s text', { unit: 'pt' }),
    rules: choice(
      ['three-line', 'grid'] as const,
      'three-line',
      'three-line (三线表: thick top and bottom, thin under the header) or grid',
    ),
    thick: num(1, 'width of the top and bottom rules', { unit: 'pt' }),
    thin: num(0.5, 'width of the other rules', { unit: 'pt' }),
    'cell-align': choice(
      ['auto', 'left', 'center'] as const,
      'auto',
      'columns the editor did not align: auto (centred when every cell fits on one line, else justified), left or center',
    ),
    continued: text('续表', 'printed above the header repeated on the next page ("": nothing)'),
  }),
  caption: section('表1 … above a table, 图1 … below a figure: on the body grid, like text', {
    font: font('sans'),
    size: num(12, 'type size', { min: 1, unit: 'pt' }),
    color: color('#000000'),
  }),
  figure: section('images: ![图1 caption](images/x.png), PNG or JPEG from the issue folder', {
    dpi: num(150, 'resolution assumed for files that do not record one', { min: 36, unit: 'dpi' }),
    'max-height': num(0.7, 'tallest picture, as a fraction of the text block’s height', {
      min: 0.1,
      max: 1,
      unit: 'fraction',
    }),
    gap: num(6, 'between the picture and its caption', { unit: 'pt' }),
  }),
  footnote: section('[^1] footnotes: numbered per article, at the foot of the page', {
    ...style('serif', 9, 14),
    marker: choice(
      ['circled', 'bracket'] as const,
      'circled',
      'circled (①②③) or bracket ([1] [2]), superscript in the text',
    ),
    'rule-length': num(0.25, 'the short rule above the notes, as a fraction of the text width', {
      max: 1,
      unit: 'fraction',
    }),
    'rule-width': num(0.5, 'its thickness', { unit: 'pt' }),
  }),
  links: section('[text](https://…): the text prints; the PDF link is clickable', {
    url: choice(
      ['footnote', 'after', 'none'] as const,
      'footnote',
      'footnote: the address in a footnote; after: after the text; none',
    ),
    after: format('（{url}）', 'how the address follows the text when url is after', ['url']),
  }),
  'running-head': section(
    '书眉: a line above the text block; {title}: the bulletin, {issue}: 2023年第6期, {article}: the article on the page',
    {
      odd: format('', 'on odd pages ("": none)', [], RUNNING_HEAD),
      even: format('', 'on even pages ("": none)', [], RUNNING_HEAD),
      font: font('serif'),
      size: num(9, 'type size', { min: 1, unit: 'pt' }),
      color: color('#000000'),
      baseline: num(62, 'from the page’s top edge', { unit: 'pt' }),
      'rule-width': num(0.5, 'the rule under it (0: none)', { unit: 'pt' }),
      align: choice(
        ['center', 'outside', 'inside'] as const,
        'center',
        'center; outside (odd pages right, even pages left); or inside, towards the binding',
      ),
      'on-article-start': flag(false, 'also on pages where an article begins'),
    },
  ),
  masthead: section(
    'the masthead (报头, 红头) on the first page: the title, the issue line, the publisher’s line, the red rule',
    {
      top: num(56, 'top of the masthead', { unit: 'pt' }),
      color: color('#d7000f cmyk(0,100,100,0)', 'colour of the title and the rules (红头: 0/100/100/0 in print)'),
      title: format(
        '{title}',
        'the title as printed, {title}: the bulletin’s name (issue.yaml) — e.g. "{title}文件" for a 公文 发文机关标志',
        ['title'],
      ),
      'title-font': font('serif-black'),
      'title-size': num(54, 'the bulletin’s name', { min: 1, unit: 'pt' }),
      'title-tracking': num(0.18, 'extra space between the title’s characters', { unit: 'em' }),
      'title-align': choice(
        ['center', 'left', 'right'] as const,
        'center',
        'center: on the paper; left or right: at the text block’s edge',
      ),
      'issue-line': format(
        '{issue}',
        'the issue line ("": none); {issue}: 2023年第6期（总第N期）, {publisher}, {date}: 2023年6月30日',
        [],
        MASTHEAD_FIELDS,
      ),
      'issue-font': font('serif'),
      'issue-size': num(15, 'the issue line (2023年第6期)', { min: 1, unit: 'pt' }),
      'issue-color': color('#000000'),
      'issue-align': choice(['center', 'left', 'right'] as const, 'center', 'center, left or right in the text block'),
      'issue-gap': num(2.2, 'from the title’s baseline to the issue line’s, in issue-line sizes', { unit: 'em' }),
      'unit-line': flag(
        true,
        'the publisher and date line under the issue line (false: the rule follows the issue line, as under a 公文 发文字号)',
      ),
      'unit-left': format(
        '{publisher}　编辑',
        'the publisher’s line, at the left ("": nothing); placeholders as issue-line',
        [],
        MASTHEAD_FIELDS,
      ),
      'unit-right': format('{date}', 'the same line, at the right ("": nothing)', [], MASTHEAD_FIELDS),
      'unit-font': font('serif'),
      'unit-size': num(14, 'the publisher and date line', { min: 1, unit: 'pt' }),
      'unit-color': color('#000000'),
      'unit-gap': num(
        2.4,
        'from the issue line’s baseline to the publisher’s line’s, in its sizes, then down to the next body grid line',
        { unit: 'em' },
      ),
      'rule-offset': num(
        9.52,
        'from the foot of the last line’s type (0.12 em below its baseline) to the rule (公文: 4mm under the 发文字号)',
        { unit: 'pt' },
      ),
      'rule-width': num(2.2, 'the red rule under the masthead (0: none)', { unit: 'pt' }),
      'rule-length': num(1, 'the rule’s length, as a fraction of the text block’s width (centred)', {
        min: 0.05,
        max: 1,
        unit: 'fraction',
      }),
      'rule-gap': num(1.5, 'a thin second rule this far below (0: none)', { unit: 'pt' }),
      'rule2-width': num(0.6, 'the thin second rule’s thickness', { unit: 'pt' }),
    },
  ),
  toc: section('the contents (目录) on the first page', {
    heading: text('目　录', 'the contents’ heading'),
    'heading-font': font('sans-bold'),
    'heading-size': num(16, 'the heading’s size', { min: 1, unit: 'pt' }),
    font: font('serif'),
    size: num(12, 'entries’ size', { min: 1, unit: 'pt' }),
    pitch: num(44, 'entry to entry (two body lines keep them on the grid)', { min: 1, unit: 'pt' }),
    bullet: text('★', 'before each article’s entry ("": none)'),
    leader: text('.', 'the leader between title and page number, repeated on a fixed half-em grid ("": no leaders)'),
    color: color('#000000'),
    levels: int(
      1,
      'which headings have entries: 1, the articles’ titles; 2, also their ## sections; 3, also ### — the PDF outline (bookmarks) holds the same',
      { min: 1, max: 3 },
    ),
    'sub-font': font('serif', 'font role of the sections’ entries (levels 2 and 3)'),
    'sub-bullet': text('', 'before each section’s entry ("": none)'),
    'sub-indent': num(
      2,
      'each level of sections starts this much further in than the level above; sections’ entries sit one grid line apart',
      { unit: 'chars' },
    ),
  }),
  folio: section('page numbers (页码); blank pages never carry one', {
    font: font('serif'),
    size: num(12, 'type size', { min: 1, unit: 'pt' }),
    color: color('#000000'),
    format: format(
      '— {n} —',
      'the folio, {n}: the page number, {total}: the number of pages ("第 {n} 页"); the text either side of {n} is set half an em from it',
      ['n'],
      ['n', 'total'],
    ),
    bottom: num(42, 'from the page’s bottom edge to the folio’s baseline', { unit: 'pt' }),
    position: choice(
      ['center', 'outside'] as const,
      'center',
      'center, or outside (odd pages right, even pages left, as in 公文)',
    ),
    inset: num(0, 'outside folios: this far in from the text block’s edge (公文: 1, 空一字)', { unit: 'em' }),
    cover: flag(
      false,
      'the cover pages (masthead and contents) carry folios too, page 1 first (公文: every page is numbered)',
    ),
  }),
  colophon: section('版记: at the foot of the last page, or of a page of its own when the text leaves no room', {
    font: font('serif'),
    size: num(12, 'type size', { min: 1, unit: 'pt' }),
    pitch: num(22, 'colophon lines sit on the body grid at this pitch', { min: 1, unit: 'pt' }),
    'rule-width': num(0.75, 'its rules', { unit: 'pt' }),
    position: choice(
      ['foot', 'after'] as const,
      'foot',
      'foot: at the foot of the last page (or of a page of its own when the text leaves no room); after: right after the text, a grid line below it',
    ),
    page: choice(
      ['any', 'even'] as const,
      'any',
      'at the foot: any page, or even: an even page (公文: the back of the last sheet)',
    ),
    layout: choice(
      ['bulletin', 'gongwen'] as const,
      'bulletin',
      'bulletin: the unit, then editor and phone, between two rules; gongwen (版记): editor and phone, then the unit and the date it was issued (印发), between thick rules with a thin one between',
    ),
    color: color('#000000', 'colour of its text and rules'),
    unit: format('{publisher}编辑', 'bulletin layout: the unit’s line ({publisher}: issue.yaml’s publisher)', [
      'publisher',
    ]),
    editor: format('编辑：{editor}', 'the editor (a two-character name spread to three: 李　涛)', ['editor']),
    phone: format('电话：{phone}', 'the editor’s phone', ['phone']),
    issued: format(
      '{date}印发',
      'gongwen layout: the date it was issued, at the right of the unit ({date}: 2023年6月30日)',
      ['date'],
    ),
  }),
  watermark: section(
    'drafts only (bulletin build --draft, and the preview unless --no-watermark): a mark across the middle of every page, under everything printed there',
    {
      text: text('样稿', 'the mark ("": none, even on drafts)'),
      font: font('sans-bold'),
      size: num(150, 'type size', { min: 1, unit: 'pt' }),
      color: color('#d4d4d4'),
      angle: num(45, 'degrees, counter-clockwise from the baseline', { min: -360, max: 360 }),
    },
  ),
  article: section('where articles start', {
    start: choice(
      ['new-page', 'odd-page', 'continue'] as const,
      'new-page',
      'new-page; odd-page (blank pages left carry no folio); or continue after the previous article',
    ),
    separator: choice(
      ['rule', 'mark', 'space'] as const,
      'rule',
      'continue only: rule (short centred line), mark (section-break.mark) or space',
    ),
  }),
};

/** Every section: the pipeline's, then each Markdown construct's (declared in its own module). */
export const TEMPLATE = { ...PIPELINE, ...CONSTRUCT_OPTIONS };

// A construct named like a section of the pipeline would silently replace it.
for (const k of Object.keys(CONSTRUCT_OPTIONS))
  if (k in PIPELINE) throw new Error(`template section ${k} is declared twice: by the pipeline and by a construct`);

/** The options as layout reads them: camelCase fields, plain values. */
export type TemplateOptions = Sections<typeof TEMPLATE>;

/** The declared defaults, keyed as in YAML. */
export function defaults(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(TEMPLATE).map(([k, s]) => [
      k,
      Object.fromEntries(
        Object.entries(s.options as Record<string, Opt<unknown>>).map(([o, d]) => [o, structuredClone(d.default)]),
      ),
    ]),
  );
}

/** The validation schema the YAML reader checks a template against. */
export function schema(): Schema {
  const out: Schema = {};
  for (const [k, s] of Object.entries(TEMPLATE)) {
    const fields: Schema = {};
    for (const [o, d] of Object.entries(s.options as Record<string, Opt<unknown>>)) fields[o] = fieldSpec(d);
    out[k] = { type: 'map', fields };
  }
  return out;
}

function fieldSpec(d: Opt<unknown>): FieldSpec {
  const spec: FieldSpec = {
    type: d.type,
    min: d.type === 'number' || d.type === 'integer' ? d.min : undefined,
    max: d.max,
    oneOf: d.values,
  };
  if (d.placeholders) spec.test = placeholderTest(d.placeholders.need, d.placeholders.allowed);
  if (d.nonEmpty) spec.test = nonEmptyList;
  // Wherever a size or length is, 三号 and 37mm are as good as a number of points.
  if (d.type === 'number' && d.unit === 'pt') spec.coerce = parseLength;
  // A colour may carry the CMYK the print shop is to get (--cmyk).
  if (d.type === 'color')
    spec.coerce = (text) =>
      canonicalColor(text) ?? { message: t('colour.not-a-colour', { text }), fix: t('colour.fix') };
  return spec;
}

/** A format string must hold `need` ({author}, …) and may hold only `allowed`. */
function placeholderTest(need: readonly string[], allowed: readonly string[]): FieldSpec['test'] {
  return (v) => {
    const s = String(v);
    const missing = need.filter((n) => !s.includes(`{${n}}`));
    const unknown = [...s.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((n) => !allowed.includes(n));
    if (unknown.length)
      return {
        message: t('placeholder.unknown', { name: `{${unknown[0]}}` }),
        fix: t('placeholder.unknown.fix', { allowed: allowed.map((a) => `{${a}}`).join(', ') }),
      };
    if (missing.length && s !== '')
      return {
        message: t('placeholder.missing', { text: s, name: `{${missing[0]}}` }),
        fix: t('placeholder.missing.fix', { name: `{${missing[0]}}` }),
      };
    return undefined;
  };
}

function nonEmptyList(v: unknown): ReturnType<NonNullable<FieldSpec['test']>> {
  const list = v as unknown[];
  if (!list.length || list.some((x) => typeof x !== 'string' || !x.trim()))
    return { message: t('marks.empty'), fix: t('marks.empty.fix') };
  return undefined;
}
