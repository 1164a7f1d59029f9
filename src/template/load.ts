// templates/<name>/template.yaml → Template. Every template is laid over the default one,
// so a local template names only what it changes.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, type Node } from 'yaml';
import type { Diagnostics, SourcePos } from '../source/diagnostics.js';
import { checkMapping, parseYaml, type FieldSpec, type Schema } from '../source/fields.js';
import { isProblem, readText } from '../source/read.js';
import type { HeadingStyle, Template, TextStyle } from './model.js';

const num = (min = 0, max?: number): FieldSpec => ({ type: 'number', min, max });
const int = (min = 0, max?: number): FieldSpec => ({ type: 'integer', min, max });
const str: FieldSpec = { type: 'string' };
const bool: FieldSpec = { type: 'boolean' };
const color: FieldSpec = { type: 'color' };
const oneOf = (...values: string[]): FieldSpec => ({ type: 'string', oneOf: values });
const style = (extra: Schema = {}): FieldSpec => ({
  type: 'map',
  fields: { font: str, size: num(1), pitch: num(1), color, ...extra },
});

/** A format string: must hold `need` ({author}, …), may hold only `allowed`. */
const format = (need: string[], allowed: string[] = need): FieldSpec => ({
  type: 'string',
  test: (v) => {
    const s = String(v);
    const missing = need.filter((n) => !s.includes(`{${n}}`));
    const unknown = [...s.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((n) => !allowed.includes(n));
    if (unknown.length) return { message: `{${unknown[0]}} is not a placeholder here`, fix: `use ${allowed.map((a) => `{${a}}`).join(', ')}` };
    if (missing.length && s !== '') return { message: `"${s}" lacks {${missing[0]}}`, fix: `write {${missing[0]}} where it goes, or "" for nothing` };
    return undefined;
  },
});

const stringList: FieldSpec = {
  type: 'list',
  test: (v) => {
    const list = v as unknown[];
    if (!list.length || list.some((x) => typeof x !== 'string' || !x.trim())) {
      return { message: 'must be a list of one or more marks', fix: 'write e.g. ["•", "◦"]' };
    }
    return undefined;
  },
};

const heading = style({ indent: num(), align: oneOf('left', 'center'), 'space-before': int(), 'space-after': int() });

export const TEMPLATE_SCHEMA: Schema = {
  page: { type: 'map', fields: { width: num(1), height: num(1), top: num(), chars: { type: 'integer', min: 4 }, lines: { type: 'integer', min: 4 } } },
  fonts: { type: 'map', fields: { fallback: { type: 'list' }, optional: { type: 'list' } } },
  flow: { type: 'map', fields: { orphans: int(1), widows: int(1), 'keep-after-heading': int(1), 'keep-after-title': int(1) } },
  body: style({ bold: str, emphasis: str, indent: num(), 'han-latin': num() }),
  title: style({ 'space-after': { type: 'integer', min: 0 } }),
  byline: style({
    align: oneOf('left', 'center', 'right'),
    subtitle: format(['subtitle']),
    author: format(['author']),
    source: format(['source']),
    joiner: str,
  }),
  heading2: heading,
  heading3: heading,
  heading4: heading,
  heading5: heading,
  list: { type: 'map', fields: { bullets: stringList, 'bullet-size': num(0.1, 1), indent: num(), nest: num(), gap: num() } },
  quote: { type: 'map', fields: { font: str, size: num(1), color, indent: num(), 'right-indent': num() } },
  code: { type: 'map', fields: { font: str, size: num(1), color, indent: num() } },
  'section-break': { type: 'map', fields: { style: oneOf('rule', 'mark', 'space'), mark: str, length: num(0, 1), width: num() } },
  table: {
    type: 'map',
    fields: {
      font: str,
      'header-font': str,
      size: num(1),
      pitch: num(1),
      color,
      padding: num(),
      'row-padding': num(),
      rules: oneOf('three-line', 'grid'),
      thick: num(),
      thin: num(),
      'cell-align': oneOf('auto', 'left', 'center'),
      continued: str,
    },
  },
  caption: { type: 'map', fields: { font: str, size: num(1), color } },
  figure: { type: 'map', fields: { dpi: num(36), 'max-height': num(0.1, 1), gap: num() } },
  footnote: style({ marker: oneOf('circled', 'bracket'), 'rule-length': num(0, 1), 'rule-width': num() }),
  links: { type: 'map', fields: { url: oneOf('footnote', 'after', 'none'), after: format(['url']) } },
  'running-head': {
    type: 'map',
    fields: {
      odd: format([], ['title', 'issue', 'article']),
      even: format([], ['title', 'issue', 'article']),
      font: str,
      size: num(1),
      color,
      baseline: num(),
      'rule-width': num(),
      'on-article-start': bool,
    },
  },
  masthead: {
    type: 'map',
    fields: {
      top: num(),
      color,
      'title-font': str,
      'title-size': num(1),
      'title-tracking': num(),
      'issue-font': str,
      'issue-size': num(1),
      'unit-font': str,
      'unit-size': num(1),
      'rule-width': num(),
      'rule-gap': num(),
    },
  },
  toc: {
    type: 'map',
    fields: {
      heading: str,
      'heading-font': str,
      'heading-size': num(1),
      font: str,
      size: num(1),
      pitch: num(1),
      bullet: str,
      leader: str,
      color,
    },
  },
  folio: { type: 'map', fields: { font: str, size: num(1), format: format(['n']), bottom: num(), position: oneOf('center', 'outside') } },
  colophon: { type: 'map', fields: { font: str, size: num(1), pitch: num(1), 'rule-width': num(), page: oneOf('any', 'even') } },
  article: { type: 'map', fields: { start: oneOf('new-page', 'odd-page', 'continue'), separator: oneOf('rule', 'mark', 'space') } },
};

type Raw = Record<string, Record<string, unknown>>;

function readRaw(file: string, diags: Diagnostics): Raw | null {
  const rel = relative(process.cwd(), file) || file;
  const shown = rel.startsWith('..') ? file : rel;
  const read = readText(file, shown);
  if (isProblem(read)) {
    diags.error(read.code, { file: shown, line: read.line, col: read.col }, read.message, read.fix);
    return null;
  }
  const parsed = parseYaml(read.text, shown, diags);
  if (!parsed) return null;
  if (parsed.doc.contents != null && !isMap(parsed.doc.contents)) {
    checkMapping(parsed, parsed.doc.contents as Node, TEMPLATE_SCHEMA, diags, 'template');
    return null;
  }
  return checkMapping(parsed, parsed.doc.contents, TEMPLATE_SCHEMA, diags, 'template') as Raw;
}

function overlay(base: Raw, over: Raw): Raw {
  const out: Raw = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = { ...(base[k] ?? {}), ...v };
  return out;
}

export function templateDir(root: string, name: string): string {
  return join(root, 'templates', name);
}

/** `at`: where the issue names the template, for a template that is not there. */
export function loadTemplate(root: string, name: string, diags: Diagnostics, at: SourcePos = { file: 'issue.yaml', line: 0, col: 0 }): Template | null {
  const baseFile = join(templateDir(root, 'default'), 'template.yaml');
  let raw = readRaw(baseFile, diags);
  if (!raw) return null;
  if (name !== 'default') {
    const file = join(templateDir(root, name), 'template.yaml');
    if (!existsSync(file)) {
      diags.error('template-missing', at, `template "${name}" not found (looked for ${file})`, 'create templates/' + name + '/template.yaml or remove "template:" from issue.yaml');
      return null;
    }
    const over = readRaw(file, diags);
    if (!over) return null;
    raw = overlay(raw, over);
  }
  return resolve(name, raw);
}

/** A section of the YAML with its kebab-case keys as the camelCase fields of the Template. */
function camel<T>(section: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(section).map(([k, v]) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v])) as T;
}

function resolve(name: string, r: Raw): Template {
  // Every key has a value in the default template; a local template only overrides.
  const s = (o: Record<string, unknown>): TextStyle => ({
    font: o.font as string,
    size: o.size as number,
    pitch: (o.pitch as number) ?? (o.size as number) * 1.6,
    color: (o.color as string) ?? '#000000',
  });
  const h = (o: Record<string, unknown>): HeadingStyle => ({
    ...s(o),
    indent: (o.indent as number) ?? 2,
    align: (o.align as HeadingStyle['align']) ?? 'left',
    spaceBefore: (o['space-before'] as number) ?? 0,
    spaceAfter: (o['space-after'] as number) ?? 0,
  });
  const fn = r.footnote;
  return {
    name,
    page: r.page as Template['page'],
    fonts: {
      fallback: ((r.fonts?.fallback as string[]) ?? []).map(String),
      optional: ((r.fonts?.optional as string[]) ?? []).map(String),
    },
    flow: camel(r.flow),
    body: {
      ...s(r.body),
      bold: r.body.bold as string,
      emphasis: r.body.emphasis as string,
      indent: r.body.indent as number,
      hanLatin: r.body['han-latin'] as number,
    },
    title: { ...s(r.title), spaceAfter: (r.title['space-after'] as number) ?? 1 },
    byline: {
      ...s(r.byline),
      align: r.byline.align as Template['byline']['align'],
      subtitle: r.byline.subtitle as string,
      author: r.byline.author as string,
      source: r.byline.source as string,
      joiner: r.byline.joiner as string,
    },
    headings: { 2: h(r.heading2), 3: h(r.heading3), 4: h(r.heading4), 5: h(r.heading5) },
    list: {
      bullets: (r.list.bullets as string[]).map(String),
      bulletSize: (r.list['bullet-size'] as number) ?? 1,
      indent: r.list.indent as number,
      nest: r.list.nest as number,
      gap: r.list.gap as number,
    },
    quote: camel(r.quote),
    code: camel(r.code),
    sectionBreak: camel(r['section-break']),
    table: camel(r.table),
    caption: { font: r.caption.font as string, size: r.caption.size as number, color: (r.caption.color as string) ?? '#000000' },
    figure: camel(r.figure),
    footnote: {
      ...s(fn),
      marker: fn.marker as Template['footnote']['marker'],
      ruleLength: fn['rule-length'] as number,
      ruleWidth: fn['rule-width'] as number,
    },
    links: camel(r.links),
    runningHead: camel(r['running-head']),
    masthead: camel(r.masthead),
    toc: camel(r.toc),
    folio: { ...(r.folio as Omit<Template['folio'], 'position'>), position: (r.folio.position as Template['folio']['position']) ?? 'center' },
    colophon: {
      font: r.colophon.font as string,
      size: r.colophon.size as number,
      pitch: r.colophon.pitch as number,
      ruleWidth: r.colophon['rule-width'] as number,
      page: (r.colophon.page as Template['colophon']['page']) ?? 'any',
    },
    article: {
      start: (r.article.start as Template['article']['start']) ?? 'new-page',
      separator: (r.article.separator as Template['article']['separator']) ?? 'rule',
    },
  };
}

/**
 * The template with its optional font roles (fonts.optional: kai …) that the installation
 * lacks replaced by the body font: a licensed face may be missing on a given machine.
 */
export function withInstalledFonts(t: Template, has: (role: string) => boolean): Template {
  const sub = (role: string): string => (t.fonts.optional.includes(role) && !has(role) ? t.body.font : role);
  return {
    ...t,
    quote: { ...t.quote, font: sub(t.quote.font) },
    code: { ...t.code, font: sub(t.code.font) },
    headings: Object.fromEntries(Object.entries(t.headings).map(([k, h]) => [k, { ...h, font: sub(h.font) }])),
    title: { ...t.title, font: sub(t.title.font) },
    byline: { ...t.byline, font: sub(t.byline.font) },
    caption: { ...t.caption, font: sub(t.caption.font) },
    table: { ...t.table, font: sub(t.table.font), headerFont: sub(t.table.headerFont) },
    footnote: { ...t.footnote, font: sub(t.footnote.font) },
    runningHead: { ...t.runningHead, font: sub(t.runningHead.font) },
    body: { ...t.body, bold: sub(t.body.bold), emphasis: sub(t.body.emphasis) },
    masthead: { ...t.masthead, titleFont: sub(t.masthead.titleFont), issueFont: sub(t.masthead.issueFont), unitFont: sub(t.masthead.unitFont) },
    toc: { ...t.toc, font: sub(t.toc.font), headingFont: sub(t.toc.headingFont) },
    folio: { ...t.folio, font: sub(t.folio.font) },
    colophon: { ...t.colophon, font: sub(t.colophon.font) },
  };
}

/** Font roles a template names, to check them against the font manifest. */
export function fontRoles(t: Template): string[] {
  const roles = new Set<string>([
    t.body.font,
    t.body.bold,
    t.body.emphasis,
    t.title.font,
    t.byline.font,
    ...Object.values(t.headings).map((h) => h.font),
    t.quote.font,
    t.code.font,
    t.table.font,
    t.table.headerFont,
    t.caption.font,
    t.footnote.font,
    t.runningHead.font,
    t.masthead.titleFont,
    t.masthead.issueFont,
    t.masthead.unitFont,
    t.toc.font,
    t.toc.headingFont,
    t.folio.font,
    t.colophon.font,
    ...t.fonts.fallback,
  ]);
  return [...roles];
}
