// templates/<name>/template.yaml → Template. Every template is laid over the default one,
// so a local template names only what it changes.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, type Node } from 'yaml';
import type { Diagnostics } from '../source/diagnostics.js';
import { checkMapping, parseYaml, type FieldSpec, type Schema } from '../source/fields.js';
import type { Template, TextStyle } from './model.js';

const num = (min = 0): FieldSpec => ({ type: 'number', min });
const str: FieldSpec = { type: 'string' };
const color: FieldSpec = { type: 'color' };
const style = (extra: Schema = {}): FieldSpec => ({
  type: 'map',
  fields: { font: str, size: num(1), pitch: num(1), color, ...extra },
});

export const TEMPLATE_SCHEMA: Schema = {
  page: { type: 'map', fields: { width: num(1), height: num(1), top: num(), chars: { type: 'integer', min: 4 }, lines: { type: 'integer', min: 4 } } },
  fonts: { type: 'map', fields: { fallback: { type: 'list' } } },
  body: style({ bold: str, emphasis: str, indent: num(), 'han-latin': num() }),
  title: style({ 'space-after': { type: 'integer', min: 0 } }),
  byline: style(),
  heading2: style(),
  heading3: style(),
  heading4: style(),
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
  folio: { type: 'map', fields: { font: str, size: num(1), format: str, bottom: num() } },
  colophon: { type: 'map', fields: { font: str, size: num(1), pitch: num(1), 'rule-width': num() } },
  article: { type: 'map', fields: { start: { type: 'string', oneOf: ['new-page'] } } },
};

type Raw = Record<string, Record<string, unknown>>;

function readRaw(file: string, diags: Diagnostics): Raw | null {
  const shown = relative(process.cwd(), file) || file;
  const parsed = parseYaml(readFileSync(file, 'utf8'), shown.startsWith('..') ? file : shown, diags);
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

export function loadTemplate(root: string, name: string, diags: Diagnostics): Template | null {
  const baseFile = join(templateDir(root, 'default'), 'template.yaml');
  let raw = readRaw(baseFile, diags);
  if (!raw) return null;
  if (name !== 'default') {
    const file = join(templateDir(root, name), 'template.yaml');
    if (!existsSync(file)) {
      diags.error('template-missing', { file: 'issue.yaml', line: 0, col: 0 }, `template "${name}" not found (looked for ${file})`, 'create templates/' + name + '/template.yaml or remove "template:" from issue.yaml');
      return null;
    }
    const over = readRaw(file, diags);
    if (!over) return null;
    raw = overlay(raw, over);
  }
  return resolve(name, raw);
}

function resolve(name: string, r: Raw): Template {
  const s = (o: Record<string, unknown>): TextStyle => ({
    font: o.font as string,
    size: o.size as number,
    pitch: (o.pitch as number) ?? (o.size as number) * 1.6,
    color: (o.color as string) ?? '#000000',
  });
  const m = r.masthead;
  const t = r.toc;
  return {
    name,
    page: r.page as Template['page'],
    fonts: { fallback: ((r.fonts?.fallback as string[]) ?? []).map(String) },
    body: {
      ...s(r.body),
      bold: r.body.bold as string,
      emphasis: r.body.emphasis as string,
      indent: r.body.indent as number,
      hanLatin: r.body['han-latin'] as number,
    },
    title: { ...s(r.title), spaceAfter: (r.title['space-after'] as number) ?? 1 },
    byline: s(r.byline),
    headings: { 2: s(r.heading2), 3: s(r.heading3), 4: s(r.heading4) },
    masthead: {
      top: m.top as number,
      color: m.color as string,
      titleFont: m['title-font'] as string,
      titleSize: m['title-size'] as number,
      titleTracking: m['title-tracking'] as number,
      issueFont: m['issue-font'] as string,
      issueSize: m['issue-size'] as number,
      unitFont: m['unit-font'] as string,
      unitSize: m['unit-size'] as number,
      ruleWidth: m['rule-width'] as number,
      ruleGap: m['rule-gap'] as number,
    },
    toc: {
      heading: t.heading as string,
      headingFont: t['heading-font'] as string,
      headingSize: t['heading-size'] as number,
      font: t.font as string,
      size: t.size as number,
      pitch: t.pitch as number,
      bullet: t.bullet as string,
      leader: t.leader as string,
      color: t.color as string,
    },
    folio: r.folio as Template['folio'],
    colophon: {
      font: r.colophon.font as string,
      size: r.colophon.size as number,
      pitch: r.colophon.pitch as number,
      ruleWidth: r.colophon['rule-width'] as number,
    },
    article: { start: 'new-page' },
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
