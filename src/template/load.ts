// templates/<name>/template.yaml → Template. Every template is laid over the default one,
// so a local template names only what it changes.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isMap, type Node } from 'yaml';
import type { Diagnostics, SourcePos } from '../source/diagnostics.js';
import { checkMapping, parseYaml, type Schema } from '../source/fields.js';
import { isProblem, readText } from '../source/read.js';
import type { Template } from './model.js';
import { camel, defaults, schema, type TemplateOptions } from './options.js';

/** The schema every template file is checked against, derived from the declarations. */
export const TEMPLATE_SCHEMA: Schema = schema();

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
  // The declared defaults, then the default template's file (an office may edit it), then the named one.
  let raw: Raw = defaults();
  const baseFile = join(templateDir(root, 'default'), 'template.yaml');
  if (existsSync(baseFile)) {
    const base = readRaw(baseFile, diags);
    if (!base) return null;
    raw = overlay(raw, base);
  }
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

/** Every section with its kebab-case keys as camelCase fields; headings also by level. */
function resolve(name: string, r: Raw): Template {
  const sections = Object.fromEntries(
    Object.entries(r).map(([k, section]) => [camel(k), Object.fromEntries(Object.entries(section).map(([o, v]) => [camel(o), v]))]),
  ) as TemplateOptions;
  return { ...sections, name, headings: { 2: sections.heading2, 3: sections.heading3, 4: sections.heading4, 5: sections.heading5 } };
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
    watermark: { ...t.watermark, font: sub(t.watermark.font) },
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
    t.watermark.font,
    ...t.fonts.fallback,
  ]);
  return [...roles];
}
